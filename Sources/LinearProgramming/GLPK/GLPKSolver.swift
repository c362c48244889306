internal import CGLPK

/// Solves linear programs with GLPK: simplex (primal or dual, presolve on or off) or interior point.
///
/// Each call validates the program, creates a GLPK problem, solves and deletes it on the calling
/// thread. The solver's output is captured into the result, never printed. It is `Sendable`
/// and holds no GLPK state, so one value can serve many threads (see ``BatchSolver``).
public struct GLPKSolver: LinearSolver {
    /// The settings of every solve.
    public var options: SolverOptions

    /// Creates a solver with the given options.
    public init(options: SolverOptions = SolverOptions()) {
        self.options = options
    }

    /// Validates, loads and solves one program.
    ///
    /// - Throws: ``LinearProgrammingError/invalidProgram(_:)`` or `.invalidOptions` for bad input,
    ///   before GLPK is called. Infeasible, unbounded and limits are statuses, not errors.
    public func solve(_ program: LinearProgram) throws(LinearProgrammingError) -> SolveResult {
        try options.validate()
        try program.validate()
        let problem = GLPKProblem()
        let clock = ContinuousClock()
        let start = clock.now
        _ = GLPKTerminal.capturing(keep: false) { _ in
            problem.load(program)
            if options.scaling { problem.scale() }
        }
        let loadSeconds = (clock.now - start).seconds
        return problem.solve(options: options, method: options.method, presolve: options.presolve,
                             loadSeconds: loadSeconds)
    }
}

extension GLPKProblem {
    /// Solves the loaded problem once, classifies the outcome and extracts the solution.
    ///
    /// Interior point on a program without rows is solved by simplex (GLPK's interior point
    /// refuses it). With ``SolverOptions/classifyAmbiguousStatus``, an "infeasible or unbounded"
    /// answer, or an interior-point failure, is settled by a primal simplex without presolve.
    func solve(options: SolverOptions, method requested: SolverMethod, presolve: Bool, loadSeconds: Double) -> SolveResult {
        let clock = ContinuousClock()
        let start = clock.now
        let firstIteration = iterationCount
        var codes: [Int] = []
        var method = requested
        if method == .interiorPoint && rowCount == 0 { method = .primalSimplex }

        var interiorIterations = 0
        let ((status, solution), log) = GLPKTerminal.capturing(keep: true) { buffer -> (SolveStatus, Solution?) in
            var status: SolveStatus
            if method == .interiorPoint {
                let before = buffer.text.endIndex
                let code = runInterior(options: options)
                codes.append(Int(code))
                interiorIterations = GLPKInteriorLog.iterations(in: buffer.text[before...])
                status = GLPKStatusMapping.interior(returnCode: code, status: interiorStatus)
                if status == .optimal { return (status, interiorSolution()) }
            } else {
                let code = runSimplex(method, presolve: presolve, options: options)
                codes.append(Int(code))
                status = GLPKStatusMapping.simplex(returnCode: code, status: simplexStatus.overall,
                                                   dualStatus: simplexStatus.dual)
            }
            if options.classifyAmbiguousStatus && GLPKStatusMapping.needsClassification(status, method: method) {
                method = .primalSimplex
                let code = runSimplex(.primalSimplex, presolve: false, options: options)
                codes.append(Int(code))
                status = GLPKStatusMapping.simplex(returnCode: code, status: simplexStatus.overall,
                                                   dualStatus: simplexStatus.dual)
            }
            let hasPoint = method.isSimplex
                && GLPKStatusMapping.simplexHasSolution(status, primalStatus: simplexStatus.primal)
            return (status, hasPoint ? basicSolution() : nil)
        }
        return SolveResult(
            status: status, solution: solution, method: method,
            iterations: iterationCount - firstIteration + interiorIterations,
            solveSeconds: (clock.now - start).seconds, loadSeconds: loadSeconds,
            log: options.captureLog ? log : "", returnCodes: codes)
    }
}

extension Duration {
    /// The duration in seconds as a `Double`.
    var seconds: Double {
        let (s, attoseconds) = components
        return Double(s) + Double(attoseconds) * 1e-18
    }
}

/// Reads the iteration count from `glp_interior`'s log, whose progress lines start with
/// `N: obj =` (GLPK does not count interior-point iterations in `glp_get_it_cnt`).
enum GLPKInteriorLog {
    /// The largest iteration number of the progress lines, or 0.
    static func iterations(in log: Substring) -> Int {
        var last = 0
        for line in log.split(separator: "\n") {
            let trimmed = line.drop { $0 == " " }
            guard let colon = trimmed.firstIndex(of: ":"), trimmed[colon...].hasPrefix(": obj =") else { continue }
            if let n = Int(trimmed[..<colon]) { last = max(last, n) }
        }
        return last
    }
}
