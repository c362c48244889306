import Foundation
import Testing
@testable import LinearProgramming

/// When GLPK's interior point stops short far from the optimum (gap above
/// ``InteriorResiduals/retryGap``), it runs again on the scaled program before any crossover, and
/// the better point goes on. The programs are generated ones on which the first run really stops
/// (``StoppedShortPrograms``; found by scanning sizes and seeds); most stop closer in than 1e-4, so
/// the tests of each path lower the threshold to 0 through the internal entry point.
@Suite struct InteriorRetryTests {
    static func program(_ n: Int, density: Double, spread: Int, seed: UInt64) -> LinearProgram {
        StoppedShortPrograms.leastAbsoluteDeviations(coefficients: n, density: density, spread: spread, seed: seed)
    }

    static func simplexOptimum(_ program: LinearProgram) throws -> Double {
        try #require(try GLPKSolver(options: SolverOptions(method: .primalSimplex)).solve(program).objective)
    }

    /// Interior point with the retry taken whenever the first point is not accepted.
    static func solve(_ program: LinearProgram, retryGap: Double = 0) -> SolveResult {
        let problem = GLPKProblem()
        _ = GLPKTerminal.capturing(keep: false) { _ in problem.load(program) }
        return problem.solve(options: StoppedShortPrograms.strict, method: .interiorPoint, presolve: false,
                             loadSeconds: 0, retryGap: retryGap)
    }

    static func firstStoppedShort(_ result: SolveResult) throws -> InteriorResiduals {
        let first = try #require(result.path.first)
        #expect(first.kind == .interiorPoint && first.status == .solverError)
        let residuals = try #require(first.residuals)
        #expect(!residuals.isAcceptable(gap: 1e-6), "the first run no longer stops short: pick another program")
        return residuals
    }

    @Test func theRetryConvergesAndNoCrossoverRuns() throws {
        let program = Self.program(10, density: 0.3, spread: 4, seed: 5)
        let result = Self.solve(program)
        _ = try Self.firstStoppedShort(result)
        #expect(result.path.map(\.kind) == [.interiorPoint, .interiorRetry])
        #expect(result.path[1].status == .optimal && result.path[1].summary.hasPrefix("interior point on the scaled program: optimal"))
        #expect(result.status == .optimal && result.method == .interiorPoint)
        #expect(close(try #require(result.objective), try Self.simplexOptimum(program), 1e-6))
    }

    @Test func aRetryWithinTheToleranceIsAccepted() throws {
        let program = Self.program(20, density: 0.3, spread: 1, seed: 5)
        let result = Self.solve(program)
        _ = try Self.firstStoppedShort(result)
        #expect(result.path.map(\.kind) == [.interiorPoint, .interiorRetry])
        let retry = result.path[1]
        #expect(retry.status == .optimal && retry.summary.contains("accepted as optimal"))
        #expect(result.acceptedInteriorPoint == retry.residuals)
        #expect(close(try #require(result.objective), try Self.simplexOptimum(program), 1e-6))
    }

    /// Which point the crossover starts from: the best of the three runs (the first, the scaled
    /// one, the scaled one with the SYMAMD ordering; a later one only when strictly better),
    /// restored when it is not the last run's (GLPK keeps only the last run's point). Either way the
    /// crossover reaches the simplex optimum.
    @Test(arguments: [(10, 0.3, 3, UInt64(2), true), (10, 0.1, 4, UInt64(2), false)])
    func theBestPointGoesToTheCrossover(_ n: Int, _ density: Double, _ spread: Int, _ seed: UInt64, retryIsBetter: Bool) throws {
        let program = Self.program(n, density: density, spread: spread, seed: seed)
        let result = Self.solve(program)
        let first = try Self.firstStoppedShort(result)
        #expect(result.path.map(\.kind) == [.interiorPoint, .interiorRetry, .interiorRetry, .crossover, .crossoverSimplex])
        #expect(result.path[2].summary.hasPrefix("interior point on the scaled program with the SYMAMD ordering: "))
        let second = try #require(result.path[1].residuals)
        let third = try #require(result.path[2].residuals)
        #expect((second.worst < first.worst) == retryIsBetter, "first \(first), retry \(second)")
        #expect(result.status == .optimal)
        #expect(close(try #require(result.objective), try Self.simplexOptimum(program), 1e-7))
        var best = (index: 0, worst: first.worst)
        for (k, r) in [(1, second), (2, third)] where r.worst < best.worst { best = (k, r.worst) }
        let fromEarlier = result.path[3].summary.hasPrefix("crossover from an earlier interior point (the later runs stopped further out): ")
        #expect(fromEarlier == (best.index != 2), "\(result.path[3].summary)")
    }

    /// With the default threshold: a first point at gap 2.9e-4 runs again; one at gap 2.8e-6 to
    /// 1.4e-5 goes straight to the crossover (``CrossoverTests``) when the acceptance gap is 1e-6,
    /// and is accepted at the default acceptance gap (1e-4).
    @Test func theDefaultThresholdRetriesOnlyFarPoints() throws {
        let far = Self.program(10, density: 0.3, spread: 3, seed: 2)
        let retried = try GLPKSolver(options: StoppedShortPrograms.strict).solve(far)
        #expect(try Self.firstStoppedShort(retried).gap > InteriorResiduals.retryGap)
        #expect(retried.path.map(\.kind) == [.interiorPoint, .interiorRetry, .crossover, .crossoverSimplex])
        let near = Self.program(20, density: 0.1, spread: 2, seed: 1)
        let direct = try GLPKSolver(options: StoppedShortPrograms.strict).solve(near)
        #expect(try Self.firstStoppedShort(direct).gap <= InteriorResiduals.retryGap)
        #expect(direct.path.map(\.kind) == [.interiorPoint, .crossover, .crossoverSimplex])
        let accepted = try GLPKSolver(options: SolverOptions(method: .interiorPoint)).solve(near)
        #expect(accepted.path.map(\.kind) == [.interiorPoint] && accepted.acceptedInteriorPoint != nil)
    }
}
