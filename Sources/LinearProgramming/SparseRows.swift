/// The constraint matrix in compressed-row form with repeated entries summed.
///
/// Built in O(entries + rows + variables) by a counting sort on the row and a sparse
/// accumulator per row. Within a row, variables keep the order of their first appearance, so
/// the same program always gives the same matrix (and byte-identical LP files).
struct SparseRows: Equatable {
    /// `rowStart[i] ..< rowStart[i + 1]` are the entries of row `i`; `rowStart.count == rows + 1`.
    var rowStart: [Int]
    /// Variable index of each merged entry.
    var variables: [Int]
    /// Coefficient of each merged entry (the sum of the repeated ones).
    var coefficients: [Double]

    /// The number of merged non-zeros.
    var count: Int { coefficients.count }

    /// Merges a valid program's entries. Precondition: the program passed ``LinearProgram/validate()``.
    init(_ program: LinearProgram) {
        let rows = program.rowCount
        var start = [Int](repeating: 0, count: rows + 1)
        for i in program.entryRows { start[i + 1] += 1 }
        for i in 0..<rows { start[i + 1] += start[i] }

        // Counting sort of the entries by row, stable in insertion order.
        var next = start
        var sortedVariables = [Int](repeating: 0, count: program.entryCount)
        var sortedCoefficients = [Double](repeating: 0, count: program.entryCount)
        for k in 0..<program.entryCount {
            let i = program.entryRows[k]
            sortedVariables[next[i]] = program.entryVariables[k]
            sortedCoefficients[next[i]] = program.entryCoefficients[k]
            next[i] += 1
        }

        // Sum repeated variables within each row with a sparse accumulator.
        var position = [Int](repeating: -1, count: program.variableCount)
        var mergedStart = [Int](repeating: 0, count: rows + 1)
        var variables: [Int] = []
        var coefficients: [Double] = []
        variables.reserveCapacity(program.entryCount)
        coefficients.reserveCapacity(program.entryCount)
        for i in 0..<rows {
            let rowBegin = variables.count
            for k in start[i]..<start[i + 1] {
                let j = sortedVariables[k]
                let p = position[j]
                if p >= rowBegin {
                    coefficients[p] += sortedCoefficients[k]
                } else {
                    position[j] = variables.count
                    variables.append(j)
                    coefficients.append(sortedCoefficients[k])
                }
            }
            mergedStart[i + 1] = variables.count
        }
        self.rowStart = mergedStart
        self.variables = variables
        self.coefficients = coefficients
    }
}
