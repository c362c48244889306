import LinearProgramming

extension LinearProgram {
    /// Adds `lower ≤ Σ terms ≤ upper` as a running total over chunks of `chunk` terms, so no row
    /// has more than `chunk + 2` entries (GLPK's interior point has no dense-row handling).
    /// Returns the final row, which carries the bounds and the dual.
    @discardableResult
    package mutating func addChainedRow(_ name: String, _ terms: [Term], _ bounds: Bounds, chunk: Int = 64) -> Row {
        guard terms.count > chunk else { return addRow(name, terms, bounds) }
        let totalBounds: Bounds = terms.allSatisfy { variableLower[$0.variable.index] >= 0 && $0.coefficient >= 0 } ? .atLeast(0) : .free
        var previous: Variable?
        var start = 0
        var k = 0
        while terms.count - start > chunk {
            let end = start + chunk
            let total = addVariable("\(name)_S[k\(k)]", bounds: totalBounds)
            var rowTerms = [1 * total] + terms[start..<end].map { Term(-$0.coefficient, $0.variable) }
            if let previous { rowTerms.append(-1 * previous) }
            addRow("\(name)_SUM[k\(k)]", rowTerms, .fixed(0))
            previous = total
            start = end
            k += 1
        }
        return addRow(name, [1 * previous!] + terms[start...], bounds)
    }

    /// The objective as terms (non-zero costs only).
    var objectiveTerms: [Term] {
        objective.indices.compactMap { j in objective[j] != 0 ? Term(objective[j], Variable(index: j)) : nil }
    }

    /// Replaces every objective coefficient (and the constant).
    mutating func replaceObjective(with terms: [Term], constant: Double = 0) {
        for j in 0..<variableCount where objective[j] != 0 { setCost(0, for: Variable(index: j)) }
        for term in terms { setCost(objective[term.variable.index] + term.coefficient, for: term.variable) }
        objectiveConstant = constant
    }
}
