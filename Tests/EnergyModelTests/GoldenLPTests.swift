import Foundation
import Testing
import LinearProgramming
@testable import EnergyModel

/// One golden CPLEX LP file per constraint family (`Fixtures/golden/<ID>.lp`), written from a tiny
/// case that exercises the family. A change to the formulation shows up as a diff here. To
/// re-record after an intended change: `BIJLI_RECORD_GOLDEN=1 swift test --filter GoldenLP`
/// (recording fails the test on purpose, so it is never left on).
@Suite struct GoldenLPTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/golden")

    /// The tiny case of each family, with the text the family leaves in the LP file.
    static func goldenCase(_ id: EquationID) -> (EnergySystem, TimeSlices, marker: String) {
        let two = Tiny.hours(2, weight: 4380)
        let demand = [Tiny.demand("r", 2030, hours: [60, 90])]
        let build = Investment(capexUSDPerKW: 800, lifetimeYears: 25, maxCapacityMW: 150)
        switch id {
        case .EB, .LINK:
            let corridor = Corridor(id: "ab", from: "a", to: "b", capacityMW: 50, reverseCapacityMW: 40, lossFraction: 0.02)
            let system = Tiny.system(regions: ["a", "b"], generators: [Tiny.thermal("ga", 100, cost: 10, region: "a"),
                                                                        Tiny.thermal("gb", 100, cost: 30, region: "b")],
                                     corridors: [corridor],
                                     demand: [Tiny.demand("a", 2030, hours: [40, 50]), Tiny.demand("b", 2030, hours: [70, 80])])
            return (system, two, id == .EB ? "EB(" : "q(ab")
        case .LINKX:
            // Expandable to 80 MW forward (30 MW committed-free), half of each MW built in reverse.
            let corridor = Corridor(id: "ab", from: "a", to: "b", capacityMW: 50, reverseCapacityMW: 40, lossFraction: 0.02,
                                    investment: Investment(capexUSDPerKW: 400, lifetimeYears: 20, maxCapacityMW: 80),
                                    fixedOMUSDPerKWYear: 2, reverseFraction: 0.5)
            let system = Tiny.system(regions: ["a", "b"], generators: [Tiny.thermal("ga", 100, cost: 10, region: "a"),
                                                                        Tiny.thermal("gb", 100, cost: 30, region: "b")],
                                     corridors: [corridor],
                                     demand: [Tiny.demand("a", 2030, hours: [40, 50]), Tiny.demand("b", 2030, hours: [70, 80])])
            return (system, two, "LINKX(")
        case .KVL:
            // A triangle of lines with different reactances (one cycle), bc usable at 70 %.
            let system = Tiny.system(regions: ["a", "b", "c"],
                                     generators: [Tiny.thermal("ga", 200, cost: 10, region: "a"), Tiny.thermal("gc", 200, cost: 50, region: "c")],
                                     corridors: [Tiny.line("ab", "a", "b", x: 0.1, mw: 100), Tiny.line("bc", "b", "c", x: 0.2, mw: 80, maxPU: 0.7),
                                                 Tiny.line("ca", "c", "a", x: 0.1, mw: 60)],
                                     demand: [Tiny.demand("a", 2030, 0), Tiny.demand("b", 2030, 0), Tiny.demand("c", 2030, hours: [120, 150])])
            return (system, two, "KVL(")
        case .CAP, .MINGEN, .BUILD:
            var plant = Generator(id: "ccgt", region: "r", technology: "ccgt", carrier: "gas", existingCapacityMW: 20,
                                  variableOMUSDPerMWh: 35, fixedOMUSDPerKWYear: 12, forcedOutageRate: 0.05,
                                  minimumGenerationFraction: 0.3, investment: build)
            plant.investment?.committedMW = [2030: 10]
            return (Tiny.system(generators: [plant], demand: demand), two, "\(id.rawValue)(")
        case .HYDRO:
            var dam = Tiny.thermal("dam", 100, cost: 0, carrier: "hydro")
            dam.hasHydroBudget = true
            let system = Tiny.system(generators: [dam, Tiny.thermal("th", 100, cost: 40)], demand: demand,
                                     hydro: [HydroBudget(generator: "dam", year: 2030, month: 1, energyMWh: 200_000)])
            return (system, two, "HYDRO(")
        case .FUEL, .FUELMIN, .IMPORT, .FXBILL, .CO2:
            let lng = Fuel(id: "rlng", imported: true, co2TonnesPerMMBtu: 0.0531, priceUSDPerMMBtu: MonthlyValues([2030: [1: 12]]),
                           supplyLimitMMBtu: id == .FUEL ? MonthlyValues([2030: [1: 2_000_000]]) : MonthlyValues(),
                           minimumOfftakeMMBtu: id == .FUELMIN ? MonthlyValues([2030: [1: 2_000_000]]) : MonthlyValues())
            let plant = Generator(id: "ccgt", region: "r", technology: "ccgt", carrier: "rlng", fuel: "rlng",
                                  existingCapacityMW: 100, heatRateMMBtuPerMWh: 7.2, variableOMUSDPerMWh: 3)
            var policies = Policies()
            if id == .IMPORT { policies.importShareCap = PolicyTarget([2030: 0.6]) }
            if id == .FXBILL { policies.fxBudgetUSD = PolicyTarget([2030: 30_000_000], penalty: 2) }
            if id == .CO2 { policies.co2CapTonnes = PolicyTarget([2030: 150_000]) }
            return (Tiny.system(generators: [plant, Tiny.thermal("coal", 100, cost: 50)], fuels: [lng], policies: policies,
                                demand: demand), two, "\(id.rawValue)(")
        case .STO:
            let battery = StorageUnit(id: "bat", region: "r", technology: "battery_4h", existingPowerMW: 10, durationHours: 4,
                                      chargeEfficiency: 0.95, dischargeEfficiency: 0.95, selfDischargePerHour: 0.001,
                                      variableOMUSDPerMWh: 1, investment: Investment(capexUSDPerKW: 1200, lifetimeYears: 15))
            return (Tiny.system(generators: [Tiny.thermal("th", 100, cost: 40)], storages: [battery], demand: demand), two, "STO(")
        case .RESERVE, .RESHARE:
            let solar = Generator(id: "pv", region: "r", technology: "pv", carrier: "solar", existingCapacityMW: 0,
                                  availabilityProfile: "sun", capacityCredit: 0.1,
                                  investment: Investment(capexUSDPerKW: 600, lifetimeYears: 25))
            var sun = [Double](repeating: 0, count: EnergySystem.hoursPerYear)
            sun[1] = 0.8
            let policies = Policies(reserveMargin: id == .RESERVE ? PolicyTarget([2030: 0.15]) : nil,
                                    renewableShare: id == .RESHARE ? PolicyTarget([2030: 0.2], penalty: 100) : nil)
            return (Tiny.system(generators: [Tiny.thermal("th", 100, cost: 40), solar], policies: policies, demand: demand,
                                profiles: ["sun": sun]), two, "\(id.rawValue)(")
        }
    }

    static func text(_ id: EquationID) throws -> String {
        let (system, time, _) = goldenCase(id)
        let lp = try EnergyLP.build(system, options: FormulationOptions(time: time, sumForm: .direct, capacityCopies: false))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("golden-\(id.rawValue)-\(UUID().uuidString).lp").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        try lp.program.write(to: file)
        return try String(contentsOfFile: file, encoding: .utf8)
    }

    /// The LP file of a variant of a family's case (`EB-tiers.lp`, `RESERVE-zones.lp`) against its
    /// golden file; `BIJLI_RECORD_GOLDEN` records it instead (and fails, as above).
    static func expectGolden(_ lp: EnergyLP, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("golden-\(UUID().uuidString)-\(name)").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        try lp.program.write(to: file)
        let actual = try String(contentsOfFile: file, encoding: .utf8)
        let golden = directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["BIJLI_RECORD_GOLDEN"] != nil {
            try actual.write(to: golden, atomically: true, encoding: .utf8)
            Issue.record("recorded \(name); unset BIJLI_RECORD_GOLDEN and run again", sourceLocation: sourceLocation)
            return
        }
        let expected = try #require(try? String(contentsOf: golden, encoding: .utf8), "missing golden file \(golden.path)", sourceLocation: sourceLocation)
        #expect(actual == expected, "the LP differs from \(name)", sourceLocation: sourceLocation)
    }

    @Test(arguments: EquationID.allCases)
    func familyMatchesItsGoldenFile(_ id: EquationID) throws {
        let actual = try Self.text(id)
        #expect(actual.contains(Self.goldenCase(id).marker), "the \(id) case does not exercise \(id)")
        let golden = Self.directory.appendingPathComponent("\(id.rawValue).lp")
        if ProcessInfo.processInfo.environment["BIJLI_RECORD_GOLDEN"] != nil {
            try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
            try actual.write(to: golden, atomically: true, encoding: .utf8)
            Issue.record("recorded \(golden.lastPathComponent); unset BIJLI_RECORD_GOLDEN and run again")
            return
        }
        let expected = try #require(try? String(contentsOf: golden, encoding: .utf8), "missing golden file \(golden.path)")
        #expect(actual == expected, "\(id): the LP differs from \(golden.lastPathComponent)")
    }

    @Test func everyFamilyHasAGoldenFile() throws {
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: Self.directory.path))
        for id in EquationID.allCases {
            #expect(files.contains("\(id.rawValue).lp"), "no golden LP file for \(id)")
        }
    }

    @Test(arguments: EquationID.allCases)
    func chainedFormHasTheSameOptimumAsTheDirectForm(_ id: EquationID) throws {
        // The sparse form (running totals, capacity copies) against the direct form, 1e-9 relative.
        let (system, time, _) = Self.goldenCase(id)
        var objectives: [Double] = []
        for (form, copies) in [(FormulationOptions.SumForm.direct, false), (.chained, true)] {
            let lp = try EnergyLP.build(system, options: FormulationOptions(time: time, sumForm: form, capacityCopies: copies))
            let result = try GLPKSolver().solve(lp.program)
            #expect(result.status == .optimal)
            objectives.append(try #require(result.objective))
        }
        #expect(close(objectives[0], objectives[1], 1e-9))
    }
}
