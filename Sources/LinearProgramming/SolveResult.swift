/// What a solve found. Infeasible and unbounded programs are answers, not errors.
public enum SolveStatus: Sendable, Hashable, CustomStringConvertible {
    /// An optimal solution was found.
    case optimal
    /// The program has no feasible solution.
    case infeasible
    /// The objective can be improved without bound.
    case unbounded
    /// The program is dual infeasible: unbounded if a feasible point exists, otherwise infeasible.
    /// Only reported when ``SolverOptions/classifyAmbiguousStatus`` is off.
    case infeasibleOrUnbounded
    /// The solver stopped at a limit before proving optimality.
    case limitReached(SolveLimit)
    /// The solver failed for a numerical or internal reason.
    case solverError(SolverFailure)
    /// The solver said "optimal", but its solution fails the check against the program
    /// (``LinearProgram/check(_:checkDuals:)``), and solving again another way gave no solution
    /// that passes: the program is too badly scaled for double precision. Never reported as optimal.
    case numericallyUnreliable

    /// The status as recorded in results, stress matrices and Monte Carlo samples: a short
    /// stable word (`optimal`, `infeasible`, `time_limit` ...) without the failure's details.
    public var code: Code {
        switch self {
        case .optimal: .optimal
        case .infeasible: .infeasible
        case .unbounded: .unbounded
        case .infeasibleOrUnbounded: .infeasibleOrUnbounded
        case .limitReached(.time): .timeLimit
        case .limitReached(.iteration): .iterationLimit
        case .limitReached(.objective): .objectiveLimit
        case .limitReached(.memory): .memoryLimit
        case .solverError: .solverError
        case .numericallyUnreliable: .numericallyUnreliable
        }
    }

    /// Whether an optimal solution was found.
    public var isOptimal: Bool { self == .optimal }

    /// A message for people.
    public var description: String {
        switch self {
        case .optimal: "optimal"
        case .infeasible: "infeasible: no solution satisfies every constraint"
        case .unbounded: "unbounded: the objective can improve without limit"
        case .infeasibleOrUnbounded: "infeasible or unbounded (dual infeasible; primal status not determined)"
        case .limitReached(let limit): "stopped at the \(limit.rawValue) limit before proving optimality"
        case .solverError(let failure): "solver error: \(failure)"
        case .numericallyUnreliable:
            "numerically unreliable: the solver's optimum fails the check against the program, and solving again did not help; rescale the program"
        }
    }
}

extension SolveStatus {
    /// A recorded solve status: the machine-readable word of a ``SolveStatus`` (its limit
    /// named, its failure's details left to the solver log). Encodes as that word, so files
    /// keep the strings `optimal`, `infeasible`, `unbounded`, `infeasible_or_unbounded`,
    /// `time_limit`, `iteration_limit`, `objective_limit`, `solver_error` and
    /// `numerically_unreliable`; its description
    /// is the same word.
    public enum Code: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
        /// An optimal solution was found.
        case optimal
        /// The program has no feasible solution.
        case infeasible
        /// The objective can be improved without bound.
        case unbounded
        /// Unbounded if a feasible point exists, otherwise infeasible.
        case infeasibleOrUnbounded = "infeasible_or_unbounded"
        /// The time limit stopped the solve.
        case timeLimit = "time_limit"
        /// The iteration limit stopped the solve.
        case iterationLimit = "iteration_limit"
        /// An objective cut-off stopped the solve.
        case objectiveLimit = "objective_limit"
        /// Stopped at the memory limit (``SolverOptions/memoryLimitMegabytes``).
        case memoryLimit = "memory_limit"
        /// The solver failed.
        case solverError = "solver_error"
        /// The solver's optimum failed the check against the program (never optimal).
        case numericallyUnreliable = "numerically_unreliable"

        /// Whether an optimal solution was found.
        public var isOptimal: Bool { self == .optimal }

        /// The word itself, as written to files.
        public var description: String { rawValue }
    }
}

/// Which limit stopped a solve.
public enum SolveLimit: String, Sendable, Hashable {
    /// The time limit (``SolverOptions/timeLimitSeconds``).
    case time
    /// The iteration limit (``SolverOptions/iterationLimit``).
    case iteration
    /// An objective cut-off (GLPK's `obj_ll`/`obj_ul`; Bijli never sets one).
    case objective
    /// The memory limit (``SolverOptions/memoryLimitMegabytes``, GLPK's `glp_mem_limit`).
    case memory
}

/// Why a solver failed.
public enum SolverFailure: Sendable, Hashable, CustomStringConvertible {
    /// The starting basis is invalid (GLPK `GLP_EBADB`).
    case invalidBasis
    /// The basis matrix is singular (`GLP_ESING`).
    case singularBasis
    /// The basis matrix is ill-conditioned (`GLP_ECOND`).
    case illConditionedBasis
    /// A double-bounded variable has lower > upper (`GLP_EBOUND`); validation prevents it.
    case invalidBounds
    /// The solver failed (`GLP_EFAIL`), for example on an empty problem.
    case failed
    /// The interior-point method did not converge (`GLP_ENOCVG`).
    case noConvergence
    /// The interior-point method became numerically unstable (`GLP_EINSTAB`).
    case numericalInstability
    /// The solver returned without an error, but the solution status is undefined or infeasible.
    case undefinedSolution(statusCode: Int)
    /// A return code this mapping does not expect (kept for the record).
    case unexpectedReturnCode(Int)
    /// GLPK stopped on one of its own fatal errors (an assertion); GLPK's message. The process
    /// goes on (``GLPKFault``).
    case internalError(String)

    /// A message for people.
    public var description: String {
        switch self {
        case .invalidBasis: "the starting basis is invalid"
        case .singularBasis: "the basis matrix is singular"
        case .illConditionedBasis: "the basis matrix is ill-conditioned; rescale the model"
        case .invalidBounds: "a variable has a lower bound above its upper bound"
        case .failed: "the solver failed"
        case .noConvergence: "the interior-point method did not converge; try --method simplex"
        case .numericalInstability: "the interior-point method became numerically unstable; try --method simplex"
        case .undefinedSolution(let code): "the solver ended with an undefined solution (status \(code))"
        case .unexpectedReturnCode(let code): "the solver returned the unexpected code \(code)"
        case .internalError(let message): "GLPK stopped on an internal error (\(message)); the run went on without it"
        }
    }
}

/// A primal and dual solution of a ``LinearProgram``.
public struct Solution: Sendable, Equatable {
    /// The objective value, **including** the program's constant term.
    public var objective: Double
    /// The value of each variable, by ``Variable/index``.
    public var values: [Double]
    /// The reduced cost of each variable.
    public var reducedCosts: [Double]
    /// The activity `Σ a_ij x_j` of each row, by ``Row/index``.
    public var rowActivities: [Double]
    /// The dual value (shadow price) of each row: the objective's change per unit of right-hand side.
    public var rowDuals: [Double]

    /// Creates a solution.
    public init(objective: Double, values: [Double], reducedCosts: [Double], rowActivities: [Double], rowDuals: [Double]) {
        self.objective = objective
        self.values = values
        self.reducedCosts = reducedCosts
        self.rowActivities = rowActivities
        self.rowDuals = rowDuals
    }

    /// The value of a variable.
    public subscript(variable: Variable) -> Double { values[variable.index] }
    /// The dual value of a row.
    public func dual(_ row: Row) -> Double { rowDuals[row.index] }
    /// The activity of a row.
    public func activity(_ row: Row) -> Double { rowActivities[row.index] }
}

/// Everything a solve returns: status, solution when there is one, and the record of the run.
public struct SolveResult: Sendable {
    /// What the solve found.
    public var status: SolveStatus
    /// The solution: present when optimal, and when a limit stopped a solve at a feasible point.
    public var solution: Solution?
    /// The method that produced the result (after any fallback).
    public var method: SolverMethod
    /// Simplex or interior-point iterations, summed over every solver call of this solve.
    public var iterations: Int
    /// Wall-clock seconds spent in the solver calls (loading excluded).
    public var solveSeconds: Double
    /// Wall-clock seconds spent handing the program to the solver.
    public var loadSeconds: Double
    /// The solver's own log, captured instead of printed.
    public var log: String
    /// The solver's raw return codes, in call order, for the record.
    public var returnCodes: [Int]
    /// Set when GLPK's interior point stopped short (numerical instability, no convergence or its
    /// iteration limit) at a point whose residuals are all within
    /// ``InteriorResiduals/acceptanceTolerance`` and its gap within ``SolverOptions/acceptanceGap``:
    /// the status is then optimal, and these are the residuals of that point.
    public var acceptedInteriorPoint: InteriorResiduals?
    /// Whether the simplex started from the basis of an earlier program of the same shape
    /// (``GLPKWorker``) instead of from scratch.
    public var warmStarted = false
    /// Every solver call of this solve, in order: what ran, why, how it ended, iterations and
    /// seconds (``SolveStep``). Empty for results not made by a GLPK solve.
    public var path: [SolveStep] = []
    /// Lower and upper bound on the optimum, for methods that bound it from both sides (a
    /// decomposition stopped at a relative gap); nil otherwise.
    public var lowerBound: Double?
    /// See ``lowerBound``.
    public var upperBound: Double?
    /// The check of an optimal solution against the program (``LinearProgram/check(_:checkDuals:)``):
    /// set whenever the solver said "optimal", also when the status became
    /// ``SolveStatus/numericallyUnreliable``; nil otherwise.
    public var check: SolutionCheck?

    /// Creates a result.
    public init(status: SolveStatus, solution: Solution?, method: SolverMethod, iterations: Int,
                solveSeconds: Double, loadSeconds: Double, log: String, returnCodes: [Int],
                acceptedInteriorPoint: InteriorResiduals? = nil) {
        self.acceptedInteriorPoint = acceptedInteriorPoint
        self.status = status
        self.solution = solution
        self.method = method
        self.iterations = iterations
        self.solveSeconds = solveSeconds
        self.loadSeconds = loadSeconds
        self.log = log
        self.returnCodes = returnCodes
    }

    /// The objective value including its constant, when there is a solution.
    public var objective: Double? { solution?.objective }

    /// This result followed by a second solve that replaced it (a retry): the second's outcome,
    /// the two records (iterations, seconds, logs, return codes, paths) joined.
    func followed(by retry: SolveResult) -> SolveResult {
        var joined = SolveResult(
            status: retry.status, solution: retry.solution, method: retry.method,
            iterations: iterations + retry.iterations, solveSeconds: solveSeconds + retry.solveSeconds,
            loadSeconds: loadSeconds + retry.loadSeconds, log: log + retry.log,
            returnCodes: returnCodes + retry.returnCodes, acceptedInteriorPoint: retry.acceptedInteriorPoint)
        joined.path = path + retry.path
        return joined
    }
}

/// How far an interior point is from optimal, as GLPK's interior point measures it on its
/// progress lines: relative primal infeasibility (`rpi`), relative dual infeasibility (`rdi`) and
/// relative primal-dual gap (`gap`).
public struct InteriorResiduals: Sendable, Equatable, Codable {
    /// Relative primal infeasibility.
    public var primal: Double
    /// Relative dual infeasibility.
    public var dual: Double
    /// Relative gap between the primal and dual objectives.
    public var gap: Double

    /// Creates residuals.
    public init(primal: Double, dual: Double, gap: Double) {
        self.primal = primal
        self.dual = dual
        self.gap = gap
    }

    /// The feasibility tolerance under which a point GLPK's interior point stopped at may be
    /// accepted: 1e-6 on the relative primal and on the relative dual infeasibility. GLPK stops on
    /// its own at 1e-8; 1e-6 relative is far below any figure a report prints, and the independent
    /// check of every optimum (``SolutionCheck/tolerance``) holds the point to the same 1e-6.
    public static let acceptanceTolerance = 1e-6

    /// The default relative gap within which such a point is accepted as optimal: 1e-4, the gap
    /// at which the decomposition stops (`--gap`, ``SolverOptions/acceptanceGap``). A plan of
    /// 61 bn USD is then within 6 M USD of its optimum, a tenth of the rounding of the
    /// reports' 0.01 bn USD. GLPK's interior point stops short (numerical instability) at gaps of
    /// 2e-6 to 2e-5 on several Pakistan disruption plans; a crossover from there costs 3 to 11
    /// times the base plan's whole solve (docs/BENCHMARKS.md).
    public static let acceptanceGap = 1e-4

    /// The gap above which an interior point that stopped short runs again on the scaled program
    /// before any crossover: 1e-4. Further out few columns sit at a bound and a crossover is nearly
    /// a cold simplex (RLNG +30 %: gap 3.7e-2, 471 CPU-s by crossover, 91 by the second run); closer
    /// in, the crossover is short and a second run that also stops short only adds its time
    /// (docs/BENCHMARKS.md).
    public static let retryGap = 1e-4

    /// The largest residual (infinity when one is NaN), to compare two points.
    public var worst: Double {
        let values = [primal, dual, gap]
        return values.contains { $0.isNaN } ? .infinity : values.max()!
    }

    /// Whether every residual is at most `tolerance` (and none is NaN).
    public func isWithin(_ tolerance: Double) -> Bool {
        primal <= tolerance && dual <= tolerance && gap <= tolerance
    }

    /// Whether the point is accepted as optimal by GLPK's residuals alone: primal and dual
    /// infeasibility at most ``acceptanceTolerance`` and the gap at most `gap` (none NaN).
    public func isAcceptable(gap limit: Double) -> Bool {
        primal <= Self.acceptanceTolerance && dual <= Self.acceptanceTolerance && gap <= limit
    }

    /// The dual infeasibility up to which a point within the gap is put to the program's own check
    /// (``SolutionCheck``) rather than refused: 1e-4. GLPK's `rdi` is one norm over its scaled
    /// working program; the check measures every reduced cost of the program itself against 1e-6,
    /// and decides. (The LNG heat-wave plan stops at rdi 2.2e-6, gap 1.8e-5.)
    public static let dualScreen = 1e-4

    /// Whether the point may be accepted subject to the program's own check: primal infeasibility
    /// at most ``acceptanceTolerance``, dual at most ``dualScreen``, gap at most `gap`.
    public func isCandidate(gap limit: Double) -> Bool {
        primal <= Self.acceptanceTolerance && dual <= Self.dualScreen && gap <= limit
    }
}
