/// How an ``EnergySystem`` is turned into a linear program.
public struct FormulationOptions: Sendable, Equatable {
    /// How long sums (monthly and annual budgets, policy totals) are written.
    public enum SumForm: String, Sendable, Equatable, CaseIterable {
        /// One row with every term (small programs; a dense row for GLPK's interior point).
        case direct
        /// A running total chained step to step: a few terms per row, the same optimum and duals.
        case chained
        /// `chained` when a sum has more than ``FormulationOptions/chainThreshold`` terms.
        case automatic = "auto"
    }

    /// The time steps of every period.
    public var time: TimeSlices
    /// Which periods to model (years); `nil` for all.
    public var periodYears: [Int]?
    /// How long sums are written.
    public var sumForm: SumForm
    /// Above this many terms an `.automatic` sum is chained.
    public var chainThreshold: Int
    /// How capacity variables reach the hourly rows: a per-step copy chain (`true`, sparse
    /// columns; the default) or the capacity variable itself in every hour (`false`, a dense column).
    public var capacityCopies: Bool?
    /// Capacities to hold fixed (stress mode): MW by resource id and period year. Resources
    /// listed here are not built; their capacity in service is exactly this value.
    public var fixedCapacityMW: CapacityPlan
    /// Multiplies every cost in the objective: 1e-6 states it in million USD, which keeps
    /// GLPK's interior point numerically stable. Results are always reported in USD.
    public var costScale: Double

    /// Creates options; hourly time and automatic sums by default.
    public init(time: TimeSlices = .hourly, periodYears: [Int]? = nil, sumForm: SumForm = .automatic,
                chainThreshold: Int = 200, capacityCopies: Bool? = nil, fixedCapacityMW: CapacityPlan = CapacityPlan(),
                costScale: Double = 1e-6) {
        self.costScale = costScale
        self.time = time
        self.periodYears = periodYears
        self.sumForm = sumForm
        self.chainThreshold = chainThreshold
        self.capacityCopies = capacityCopies
        self.fixedCapacityMW = fixedCapacityMW
    }

    /// Whether a sum of `termCount` terms is chained.
    func chains(termCount: Int) -> Bool {
        switch sumForm {
        case .direct: false
        case .chained: true
        case .automatic: termCount > chainThreshold
        }
    }

    /// Whether capacity variables are copied per step (by default yes: a capacity variable in
    /// every step's CAP row is a dense column, which slows GLPK's interior point by orders of
    /// magnitude; the copies cost one short row each).
    func copiesCapacity(stepCount: Int) -> Bool {
        capacityCopies ?? (stepCount > 1)
    }
}

/// Why a system could not be formulated (data the loader should have caught, or options that
/// do not fit the system). Every problem is listed.
public struct FormulationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The problems, one sentence each.
    public var problems: [String]

    /// Creates an error.
    public init(_ problems: [String]) {
        self.problems = problems
    }

    /// A message for people.
    public var description: String {
        "cannot build the model (\(problems.count) problem\(problems.count == 1 ? "" : "s")):\n"
            + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}
