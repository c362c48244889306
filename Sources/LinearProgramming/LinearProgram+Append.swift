extension LinearProgram {
    /// Appends another program as an independent block: its variables and rows (names prefixed
    /// with `namePrefix`), its matrix entries, and its objective and constant multiplied by
    /// `costScale` (e.g. a scenario's probability in a two-stage program). The blocks share
    /// nothing until the caller adds linking rows.
    /// - Returns: the index of the block's first variable and first row in this program, so
    ///   `Variable(index: variableOffset + v.index)` is the block's copy of `v`.
    @discardableResult
    public mutating func append(_ other: LinearProgram, namePrefix: String, costScale: Double = 1) -> (variableOffset: Int, rowOffset: Int) {
        let variableOffset = variableCount, rowOffset = rowCount
        precondition(other.sense == sense, "a block must have the same objective sense")
        reserveCapacity(variables: variableCount + other.variableCount, rows: rowCount + other.rowCount, entries: entryCount + other.entryCount)
        variableNames += other.variableNames.map { namePrefix + $0 }
        variableLower += other.variableLower
        variableUpper += other.variableUpper
        objective += other.objective.map { $0 * costScale }
        rowNames += other.rowNames.map { namePrefix + $0 }
        rowLower += other.rowLower
        rowUpper += other.rowUpper
        entryRows += other.entryRows.map { $0 + rowOffset }
        entryVariables += other.entryVariables.map { $0 + variableOffset }
        entryCoefficients += other.entryCoefficients
        objectiveConstant += other.objectiveConstant * costScale
        return (variableOffset, rowOffset)
    }
}
