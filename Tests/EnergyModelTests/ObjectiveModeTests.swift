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

    /// Solar 100 MW at 5 USD/MWh, available 50 %, beside coal at 10: the cheapest plan is already
    /// half solar. Targets 0.25 and 0.5 are met by the θ = 0 optimum, so they are that point
    /// without a solve; each point's cost is the one the cost mode finds with that target set as
    /// the policy (5·50 + 10·50 per hour). 0.6 is solved: the share counts served demand, so the
    /// only way to 0.6 is to shed U with 50 = 0.6·(100 − U), U = 16.67 MW at VoLL 1000:
    /// 5·50 + 10·33.33 + 1000·16.67 = 17,250 USD per hour.
    @Test func paretoPointsAlreadyMetByALowerTargetAreNotSolvedAgain() throws {
        let solar = Generator(id: "pv", region: "r", technology: "pv", carrier: "solar", existingCapacityMW: 100,
                              variableOMUSDPerMWh: 5, availabilityProfile: "sun")
        var system = Tiny.system(generators: [Tiny.thermal("coal", 1000, cost: 10), solar], demand: [Tiny.demand("r", 2030, 100)],
                                 profiles: ["sun": [Double](repeating: 0.5, count: EnergySystem.hoursPerYear)])
        system.policies.renewableCarriers = ["solar"]
        let targets = [0, 0.25, 0.5, 0.6]
        let run = try Optimizer().optimize(system, options: options, mode: .pareto(renewableTargets: targets))
        #expect(run.frontier.map(\.status) == [.optimal, .optimal, .optimal, .optimal])
        #expect(run.stages.map { $0.name.hasSuffix("(not solved again)") } == [false, true, true, false])
        #expect(run.stages[1].name.contains("the point at ≥ 0.0 already meets it"))
        #expect(run.stages[2].name.contains("the point at ≥ 0.25 already meets it"))
        #expect(run.stages[0].iterations > 0 && run.stages[1].iterations == 0 && run.stages[2].iterations == 0)
        #expect(run.stages[3].iterations > 0)
        #expect(close(try #require(run.frontier[3].costUSD), 8760 * (250 + 10 * (50 / 0.6 - 50) + 1000 * (100 - 50 / 0.6)), 1e-9))
        #expect(close(try #require(run.frontier[3].unservedMWh), 8760 * (100 - 50 / 0.6), 1e-9))
        for (k, target) in targets.enumerated().dropLast() {
            var alone = system
            alone.policies.renewableShare = PolicyTarget([2030: target])
            let solved = try Optimizer().optimize(alone, options: options, mode: .cost)
            #expect(close(try #require(run.frontier[k].costUSD), try #require(solved.costUSD), 1e-9))
            #expect(close(try #require(run.frontier[k].costUSD), 8760 * (250 + 500), 1e-9))
            #expect(close(try #require(run.frontier[k].renewableShare), 0.5, 1e-9))
        }
    }

    /// A Pareto target applies in the periods of the model's own renewable-share policy (not in a
    /// back-cast year the policy leaves out), or in every period when there is no policy.
    @Test func paretoTargetsApplyInThePolicysPeriods() {
        var system = Tiny.system(years: [2025, 2030, 2035], generators: [Tiny.thermal("coal", 1000, cost: 10)],
                                 demand: [Tiny.demand("r", 2030, 100)])
        #expect(Optimizer<GLPKSolver>.paretoYears(system) == [2025, 2030, 2035])
        system.policies.renewableShare = PolicyTarget([2030: 0.3, 2035: 0.3])
        #expect(Optimizer<GLPKSolver>.paretoYears(system) == [2030, 2035])
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
