import LinearProgramming

/// What the optimiser minimises or maximises (MODEL.md, "Objective modes"). All are LPs.
public enum ObjectiveMode: Sendable, Equatable, CustomStringConvertible {
    /// Minimise total discounted cost, unserved energy priced at VoLL.
    case cost
    /// Lexicographic: (1) minimise unserved energy U; (2) minimise cost subject to
    /// `U ≤ U* (1 + relativeSlack) + absoluteSlackMWh`.
    case deficit(relativeSlack: Double, absoluteSlackMWh: Double)
    /// Lexicographic: (1) maximise the renewable share subject to `cost ≤ (1 + budgetSlack) cost*`
    /// with unserved energy held at its cost-optimal level; (2) minimise cost at that share.
    case renewables(budgetSlack: Double)
    /// Minimise `α·cost/cost_ref + β·U/U_ref − γ·RE/RE_ref` (cost_ref: the cost optimum;
    /// U_ref = RE_ref: demand over the horizon).
    case weighted(cost: Double, deficit: Double, renewables: Double)
    /// ε-constraint sweep: for each renewable-share target (applied to every period) minimise
    /// cost; report the frontier of (cost, unserved energy, renewable share).
    case pareto(renewableTargets: [Double])

    /// The mode's name: `cost`, `deficit`, `renewables`, `weighted`, `pareto`.
    public var name: String {
        switch self {
        case .cost: "cost"
        case .deficit: "deficit"
        case .renewables: "renewables"
        case .weighted: "weighted"
        case .pareto: "pareto"
        }
    }

    /// The mode with its parameters, as `parse` reads it.
    public var description: String {
        switch self {
        case .cost: "cost"
        case .deficit(let r, let a): "deficit:\(r),\(a)"
        case .renewables(let b): "renewables:\(b)"
        case .weighted(let a, let b, let g): "weighted:\(a),\(b),\(g)"
        case .pareto(let targets): "pareto:" + targets.map { String($0) }.joined(separator: ",")
        }
    }

    /// Parses `cost`, `deficit[:REL,ABS]`, `renewables[:BETA]`, `weighted:ALPHA,BETA,GAMMA`,
    /// `pareto[:T1,T2,...]`; defaults: deficit 1e-6 and 1e-3 MWh, renewables 0.05,
    /// weighted 1,1,1, pareto 0,0.1,...,0.6.
    public static func parse(_ text: String) -> ObjectiveMode? {
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard let head = parts.first, !head.isEmpty else { return nil }
        let numbers = parts.count > 1 ? parts[1].split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) } : []
        if numbers.contains(where: { $0 == nil || !$0!.isFinite }) { return nil }
        let values = numbers.compactMap { $0 }
        switch (head, values.count) {
        case ("cost", 0): return .cost
        case ("deficit", 0): return .deficit(relativeSlack: 1e-6, absoluteSlackMWh: 1e-3)
        case ("deficit", 2) where values.allSatisfy { $0 >= 0 }: return .deficit(relativeSlack: values[0], absoluteSlackMWh: values[1])
        case ("renewables", 0): return .renewables(budgetSlack: 0.05)
        case ("renewables", 1) where values[0] >= 0: return .renewables(budgetSlack: values[0])
        case ("weighted", 0): return .weighted(cost: 1, deficit: 1, renewables: 1)
        case ("weighted", 3) where values.allSatisfy { $0 >= 0 }: return .weighted(cost: values[0], deficit: values[1], renewables: values[2])
        case ("pareto", 0): return .pareto(renewableTargets: (0...6).map { Double($0) / 10 })
        case ("pareto", _) where values.allSatisfy { (0...1).contains($0) }: return .pareto(renewableTargets: values)
        default: return nil
        }
    }
}

/// One point of a Pareto frontier.
public struct ParetoPoint: Sendable, Equatable, Codable {
    /// The renewable-share target of this solve.
    public var target: Double
    /// The solve's status code (`optimal`, `infeasible` ...).
    public var status: SolveStatus.Code
    /// Total discounted cost, USD (with the constant), when solved.
    public var costUSD: Double?
    /// Unserved energy over the horizon, MWh.
    public var unservedMWh: Double?
    /// Renewable share of served demand over the horizon.
    public var renewableShare: Double?
    /// Whether another point is at least as good on all three and better on one.
    public var dominated: Bool

    enum CodingKeys: String, CodingKey {
        case target, status, costUSD = "cost_usd", unservedMWh = "unserved_mwh", renewableShare = "renewable_share", dominated
    }

    /// Creates a point.
    public init(target: Double, status: SolveStatus.Code, costUSD: Double?, unservedMWh: Double?, renewableShare: Double?, dominated: Bool = false) {
        self.target = target
        self.status = status
        self.costUSD = costUSD
        self.unservedMWh = unservedMWh
        self.renewableShare = renewableShare
        self.dominated = dominated
    }

    /// Flags the points that another solved point dominates (cost ≤, unserved ≤, share ≥, one
    /// strictly, with a relative tolerance of 1e-9 so rounding does not create dominance).
    public static func flagDominated(_ points: [ParetoPoint]) -> [ParetoPoint] {
        func le(_ a: Double, _ b: Double) -> Bool { a <= b + 1e-9 * max(1, abs(a), abs(b)) }
        func lt(_ a: Double, _ b: Double) -> Bool { a < b - 1e-9 * max(1, abs(a), abs(b)) }
        return points.map { point in
            var flagged = point
            guard let c = point.costUSD, let u = point.unservedMWh, let r = point.renewableShare else { return flagged }
            flagged.dominated = points.contains { other in
                guard let oc = other.costUSD, let ou = other.unservedMWh, let orr = other.renewableShare else { return false }
                let noWorse = le(oc, c) && le(ou, u) && le(r, orr)
                let better = lt(oc, c) || lt(ou, u) || lt(r, orr)
                return noWorse && better
            }
            return flagged
        }
    }
}
