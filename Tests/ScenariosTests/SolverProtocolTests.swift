import EnergyModel
import Foundation
import LinearProgramming
import Scenarios
import Synchronization
import Testing

/// A solver that records every program it is given and answers with GLPK, or with a made-up
/// status and no solution: proof that the optimiser and the stress runs only go through
/// ``LinearSolver``.
struct RecordingSolver: LinearSolver {
    /// The names and sizes of the programs solved, in call order.
    final class Record: Sendable {
        let programs = Mutex<[(name: String, rows: Int, columns: Int)]>([])
    }

    let record = Record()
    /// When set, every solve answers this status without a solution, and GLPK is never called.
    var fakeStatus: SolveStatus?

    func solve(_ program: LinearProgram) throws(LinearProgrammingError) -> SolveResult {
        record.programs.withLock { $0.append((program.name, program.rowCount, program.variableCount)) }
        guard let fakeStatus else { return try GLPKSolver().solve(program) }
        return SolveResult(status: fakeStatus, solution: nil, method: .dualSimplex, iterations: 7,
                           solveSeconds: 0, loadSeconds: 0, log: "fake", returnCodes: [])
    }
}

@Suite("Solver protocol")
struct SolverProtocolTests {
    @Test func theOptimizerSolvesEveryStageThroughTheProtocol() throws {
        let system = ScenarioTests.system()
        let options = FormulationOptions(time: RobustPlanTests.monthly)
        let recording = RecordingSolver()
        let mode = ObjectiveMode.deficit(relativeSlack: 1e-6, absoluteSlackMWh: 1e-3)
        let run = try Optimizer(solver: recording).optimize(system, options: options, mode: mode)
        let reference = try Optimizer().optimize(system, options: options, mode: mode)
        // Two stages, two programs, the second one row longer (DEFICIT_CAP); the same answer as GLPK's own.
        let programs = recording.record.programs.withLock { $0 }
        #expect(programs.count == 2 && run.stages.count == 2)
        #expect(programs[1].rows == programs[0].rows + 1)
        #expect(run.result.status == .optimal && run.result.solution == reference.result.solution)
        #expect(run.stages.map(\.status) == [.optimal, .optimal])
    }

    @Test func aFakeStatusIsWhatTheOptimizerReports() throws {
        let fake = RecordingSolver(fakeStatus: .limitReached(.time))
        let run = try Optimizer(solver: fake).optimize(ScenarioTests.system(), options: FormulationOptions(time: RobustPlanTests.monthly),
                                                        mode: .cost)
        #expect(run.result.status == .limitReached(.time) && run.result.solution == nil && run.costUSD == nil)
        #expect(run.stages.map(\.status) == [.timeLimit] && run.stages[0].iterations == 7)
        #expect(fake.record.programs.withLock { $0.count } == 1)
    }

    @Test func stressRunsSolveEachCaseThroughTheProtocol() throws {
        let library = try ScenarioTests.library(["outage": ScenarioTests.header
                                                 + "  - {target: availability, select: {resource: plant, months: 1}, set: 0.5}\n"]).get()
        let recording = RecordingSolver()
        let rows = try StressTest.run(system: ScenarioTests.system(), plan: ["plant": [2030: 100]], library: library,
                                      scenarios: library.scenarios, options: FormulationOptions(time: RobustPlanTests.monthly),
                                      solver: recording, workers: 2)
        // The base line and one scenario, one period each: two programs. The outage sheds load
        // in January, but a sweep runs no least-peak-shortfall stage (docs/MODEL.md).
        #expect(rows.map(\.scenario) == ["base", "outage"])
        #expect(recording.record.programs.withLock { $0.count } == 2)
    }
}
