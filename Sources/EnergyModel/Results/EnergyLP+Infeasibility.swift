import LinearProgramming

/// Why a program is infeasible, in words: the constraint families whose rows, relaxed alone,
/// make it feasible (issue 19: "infeasible runs give no hint of the constraint at fault").
public struct InfeasibilityExplanation: Sendable, Equatable {
    /// One family that, relaxed alone, makes the program feasible.
    public struct Culprit: Sendable, Equatable {
        /// The family.
        public var family: EquationID
        /// Its hard rows in the program (all were relaxed).
        public var rows: Int
        /// The first rows' names, e.g. `HYDRO[north_hydro,2030,m07]`.
        public var examples: [String]

        /// A culprit.
        public init(family: EquationID, rows: Int, examples: [String]) {
            self.family = family
            self.rows = rows
            self.examples = examples
        }
    }

    /// The families, in build order; empty when no single family's relaxation helps (then
    /// several conflict together).
    public var culprits: [Culprit]
    /// The families tried (hard rows only: a soft policy's priced slack never makes a program infeasible).
    public var tried: [EquationID]

    /// An explanation.
    public init(culprits: [Culprit], tried: [EquationID]) {
        self.culprits = culprits
        self.tried = tried
    }

    /// The explanation in sentences.
    public var sentences: [String] {
        guard !culprits.isEmpty else {
            return ["No single constraint family is at fault: relaxing any one of \(tried.map(\.rawValue).joined(separator: ", ")) "
                    + "alone leaves the program infeasible, so several conflict together."]
        }
        return culprits.map { culprit in
            "Without its \(culprit.family.rawValue) rows (\(culprit.family.meaning); \(culprit.rows) row\(culprit.rows == 1 ? "" : "s"), "
                + "e.g. \(culprit.examples.joined(separator: ", "))) the program is feasible: they conflict with the rest "
                + "(other rows, or the variables' bounds such as fixed capacities, which are not relaxed)."
        }
    }
}

extension EnergyLP {
    /// Relaxes each constraint family's hard rows in turn (their bounds made free) and solves
    /// again: the families whose relaxation alone makes the program feasible are the ones at
    /// fault. One solve per family (13 at most), so call it only for an infeasible program.
    public func explainInfeasibility(solver: some LinearSolver) -> InfeasibilityExplanation {
        // Rows are named after their family (`EB[north,2030,t0123]`); a soft policy's rows
        // (with a priced slack) never make a program infeasible and are left as they are.
        let soft = Set(familyRows.filter { $0.slack != nil }.map(\.row.index))
        var rowsByFamily: [EquationID: [Row]] = [:]
        for (i, name) in program.rowNames.enumerated() where !soft.contains(i) {
            guard let id = name.split(separator: "[", maxSplits: 1).first.flatMap({ EquationID(rawValue: String($0)) }) else { continue }
            rowsByFamily[id, default: []].append(Row(index: i))
        }
        let tried = EquationID.allCases.filter { rowsByFamily[$0] != nil }
        var culprits: [InfeasibilityExplanation.Culprit] = []
        for family in tried {
            let rows = rowsByFamily[family]!
            var relaxed = program
            for row in rows { relaxed.setBounds(.free, for: row) }
            guard let result = try? solver.solve(relaxed) else { continue }
            if result.status == .optimal || result.status == .unbounded {
                culprits.append(.init(family: family, rows: rows.count, examples: rows.prefix(3).map { program.rowNames[$0.index] }))
            }
        }
        return InfeasibilityExplanation(culprits: culprits, tried: tried)
    }
}
