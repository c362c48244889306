extension LinearProgram {
    /// Names longer than this many bytes are refused (GLPK aborts on them).
    public static let maximumNameLength = 255

    /// Every finite number of a program (coefficient, cost, bound, objective constant) must be
    /// smaller than this in magnitude: 1e15.
    ///
    /// GLPK takes any double, but computes in double precision (unit round-off 1.1e-16) with
    /// absolute tolerances of 1e-7 to 1e-9 on the scaled program: a number of 1e15 carries an
    /// absolute rounding error of about 0.1, far above those tolerances, and from there GLPK
    /// answers wrongly (a row at 150 against 100 called "optimal" with a coefficient of 1e20),
    /// never stops (the primal simplex at 1e15), or aborts the process (1e308 overflows to
    /// infinity inside GLPK: exit 134). HiGHS refuses matrix values of 1e15 and more
    /// (`large_matrix_value`) for the same reason. Bijli's own programs stay below about 1e10
    /// because the case loader bounds every quantity (docs/FORMATS.md, "Magnitudes").
    public static let largestMagnitude = 1e15

    /// Every non-zero matrix coefficient must be at least this in magnitude: 1e-15.
    ///
    /// The mirror of ``largestMagnitude``: next to a coefficient of 1 in the same row, a
    /// coefficient below 1e-15 is under double precision's resolution (2.2e-16 relative) and
    /// GLPK's scaling multiplies it by factors that can overflow (2^k with k up to ±1022). Write
    /// 0 (or leave the entry out) instead.
    public static let smallestCoefficient = 1e-15

    /// Checks everything GLPK would abort on or silently get wrong, and lists every problem.
    ///
    /// Checked: at least one variable; sizes within 32-bit indices; every matrix entry's row and
    /// variable exist; coefficients, costs and the objective constant are finite (GLPK accepts
    /// NaN and then reports a wrong "optimal"); bounds are not NaN, `-infinity` only below and
    /// `+infinity` only above, lower ≤ upper; names are at most 255 bytes, free of control
    /// characters and unique among variables and among rows (empty names are allowed); every
    /// finite number below ``largestMagnitude`` in magnitude and every non-zero coefficient at
    /// least ``smallestCoefficient`` (checked after repeated entries are summed). Repeated `(row, variable)` entries are **not** an issue: they are summed.
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
        if objectiveConstant.isFinite, abs(objectiveConstant) >= Self.largestMagnitude {
            issues.append(.outOfRange("the objective constant", value: objectiveConstant))
        }
        checkName(name, place: nil, index: 0, into: &issues)

        for j in 0..<variableCount {
            checkName(variableNames[j], place: .variable, index: j, into: &issues)
            checkBounds(lower: variableLower[j], upper: variableUpper[j], place: .variable, name: variableNames[j], into: &issues)
            if !objective[j].isFinite { issues.append(.nonFiniteCost(variable: variableNames[j], value: objective[j])) }
            if objective[j].isFinite, abs(objective[j]) >= Self.largestMagnitude {
                issues.append(.outOfRange("variable '\(variableNames[j])': objective coefficient", value: objective[j]))
            }
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
        let matrixIsSound = !issues.contains {
            switch $0 {
            case .rowIndexOutOfRange, .variableIndexOutOfRange, .nonFiniteCoefficient, .tooLarge: true
            default: false
            }
        }
        if matrixIsSound { checkMagnitudes(into: &issues) }
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

    /// Coefficients after repeated entries are summed (what GLPK is given), against
    /// ``largestMagnitude`` and ``smallestCoefficient``. Needs valid indices and finite values.
    private func checkMagnitudes(into issues: inout [ProgramIssue]) {
        let matrix = SparseRows(self)
        for i in 0..<rowCount {
            for k in matrix.rowStart[i]..<matrix.rowStart[i + 1] {
                let a = matrix.coefficients[k]
                guard a != 0, !(abs(a) < Self.largestMagnitude && abs(a) >= Self.smallestCoefficient) else { continue }
                issues.append(.outOfRange("row '\(rowNames[i])': coefficient of '\(variableNames[matrix.variables[k]])'", value: a))
            }
        }
    }

    private func checkBounds(lower: Double, upper: Double, place: ProgramIssue.Place, name: String, into issues: inout [ProgramIssue]) {
        for bound in [lower, upper] where bound.isFinite && abs(bound) >= Self.largestMagnitude {
            issues.append(.outOfRange("\(place.rawValue) '\(name)': bound", value: bound))
        }
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
