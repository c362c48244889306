import Foundation
import Testing
@testable import LinearProgramming

/// GLPK's fatal errors (its assertions, its memory limit) end the call, not the process
/// (CGLPKGuard, GLPKFault), and everything on the thread works afterwards (issue 19).
@Suite("GLPK's fatal errors are caught")
struct GLPKFaultTests {
    /// The fuzzer's finding: GLPK's interior point fails its assertion `x[j] > 0.0` in
    /// draft/glpipm.c on this program (glpsol's dual simplex calls it infeasible).
    static let finding = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz/findings/interior-abort-1.lp").path

    @Test("the interior point's assertion becomes a cold simplex, which finds the program infeasible")
    func assertionRecovered() throws {
        let program = try LinearProgram.read(from: Self.finding)
        let result = try GLPKSolver(options: SolverOptions(method: .interiorPoint)).solve(program)
        #expect(result.status == .infeasible)
        let dual = try GLPKSolver(options: SolverOptions(method: .dualSimplex)).solve(program)
        #expect(dual.status == result.status)
        let first = try #require(result.path.first)
        #expect(first.kind == .interiorPoint)
        #expect(first.status == .solverError)
        #expect(first.summary.contains("Assertion failed"), "\(first.summary)")
        #expect(first.summary.contains("glpipm.c"), "\(first.summary)")
        #expect(result.path.dropFirst().allSatisfy { $0.kind == .coldSimplex })
        #expect(result.path.count >= 2)
    }

    @Test("without classification the assertion is a solver error naming GLPK's message")
    func assertionReported() throws {
        let program = try LinearProgram.read(from: Self.finding)
        var options = SolverOptions(method: .interiorPoint)
        options.classifyAmbiguousStatus = false
        let result = try GLPKSolver(options: options).solve(program)
        guard case .solverError(.internalError(let message)) = result.status else {
            Issue.record("expected an internal error, got \(result.status)")
            return
        }
        #expect(message.contains("x[j] > 0.0"), "\(message)")
        let hasSolution = result.solution != nil
        #expect(!hasSolution)
        #expect(result.status.description.contains("GLPK stopped on an internal error"))
    }

    /// A program whose solvers need far more than 1 MiB beyond the loaded program (a dense
    /// 400 × 400 block: GLPK's working copy alone holds 160,000 entries).
    static func denseProgram() -> LinearProgram {
        var lp = LinearProgram(name: "dense")
        let x = (0..<400).map { lp.addVariable("x\($0)", bounds: .between(0, 10), cost: Double($0 % 7 + 1)) }
        for i in 0..<400 {
            lp.addRow("r\(i)", x.enumerated().map { Double(($0.offset * 31 + i * 17) % 11 + 1) * $0.element }, .atLeast(Double(50 + i)))
        }
        return lp
    }

    @Test("GLPK's memory limit is a status, and the next solve on the thread is right", arguments: [SolverMethod.interiorPoint, .dualSimplex])
    func memoryLimit(method: SolverMethod) throws {
        var options = SolverOptions(method: method)
        options.memoryLimitMegabytes = 1
        let result = try GLPKSolver(options: options).solve(Self.denseProgram())
        #expect(result.status == .limitReached(.memory))
        #expect(result.status.code == .memoryLimit)
        let hasSolution = result.solution != nil
        #expect(!hasSolution)
        // The thread's GLPK environment was freed and starts afresh: the manual's example.
        let after = try GLPKSolver().solve(Fixtures.glpkManual())
        #expect(after.status == .optimal)
        #expect(abs(try #require(after.objective) - 2200.0 / 3) < 1e-9)
    }

    @Test("a warm session whose problem a fault freed loads its program again")
    func sessionSurvivesFault() throws {
        let (program, cheap, _) = Fixtures.dispatch()
        let session = try GLPKSession(program, options: SolverOptions(method: .dualSimplex))
        let before = try #require(session.solve().objective)
        var options = SolverOptions(method: .interiorPoint)
        options.memoryLimitMegabytes = 1
        #expect(try GLPKSolver(options: options).solve(Self.denseProgram()).status == .limitReached(.memory))
        let again = session.solve()
        #expect(again.status == .optimal)
        #expect(abs(try #require(again.objective) - before) <= 1e-9 * abs(before))
        // Changes after the fault reach the reloaded problem: the same as a cold solve.
        try session.setBounds(.between(0, 20), for: cheap[0])
        let changed = try #require(session.solve().objective)
        var cold = program
        cold.setBounds(.between(0, 20), for: cheap[0])
        let expected = try #require(try GLPKSolver(options: SolverOptions(method: .dualSimplex)).solve(cold).objective)
        #expect(abs(changed - expected) <= 1e-9 * abs(expected))
    }

    @Test("the memory limit is checked like the other options")
    func memoryLimitValidated() {
        var options = SolverOptions()
        options.memoryLimitMegabytes = 0
        #expect(throws: LinearProgrammingError.self) { try options.validate() }
        options.memoryLimitMegabytes = nil
        #expect(throws: Never.self) { try options.validate() }
        #expect(SolverOptions().memoryLimitMegabytes == SolverOptions.defaultMemoryLimitMegabytes)
    }
}
