/// Every "optimal" GLPK returns is checked against the program (``LinearProgram/check(_:checkDuals:)``)
/// before it is reported; one that fails is solved again another way, and reported as
/// ``SolveStatus/numericallyUnreliable`` when no way gives a checked answer.
///
/// The second way: for a program of at most ``exactLimit`` columns and rows, GLPK's exact
/// simplex (`glp_exact`, rational arithmetic on the program's own double values: its verdict
/// is the program's true status, whatever the scaling); for larger programs, the other method
/// (primal ↔ dual simplex, interior point → primal simplex), without presolve. Each re-solve
/// loads the program into a fresh GLPK problem on the calling thread, so a session's basis is
/// left as it was, and honours the options' time and iteration limits.
enum GLPKVerification {
    /// Programs up to this many columns (and rows) are re-solved by the exact simplex: 2,000.
    /// GLPK's exact simplex works on dense rational numbers; on the tiny test cases (a few
    /// hundred columns) it takes milliseconds, and its cost grows with the basis size, so
    /// beyond a few thousand columns the other floating-point method is the better second try.
    static let exactLimit = 2_000

    /// The result with its check recorded; a failed "optimal" re-solved or marked unreliable.
    static func verified(_ result: SolveResult, program: LinearProgram, options: SolverOptions) -> SolveResult {
        guard result.status == .optimal, let solution = result.solution else { return result }
        var checked = result
        let first = program.check(solution)
        checked.check = first
        // An interior point accepted within a gap is held to that gap, as it was accepted.
        let gapTolerance = result.acceptedInteriorPoint == nil ? SolutionCheck.tolerance : options.acceptanceGap
        guard !first.passed(gapTolerance: gapTolerance) else { return checked }

        var log = result.log + "\nBijli: the \(result.method.rawValue) solution fails the check against the program (\(first.summary)); solving again\n"
        var codes = result.returnCodes
        var iterations = result.iterations
        var seconds = result.solveSeconds
        let useExact = program.variableCount <= exactLimit && program.rowCount <= exactLimit
        let retry = useExact ? exact(program, options: options) : otherMethod(program, after: result.method, options: options)
        log += retry.log
        codes += retry.returnCodes
        iterations += retry.iterations
        seconds += retry.solveSeconds
        var answer = retry
        // The record keeps the first solve's steps, then why it was solved again, then the retry's.
        let recheck = SolveStep(kind: .recheck, method: retry.method, presolve: false, status: retry.status.code,
                                iterations: retry.iterations, seconds: retry.solveSeconds,
                                summary: "the \(result.method.rawValue) optimum failed the check against the program (\(first.summary)); "
                                    + "solved again by the \(useExact ? "exact simplex (glp_exact)" : "\(retry.method.rawValue) simplex"): \(retry.status.code.rawValue)")
        answer.path = result.path + [recheck] + retry.path
        answer.log = options.captureLog ? log : ""
        answer.returnCodes = codes
        answer.iterations = iterations
        answer.solveSeconds = seconds
        answer.loadSeconds = result.loadSeconds + retry.loadSeconds
        if retry.status == .optimal, let second = retry.solution {
            let check = program.check(second)
            answer.check = check
            // The exact simplex's optimum is exact; only rounding its rational values to doubles
            // can leave residuals, so it stands. A floating-point optimum must pass the check.
            if check.passed || useExact { return answer }
        } else if useExact, retry.status != .optimal, !isFailure(retry.status) {
            // Exact arithmetic settled the program: infeasible, unbounded, or a limit.
            answer.check = first
            return answer
        }
        var unreliable = result
        unreliable.path = answer.path
        unreliable.status = .numericallyUnreliable
        unreliable.solution = nil
        unreliable.check = first
        unreliable.log = options.captureLog ? log + "Bijli: no method gave a solution that passes the check; the status is numerically_unreliable\n" : ""
        unreliable.returnCodes = codes
        unreliable.iterations = iterations
        unreliable.solveSeconds = seconds
        return unreliable
    }

    /// Whether a status is a solver failure (no verdict on the program).
    private static func isFailure(_ status: SolveStatus) -> Bool {
        if case .solverError = status { return true }
        return status == .numericallyUnreliable
    }

    /// The program solved by GLPK's exact simplex (`glp_exact`), from the standard basis.
    private static func exact(_ program: LinearProgram, options: SolverOptions) -> SolveResult {
        let problem = GLPKProblem()
        let clock = ContinuousClock()
        let start = clock.now
        let (result, log) = GLPKTerminal.capturing(keep: true) { buffer -> (SolveStatus, Solution?, Int32) in
            problem.load(program)
            let code: Int32
            do { code = try problem.runExact(options: options) } catch { return (GLPKFault.status(log: buffer.text), nil, -1) }
            let status = GLPKStatusMapping.simplex(returnCode: code, status: problem.simplexStatus.overall,
                                                   dualStatus: problem.simplexStatus.dual)
            let hasPoint = GLPKStatusMapping.simplexHasSolution(status, primalStatus: problem.simplexStatus.primal)
            return (status, hasPoint ? problem.basicSolution() : nil, code)
        }
        return SolveResult(status: result.0, solution: result.1, method: .primalSimplex,
                           iterations: problem.isAlive ? problem.iterationCount : 0,
                           solveSeconds: (clock.now - start).seconds, loadSeconds: 0,
                           log: "Bijli: exact simplex (glp_exact)\n" + log, returnCodes: [Int(result.2)])
    }

    /// The program solved by the other method without presolve: primal ↔ dual simplex, interior
    /// point → primal simplex.
    private static func otherMethod(_ program: LinearProgram, after method: SolverMethod, options: SolverOptions) -> SolveResult {
        let other: SolverMethod = method == .primalSimplex ? .dualSimplex : .primalSimplex
        let problem = GLPKProblem()
        _ = GLPKTerminal.capturing(keep: false) { _ in
            problem.load(program)
            if options.scaling { problem.scale() }
        }
        var retryOptions = options
        retryOptions.method = other
        retryOptions.presolve = false
        var result = problem.solve(options: retryOptions, method: other, presolve: false, loadSeconds: 0)
        result.log = "Bijli: \(other.rawValue) simplex without presolve\n" + result.log
        return result
    }
}
