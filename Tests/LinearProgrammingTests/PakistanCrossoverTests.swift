import Foundation
import Testing
@testable import LinearProgramming

/// The crossover at Pakistan scale, opt-in: `BIJLI_CROSSOVER_LP=/path/to/plan.lp` (a program written
/// by `bijli run --write-lp`). The crossover runs even from a point that would be accepted
/// (acceptance gap 0), then the cold dual simplex with presolve (the old fallback) solves
/// the same program; both paths are printed with their iterations and seconds
/// (docs/LINEAR-PROGRAMMING.md, "Measured on Pakistan").
@Suite struct PakistanCrossoverTests {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["BIJLI_CROSSOVER_LP"] != nil))
    func crossoverAgainstTheColdSimplex() throws {
        let path = try #require(ProcessInfo.processInfo.environment["BIJLI_CROSSOVER_LP"])
        let program = try LinearProgram.read(from: path)
        let options = SolverOptions(method: .interiorPoint)
        func run(_ attempts: [GLPKCrossover.Attempt]) -> SolveResult {
            let problem = GLPKProblem()
            _ = GLPKTerminal.capturing(keep: false) { _ in problem.load(program) }
            return problem.solve(options: options, method: .interiorPoint, presolve: false, loadSeconds: 0,
                                 crossoverAttempts: attempts, acceptanceGap: 0)
        }
        let crossover = run(GLPKCrossover.attempts)
        print("crossover path:\n  " + crossover.path.map { "\($0.summary) [\(String(format: "%.1f", $0.seconds)) s]" }.joined(separator: "\n  "))
        #expect(crossover.status == .optimal)
        #expect(!crossover.path.contains { $0.kind == .coldSimplex })
        let cold = run([])
        print("cold path:\n  " + cold.path.map { "\($0.summary) [\(String(format: "%.1f", $0.seconds)) s]" }.joined(separator: "\n  "))
        #expect(cold.status == .optimal)
        let (a, b) = (try #require(crossover.objective), try #require(cold.objective))
        #expect(abs(a - b) <= 1e-7 * abs(b), "crossover \(a), cold \(b)")
    }
}
