/// What a solve is doing, reported while it runs (``SolverOptions/progress``).
///
/// Events come from GLPK's own progress lines as GLPK prints them (the simplex about every second,
/// the interior point every iteration) and at the start and end of every step of the solve
/// (``SolveStep``): the interior point, the crossover, the simplex from the crossover's basis, a
/// cold simplex. Plain strings and numbers only, so a front end can print it or encode it as a JSON line.
public struct SolverProgress: Sendable, Hashable, Codable {
    /// What an event reports.
    public enum Event: String, Sendable, Hashable, Codable, CaseIterable {
        /// A step begins (``message`` says why).
        case started
        /// GLPK's presolver runs (`Preprocessing...`).
        case presolve
        /// One progress line of GLPK.
        case iteration
        /// A step ended (``message`` says how; ``iteration`` is its iteration count).
        case finished
    }

    /// The step of the solve.
    public var stage: SolveStep.Kind
    /// What this event reports.
    public var event: Event
    /// The algorithm of the step.
    public var method: SolverMethod
    /// The simplex phase of an iteration line: 1 while searching a feasible point (GLPK's mark
    /// ` `), 2 once feasible (`*`; the dual simplex's `#`, a phase-2 line of its working program,
    /// also counts as 2); `nil` for the interior point and stage events.
    public var phase: Int?
    /// The iteration: GLPK's count within the step's `glp_simplex` call (cumulative over the
    /// calls on one problem) or the interior-point iteration.
    public var iteration: Int?
    /// The objective at that iteration (GLPK's `obj`, the program's own objective).
    public var objective: Double?
    /// Simplex: the sum of primal infeasibilities (`inf`). Interior point: the relative primal
    /// infeasibility (`rpi`).
    public var primalInfeasibility: Double?
    /// Interior point: the relative dual infeasibility (`rdi`).
    public var dualInfeasibility: Double?
    /// Interior point: the relative primal-dual gap (`gap`).
    public var gap: Double?
    /// Seconds since the solve began (loading excluded).
    public var elapsedSeconds: Double
    /// For `started` and `finished`: a sentence (why the step runs, or the step's summary).
    public var message: String?

    /// Creates an event.
    public init(stage: SolveStep.Kind, event: Event, method: SolverMethod, phase: Int? = nil, iteration: Int? = nil,
                objective: Double? = nil, primalInfeasibility: Double? = nil, dualInfeasibility: Double? = nil,
                gap: Double? = nil, elapsedSeconds: Double, message: String? = nil) {
        self.stage = stage
        self.event = event
        self.method = method
        self.phase = phase
        self.iteration = iteration
        self.objective = objective
        self.primalInfeasibility = primalInfeasibility
        self.dualInfeasibility = dualInfeasibility
        self.gap = gap
        self.elapsedSeconds = elapsedSeconds
        self.message = message
    }
}

/// Receives ``SolverProgress`` events while a solve runs, or nobody (``none``, the default).
///
/// The handler is called synchronously on the solving thread, from inside GLPK's output hook:
/// keep it short (print, append, forward to a queue) and never call the solver from it.
/// Observers never compare or hash: any two are equal, with or without a handler, so
/// ``SolverOptions`` stays `Hashable` and options that differ only in their observer solve the same way.
public struct SolverProgressObserver: Sendable, Hashable {
    /// The handler, or `nil` for nobody.
    public let handler: (@Sendable (SolverProgress) -> Void)?

    /// An observer that calls `handler` with every event.
    public init(_ handler: @escaping @Sendable (SolverProgress) -> Void) {
        self.handler = handler
    }

    private init() { handler = nil }

    /// Nobody observes: no events, and GLPK's log as without an observer.
    public static let none = SolverProgressObserver()

    /// Whether a handler receives events.
    public var isActive: Bool { handler != nil }

    /// Calls the handler, if any.
    public func callAsFunction(_ progress: SolverProgress) { handler?(progress) }

    /// Always true: an observer does not change what a solve computes.
    public static func == (lhs: Self, rhs: Self) -> Bool { true }

    /// Hashes nothing (see ``==(_:_:)``).
    public func hash(into hasher: inout Hasher) {}
}
