import EnergyModel
import Foundation
import LinearProgramming
@testable import Scenarios
import Testing

/// Stress mode solves each period apart: with capacities fixed nothing couples the periods, so
/// the pieces must give the joint program's answer.
@Suite("Stress decomposition by period")
struct DecompositionTests {
    @Test func periodsSolvedApartEqualTheJointProgram() throws {
        let fixture = PakistanLibraryTests.repository.appendingPathComponent("Tests/EnergyModelTests/Fixtures/tiny")
        let system = try CaseLoader.load(model: fixture.appendingPathComponent("model"), inputs: fixture.appendingPathComponent("inputs"))
        let options = FormulationOptions(time: RobustPlanTests.monthly)
        let optimizer = Optimizer(solver: GLPKSolver())
        let plan = StressTest.results(try optimizer.optimize(system, options: options, mode: .cost))
        var fixed = options
        fixed.fixedCapacityMW = StressTest.capacities(of: plan)
        let joint = StressTest.results(try optimizer.optimize(StressTest.operational(system), options: fixed, mode: .cost))
        let split = try StressTest.solveAll([("base", StressTest.operational(system), fixed)], solver: GLPKSolver(), workers: 2) { _ in }[0]
        #expect(system.periods.count == 2 && split.periods.count == 2 && split.status == .optimal)
        let total = try #require(joint.objectiveUSD), pieces = try #require(split.objectiveUSD)
        #expect(abs(total - pieces) <= 1e-7 * abs(total))
        #expect(abs(joint.objectiveConstantUSD - split.objectiveConstantUSD) <= 1e-9 * abs(joint.objectiveConstantUSD))
        for (a, b) in zip(joint.periods, split.periods) {
            #expect(a.period == b.period)
            #expect(abs(a.unservedMWh - b.unservedMWh) <= 1e-3 + 1e-7 * a.demandMWh)
            #expect(abs(a.indicators.co2T - b.indicators.co2T) <= 1e-5 * max(1, a.indicators.co2T))
        }
    }
}
