import EnergyModel
import Foundation
import LinearProgramming
import Scenarios
import Testing

/// Overlays on a one-region system whose answers follow by hand: a 100 MW plant (10 USD/MWh
/// variable cost) against a flat 80 MW demand, VoLL 1,000 USD/MWh, one period, every hour.
@Suite("Scenarios")
struct ScenarioTests {
    static func system() -> EnergySystem {
        EnergySystem(
            name: "one", settings: Settings(discountRate: 0, baseYear: 2030, vollUSDPerMWh: 1000),
            periods: [Period(year: 2030, yearsRepresented: 1)], regions: [Region(id: "r")],
            generators: [Generator(id: "plant", region: "r", technology: "ccgt", carrier: "gas", existingCapacityMW: 100, variableOMUSDPerMWh: 10)],
            demand: [RegionalDemand(region: "r", year: 2030, hourlyMW: Array(repeating: 80, count: 8760))])
    }

    /// Writes scenario files into a fresh folder and reads them against the system.
    static func library(_ files: [String: String], system: EnergySystem = system()) throws -> Result<ScenarioLibrary, ScenarioError> {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bijli-scenarios-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, text) in files { try text.write(to: folder.appendingPathComponent("\(name).yaml"), atomically: true, encoding: .utf8) }
        return Result { () throws(ScenarioError) in try ScenarioLibrary.load(folder: folder, system: system) }
    }

    static func solve(_ system: EnergySystem) throws -> EnergyResults {
        let run = try Optimizer(solver: GLPKSolver()).optimize(system, options: FormulationOptions(time: .hourly), mode: .cost)
        #expect(run.result.status == .optimal)
        return EnergyResults(run, provenance: Provenance(bijliVersion: "", glpkVersion: "", inputHashes: [:], options: [:],
                                                         buildSeconds: 0, solveSeconds: 0, rows: 0, columns: 0, nonzeros: 0))
    }

    /// Solved with one step per month, weighted by its hours: exact where demand and
    /// availability are flat within each month, and far quicker than hourly.
    static func solveMonthly(_ system: EnergySystem) throws -> EnergyResults {
        let run = try Optimizer(solver: GLPKSolver()).optimize(system, options: FormulationOptions(time: RobustPlanTests.monthly), mode: .cost)
        #expect(run.result.status == .optimal)
        return EnergyResults(run, provenance: Provenance(bijliVersion: "", glpkVersion: "", inputHashes: [:], options: [:],
                                                         buildSeconds: 0, solveSeconds: 0, rows: 0, columns: 0, nonzeros: 0))
    }

    static let header = "name: test\nsource: hand-made test case\ntag: ASSUMPTION\noverlays:\n"

    @Test func factorOneGivesTheBaseProgram() throws {
        let library = try Self.library(["same": Self.header + "  - {target: availability, select: {carrier: gas}, scale: 1}\n  - {target: demand, scale: 1}\n"]).get()
        let (disrupted, _) = try library.apply(library.scenario("same")!, to: Self.system())
        let base = try EnergyLP.build(Self.system(), options: FormulationOptions(time: .hourly)).program
        let after = try EnergyLP.build(disrupted, options: FormulationOptions(time: .hourly)).program
        #expect(base == after)
    }

    @Test func januaryOutageGivesTheHandDerivedDeficit() throws {
        // Half the plant out in January: 30 MW short for 31 × 24 = 744 h → 22,320 MWh unserved.
        let library = try Self.library(["outage": Self.header + "  - target: availability\n    select: {resource: plant, months: 1}\n    scale: 0.5\n"]).get()
        let (disrupted, _) = try library.apply(library.scenario("outage")!, to: Self.system())
        let results = try Self.solve(disrupted)
        #expect(abs(results.periods[0].unservedMWh - 22_320) < 1e-3)
        #expect(abs(results.periods[0].indicators.peakShortfallMW - 30) < 1e-6)
    }

    @Test func eveningDemandSurgeAndComposition() throws {
        // +30 MW from 18:00 to 21:59 in June (30 days × 4 h = 120 h) → 10 MW short each hour = 1,200 MWh;
        // composed with a 10 % capacity loss (90 MW) → 20 MW short: 2,400 MWh.
        let library = try Self.library([
            "surge": Self.header + "  - {target: demand, select: {months: 6, hours: \"18-21\"}, add: 30}\n",
            "both": "name: both\nsource: test\ntag: ASSUMPTION\ncompose: [surge]\noverlays:\n  - {target: capacity, select: {carrier: gas}, scale: 0.9}\n",
        ]).get()
        let surge = try Self.solve(try library.apply(library.scenario("surge")!, to: Self.system()).0)
        #expect(abs(surge.periods[0].unservedMWh - 1_200) < 1e-3)
        let (both, _) = try library.apply(library.scenario("both")!, to: Self.system())
        #expect(abs(try Self.solve(both).periods[0].unservedMWh - 2_400) < 1e-3)
    }

    @Test func capacityOverlaysChangeAPlansFixedCapacities() throws {
        let library = try Self.library(["loss": Self.header + "  - {target: capacity, select: {resource: plant}, add: -50}\n"]).get()
        let (_, fixed) = try library.apply(library.scenario("loss")!, to: Self.system(), fixedCapacityMW: ["plant": [2030: 120]])
        #expect(fixed["plant", 2030] == 70)
    }

    @Test func stressMatrixAgainstTheBase() throws {
        let library = try Self.library(["outage": Self.header + "  - {target: availability, select: {resource: plant, months: 1}, set: 0.5}\n"]).get()
        let rows = try StressTest.run(system: Self.system(), plan: ["plant": [2030: 100]], library: library, scenarios: library.scenarios,
                                      options: FormulationOptions(time: .hourly), solver: GLPKSolver())
        #expect(rows.map(\.scenario) == ["base", "outage"])
        #expect((try #require(rows[0].unservedGWh)) < 1e-9)
        #expect(abs((try #require(rows[1].unservedGWh)) - 22.32) < 1e-6)
        #expect(abs((try #require(rows[1].shortageHours)) - 744) < 1e-6)
        // Δcost: 22,320 MWh at 1,000 USD instead of 10 USD/MWh.
        #expect(abs((rows[1].deltaCostUSD ?? 0) - 22_320 * 990) < 1)
        #expect(StressTest.csv(rows).hasPrefix("scenario,name,period,status,unserved_gwh,unserved_percent,delta_unserved_gwh"))
        // Where and when: all beyond the base (which sheds nothing), in region r, in January.
        #expect(rows[0].deltaUnservedGWh == 0)
        #expect(abs((try #require(rows[1].deltaUnservedGWh)) - 22.32) < 1e-6)
        #expect(abs((try #require(rows[1].unservedByRegionGWh?["r"])) - 22.32) < 1e-6)
        let months = try #require(rows[1].unservedByMonthGWh)
        #expect(months.count == 12 && abs(months[0] - 22.32) < 1e-6 && months.dropFirst().allSatisfy { abs($0) < 1e-6 })
        #expect(rows[0].unservedByMonthGWh == nil)
    }

    @Test("a disruption's main binding constraint is one the plan itself does not hit")
    func mainBindingConstraintIsTheDisruptionsOwn() throws {
        // Gas (2 USD/MMBtu) can run 50 MW on average, oil (10 USD/MMBtu) 40 MW, against 80 MW of
        // demand: the plan's gas limit binds. Gas halved: oil's limit binds too, and gas's shadow
        // price (0.1 MWh × 1,000 − 2 = 98 USD/MMBtu) is above oil's (90): the most binding is gas,
        // which the plan hits anyway; oil is what the disruption makes bind.
        let hours = [744, 672, 744, 720, 744, 720, 744, 744, 720, 744, 720, 744]
        func limit(_ mw: Double) -> MonthlyValues {
            MonthlyValues([2030: Dictionary(uniqueKeysWithValues: hours.enumerated().map { ($0.offset + 1, mw * Double($0.element) * 10) })])
        }
        var system = Self.system()
        system.fuels = [Fuel(id: "gas", imported: false, co2TonnesPerMMBtu: 0, priceUSDPerMMBtu: MonthlyValues([2030: Dictionary(uniqueKeysWithValues: (1...12).map { ($0, 2.0) })])),
                        Fuel(id: "oil", imported: true, co2TonnesPerMMBtu: 0, priceUSDPerMMBtu: MonthlyValues([2030: Dictionary(uniqueKeysWithValues: (1...12).map { ($0, 10.0) })]))]
        system.fuels[0].supplyLimitMMBtu = limit(50)
        system.fuels[1].supplyLimitMMBtu = limit(40)
        system.generators = [Generator(id: "gasplant", region: "r", technology: "ccgt", carrier: "gas", fuel: "gas", existingCapacityMW: 100, heatRateMMBtuPerMWh: 10),
                             Generator(id: "oilplant", region: "r", technology: "steam", carrier: "oil", fuel: "oil", existingCapacityMW: 100, heatRateMMBtuPerMWh: 10)]
        let library = try Self.library(["gas-cut": Self.header + "  - {target: fuel_supply, select: {fuel: gas}, scale: 0.5}\n"], system: system).get()
        let rows = try StressTest.run(system: system, plan: ["gasplant": [2030: 100], "oilplant": [2030: 100]], library: library,
                                      scenarios: library.scenarios, options: FormulationOptions(time: .hourly), solver: GLPKSolver())
        #expect(rows[0].mainBindingConstraint.contains("gas"))
        #expect(rows[1].mainBindingConstraint.contains("oil"), "\(rows[1].mainBindingConstraint)")
        // 15 MW short all year, all of it beyond the plan's own.
        #expect(abs((try #require(rows[1].deltaUnservedGWh)) - 15 * 8.76) < 1e-6)
    }

    @Test func nMinusOneTakesOutEachLargeResource() throws {
        let library = try Self.library(["outage": Self.header + "  - {target: availability, select: {resource: plant, months: 1}, set: 0.5}\n"]).get()
        let sweep = StressTest.nMinusOne(Self.system(), minimumMW: 50)
        #expect(sweep.map(\.id) == ["n-1:plant"])
        #expect(StressTest.nMinusOne(Self.system(), minimumMW: 101).isEmpty)
        let rows = try StressTest.run(system: Self.system(), plan: ["plant": [2030: 100]], library: library, scenarios: library.scenarios + sweep,
                                      options: FormulationOptions(time: .hourly), solver: GLPKSolver(), workers: 2)
        #expect(rows.map(\.scenario) == ["base", "outage", "n-1:plant"])
        #expect(abs((try #require(rows[2].unservedGWh)) - 80 * 8.760) < 1e-6)
        // Two workers give the same matrix as one.
        let sequential = try StressTest.run(system: Self.system(), plan: ["plant": [2030: 100]], library: library, scenarios: library.scenarios + sweep,
                                            options: FormulationOptions(time: .hourly), solver: GLPKSolver(), workers: 1)
        #expect(rows == sequential)
    }

    @Test func badOverlaysAreListedWithTheirPlace() throws {
        guard case .failure(let error) = try Self.library(["bad": Self.header + """
              - target: availabilty
                scale: 0.5
              - target: availability
                select: {carrier: gass, months: 13}
                scale: -1
              - target: fuel_price
                select: {fuel: gas}
                scale: 2
                set: 3
              - target: demand
                select: {region: r, periods: 2031}
                scale: 2
            """]) else { Issue.record("accepted"); return }
        let text = error.description
        #expect(text.contains("bad.yaml:5:13: unknown target 'availabilty'; did you mean 'availability'?"))
        #expect(text.contains("unknown carrier 'gass'; did you mean 'gas'?"))
        #expect(text.contains("'months' must be within 1–12, found '13'"))
        #expect(text.contains("a scale factor must not be negative"))
        #expect(text.contains("the overlay has 2 operations (scale, set)"))
        #expect(text.contains("2031 is not a period"))
    }

    @Test func anOverlayThatSelectsNothingIsAnError() throws {
        let library = try Self.library(["none": Self.header + "  - {target: hydro_budget, scale: 0.5}\n"]).get()
        guard case .failure(let error) = Result(catching: { () throws(ScenarioError) in try library.apply(library.scenario("none")!, to: Self.system()) })
        else { Issue.record("applied"); return }
        #expect(error.description.contains("none.yaml:5:5: this hydro_budget overlay selects nothing"))
    }

    @Test func unknownAndCyclicCompositions() throws {
        guard case .failure(let error) = try Self.library([
            "a": "name: a\nsource: t\ntag: ASSUMPTION\ncompose: [b]\n", "b": "name: b\nsource: t\ntag: ASSUMPTION\ncompose: [a, c]\n",
        ]) else { Issue.record("accepted"); return }
        #expect(error.description.contains("composes unknown scenario 'c'"))
        #expect(error.description.contains("scenario 'a' composes itself"))
    }
}

/// Scenario sets: members, probabilities, checks.
@Suite("Scenario sets")
struct ScenarioSetTests {
    static func read(_ text: String) throws -> Result<ScenarioSet, ScenarioError> {
        let library = try ScenarioTests.library(["outage": ScenarioTests.header + "  - {target: availability, select: {resource: plant}, scale: 0.5}\n"]).get()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bijli-set-\(UUID().uuidString).yaml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        return Result { () throws(ScenarioError) in try ScenarioSet.read(url, library: library) }
    }

    @Test func aSetIsRead() throws {
        let set = try Self.read("name: s\nsource: t\ntag: ASSUMPTION\nbase_probability: 0.7\nmembers:\n  - {scenario: outage, probability: 0.3}\n").get()
        #expect(set.baseProbability == 0.7 && set.members.map(\.scenario) == ["outage"] && set.members[0].probability == 0.3)
    }

    @Test func badSetsAreListed() throws {
        guard case .failure(let error) = try Self.read("""
            name: s
            source: t
            tag: ASSUMPTION
            base_probability: 0.5
            members:
              - {scenario: outag, probability: 0.3}
              - {scenario: outage, probability: 1.2}
            """) else { Issue.record("accepted"); return }
        #expect(error.description.contains("unknown scenario 'outag'; did you mean 'outage'?"))
        #expect(error.description.contains("a probability must be in [0, 1], found 1.2"))
        #expect(error.description.contains("the probabilities sum to 2.0, not 1"))
    }
}

/// A disruption that no dispatch can meet stays in the stress matrix as an empty line with its
/// status, and a plan without periods is refused before anything is solved (issue 19).
@Suite("Stress: unsolved cases")
struct StressUnsolvedTests {
    /// The one-region system with the plant bound to run at half its capacity or more.
    static func mustRunSystem() -> EnergySystem {
        var system = ScenarioTests.system()
        system.generators[0].minimumGenerationFraction = 0.5
        return system
    }

    @Test func infeasibleDisruptionKeepsItsLine() throws {
        // Demand halved to 40 MW against 50 MW of must-run generation: no dispatch balances.
        let library = try ScenarioTests.library(["slump": ScenarioTests.header + "  - {target: demand, scale: 0.5}\n"],
                                                system: Self.mustRunSystem()).get()
        let rows = try StressTest.run(system: Self.mustRunSystem(), plan: ["plant": [2030: 100]], library: library,
                                      scenarios: library.scenarios, options: FormulationOptions(time: .hourly), solver: GLPKSolver())
        #expect(rows.map(\.scenario) == ["base", "slump"])
        #expect(rows[0].status == .optimal && rows[0].unservedGWh != nil)
        #expect(!rows[1].status.isOptimal)
        #expect(rows[1].period == 2030)
        #expect(rows[1].unservedGWh == nil && rows[1].deltaCostUSD == nil && rows[1].renewableShare == nil)
        let csv = StressTest.csv(rows)
        #expect(csv.contains("\nslump,test,2030,\(rows[1].status.rawValue),,,,,,,,,\n"))
        let json = String(decoding: try JSONEncoder().encode(rows[1]), as: UTF8.self)
        #expect(json.contains("\"unserved_gwh\":null"))
        let back = try JSONDecoder().decode(StressTest.Row.self, from: Data(json.utf8))
        #expect(back == rows[1])
    }

    @Test func planWithoutPeriodsIsRefused() throws {
        let library = try ScenarioTests.library(["same": ScenarioTests.header + "  - {target: demand, scale: 1}\n"]).get()
        #expect(throws: ScenarioError.self) {
            _ = try StressTest.run(system: ScenarioTests.system(), plan: CapacityPlan(), library: library, scenarios: [],
                                   options: FormulationOptions(time: .hourly, periodYears: []), solver: GLPKSolver())
        }
        #expect(throws: ScenarioError.self) {
            _ = try StressTest.run(system: ScenarioTests.system(), plan: CapacityPlan(), library: library, scenarios: [],
                                   options: FormulationOptions(time: .hourly), solver: GLPKSolver())
        }
    }
}
