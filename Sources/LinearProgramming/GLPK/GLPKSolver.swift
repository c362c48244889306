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
            // The interior point equilibrates its own working program (GLP_SF_EQ); scaling it
            // beforehand as well made GLPK's interior point fail on the hourly capacity-expansion
            // programs (docs/BENCHMARKS.md). The simplex fallback scales for itself.
            if options.scaling && options.method.isSimplex { problem.scale() }
        }
        let loadSeconds = (clock.now - start).seconds
        let result = problem.solve(options: options, method: options.method, presolve: options.presolve, loadSeconds: loadSeconds)
        return GLPKVerification.verified(result, program: program, options: options)  // docs/LINEAR-PROGRAMMING.md
    }
}

extension GLPKProblem {
    /// Solves the loaded problem once, classifies the outcome and extracts the solution.
    ///
    /// Interior point on a program without rows is solved by simplex (GLPK's interior point
    /// refuses it). With ``SolverOptions/classifyAmbiguousStatus``, an "infeasible or unbounded"
    /// answer is settled by a primal simplex without presolve, an interior-point failure by a dual
    /// simplex with presolve (then, if that is ambiguous, the primal without).
    func solve(options: SolverOptions, method requested: SolverMethod, presolve: Bool, loadSeconds: Double) -> SolveResult {
        let clock = ContinuousClock()
        let start = clock.now
        let firstIteration = iterationCount
        var codes: [Int] = []
        var method = requested
        if method == .interiorPoint && rowCount == 0 { method = .primalSimplex }

        var interiorIterations = 0
        var accepted: InteriorResiduals?
        var interiorLogStart = "".startIndex
        let ((status, solution), log) = GLPKTerminal.capturing(keep: true) { buffer -> (SolveStatus, Solution?) in
            var status: SolveStatus
            if method == .interiorPoint {
                let before = buffer.text.endIndex
                interiorLogStart = before
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
            if method == .interiorPoint, GLPKStatusMapping.stoppedShort(status),
               let best = GLPKInteriorLog.bestResiduals(in: buffer.text[interiorLogStart...]) {
                // GLPK's interior point stopped short (numerical instability, no convergence,
                // its fixed limit of 100 iterations) and kept its best point.
                if best.isWithin(InteriorResiduals.acceptanceTolerance) {
                    // Optimal to 1e-6 by its own residuals (relative primal and dual
                    // infeasibility, relative gap): that point is the answer. A simplex from
                    // scratch would only re-find it, and on the Pakistan stress programs fails to
                    // factorise (docs/LINEAR-PROGRAMMING.md).
                    accepted = best
                    return (.optimal, interiorSolution())
                }
                if status == .limitReached(.iteration) && best.primal <= 1e-6 && best.dual <= 1e-6 {
                    // Stopped by the limit at a point feasible to 1e-6 (relative): returned as a
                    // simplex stopped by a limit returns its feasible point. The remaining gap is
                    // in the log.
                    return (status, interiorSolution())
                }
            }
            if options.classifyAmbiguousStatus && GLPKStatusMapping.needsClassification(status, method: method) {
                if method == .interiorPoint {
                    // After an interior-point failure: the dual simplex with presolve (GLPK's
                    // GLP_DUALP, which turns to the primal where it must), several times faster
                    // than the primal without presolve on the Pakistan plans (docs/BENCHMARKS.md).
                    if options.scaling { scale() }
                    method = .dualSimplex
                    let code = runSimplex(.dualSimplex, presolve: true, options: options)
                    codes.append(Int(code))
                    status = GLPKStatusMapping.simplex(returnCode: code, status: simplexStatus.overall,
                                                       dualStatus: simplexStatus.dual)
                }
                if GLPKStatusMapping.needsClassification(status, method: method) {
                    // An ambiguous status (also the presolver's "no dual feasible solution") is
                    // settled by the primal simplex without presolve.
                    method = .primalSimplex
                    let code = runSimplex(.primalSimplex, presolve: false, options: options)
                    codes.append(Int(code))
                    status = GLPKStatusMapping.simplex(returnCode: code, status: simplexStatus.overall,
                                                       dualStatus: simplexStatus.dual)
                }
            }
            let hasPoint = method.isSimplex
                && GLPKStatusMapping.simplexHasSolution(status, primalStatus: simplexStatus.primal)
            return (status, hasPoint ? basicSolution() : nil)
        }
        return SolveResult(
            status: status, solution: solution, method: method,
            iterations: iterationCount - firstIteration + interiorIterations,
            solveSeconds: (clock.now - start).seconds, loadSeconds: loadSeconds,
            log: options.captureLog ? log : "", returnCodes: codes, acceptedInteriorPoint: accepted)
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

    /// The relative primal and dual infeasibilities and the relative gap of the last progress
    /// line (`N: obj = ...; rpi = ...; rdi = ...; gap = ...`), or `nil` without one.
    static func lastResiduals(in log: Substring) -> InteriorResiduals? {
        for line in log.split(separator: "\n").reversed() where line.contains(": obj =") && line.contains("rpi =") {
            return residuals(of: line)
        }
        return nil
    }

    /// The residuals of the point GLPK keeps when its interior point stops short: the progress
    /// line of the iteration that `Best point ... was reached on iteration N` names, else the last
    /// progress line.
    static func bestResiduals(in log: Substring) -> InteriorResiduals? {
        let lines = log.split(separator: "\n")
        if let best = lines.last(where: { $0.hasPrefix("Best point") }),
           let word = best.split(separator: " ").last, let iteration = Int(word.trimmingCharacters(in: .punctuationCharacters)) {
            for line in lines where line.contains(": obj =") {
                let trimmed = line.drop { $0 == " " }
                if let colon = trimmed.firstIndex(of: ":"), Int(trimmed[..<colon]) == iteration { return residuals(of: line) }
            }
        }
        return lastResiduals(in: log)
    }

    /// The residuals of one progress line, or nil when one of them is missing.
    private static func residuals(of line: Substring) -> InteriorResiduals? {
        var found: [String: Double] = [:]
        for part in line.split(separator: ";") {
            let pair = part.split(separator: "=").map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, ["rpi", "rdi", "gap"].contains(pair[0]), let value = Double(pair[1]) { found[pair[0]] = value }
        }
        guard let primal = found["rpi"], let dual = found["rdi"], let gap = found["gap"] else { return nil }
        return InteriorResiduals(primal: primal, dual: dual, gap: gap)
    }
}

import Foundation
