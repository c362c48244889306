import Testing
import LinearProgramming
@testable import EnergyModel

/// Each objective mode on a case with a known answer (tolerance 1e-6 relative: up to three
/// chained solves, each exact to rounding).
@Suite struct ObjectiveModeTests {
    /// Coal 1000 MW at 10, solar 1000 MW at `solarCost`, available 50 %; demand 100 MW all year.
    func coalAndSolar(solarCost: Double = 20) -> EnergySystem {
        let solar = Generator(id: "pv", region: "r", technology: "pv", carrier: "solar", existingCapacityMW: 1000,
                              variableOMUSDPerMWh: solarCost, availabilityProfile: "sun")
        return Tiny.system(generators: [Tiny.thermal("coal", 1000, cost: 10), solar], demand: [Tiny.demand("r", 2030, 100)],
                           profiles: ["sun": [Double](repeating: 0.5, count: EnergySystem.hoursPerYear)])
    }

    let options = FormulationOptions(time: Tiny.oneStep)

    func share(_ run: Optimization) throws -> Double {
        EnergyMeasures(run.lp, try #require(run.result.solution)).renewableShare
    }

    @Test func costModeIsTheCheapestDispatch() throws {
        let run = try Optimizer().optimize(coalAndSolar(), options: options, mode: .cost)
        #expect(close(try #require(run.costUSD), 8760 * 1000, 1e-6))
        #expect(close(try share(run), 0))
    }

    @Test func deficitModeServesLoadThatCostModeSheds() throws {
        // VoLL 50 < the peaker's 100 USD/MWh: cost mode sheds the 20 MW above coal's 80 MW;
        // deficit mode serves it (U* = 0) and then minimises cost: 80·10 + 20·100 per hour.
        let system = Tiny.system(generators: [Tiny.thermal("coal", 80, cost: 10), Tiny.thermal("peaker", 50, cost: 100)],
                                 demand: [Tiny.demand("r", 2030, 100)], voll: 50)
        let cheap = try Optimizer().optimize(system, options: options, mode: .cost)
        #expect(close(try #require(cheap.costUSD), 8760 * (800 + 20 * 50), 1e-6))
        let secure = try Optimizer().optimize(system, options: options, mode: .deficit(relativeSlack: 1e-6, absoluteSlackMWh: 1e-3))
        #expect(secure.stages.count == 2)
        #expect(close(try #require(secure.costUSD), 8760 * (800 + 2000), 1e-6))
        #expect(EnergyMeasures(secure.lp, try #require(secure.result.solution)).unservedMWh < 1e-2)
    }

    @Test func renewablesModeSpendsTheBudgetOnSolar() throws {
        // cost* = 1000 per hour (all coal). With a 10 % budget slack, cost = 1000 + 1000·s ≤ 1100
        // gives a solar share s = 0.1.
        let run = try Optimizer().optimize(coalAndSolar(), options: options, mode: .renewables(budgetSlack: 0.1))
        #expect(run.stages.count == 3)
        #expect(close(try share(run), 0.1, 1e-6))
        #expect(close(try #require(run.costUSD), 8760 * 1100, 1e-6))
    }

    @Test func weightedModeFlipsWithTheRenewableWeight() throws {
        // Per MWh, solar costs α·10/cost_ref more than coal and earns γ/RE_ref; cost_ref =
        // 8760·1000 and RE_ref = 876,000 MWh, so solar wins exactly when γ > α.
        let heavy = try Optimizer().optimize(coalAndSolar(), options: options, mode: .weighted(cost: 1, deficit: 1, renewables: 2))
        #expect(close(try share(heavy), 1))
        let light = try Optimizer().optimize(coalAndSolar(), options: options, mode: .weighted(cost: 1, deficit: 1, renewables: 0.5))
        #expect(close(try share(light), 0))
    }

    @Test func paretoSweepTracesTheFrontier() throws {
        // Cost per hour at share θ: 1000 + 1000·θ; no point dominates another.
        let run = try Optimizer().optimize(coalAndSolar(), options: options, mode: .pareto(renewableTargets: [0, 0.25, 0.5]))
        #expect(run.frontier.count == 3)
        for point in run.frontier {
            #expect(point.status == .optimal)
            #expect(close(try #require(point.costUSD), 8760 * (1000 + 1000 * point.target), 1e-6))
            #expect(close(try #require(point.renewableShare), point.target, 1e-6))
            #expect(!point.dominated)
        }
    }

    @Test func dominatedPointsAreFlagged() {
        let points = [
            ParetoPoint(target: 0, status: .optimal, costUSD: 10, unservedMWh: 0, renewableShare: 0.2),
            ParetoPoint(target: 0.1, status: .optimal, costUSD: 12, unservedMWh: 0, renewableShare: 0.2),  // dearer, no better
            ParetoPoint(target: 0.3, status: .optimal, costUSD: 15, unservedMWh: 0, renewableShare: 0.3),
            ParetoPoint(target: 0.9, status: .infeasible, costUSD: nil, unservedMWh: nil, renewableShare: nil),
        ]
        #expect(ParetoPoint.flagDominated(points).map(\.dominated) == [false, true, false, false])
    }

    @Test func modesParseAndPrint() {
        // The description is the text exactly (Swift's shortest round-tripping Double form), and
        // parsing the description gives the same mode back.
        for text in ["cost", "deficit:1e-06,0.001", "renewables:0.1", "weighted:1.0,2.0,3.0", "pareto:0.0,0.5", "renewables:1.05"] {
            let mode = ObjectiveMode.parse(text)
            #expect(mode?.description == text)
            #expect(mode.flatMap { ObjectiveMode.parse($0.description) } == mode)
        }
        // Equal numbers written differently parse to the same mode; different numbers do not.
        #expect(ObjectiveMode.parse("weighted:1,2,3") == ObjectiveMode.parse("weighted:1.0,2.0,3.0"))
        #expect(ObjectiveMode.parse("renewables:1.05") != ObjectiveMode.parse("renewables:15"))
        for bad in ["", "cheap", "renewables:-1", "pareto:2", "weighted:1,2", "deficit:nan,1"] {
            #expect(ObjectiveMode.parse(bad) == nil)
        }
    }
}
