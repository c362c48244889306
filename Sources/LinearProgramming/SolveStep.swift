/// One solver call of a solve, for the record: what ran, why, how it ended, its iterations and
/// seconds. ``SolveResult/path`` lists them in order, so a result shows whether GLPK's interior
/// point was accepted, finished by a crossover, or (the last resort) replaced by a cold simplex.
///
/// Plain strings and numbers only: it encodes as a JSON object (results files carry it as is).
public struct SolveStep: Sendable, Equatable, Codable {
    /// What a step does.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// The simplex asked for (`glp_simplex`).
        case simplex
        /// GLPK's interior point (`glp_interior`).
        case interiorPoint = "interior_point"
        /// GLPK's interior point again, on the program scaled (`glp_scale_prob`), after the first
        /// stopped short at a gap above ``InteriorResiduals/retryGap``.
        case interiorRetry = "interior_retry"
        /// The crossover's restricted solve: columns and rows the interior point left at a bound
        /// fixed there, solved by the dual simplex with presolve (a basis of the whole program).
        case crossover
        /// The primal simplex without presolve from the crossover's basis, on the original bounds.
        case crossoverSimplex = "crossover_simplex"
        /// A simplex from scratch after an interior-point failure: the last resort.
        case coldSimplex = "cold_simplex"
        /// A primal simplex without presolve that settles "infeasible or unbounded".
        case classification
        /// A solve again after an optimum failed the check against the program (GLPK's exact
        /// simplex for small programs, else the other simplex).
        case recheck
        /// A Benders decomposition (`Decomposition`): a master over the planning columns and a
        /// dispatch subproblem per block, to a relative gap.
        case benders
        /// No solve: the solution of the run a what-if departs from passes the what-if program's
        /// check (``DepartedSolution``).
        case departedSolution = "departed_solution"
    }

    /// What the step did.
    public var kind: Kind
    /// The algorithm of the step.
    public var method: SolverMethod
    /// Whether GLPK's presolver ran in the step.
    public var presolve: Bool
    /// How the step ended, as a recorded status word (`optimal`, `solver_error` ...).
    public var status: SolveStatus.Code
    /// Iterations of the step (simplex iterations, or interior-point iterations from its log).
    public var iterations: Int
    /// Wall-clock seconds of the step.
    public var seconds: Double
    /// One sentence for people: what ran, why, and how it ended, e.g. "interior point: numerical
    /// instability at iteration 14 (best point: rpi 1.1e-09, rdi 4.1e-09, gap 1.3e-06)".
    public var summary: String
    /// For an interior-point step that stopped short: the residuals of the point GLPK kept.
    public var residuals: InteriorResiduals?
    /// For a crossover step: how many columns and rows were fixed at a bound, out of how many,
    /// and the tolerance that chose them.
    public var fixedColumns: Int?
    /// Columns of the program (crossover steps).
    public var columns: Int?
    /// Rows fixed at a bound (crossover steps).
    public var fixedRows: Int?
    /// Rows of the program (crossover steps).
    public var rows: Int?
    /// The relative tolerance within which a value counted as at its bound (crossover steps).
    public var tolerance: Double?

    /// Creates a step.
    public init(kind: Kind, method: SolverMethod, presolve: Bool, status: SolveStatus.Code, iterations: Int,
                seconds: Double, summary: String, residuals: InteriorResiduals? = nil) {
        self.kind = kind
        self.method = method
        self.presolve = presolve
        self.status = status
        self.iterations = iterations
        self.seconds = seconds
        self.summary = summary
        self.residuals = residuals
    }
}
