import Foundation
import LinearProgramming
import Testing
@testable import EnergyModel

/// The hourly capacity-expansion plan of the tiny fixture (2 regions, 2 periods, 8760 hours,
/// storage, monthly hydro budgets, chained policy sums) solves with GLPK's interior point.
/// Before the interior point stopped pre-scaling the program it failed here with "numerical
/// instability" at iteration 0 (docs/BENCHMARKS.md).
@Suite struct InteriorPointTests {
    @Test func tinyHourlyPlanSolvesWithTheInteriorPoint() throws {
        let system = try TinyCase.load()
        let solver = GLPKSolver(options: SolverOptions(method: .interiorPoint, timeLimitSeconds: 60))
        let run = try Optimizer(solver: solver).optimize(system, options: FormulationOptions(time: .hourly), mode: .cost)
        #expect(run.result.status == .optimal)
        #expect(run.result.method == .interiorPoint)
        #expect(!run.result.log.contains("NUMERIC INSTABILITY"))
        let solution = try #require(run.result.solution)
        // The point satisfies every row to 1e-6 relative to the row's bound.
        let program = run.lp.program
        var worst = 0.0
        for i in 0..<program.rowCount {
            let activity = solution.rowActivities[i]
            let lower = program.rowLower[i], upper = program.rowUpper[i]
            let below = lower.isFinite ? (lower - activity) / (1 + abs(lower)) : 0
            let above = upper.isFinite ? (activity - upper) / (1 + abs(upper)) : 0
            worst = max(worst, below, above)
        }
        #expect(worst < 1e-6)
    }
}
