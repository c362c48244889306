/// The record of how a solve went, in words and numbers for results files.
extension SolveResult {
    /// What the solver did besides its first method, in words; empty when the first method
    /// finished on its own.
    public var fallbacks: [String] {
        var notes: [String] = []
        if let r = acceptedInteriorPoint {
            notes.append(String(format: "interior point stopped short; its best point accepted as optimal (rpi %.1e, rdi %.1e, gap %.1e)",
                                r.primal, r.dual, r.gap))
        }
        if returnCodes.count > 1 {
            let codes = returnCodes.map(String.init).joined(separator: ", ")
            notes.append("\(returnCodes.count) solver calls (GLPK return codes \(codes)); finished by the \(method.rawValue) method")
        }
        return notes
    }

    /// The relative gap of the answer where the method measures one: the interior point's own
    /// (from its log), 0 for a simplex optimum (a vertex optimal at its tolerances), else `nil`.
    public var relativeGap: Double? {
        guard status == .optimal else { return nil }
        if let accepted = acceptedInteriorPoint { return accepted.gap }
        if method.isSimplex { return 0 }
        return GLPKInteriorLog.lastResiduals(in: log[...])?.gap
    }
}
