/// The record of how a solve went, in words and numbers for results files.
extension SolveResult {
    /// What the solver did besides its first method, in words: every step of ``path`` when there
    /// was more than one or the interior point's point was accepted short of its own test; empty
    /// when the first method finished on its own.
    public var fallbacks: [String] {
        if !path.isEmpty {
            return path.count > 1 || acceptedInteriorPoint != nil || path[0].kind == .departedSolution ? path.map(\.summary) : []
        }
        if let r = acceptedInteriorPoint {
            return [String(format: "interior point stopped short; its best point accepted as optimal (rpi %.1e, rdi %.1e, gap %.1e)",
                           r.primal, r.dual, r.gap)]
        }
        return []
    }

    /// The method's name for records: `benders` for a decomposition, else the method's raw value
    /// (`primal`, `dual`, `interior`).
    public var methodName: String {
        path.contains { $0.kind == .benders } ? "benders" : method.rawValue
    }

    /// The relative gap of the answer where the method measures one: a decomposition's between its
    /// bounds, the interior point's own (from its log), 0 for a simplex optimum (a vertex optimal at
    /// its tolerances), else `nil`.
    public var relativeGap: Double? {
        if let lower = lowerBound, let upper = upperBound { return abs(upper - lower) / max(1, abs(upper)) }
        guard status == .optimal else { return nil }
        if let accepted = acceptedInteriorPoint { return accepted.gap }
        if path.first?.kind == .departedSolution { return check?.gap }
        if method.isSimplex { return 0 }
        return GLPKInteriorLog.lastResiduals(in: log[...])?.gap
    }
}
