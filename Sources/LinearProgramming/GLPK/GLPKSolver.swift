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
        var result = Self.loadAndSolve(program, options: options, method: options.method, presolve: options.presolve)
        if case .solverError(.internalError) = result.status, options.method == .interiorPoint, options.classifyAmbiguousStatus {
            // GLPK's interior point stopped on one of its own assertions and took the problem with
            // it (GLPKFault): load the program again and solve it with the cold simplex.
            var retry = Self.loadAndSolve(program, options: options, method: .dualSimplex, presolve: true)
            for k in retry.path.indices {
                retry.path[k].kind = .coldSimplex
                retry.path[k].summary = "cold simplex after GLPK's internal error: " + retry.path[k].summary
            }
            result = result.followed(by: retry)
        }
        return GLPKVerification.verified(result, program: program, options: options)  // docs/LINEAR-PROGRAMMING.md
    }

    /// Loads a validated program into a new GLPK problem and solves it once.
    private static func loadAndSolve(_ program: LinearProgram, options: SolverOptions, method: SolverMethod,
                                     presolve: Bool) -> SolveResult {
        let problem = GLPKProblem()
        let clock = ContinuousClock()
        let start = clock.now
        _ = GLPKTerminal.capturing(keep: false) { _ in
            problem.load(program)
            // The interior point equilibrates its own working program (GLP_SF_EQ); scaling it
            // beforehand as well made GLPK's interior point fail on the hourly capacity-expansion
            // programs (docs/BENCHMARKS.md). The simplex fallback scales for itself.
            if options.scaling && method.isSimplex { problem.scale() }
        }
        let loadSeconds = (clock.now - start).seconds
        return problem.solve(options: options, method: method, presolve: presolve, loadSeconds: loadSeconds,
                             checkPoint: { program.check($0) })
    }
}

extension GLPKProblem {
    /// Solves the loaded problem once, classifies the outcome and extracts the solution.
    ///
    /// Interior point on a program without rows is solved by simplex (GLPK's interior point
    /// refuses it). When the interior point stops short (instability, no convergence, its
    /// iteration limit), its best point is accepted if its primal and dual infeasibilities are
    /// within ``InteriorResiduals/acceptanceTolerance`` and its gap within
    /// ``SolverOptions/acceptanceGap``; otherwise, with
    /// ``SolverOptions/classifyAmbiguousStatus``, a crossover recovers a basis from the point and
    /// the primal simplex finishes from it (``GLPKCrossover``); only if that fails does a cold dual
    /// simplex with presolve run. Any other interior-point failure goes to that cold simplex; an
    /// "infeasible or unbounded" answer is settled by a primal simplex without presolve. Every
    /// solver call is recorded in ``SolveResult/path`` and reported to ``SolverOptions/progress``.
    ///
    /// `crossoverAttempts` are the crossover's rules for "at a bound", tried in order, and
    /// `acceptanceGap` overrides the options' gap under which a stopped-short point is accepted
    /// (tests pass 0 to reach the tighter attempts, the cold last resort, or a crossover from a
    /// point that would be accepted); `checkPoint` checks a point against the program before it is
    /// accepted (``LinearProgram/check(_:checkDuals:)``: GLPK's residuals are of its working
    /// program, and a point they accept can still violate a row of the program by more than 1e-6),
    /// a point that fails goes on to the crossover; `retryGap` the gap above which the interior point first runs again on
    /// the scaled program (tests pass 0 to reach the retry on small programs).
    func solve(options: SolverOptions, method requested: SolverMethod, presolve: Bool, loadSeconds: Double,
               crossoverAttempts: [GLPKCrossover.Attempt] = GLPKCrossover.attempts,
               acceptanceGap: Double? = nil,
               retryGap: Double = InteriorResiduals.retryGap,
               checkPoint: ((Solution) -> SolutionCheck)? = nil) -> SolveResult {
        let clock = ContinuousClock()
        let start = clock.now
        let firstIteration = iterationCount
        let acceptanceGap = acceptanceGap ?? options.acceptanceGap
        var codes: [Int] = []
        var method = requested
        if method == .interiorPoint && rowCount == 0 { method = .primalSimplex }
        let reporter = GLPKProgressReporter(observer: options.progress, clock: clock, start: start)
        var steps: [SolveStep] = []

        var interiorIterations = 0
        var accepted: InteriorResiduals?
        // The step running when GLPK stopped on a fatal error (GLPKFault), for the path.
        var running: (kind: SolveStep.Kind, method: SolverMethod, presolve: Bool, start: ContinuousClock.Instant)?
        let ((status, solution), log) = GLPKTerminal.capturing(keep: true) { buffer -> (SolveStatus, Solution?) in
            if options.progress.isActive { buffer.onLine = { reporter.consume($0) } }

            /// Runs one simplex call as a step of the path.
            func simplexStep(_ kind: SolveStep.Kind, _ simplex: SolverMethod, presolve: Bool, why: String,
                             counts: GLPKCrossover.Counts? = nil,
                             describe: (_ what: String, _ outcome: String) -> String) throws(GLPKFault) -> SolveStatus {
                reporter.begin(kind, simplex, why: why)
                let stepStart = clock.now, stepIterations = iterationCount
                running = (kind, simplex, presolve, stepStart)
                let code = try runSimplex(simplex, presolve: presolve, options: options)
                codes.append(Int(code))
                let status = GLPKStatusMapping.simplex(returnCode: code, status: simplexStatus.overall,
                                                       dualStatus: simplexStatus.dual)
                let iterations = iterationCount - stepIterations
                let what = "\(simplex == .dualSimplex ? "dual" : "primal") simplex\(presolve ? " with presolve" : "")"
                var step = SolveStep(kind: kind, method: simplex, presolve: presolve, status: status.code,
                                     iterations: iterations, seconds: (clock.now - stepStart).seconds,
                                     summary: describe(what, "\(Self.word(status)), \(iterations) iterations"))
                if let counts {
                    step.fixedColumns = counts.fixedColumns
                    step.columns = counts.columns
                    step.fixedRows = counts.fixedRows
                    step.rows = counts.rows
                    step.tolerance = counts.tolerance
                }
                steps.append(step)
                reporter.end(step)
                return status
            }

            do throws(GLPKFault) {
                var status: SolveStatus
                if method == .interiorPoint {
                    /// Runs `glp_interior` once as a step of the path; the residuals of the point
                    /// GLPK kept when it stopped short.
                    func interiorStep(_ kind: SolveStep.Kind, ordering: InteriorOrdering = .amd,
                                      why: String) throws(GLPKFault) -> (SolveStatus, InteriorResiduals?, SolveStep) {
                        reporter.begin(kind, .interiorPoint, why: why)
                        let stepStart = clock.now
                        let before = buffer.text.endIndex
                        running = (kind, .interiorPoint, false, stepStart)
                        let code = try runInterior(options: options, ordering: ordering)
                        codes.append(Int(code))
                        let interiorLog = buffer.text[before...]
                        let iterations = GLPKInteriorLog.iterations(in: interiorLog)
                        interiorIterations += iterations
                        let status = GLPKStatusMapping.interior(returnCode: code, status: interiorStatus)
                        let best = GLPKStatusMapping.stoppedShort(status) ? GLPKInteriorLog.bestResiduals(in: interiorLog) : nil
                        var summary = (kind == .interiorRetry ? "interior point on the scaled program" : "interior point")
                            + (ordering == .symamd ? " with the SYMAMD ordering" : "")
                            + ": \(Self.word(status)) at iteration \(iterations)"
                        if let best { summary += " (best point: \(Self.describe(best)))" }
                        let step = SolveStep(kind: kind, method: .interiorPoint, presolve: false, status: status.code,
                                             iterations: iterations, seconds: (clock.now - stepStart).seconds,
                                             summary: summary, residuals: best)
                        return (status, best, step)
                    }
                    var best: InteriorResiduals?, step: SolveStep
                    (status, best, step) = try interiorStep(.interiorPoint, why: "interior point as asked")
                    if status == .optimal {
                        steps.append(step)
                        reporter.end(step)
                        return (status, interiorSolution())
                    }
                    // The point a crossover starts from when it is not GLPK's last one.
                    var point: Solution?
                    if GLPKStatusMapping.stoppedShort(status), options.classifyAmbiguousStatus, let first = best,
                       !first.isCandidate(gap: acceptanceGap), first.gap > retryGap {
                        // Stopped far from the optimum, where a crossover is nearly a cold solve
                        // (few columns sit at a bound yet): GLPK's interior point again, on the
                        // program scaled, then (if that stops far out too) with the other ordering
                        // of its normal equations. Its stops are numerical (the check of its normal
                        // equations) and a rescaled or reordered program takes another path. The
                        // best of the points goes on (docs/LINEAR-PROGRAMMING.md).
                        steps.append(step)
                        reporter.end(step)
                        var kept = (status: status, residuals: first, solution: interiorSolution(), last: true)
                        var pending: SolveStep?
                        scale()
                        for ordering in Self.retryOrderings {
                            if let pending {
                                steps.append(pending)
                                reporter.end(pending)
                            }
                            let retry = try interiorStep(.interiorRetry, ordering: ordering,
                                                         why: "the interior point stopped short at \(Self.describe(kept.residuals))")
                            if retry.0 == .optimal {
                                steps.append(retry.2)
                                reporter.end(retry.2)
                                return (.optimal, interiorSolution())
                            }
                            pending = retry.2
                            kept.last = false
                            if let residuals = retry.1, residuals.worst < kept.residuals.worst {
                                kept = (retry.0, residuals, interiorSolution(), true)
                            }
                            if kept.residuals.isCandidate(gap: acceptanceGap) || kept.residuals.gap <= retryGap { break }
                        }
                        (status, best, step) = (kept.status, kept.residuals, pending!)
                        if !kept.last { point = kept.solution }
                    }
                    let stoppedShort = GLPKStatusMapping.stoppedShort(status)
                    /// The point GLPK kept, when it may be accepted: within the gap by GLPK's residuals (its
                    /// dual residual screened only, ``InteriorResiduals/isCandidate(gap:)``) and by the
                    /// program's own check; without `checkPoint`, by GLPK's residuals alone. The step's
                    /// summary says which.
                    func acceptablePoint() -> Solution? {
                        guard point == nil, let best,
                              checkPoint == nil ? best.isAcceptable(gap: acceptanceGap) : best.isCandidate(gap: acceptanceGap) else { return nil }
                        let solution = interiorSolution()
                        if let check = checkPoint?(solution), !check.passed(gapTolerance: acceptanceGap) {
                            step.summary += "; within gap \(Self.scientific(acceptanceGap)) by its own residuals but not by the program's ("
                                + check.summary + "): not accepted"
                            return nil
                        }
                        step.summary += "; within gap \(Self.scientific(acceptanceGap)): accepted as optimal"
                        return solution
                    }
                    if let solution = acceptablePoint() {
                        // GLPK's interior point stopped short (numerical instability, no convergence,
                        // its fixed limit of 100 iterations) at a point feasible to 1e-6 and within
                        // the accepted gap by its own residuals (relative primal and dual
                        // infeasibility, relative gap): that point is the answer, as a decomposition's
                        // is at the same gap. A simplex would only re-find it to within that gap
                        // (docs/LINEAR-PROGRAMMING.md).
                        step.status = .optimal
                        steps.append(step)
                        reporter.end(step)
                        accepted = best
                        return (.optimal, solution)
                    }
                    steps.append(step)
                    reporter.end(step)
                    if stoppedShort && options.classifyAmbiguousStatus {
                        // Short of the tolerance: a crossover from the point GLPK kept.
                        let source = point == nil ? "" : " from an earlier interior point (the later runs stopped further out)"
                        let point = point ?? interiorSolution()
                        if options.scaling { scale() }
                        let why = "the interior point stopped short (\(Self.word(status)))"
                            + (best.map { " at \(Self.describe($0))" } ?? "")
                        let finished = try crossover(from: point, source: source, attempts: crossoverAttempts, why: why) { (kind, simplex, presolve, why, counts, describe) throws(GLPKFault) in
                            try simplexStep(kind, simplex, presolve: presolve, why: why, counts: counts, describe: describe)
                        }
                        if let finished {
                            method = .primalSimplex
                            status = finished
                        } else {
                            // The last resort: a simplex from scratch.
                            method = .dualSimplex
                            status = try simplexStep(.coldSimplex, .dualSimplex, presolve: true,
                                                     why: "the crossover found no basis") { "cold simplex, the last resort: \($0): \($1)" }
                        }
                    } else if stoppedShort && status == .limitReached(.iteration),
                              let best, best.primal <= 1e-6 && best.dual <= 1e-6 {
                        // Without classification: stopped by the limit at a point feasible to 1e-6
                        // (relative), returned as a simplex stopped by a limit returns its feasible
                        // point. The remaining gap is in the log.
                        return (status, interiorSolution())
                    }
                } else {
                    status = try simplexStep(.simplex, method, presolve: presolve, why: "simplex as asked") { "\($0): \($1)" }
                }
                if options.classifyAmbiguousStatus && GLPKStatusMapping.needsClassification(status, method: method) {
                    if method == .interiorPoint {
                        // After an interior-point failure without a point (GLPK's failure or "no
                        // feasible solution"): the dual simplex with presolve (GLPK's GLP_DUALP, which
                        // turns to the primal where it must), several times faster than the primal
                        // without presolve on the Pakistan plans (docs/BENCHMARKS.md).
                        if options.scaling { scale() }
                        method = .dualSimplex
                        status = try simplexStep(.coldSimplex, .dualSimplex, presolve: true,
                                             why: "the interior point ended without a point (\(Self.word(status)))") { "cold simplex: \($0): \($1)" }
                    }
                    if GLPKStatusMapping.needsClassification(status, method: method) {
                        // An ambiguous status (also the presolver's "no dual feasible solution") is
                        // settled by the primal simplex without presolve.
                        method = .primalSimplex
                        status = try simplexStep(.classification, .primalSimplex, presolve: false,
                                             why: "settle \(Self.word(status))") { "classification: \($0): \($1)" }
                    }
                }
                let hasPoint = method.isSimplex
                    && GLPKStatusMapping.simplexHasSolution(status, primalStatus: simplexStatus.primal)
                return (status, hasPoint ? basicSolution() : nil)
            } catch {
                // GLPK stopped on a fatal error and its state on this thread is gone: this
                // problem may not be touched again (GLPKFault).
                let status = GLPKFault.status(log: buffer.text)
                if let running {
                    let step = SolveStep(kind: running.kind, method: running.method, presolve: running.presolve,
                                         status: status.code, iterations: 0, seconds: (clock.now - running.start).seconds,
                                         summary: "GLPK stopped on a fatal error: \(GLPKFault.message(log: buffer.text))")
                    steps.append(step)
                    reporter.end(step)
                }
                if running?.method == .interiorPoint { method = .interiorPoint }
                return (status, nil)
            }
        }
        var result = SolveResult(
            status: status, solution: solution, method: method,
            iterations: (isAlive ? iterationCount - firstIteration : 0) + interiorIterations,
            solveSeconds: (clock.now - start).seconds, loadSeconds: loadSeconds,
            log: options.captureLog ? log : "", returnCodes: codes, acceptedInteriorPoint: accepted)
        result.path = steps
        return result
    }

    /// The crossover from an interior point (``GLPKCrossover``): each attempt fixes what sits at a
    /// bound, solves the restricted program (dual simplex with presolve), restores the bounds and
    /// finishes with the primal simplex without presolve from that basis. Returns the final status,
    /// or `nil` when no attempt gave a basis the primal simplex could use (then the caller runs a
    /// cold simplex). The original bounds are restored in every case.
    private func crossover(
        from point: Solution, source: String, attempts: [GLPKCrossover.Attempt], why: String,
        run: (SolveStep.Kind, SolverMethod, Bool, String, GLPKCrossover.Counts?, (String, String) -> String) throws(GLPKFault) -> SolveStatus
    ) throws(GLPKFault) -> SolveStatus? {
        let columns = point.values.count, rows = point.rowActivities.count
        var reason = why
        for attempt in attempts {
            let fixing = fixAtBounds(point, attempt)
            let fixed = "\(fixing.columns.count) of \(columns) columns"
                + (attempt.fixRows ? " and \(fixing.rows.count) of \(rows) rows" : "")
                + " fixed at a bound (tolerance \(Self.scientific(attempt.tolerance))"
                + (attempt.confirmByReducedCost ? ", confirmed by the reduced cost)" : ")")
            let counts = GLPKCrossover.Counts(fixedColumns: fixing.columns.count, columns: columns,
                                              fixedRows: fixing.rows.count, rows: rows, tolerance: attempt.tolerance)
            let restricted = try run(.crossover, .dualSimplex, true, reason, counts) { "crossover\(source): \(fixed); \($0): \($1)" }
            restoreBounds(fixing)
            switch restricted {
            case .optimal:
                let finished = try run(.crossoverSimplex, .primalSimplex, false, "finish from the crossover basis", nil) {
                    "\($0) from the crossover basis: \($1)"
                }
                if case .solverError = finished { return nil }
                return finished
            case .limitReached:
                return restricted
            default:
                reason = "the restricted program was \(Self.word(restricted)): fix less"
            }
        }
        return nil
    }

    /// A short word for a status in a step's summary.
    static func word(_ status: SolveStatus) -> String {
        switch status {
        case .solverError(.noConvergence): "no convergence"
        case .solverError(.numericalInstability): "numerical instability"
        case .limitReached(.iteration): "iteration limit"
        case .limitReached(.time): "time limit"
        case .infeasibleOrUnbounded: "infeasible or unbounded"
        case .solverError(let failure): "solver error (\(failure))"
        default: status.code.rawValue
        }
    }

    /// `rpi 1.1e-09, rdi 4.1e-09, gap 1.3e-06`.
    static func describe(_ r: InteriorResiduals) -> String {
        "rpi \(scientific(r.primal)), rdi \(scientific(r.dual)), gap \(scientific(r.gap))"
    }

    /// A number as GLPK prints residuals: `1.3e-06`.
    static func scientific(_ x: Double) -> String { String(format: "%.1e", x) }

    /// The runs of the interior point after one that stopped far out, in order: on the scaled
    /// program with GLPK's AMD ordering, then with SYMAMD (docs/BENCHMARKS.md).
    static let retryOrderings: [InteriorOrdering] = [.amd, .symamd]
}

extension Duration {
    /// The duration in seconds as a `Double`.
    public var seconds: Double {
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
