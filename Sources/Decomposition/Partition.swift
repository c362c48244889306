import LinearProgramming

/// A program split along a ``BlockStructure``: the master's own columns and rows, and one
/// subproblem per block whose rows carry their master terms separately (they are moved to the
/// right-hand side for each master point).
///
/// Internally every objective is minimised: a maximisation is handled as the minimisation of the
/// negated objective, and the answer negated back.
struct Partition: Sendable {
    /// Column indices of the original program that are master columns, in order.
    let masterColumns: [Int]
    /// For each original column: its index among the master columns or in its block, and the block (`-1`: master).
    let localIndex: [Int]
    let blockOf: [Int]
    /// Rows of the original program that stay in the master.
    let masterRows: [Int]
    /// The master's columns and rows as a program (minimisation; objective constant included).
    let master: LinearProgram
    /// One subproblem per block.
    let subproblems: [Subproblem]
    /// +1 for a minimisation, −1 for a maximisation (costs are multiplied by it).
    let senseSign: Double

    /// One block's program and how its rows depend on the master columns.
    struct Subproblem: Sendable {
        /// The block's columns and rows with every master term removed (minimisation, no constant).
        let program: LinearProgram
        /// Original column index of each of its columns.
        let columns: [Int]
        /// Original row index of each of its rows.
        let rows: [Int]
        /// The rows that hold master terms (local row index), with those terms (master-local column, coefficient).
        let linkingRows: [Int]
        let linkingTerms: [[(column: Int, coefficient: Double)]]
        /// The original bounds of the linking rows (before the master terms are moved across).
        let linkingLower: [Double]
        let linkingUpper: [Double]
        /// A lower bound on the subproblem's optimum from its column bounds alone (`-infinity` if none).
        let boundFromColumns: Double

        /// The bounds of linking row `r` (position in ``linkingRows``) at master point `x`.
        func shiftedBounds(_ r: Int, master x: [Double]) -> Bounds {
            var activity = 0.0
            for term in linkingTerms[r] { activity += term.coefficient * x[term.column] }
            return Bounds(lower: linkingLower[r] - activity, upper: linkingUpper[r] - activity)
        }
    }

    init(_ program: LinearProgram, _ structure: BlockStructure) throws(DecompositionError) {
        guard structure.assignments.count == program.variableCount else {
            throw .structureMismatch("\(structure.assignments.count) column assignments for a program of \(program.variableCount) columns")
        }
        guard structure.blockCount > 0 else { throw .structureMismatch("no blocks") }
        senseSign = program.sense == .maximize ? -1 : 1
        let blockCount = structure.blockCount
        var blockOf = [Int](repeating: -1, count: program.variableCount)
        var localIndex = [Int](repeating: 0, count: program.variableCount)
        var masterColumns: [Int] = []
        var blockColumns = [[Int]](repeating: [], count: blockCount)
        for (j, assignment) in structure.assignments.enumerated() {
            switch assignment {
            case .master:
                localIndex[j] = masterColumns.count
                masterColumns.append(j)
            case .block(let k):
                blockOf[j] = k
                localIndex[j] = blockColumns[k].count
                blockColumns[k].append(j)
            }
        }
        if let empty = blockColumns.firstIndex(where: \.isEmpty) {
            throw .structureMismatch("block '\(structure.blockNames[empty])' has no columns")
        }

        // Rows in compressed form with repeated entries summed.
        let rows = MergedRows(program)
        var masterRows: [Int] = []
        var blockRows = [[Int]](repeating: [], count: blockCount)
        for i in 0..<program.rowCount {
            var block = -1
            for (j, _) in rows[i] where blockOf[j] >= 0 {
                if block < 0 { block = blockOf[j] } else if block != blockOf[j] {
                    throw .rowSpansBlocks(row: program.rowNames[i],
                                          blocks: [structure.blockNames[min(block, blockOf[j])], structure.blockNames[max(block, blockOf[j])]])
                }
            }
            if block < 0 { masterRows.append(i) } else { blockRows[block].append(i) }
        }

        var master = LinearProgram(name: program.name + "_master", sense: .minimize,
                                   objectiveConstant: senseSign * program.objectiveConstant)
        for j in masterColumns {
            master.addVariable(program.variableNames[j], bounds: Bounds(lower: program.variableLower[j], upper: program.variableUpper[j]),
                               cost: senseSign * program.objective[j])
        }
        for i in masterRows {
            master.addRow(program.rowNames[i], rows[i].map { Term($0.1, Variable(index: localIndex[$0.0])) },
                          Bounds(lower: program.rowLower[i], upper: program.rowUpper[i]))
        }

        var subproblems: [Subproblem] = []
        for k in 0..<blockCount {
            var sub = LinearProgram(name: program.name + "_" + structure.blockNames[k], sense: .minimize)
            var bound = 0.0
            for j in blockColumns[k] {
                let cost = senseSign * program.objective[j]
                sub.addVariable(program.variableNames[j], bounds: Bounds(lower: program.variableLower[j], upper: program.variableUpper[j]),
                                cost: cost)
                if cost > 0 { bound += cost * program.variableLower[j] } else if cost < 0 { bound += cost * program.variableUpper[j] }
            }
            var linkingRows: [Int] = [], linkingTerms: [[(column: Int, coefficient: Double)]] = []
            var linkingLower: [Double] = [], linkingUpper: [Double] = []
            for (r, i) in blockRows[k].enumerated() {
                var terms: [Term] = [], masterTerms: [(column: Int, coefficient: Double)] = []
                for (j, a) in rows[i] {
                    if blockOf[j] == k { terms.append(Term(a, Variable(index: localIndex[j]))) } else { masterTerms.append((localIndex[j], a)) }
                }
                sub.addRow(program.rowNames[i], terms, Bounds(lower: program.rowLower[i], upper: program.rowUpper[i]))
                if !masterTerms.isEmpty {
                    linkingRows.append(r)
                    linkingTerms.append(masterTerms)
                    linkingLower.append(program.rowLower[i])
                    linkingUpper.append(program.rowUpper[i])
                }
            }
            subproblems.append(Subproblem(program: sub, columns: blockColumns[k], rows: blockRows[k], linkingRows: linkingRows,
                                          linkingTerms: linkingTerms, linkingLower: linkingLower, linkingUpper: linkingUpper,
                                          boundFromColumns: bound.isNaN ? -.infinity : bound))
        }
        self.masterColumns = masterColumns
        self.localIndex = localIndex
        self.blockOf = blockOf
        self.masterRows = masterRows
        self.master = master
        self.subproblems = subproblems
    }
}

/// A program's rows with repeated `(row, column)` entries summed and zero entries dropped,
/// columns in order of first appearance.
struct MergedRows {
    private var start: [Int]
    private var columns: [Int]
    private var values: [Double]

    init(_ program: LinearProgram) {
        var start = [Int](repeating: 0, count: program.rowCount + 1)
        for i in program.entryRows { start[i + 1] += 1 }
        for i in 0..<program.rowCount { start[i + 1] += start[i] }
        var next = start
        var sortedColumns = [Int](repeating: 0, count: program.entryCount)
        var sortedValues = [Double](repeating: 0, count: program.entryCount)
        for e in 0..<program.entryCount {
            let i = program.entryRows[e]
            sortedColumns[next[i]] = program.entryVariables[e]
            sortedValues[next[i]] = program.entryCoefficients[e]
            next[i] += 1
        }
        var position = [Int](repeating: -1, count: program.variableCount)
        var mergedStart = [0]
        var columns: [Int] = [], values: [Double] = []
        columns.reserveCapacity(program.entryCount)
        values.reserveCapacity(program.entryCount)
        for i in 0..<program.rowCount {
            let begin = columns.count
            for e in start[i]..<start[i + 1] {
                let j = sortedColumns[e]
                if position[j] >= begin { values[position[j]] += sortedValues[e] } else {
                    position[j] = columns.count
                    columns.append(j)
                    values.append(sortedValues[e])
                }
            }
            // Drop entries that summed to zero.
            var w = begin
            for r in begin..<columns.count where values[r] != 0 {
                columns[w] = columns[r]; values[w] = values[r]; w += 1
            }
            columns.removeLast(columns.count - w)
            values.removeLast(values.count - w)
            mergedStart.append(columns.count)
        }
        self.start = mergedStart
        self.columns = columns
        self.values = values
    }

    /// The merged entries of row `i`: (column, coefficient).
    subscript(i: Int) -> [(Int, Double)] {
        (start[i]..<start[i + 1]).map { (columns[$0], values[$0]) }
    }

    /// `A x` for every row.
    func activities(_ x: [Double]) -> [Double] {
        (0..<(start.count - 1)).map { i in
            var s = 0.0
            for e in start[i]..<start[i + 1] { s += values[e] * x[columns[e]] }
            return s
        }
    }

    /// `c − Aᵀ λ`: the reduced costs of every column for row duals `λ` (GLPK's convention).
    func reducedCosts(costs: [Double], duals: [Double]) -> [Double] {
        var d = costs
        for i in 0..<(start.count - 1) where duals[i] != 0 {
            for e in start[i]..<start[i + 1] { d[columns[e]] -= values[e] * duals[i] }
        }
        return d
    }
}
