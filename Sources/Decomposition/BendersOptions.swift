import LinearProgramming

/// Settings of a Benders decomposition (``BendersSolver``).
public struct BendersOptions: Sendable, Hashable {
    /// How the next master point is chosen.
    public enum Stabilization: Sendable, Hashable {
        /// The master's optimum itself (classical Benders; the iterates can swing far).
        case none
        /// Level-set stabilisation in the L∞ norm: the point nearest to the incumbent (the best
        /// point so far) among the master points whose cut model is at most the level
        /// `ℓ = lower + λ (upper − lower)`, with `λ` in (0, 1). Every step is an LP.
        case level(Double)
    }

    /// The relative gap at which the decomposition stops: `(upper − lower) / max(1, |upper|)`.
    public var gap: Double
    /// The largest number of iterations (master solves followed by subproblem solves).
    public var maxIterations: Int
    /// Wall-clock limit in seconds, checked after each iteration, or `nil`.
    public var timeLimitSeconds: Double?
    /// Worker threads for the subproblems (at least 1; never more than the blocks).
    public var workers: Int
    /// How the next master point is chosen (level set with λ = 0.5 by default).
    public var stabilization: Stabilization
    /// Options of the master solves (cold, simplex).
    public var masterOptions: SolverOptions
    /// Options of the subproblem sessions (only simplex methods). The presolver runs on the
    /// first, cold solve of each block only (a ``GLPKSession`` never presolves a warm re-solve,
    /// and GLPK recovers a basis of the whole block after presolving): on the loader fixture at
    /// 12 representative days that made the subproblem rounds 4× faster (1.9 s against 8.0 s in a
    /// debug build, 7,832 against 14,681 simplex iterations, the same optimum).
    public var subproblemOptions: SolverOptions

    /// Creates options; every parameter has a default.
    public init(gap: Double = 1e-4, maxIterations: Int = 500, timeLimitSeconds: Double? = nil,
                workers: Int = ProcessorCount.active, stabilization: Stabilization = .level(0.5),
                masterOptions: SolverOptions = SolverOptions(method: .primalSimplex, captureLog: false),
                subproblemOptions: SolverOptions = SolverOptions(method: .dualSimplex, presolve: true, captureLog: false)) {
        self.gap = gap
        self.maxIterations = maxIterations
        self.timeLimitSeconds = timeLimitSeconds
        self.workers = workers
        self.stabilization = stabilization
        self.masterOptions = masterOptions
        self.subproblemOptions = subproblemOptions
    }

    /// Checks the options (gap in [0, 1), positive limits, λ in (0, 1), simplex subproblems).
    public func validate() throws(DecompositionError) {
        guard gap.isFinite && gap >= 0 && gap < 1 else { throw .invalidOptions("gap \(gap) must lie in [0, 1)") }
        guard maxIterations > 0 else { throw .invalidOptions("iteration limit \(maxIterations) must be positive") }
        if let t = timeLimitSeconds, !(t.isFinite && t > 0) { throw .invalidOptions("time limit \(t) s must be positive") }
        if case .level(let lambda) = stabilization, !(lambda > 0 && lambda < 1) {
            throw .invalidOptions("level parameter \(lambda) must lie strictly between 0 and 1")
        }
        guard subproblemOptions.method.isSimplex else {
            throw .invalidOptions("subproblems are re-solved warm, which needs a simplex method (not \(subproblemOptions.method.rawValue))")
        }
        do {
            try masterOptions.validate()
            try subproblemOptions.validate()
        } catch { throw .invalidProgram(error) }
    }
}

/// One iteration of a decomposition, as reported to the progress observer.
public struct BendersProgress: Sendable, Equatable {
    /// The iteration (1-based).
    public var iteration: Int
    /// The best lower bound so far (the master's optimum; `-infinity` before every block has a cut).
    public var lowerBound: Double
    /// The best upper bound so far (the cost of the best point; `+infinity` before a feasible one).
    public var upperBound: Double
    /// `(upper − lower) / max(1, |upper|)`, or `+infinity`.
    public var gap: Double
    /// Seconds since the decomposition started.
    public var elapsedSeconds: Double
}

/// The outcome of a decomposition.
public struct BendersResult: Sendable {
    /// `.optimal` when the gap was met; `.limitReached(.iteration)` or `(.time)` when a limit
    /// stopped it (the solution is then the best point found, if any); `.infeasible` when a
    /// master with feasibility cuts has no point; `.unbounded` or `.solverError` otherwise.
    public var status: SolveStatus
    /// The whole program's solution at the best point: the master columns and every block's
    /// columns, the objective (original sense, constant included), row activities, row duals
    /// (the blocks' rows from their subproblems at the best point, the master's rows from the last
    /// master solve) and reduced costs `c − Aᵀλ` from those duals.
    public var solution: Solution?
    /// The final bounds on the optimum, in the program's own sense, `lowerBound ≤ upperBound`: for a
    /// minimisation the lower one is the master's bound and the upper one the best value found;
    /// for a maximisation the other way round.
    public var lowerBound: Double
    /// See ``lowerBound``.
    public var upperBound: Double
    /// `(upper − lower) / max(1, |upper|)` at the end, or `+infinity` without both bounds.
    public var gap: Double
    /// Iterations (master solves followed by a round of subproblem solves).
    public var iterations: Int
    /// Optimality cuts added (one per block and iteration).
    public var optimalityCuts: Int
    /// Feasibility cuts added.
    public var feasibilityCuts: Int
    /// Simplex iterations of the master solves (with the level steps).
    public var masterIterations: Int
    /// Simplex iterations of the subproblems (with their elastic twins).
    public var subproblemIterations: Int
    /// Seconds splitting the program and starting the workers.
    public var setupSeconds: Double
    /// Seconds in master solves (with the level steps).
    public var masterSeconds: Double
    /// Seconds in subproblem rounds (wall clock, every block in parallel; the first round loads the sessions).
    public var subproblemSeconds: Double
    /// Seconds of the whole decomposition.
    public var totalSeconds: Double
    /// The number of blocks.
    public var blockCount: Int
    /// The number of master columns (without the θ_k).
    public var masterColumnCount: Int
    /// The worker threads used.
    public var workers: Int
    /// The bounds after every iteration.
    public var history: [BendersProgress]
    /// Why the decomposition stopped, in words.
    public var message: String

    /// The result as a ``SolveResult`` for code that takes one: its status and solution, the
    /// method of the subproblems (`dualSimplex`), the iterations of every solve, seconds, and
    /// a log with one line per iteration.
    public var solveResult: SolveResult {
        var log = "Benders decomposition: \(blockCount) blocks, \(masterColumnCount) master columns, \(workers) workers\n"
        for p in history {
            log += "iteration \(p.iteration): lower \(p.lowerBound), upper \(p.upperBound), gap \(p.gap), \(p.elapsedSeconds) s\n"
        }
        log += message + "\n"
        var result = SolveResult(status: status, solution: solution, method: .dualSimplex,
                                 iterations: masterIterations + subproblemIterations,
                                 solveSeconds: totalSeconds - setupSeconds, loadSeconds: setupSeconds, log: log, returnCodes: [])
        result.lowerBound = lowerBound
        result.upperBound = upperBound
        result.path = [SolveStep(kind: .benders, method: .dualSimplex, presolve: false, status: status.code,
                                 iterations: masterIterations + subproblemIterations, seconds: totalSeconds,
                                 summary: "Benders decomposition: \(blockCount) blocks, \(iterations) iterations, "
                                     + String(format: "gap %.1e", gap) + " (\(message))")]
        return result
    }
}
