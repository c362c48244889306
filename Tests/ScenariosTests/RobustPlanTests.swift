import Decomposition
import EnergyModel
import Foundation
import Synchronization
import LinearProgramming
import Scenarios
import Testing

/// The two-stage robust plan on a case solved by hand: a 100 MW plant (10 USD/MWh) against a
/// flat 100 MW demand; a peaker can be built for 876,000 USD/MW-year (capex 876 USD/kW, life 1
/// year, no discounting) and runs at 50 USD/MWh; VoLL 1,000 USD/MWh. The disruption halves the
/// plant's availability all year. Each MW of peaker saves (1000 − 50) · 8760 = 8,322,000 USD in
/// the disruption.
@Suite("Robust plans")
struct RobustPlanTests {
    static func system() -> EnergySystem {
        EnergySystem(
            name: "robust", settings: Settings(discountRate: 0, baseYear: 2030, vollUSDPerMWh: 1000),
            periods: [Period(year: 2030, yearsRepresented: 1)], regions: [Region(id: "r")],
            generators: [
                Generator(id: "plant", region: "r", technology: "ccgt", carrier: "gas", existingCapacityMW: 100, variableOMUSDPerMWh: 10),
                Generator(id: "peaker", region: "r", technology: "ocgt", carrier: "hsd", existingCapacityMW: 0, variableOMUSDPerMWh: 50,
                          investment: Investment(capexUSDPerKW: 876, lifetimeYears: 1)),
            ],
            demand: [RegionalDemand(region: "r", year: 2030, hourlyMW: Array(repeating: 100, count: 8760))])
    }

    /// One step per month, weighted by its hours (exact here: demand and availability are flat).
    static let monthly: TimeSlices = {
        var hour = 0
        var steps: [TimeStep] = []
        for (m, days) in TimeSlices.daysPerMonth.enumerated() {
            steps.append(TimeStep(hour: hour, weight: Double(24 * days), month: m + 1))
            hour += 24 * days
        }
        return TimeSlices(steps: steps, blocks: [0..<12])
    }()

    static func solve(_ risk: RobustPlan.Risk, workers: Int = 1, decomposed: Bool = false,
                      progress: @Sendable (String) -> Void = { _ in }) throws -> RobustPlan.Report {
        let library = try ScenarioTests.library(["outage": ScenarioTests.header + "  - {target: availability, select: {resource: plant}, scale: 0.5}\n"],
                                                system: system()).get()
        let members = [RobustPlan.Member(scenario: nil, probability: 0.5), RobustPlan.Member(scenario: library.scenario("outage"), probability: 0.5)]
        let benders: (([EnergyLP], [Int], Int) throws -> any ProgramSolver)? = !decomposed ? nil : { lps, offsets, columns in
            let blocks = try RobustPlan.stackedBlocks(lps, ids: ["base", "outage"], offsets: offsets, columnCount: columns)
            #expect(blocks.blockNames == ["base/2030", "outage/2030"])
            return BlockedBendersSolver(blocks: blocks, options: BendersOptions(gap: 1e-7))
        }
        return try RobustPlan.solve(system: system(), library: library, members: members, risk: risk,
                                    options: FormulationOptions(time: monthly), solver: GLPKSolver(), stackedSolver: benders,
                                    workers: workers, progress: progress)
    }

    static func close(_ a: Double, _ b: Double, _ relative: Double = 1e-6) -> Bool { abs(a - b) <= relative * max(1, abs(b)) }

    @Test func expectedCostEVPIAndVSS() throws {
        let report = try Self.solve(.expected)
        #expect(Self.close(report.robustBuildsMW["peaker", 2030] ?? -1, 50))
        #expect(Self.close(report.basePlanBuildsMW["peaker", 2030] ?? -1, 0, 1e-4))
        #expect(Self.close(report.perfectInformationCostUSD[0], 8_760_000))
        #expect(Self.close(report.perfectInformationCostUSD[1], 70_080_000))
        #expect(Self.close(report.robustCostUSD[0], 52_560_000) && Self.close(report.robustCostUSD[1], 70_080_000))
        #expect(Self.close(report.basePlanCostUSD[1] ?? 0, 442_380_000))
        #expect(Self.close(report.robustExpectedCostUSD, 61_320_000))
        #expect(Self.close(report.evpiUSD, 21_900_000))
        #expect(Self.close(report.vssUSD ?? 0, 225_570_000 - 61_320_000))
        #expect(Self.close(report.robustCapacityMW["peaker", 2030] ?? -1, 50))
        #expect(Self.close(report.basePlanRegretUSD[1] ?? 0, 442_380_000 - 70_080_000))
    }

    /// A corridor build (LINKX) is a first-stage decision like a plant's: one build for every member.
    /// A 300 MW plant at 10 USD/MWh in s serves r (demand 100 MW, doubled in the disruption) over a
    /// 100 MW corridor expandable at 876,000 USD/MW-year; each MW added saves (1000 − 10) · 8760 =
    /// 8,672,400 USD in the disruption, so at probability 0.5 the robust plan adds 100 MW.
    @Test func corridorBuildsAreFirstStage() throws {
        let system = EnergySystem(
            name: "robust-link", settings: Settings(discountRate: 0, baseYear: 2030, vollUSDPerMWh: 1000),
            periods: [Period(year: 2030, yearsRepresented: 1)], regions: [Region(id: "r"), Region(id: "s")],
            corridors: [Corridor(id: "link", from: "s", to: "r", capacityMW: 100, investment: Investment(capexUSDPerKW: 876, lifetimeYears: 1))],
            generators: [Generator(id: "plant", region: "s", technology: "ccgt", carrier: "gas", existingCapacityMW: 300, variableOMUSDPerMWh: 10)],
            demand: [RegionalDemand(region: "r", year: 2030, hourlyMW: Array(repeating: 100, count: 8760)),
                     RegionalDemand(region: "s", year: 2030, hourlyMW: Array(repeating: 0, count: 8760))])
        let library = try ScenarioTests.library(["surge": ScenarioTests.header + "  - {target: demand, select: {region: r}, scale: 2}\n"],
                                                system: system).get()
        let members = [RobustPlan.Member(scenario: nil, probability: 0.5), RobustPlan.Member(scenario: library.scenario("surge"), probability: 0.5)]
        let report = try RobustPlan.solve(system: system, library: library, members: members, risk: .expected,
                                          options: FormulationOptions(time: Self.monthly), solver: GLPKSolver())
        #expect(Self.close(report.robustBuildsMW["link", 2030] ?? -1, 100))
        #expect(Self.close(report.robustCapacityMW["link", 2030] ?? -1, 200))
        #expect(Self.close(report.basePlanBuildsMW["link", 2030] ?? -1, 0, 1e-4))
        let baseCost: Double = 100 * 8760 * 10 + 100 * 876_000
        #expect(Self.close(report.robustCostUSD[0], baseCost))
    }

    /// The independent solves (perfect-information plans, the base plan under each disruption) run
    /// on several threads with the same report as on one, each announced once.
    @Test func independentSolvesOnSeveralWorkersGiveTheSameReport() throws {
        let lines = Mutex<[String]>([])
        let parallel = try Self.solve(.regret, workers: 3) { line in lines.withLock { $0.append(line) } }
        let serial = try Self.solve(.regret, workers: 1)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(try encoder.encode(parallel) == encoder.encode(serial))
        let said = lines.withLock { $0 }
        #expect(said.filter { $0.hasPrefix("perfect-information plan for ") }.count == 2)
        #expect(said.contains("the base plan under 'outage' solved (1/1)"))
        #expect(said.last?.hasPrefix("the two-stage program: ") == true)
    }

    /// The expected-cost program decomposed by member (and period: one here), each member's
    /// dispatch a subproblem and the shared builds in the master, reaches the hand-derived plan.
    @Test func theExpectedCostDecomposedByMemberGivesTheSamePlan() throws {
        let report = try Self.solve(.expected, decomposed: true)
        #expect(Self.close(report.robustBuildsMW["peaker", 2030] ?? -1, 50, 1e-5))
        #expect(Self.close(report.robustExpectedCostUSD, 61_320_000, 1e-6))
        #expect(Self.close(report.robustCostUSD[1], 70_080_000, 1e-6))
    }

    /// CVaR and regret sum each member's cost over its periods: no decomposition by block.
    @Test func riskMeasuresOtherThanTheExpectedCostAreNotDecomposed() throws {
        for risk in [RobustPlan.Risk.cvar(alpha: 0.5), .regret] {
            #expect(throws: RobustPlan.DecompositionRefusal.self) { try Self.solve(risk, decomposed: true) }
        }
    }

    @Test func minimaxRegret() throws {
        // Regret 876,000·y in the base case and 7,446,000·(50 − y) in the disruption: equal at y = 44.7368 MW.
        let report = try Self.solve(.regret)
        let y = 50.0 * 7_446_000 / (876_000 + 7_446_000)
        #expect(Self.close(report.robustBuildsMW["peaker", 2030] ?? -1, y, 1e-5))
        #expect(Self.close(report.robustRegretUSD.max() ?? 0, 876_000 * y, 1e-5))
    }

    @Test func cvarOfTheWorstHalfIsTheDisruption() throws {
        let report = try Self.solve(.cvar(alpha: 0.5))
        #expect(Self.close(report.robustBuildsMW["peaker", 2030] ?? -1, 50, 1e-5))
        #expect(Self.close(report.robustCostUSD[1], 70_080_000, 1e-6))
    }

    @Test func riskParsing() {
        #expect(RobustPlan.Risk.parse("cvar:0.9") == .cvar(alpha: 0.9))
        #expect(RobustPlan.Risk.parse("cvar:1") == nil && RobustPlan.Risk.parse("worst") == nil)
    }
}
