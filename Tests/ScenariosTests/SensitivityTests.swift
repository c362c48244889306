import EnergyModel
import Foundation
import LinearProgramming
import Scenarios
import Testing

/// `bijli sensitivity` parameters: the short form as overlays, the points of a grid and of a
/// tornado, bad parameters refused with their flag, and a sweep on a case solved by hand.
@Suite struct SensitivityTests {
    static let years = [2025, 2030, 2035]

    @Test func theShortFormIsAnOverlayPerValue() throws {
        let p = try SweepParameter.parse("fuel_price.rlng*=0.8:1.6:0.2@2030", flag: "--vary", years: Self.years)
        #expect(p.values == ["0.8", "1", "1.2", "1.4", "1.6"])
        #expect(p.numbers == [0.8, 1, 1.2, 1.4, 1.6])
        #expect(p.overlay(for: "1.4") == "{target: fuel_price, select: {fuel: [rlng], periods: [2030, 2035]}, scale: 1.4}")
        #expect(p.label == "fuel_price.rlng (2030 on) ×")
        #expect(try SweepParameter.parse("policy.renewable_share=0.3,0.4@2030-2030", flag: "--vary", years: Self.years).label == "policy.renewable_share (2030) =")

        let policy = try SweepParameter.parse("policy.renewable_share=0.3,0.4@2030-2030", flag: "--vary", years: Self.years)
        #expect(policy.overlay(for: "0.4") == "{target: policy, select: {policy: [renewable_share], periods: [2030]}, set: 0.4}")
        let add = try SweepParameter.parse("capacity.k2_k3,chashma+=-500:500", flag: "--tornado", years: Self.years)
        #expect(add.values == ["-500", "500"] && add.overlay(for: "-500") == "{target: capacity, select: {resource: [k2_k3, chashma]}, add: -500}")
        let rate = try SweepParameter.parse("exchange_rate*=1,1.5", flag: "--vary", years: Self.years)
        #expect(rate.overlay(for: "1.5") == "{target: exchange_rate, scale: 1.5}")

        let whole = try SweepParameter.parse("{target: demand, select: {region: south}, scale: $}=0.9:1.1:0.1", flag: "--vary", years: Self.years)
        #expect(whole.values == ["0.9", "1", "1.1"] && whole.overlay(for: "1.1") == "{target: demand, select: {region: south}, scale: 1.1}")
        let variants = try SweepParameter.parse("demand_variant=low,high", flag: "--vary", years: Self.years)
        #expect(variants.kind == .demandVariant && variants.numbers == nil && variants.overlay(for: "low") == nil)
    }

    @Test(arguments: [
        ("fuel_price.rlng*0.8", "no '='"),
        ("fuel_prise.rlng*=1:2", "unknown target 'fuel_prise'"),
        ("fuel_price.rlng*=1.6:0.8:0.2", "FROM ≤ TO"),
        ("fuel_price.rlng*=0.8:1.6:0", "a step above 0"),
        ("fuel_price.rlng*=a,b", "not a list of numbers"),
        ("fuel_price.rlng*=1,1", "given twice"),
        ("fuel_price.rlng*=1:2@2050", "no period of the case in '@2050'"),
        ("fuel_price.rlng*=1:2@20x", "not a period"),
        ("exchange_rate.pkr*=1:2", "exchange_rate takes no name"),
        ("capacity.k2_k3*=0:1@2030", "capacity takes no periods"),
        ("policy=0.3:0.5", "must name the policy"),
        ("fuel_price.rlng*=0:1000:1", "more than 100"),
        ("{target: demand, scale: 1}=1:2", "one '$'"),
        ("demand_variant=", "no demand variants"),
    ])
    func badParametersSayWhatIsWrongAndNameTheirFlag(_ text: String, _ message: String) {
        #expect(throws: ScenarioError.self) { try SweepParameter.parse(text, flag: "--vary", years: Self.years) }
        do {
            _ = try SweepParameter.parse(text, flag: "--vary", years: Self.years)
        } catch {
            #expect(error.description.hasPrefix("--vary '\(text)'"), "\(error)")
            #expect(error.description.contains(message), "\(error)")
            #expect(error.issues.allSatisfy { $0.suggestion != nil }, "every problem says what to do")
        }
    }

    @Test func aGridIsEveryCombinationAndATornadoEachEnd() throws {
        let a = try SweepParameter.parse("demand*=1:1.2:0.1", flag: "--vary", years: Self.years)
        let b = try SweepParameter.parse("fuel_price.gas=5,6", flag: "--vary", years: Self.years)
        let grid = Sensitivity.grid([a, b])
        #expect(grid.map(\.values) == [["1", "5"], ["1", "6"], ["1.1", "5"], ["1.1", "6"], ["1.2", "5"], ["1.2", "6"]])
        #expect(grid[3].overlays == ["{target: demand, scale: 1.1}", "{target: fuel_price, select: {fuel: [gas]}, set: 6}"])
        #expect(grid[3].origins[0] == "--vary 'demand*=1:1.2:0.1' at 1.1")
        let ends = try SweepParameter.parse("demand*=0.9:1.1", flag: "--tornado", years: Self.years)
        let tornado = Sensitivity.tornado([ends, b])
        #expect(tornado.map(\.id) == ["base", "demand × 0.9", "demand × 1.1", "fuel_price.gas = 5", "fuel_price.gas = 6"])
        #expect(tornado[0].overlays.isEmpty && tornado[2].moved == 0 && tornado[2].high == true && tornado[3].high == false)
    }

    /// The one-region case of ScenarioTests (100 MW at 10 USD/MWh, VoLL 1,000 USD/MWh, flat 80 MW,
    /// one undiscounted year): demand × f costs 8760 (10 min(80f, 100) + 1000 max(0, 80f − 100)).
    @Test func aDemandSweepMatchesTheHandSolvedCosts() throws {
        let system = ScenarioTests.system()
        let parameter = try SweepParameter.parse("demand*=1:1.5:0.25", flag: "--vary", years: [2030])
        let library = ScenarioLibrary(scenarios: [])
        let cases = try Sensitivity.grid([parameter]).map { point in
            let (withPoint, id) = try library.whatIf(base: nil, overlays: point.overlays, origins: point.origins, system: system)
            return (id: point.id, system: try withPoint.apply(try withPoint.select([id])[0], to: system).0)
        }
        let solver = GLPKSolver(options: SolverOptions(method: .primalSimplex))
        let results = try Sensitivity.solve(cases, options: FormulationOptions(time: .hourly), solver: solver, workers: 1)
        for (f, result) in zip([1.0, 1.25, 1.5], results) {
            let expected = 8760 * (10 * min(80 * f, 100) + 1000 * max(0, 80 * f - 100))
            let cost = try #require(result.objectiveUSD)
            #expect(abs(cost - expected) <= 1e-9 * expected, "f = \(f): \(cost) against \(expected)")
            #expect(abs(result.periods[0].unservedMWh - 8760 * max(0, 80 * f - 100)) < 1e-6)
        }
        // One worker: the first point cold, the others from its basis.
        #expect(results.map { $0.stages.first?.warmStarted } == [nil, true, true] || results.map { $0.stages.first?.warmStarted } == [false, true, true])
        #expect(Sensitivity.Measure(.unserved).value(of: results[2]) == 8760 * 20 / 1e3)
        // Chains of four fixed by the order: on two workers every point is solved exactly as on one
        // (the same warm starts, the same numbers), whatever thread ran first.
        let six = try Sensitivity.grid([try SweepParameter.parse("demand*=1:1.5:0.1", flag: "--vary", years: [2030])]).map { point in
            let (withPoint, id) = try library.whatIf(base: nil, overlays: point.overlays, origins: point.origins, system: system)
            return (id: point.id, system: try withPoint.apply(try withPoint.select([id])[0], to: system).0)
        }
        let one = try Sensitivity.solve(six, options: FormulationOptions(time: .hourly), solver: solver, workers: 1)
        let two = try Sensitivity.solve(six, options: FormulationOptions(time: .hourly), solver: solver, workers: 2)
        #expect(one.map { $0.stages.first?.warmStarted == true } == [false, true, true, true, false, true])
        #expect(two.map { $0.stages.first?.warmStarted == true } == one.map { $0.stages.first?.warmStarted == true })
        #expect(zip(one, two).allSatisfy { $0.periods == $1.periods && $0.objectiveUSD == $1.objectiveUSD })
        #expect(Sensitivity.Measure(parsing: "renewable_share@2030") == Sensitivity.Measure(.renewableShare, period: 2030))
        #expect(Sensitivity.Measure(parsing: "cost@2030") == nil && Sensitivity.Measure(parsing: "price") == nil)
    }
}
