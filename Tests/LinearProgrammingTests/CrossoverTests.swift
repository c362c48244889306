import Foundation
import Testing
@testable import LinearProgramming

/// The path after GLPK's interior point stops short, on programs where it really does
/// (``StoppedShortPrograms``): accept the point, cross over from it, or (last resort) a cold simplex.
///
/// Tolerances: the crossover ends at a simplex vertex, so its objective meets the primal simplex's
/// optimum to 1e-7 relative (both are vertices within GLPK's feasibility tolerance 1e-7; measured
/// differences are 0 to 4e-8). Its point is primal feasible to 1e-6 relative per row and bound.
@Suite struct CrossoverTests {
    /// (coefficients, spread, seed) of generated programs whose interior point stops with numerical
    /// instability at a point too far from optimal to accept (gap 2.8e-6 to 1.4e-5).
    static let stoppedShort: [(Int, Int, UInt64)] = [(20, 2, 1), (30, 2, 1), (30, 2, 3), (40, 1, 3)]

    @Test(arguments: 0..<4)
    func aPointTooFarFromOptimalIsFinishedByACrossover(_ k: Int) throws {
        let (n, spread, seed) = Self.stoppedShort[k]
        let program = StoppedShortPrograms.leastAbsoluteDeviations(coefficients: n, spread: spread, seed: seed)
        let result = try GLPKSolver(options: StoppedShortPrograms.strict).solve(program)

        // GLPK's interior point really stopped short, at a point that cannot be accepted within 1e-6.
        #expect(result.log.contains("NUMERIC INSTABILITY"), "the program no longer stops short: pick another")
        let interior = try #require(result.path.first)
        #expect(interior.kind == .interiorPoint)
        #expect(interior.status == .solverError)
        let residuals = try #require(interior.residuals)
        #expect(!residuals.isAcceptable(gap: 1e-6))
        #expect(result.acceptedInteriorPoint == nil)

        // The crossover, not a cold simplex.
        #expect(result.path.map(\.kind) == [.interiorPoint, .crossover, .crossoverSimplex])
        let crossover = result.path[1]
        #expect(crossover.status == .optimal && crossover.method == .dualSimplex && crossover.presolve)
        #expect(try #require(crossover.fixedColumns) > 0)
        #expect(crossover.columns == program.variableCount && crossover.rows == program.rowCount)
        #expect(result.path[2].method == .primalSimplex && !result.path[2].presolve)
        #expect(result.status == .optimal)
        #expect(result.method == .primalSimplex)
        #expect(result.returnCodes.first == 17)  // GLP_EINSTAB, then the two simplex calls
        #expect(result.returnCodes.dropFirst() == [0, 0])
        #expect(result.iterations == result.path.map(\.iterations).reduce(0, +))

        // The primal simplex's optimum, and a feasible point.
        let simplex = try GLPKSolver(options: SolverOptions(method: .primalSimplex)).solve(program)
        let (a, b) = (try #require(result.objective), try #require(simplex.objective))
        #expect(abs(a - b) <= 1e-7 * abs(b), "crossover \(a), simplex \(b)")
        let solution = try #require(result.solution)
        #expect(Self.maximumViolation(of: solution, in: program) <= 1e-6)
        // A basic solution: its objective is the cost of its values.
        let cost = zip(program.objective, solution.values).map(*).reduce(program.objectiveConstant, +)
        #expect(close(cost, a, 1e-9))
    }

    @Test func anInfeasibleRestrictedProgramLeadsToATighterAttempt() throws {
        // The first attempt fixes every value within 1.0 (relative) of a bound, without asking
        // the reduced costs: far too much, the restricted program is infeasible.
        let (n, spread, seed) = Self.stoppedShort[0]
        let program = StoppedShortPrograms.leastAbsoluteDeviations(coefficients: n, spread: spread, seed: seed)
        let tooLoose = GLPKCrossover.Attempt(tolerance: 1.0, confirmByReducedCost: false, fixRows: true)
        let result = solve(program, attempts: [tooLoose] + GLPKCrossover.attempts)
        #expect(result.path.map(\.kind) == [.interiorPoint, .crossover, .crossover, .crossoverSimplex])
        #expect(result.path[1].status == .infeasible)
        #expect(result.path[1].tolerance == 1.0 && result.path[2].tolerance == 1e-3)
        #expect(result.status == .optimal)
        let simplex = try GLPKSolver(options: SolverOptions(method: .primalSimplex)).solve(program)
        #expect(close(try #require(result.objective), try #require(simplex.objective), 1e-7))
        #expect(Self.maximumViolation(of: try #require(result.solution), in: program) <= 1e-6)
    }

    @Test func withoutACrossoverBasisTheColdSimplexIsTheLastResort() throws {
        let (n, spread, seed) = Self.stoppedShort[0]
        let program = StoppedShortPrograms.leastAbsoluteDeviations(coefficients: n, spread: spread, seed: seed)
        let tooLoose = GLPKCrossover.Attempt(tolerance: 1.0, confirmByReducedCost: false, fixRows: true)
        let result = solve(program, attempts: [tooLoose])
        #expect(result.path.map(\.kind) == [.interiorPoint, .crossover, .coldSimplex])
        #expect(result.path[2].method == .dualSimplex && result.path[2].presolve)
        #expect(result.path[2].summary.hasPrefix("cold simplex, the last resort"))
        #expect(result.status == .optimal)
        #expect(result.method == .dualSimplex)
        let simplex = try GLPKSolver(options: SolverOptions(method: .primalSimplex)).solve(program)
        #expect(close(try #require(result.objective), try #require(simplex.objective), 1e-7))
    }

    @Test func withoutClassificationTheStatusStays() throws {
        let (n, spread, seed) = Self.stoppedShort[0]
        let program = StoppedShortPrograms.leastAbsoluteDeviations(coefficients: n, spread: spread, seed: seed)
        var options = StoppedShortPrograms.strict
        options.classifyAmbiguousStatus = false
        let result = try GLPKSolver(options: options).solve(program)
        #expect(result.status == .solverError(.numericalInstability))
        #expect(result.path.map(\.kind) == [.interiorPoint])
        #expect(result.solution == nil)
    }

    @Test func aPointWithinTheToleranceIsAcceptedWithoutCrossover() throws {
        // Stops with numerical instability at gap 4.8e-7: accepted.
        let program = StoppedShortPrograms.leastAbsoluteDeviations(coefficients: 20, spread: 1, seed: 3)
        let result = try GLPKSolver(options: SolverOptions(method: .interiorPoint)).solve(program)
        #expect(result.log.contains("NUMERIC INSTABILITY"))
        #expect(result.status == .optimal)
        #expect(result.path.map(\.kind) == [.interiorPoint])
        #expect(result.path[0].status == .optimal)
        #expect(result.path[0].summary.contains("accepted as optimal"))
        #expect(result.acceptedInteriorPoint == result.path[0].residuals)
    }

    /// With the default gap (1e-4) the points the crossover tests start from are accepted: each is
    /// feasible to 1e-6 by GLPK's residuals, its gap is within 1e-4, the independent check holds it
    /// to that gap, and its objective is within the gap of the simplex optimum (above it: a
    /// minimisation's feasible point cannot be cheaper than the optimum, to 1e-6 of feasibility).
    /// (Case 2 stops within the gap by GLPK's residuals but not by the program's: the next test.)
    @Test(arguments: [0, 1, 3])
    func aPointWithinTheDefaultGapIsAccepted(_ k: Int) throws {
        let (n, spread, seed) = Self.stoppedShort[k]
        let program = StoppedShortPrograms.leastAbsoluteDeviations(coefficients: n, spread: spread, seed: seed)
        let result = try GLPKSolver(options: SolverOptions(method: .interiorPoint)).solve(program)
        #expect(result.log.contains("NUMERIC INSTABILITY"), "the program no longer stops short: pick another")
        #expect(result.status == .optimal)
        #expect(result.path.map(\.kind) == [.interiorPoint])
        #expect(result.returnCodes == [17])  // GLP_EINSTAB, and no simplex call after it
        let point = try #require(result.acceptedInteriorPoint)
        #expect(point.gap > 1e-6 && point.gap <= InteriorResiduals.acceptanceGap, "\(point)")
        #expect(result.relativeGap == point.gap)
        let check = try #require(result.check)
        #expect(check.passed(gapTolerance: InteriorResiduals.acceptanceGap), "\(check.summary)")
        #expect(Self.maximumViolation(of: try #require(result.solution), in: program) <= 1e-6)
        let simplex = try #require(try GLPKSolver(options: SolverOptions(method: .primalSimplex)).solve(program).objective)
        let a = try #require(result.objective)
        #expect(a >= simplex - 1e-6 * abs(simplex) && a - simplex <= InteriorResiduals.acceptanceGap * abs(simplex),
                "accepted \(a), simplex \(simplex)")
    }

    /// GLPK's residuals are those of its working program: case 2 stops at rpi 8.7e-8, gap 1.4e-5,
    /// but the point violates a row of the program by 2.1e-6 relative (``SolutionCheck``). It is
    /// not accepted; the crossover finishes from it, not a cold simplex.
    @Test func aPointWithinTheGapThatFailsTheProgramsCheckGoesToTheCrossover() throws {
        let (n, spread, seed) = Self.stoppedShort[2]
        let program = StoppedShortPrograms.leastAbsoluteDeviations(coefficients: n, spread: spread, seed: seed)
        let result = try GLPKSolver(options: SolverOptions(method: .interiorPoint)).solve(program)
        let residuals = try #require(result.path.first?.residuals)
        #expect(residuals.isAcceptable(gap: InteriorResiduals.acceptanceGap), "the point is no longer within the gap by GLPK's residuals: \(residuals)")
        let stopped = try #require(result.path.first)
        #expect(stopped.summary.contains("by its own residuals but not by the program's"), "\(stopped.summary)")
        #expect(program.check(try Self.interiorPoint(program)).primalResidual > SolutionCheck.tolerance)
        #expect(result.path.map(\.kind) == [.interiorPoint, .crossover, .crossoverSimplex])
        #expect(result.acceptedInteriorPoint == nil)
        #expect(result.status == .optimal)
        let simplex = try #require(try GLPKSolver(options: SolverOptions(method: .primalSimplex)).solve(program).objective)
        #expect(close(try #require(result.objective), simplex, 1e-7))
    }

    /// The point GLPK's interior point stops at, unchecked (the internal entry point, no retry).
    static func interiorPoint(_ program: LinearProgram) throws -> Solution {
        let problem = GLPKProblem()
        _ = GLPKTerminal.capturing(keep: false) { _ in problem.load(program) }
        var options = SolverOptions(method: .interiorPoint)
        options.classifyAmbiguousStatus = false
        return try #require(problem.solve(options: options, method: .interiorPoint, presolve: false, loadSeconds: 0).solution)
    }

    @Test func everySolveRecordsItsPath() throws {
        let simplex = try GLPKSolver().solve(Fixtures.glpkManual())
        #expect(simplex.path.map(\.kind) == [.simplex])
        #expect(simplex.path[0].iterations == simplex.iterations)
        #expect(simplex.path[0].summary == "primal simplex with presolve: optimal, \(simplex.iterations) iterations")
        let interior = try GLPKSolver(options: SolverOptions(method: .interiorPoint)).solve(Fixtures.glpkManual())
        #expect(interior.path.map(\.kind) == [.interiorPoint])
        #expect(interior.path[0].status == .optimal && interior.path[0].residuals == nil)
        let unbounded = try GLPKSolver(options: SolverOptions(presolve: true)).solve(Fixtures.unbounded())
        #expect(unbounded.path.map(\.kind) == [.simplex, .classification])
        #expect(unbounded.path.last?.status == .unbounded)
    }

    @Test func aStepEncodesAsPlainJSON() throws {
        let program = StoppedShortPrograms.leastAbsoluteDeviations(coefficients: 20, spread: 2, seed: 1)
        let result = try GLPKSolver(options: StoppedShortPrograms.strict).solve(program)
        let data = try JSONEncoder().encode(result.path)
        #expect(try JSONDecoder().decode([SolveStep].self, from: data) == result.path)
        let objects = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(objects[0]["kind"] as? String == "interior_point")
        #expect(objects[0]["status"] as? String == "solver_error")
        #expect(objects[1]["kind"] as? String == "crossover")
        #expect(objects[1]["method"] as? String == "dual")
        #expect(objects[2]["kind"] as? String == "crossover_simplex")
    }

    /// Solves by interior point with other crossover attempts (the internal entry point).
    private func solve(_ program: LinearProgram, attempts: [GLPKCrossover.Attempt]) -> SolveResult {
        let problem = GLPKProblem()
        _ = GLPKTerminal.capturing(keep: false) { _ in problem.load(program) }
        return problem.solve(options: StoppedShortPrograms.strict, method: .interiorPoint, presolve: false,
                             loadSeconds: 0, crossoverAttempts: attempts)
    }

    /// The largest violation of a bound or a row by a point, relative to `1 + |bound|`.
    static func maximumViolation(of solution: Solution, in program: LinearProgram) -> Double {
        var worst = 0.0
        func check(_ value: Double, _ lower: Double, _ upper: Double) {
            if lower > -.infinity { worst = max(worst, (lower - value) / (1 + abs(lower))) }
            if upper < .infinity { worst = max(worst, (value - upper) / (1 + abs(upper))) }
        }
        for j in 0..<program.variableCount {
            check(solution.values[j], program.variableLower[j], program.variableUpper[j])
        }
        var activity = [Double](repeating: 0, count: program.rowCount)
        for k in program.entryRows.indices {
            activity[program.entryRows[k]] += program.entryCoefficients[k] * solution.values[program.entryVariables[k]]
        }
        for i in 0..<program.rowCount { check(activity[i], program.rowLower[i], program.rowUpper[i]) }
        return worst
    }
}
