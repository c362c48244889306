extension LinearProgram {
    /// Names longer than this many bytes are refused (GLPK aborts on them).
    public static let maximumNameLength = 255

    /// Checks everything GLPK would abort on or silently get wrong, and lists every problem.
    ///
    /// Checked: at least one variable; sizes within 32-bit indices; every matrix entry's row and
    /// variable exist; coefficients, costs and the objective constant are finite (GLPK accepts
    /// NaN and then reports a wrong "optimal"); bounds are not NaN, `-infinity` only below and
    /// `+infinity` only above, lower ≤ upper; names are at most 255 bytes, free of control
    /// characters and unique among variables and among rows (empty names are allowed).
    /// Repeated `(row, variable)` entries are **not** an issue: they are summed.
    ///
    /// - Returns: the problems found, in a deterministic order; empty when the program is valid.
    public func issues() -> [ProgramIssue] {
        var issues: [ProgramIssue] = []
        if variableCount == 0 { issues.append(.noVariables) }
        for (what, count) in [("variables", variableCount), ("rows", rowCount), ("matrix entries", entryCount)]
        where Int32(exactly: count) == nil {
            issues.append(.tooLarge(what: what, count: count))
        }
        if !objectiveConstant.isFinite { issues.append(.nonFiniteObjectiveConstant(objectiveConstant)) }
        checkName(name, place: nil, index: 0, into: &issues)

        for j in 0..<variableCount {
            checkName(variableNames[j], place: .variable, index: j, into: &issues)
            checkBounds(lower: variableLower[j], upper: variableUpper[j], place: .variable, name: variableNames[j], into: &issues)
            if !objective[j].isFinite { issues.append(.nonFiniteCost(variable: variableNames[j], value: objective[j])) }
        }
        for i in 0..<rowCount {
            checkName(rowNames[i], place: .row, index: i, into: &issues)
            checkBounds(lower: rowLower[i], upper: rowUpper[i], place: .row, name: rowNames[i], into: &issues)
        }
        for k in 0..<entryCount {
            let i = entryRows[k], j = entryVariables[k]
            let rowOK = i >= 0 && i < rowCount, variableOK = j >= 0 && j < variableCount
            if !rowOK { issues.append(.rowIndexOutOfRange(entry: k, index: i, rowCount: rowCount)) }
            if !variableOK { issues.append(.variableIndexOutOfRange(entry: k, index: j, variableCount: variableCount)) }
            if !entryCoefficients[k].isFinite {
                issues.append(.nonFiniteCoefficient(
                    row: rowOK ? rowNames[i] : "#\(i)", variable: variableOK ? variableNames[j] : "#\(j)",
                    value: entryCoefficients[k]))
            }
        }
        Self.checkUnique(variableNames, place: .variable, into: &issues)
        Self.checkUnique(rowNames, place: .row, into: &issues)
        return issues
    }

    /// Throws ``LinearProgrammingError/invalidProgram(_:)`` listing every issue, if there is any.
    public func validate() throws(LinearProgrammingError) {
        let found = issues()
        if !found.isEmpty { throw .invalidProgram(found) }
    }

    private func checkName(_ name: String, place: ProgramIssue.Place?, index: Int, into issues: inout [ProgramIssue]) {
        var length = 0
        var hasControl = false
        for byte in name.utf8 {
            length += 1
            if byte < 0x20 || byte == 0x7F { hasControl = true }
        }
        if length > Self.maximumNameLength { issues.append(.nameTooLong(place, index: index, length: length)) }
        if hasControl { issues.append(.nameHasControlCharacter(place, index: index)) }
    }

    private func checkBounds(lower: Double, upper: Double, place: ProgramIssue.Place, name: String, into issues: inout [ProgramIssue]) {
        if lower.isNaN || upper.isNaN || lower == .infinity || upper == -.infinity {
            issues.append(.invalidBound(place, name: name, lower: lower, upper: upper))
        } else if lower > upper {
            issues.append(.lowerAboveUpper(place, name: name, lower: lower, upper: upper))
        }
    }

    private static func checkUnique(_ names: [String], place: ProgramIssue.Place, into issues: inout [ProgramIssue]) {
        var seen: [String: Int] = [:]
        seen.reserveCapacity(names.count)
        for (index, name) in names.enumerated() where !name.isEmpty {
            if let first = seen.updateValue(index, forKey: name) {
                seen[name] = first
                issues.append(.duplicateName(place, name: name, first: first, second: index))
            }
        }
    }
}
