import LinearProgramming

/// Which part of a decomposed program each column belongs to: the master (first-stage
/// decisions, e.g. capacities) or one of the blocks (second-stage decisions, e.g. the dispatch of
/// one period).
///
/// The rows follow from the columns: a row whose columns are all master columns stays in the
/// master; a row with columns of exactly one block `k` (and possibly master columns) goes to
/// subproblem `k`, its master columns moved to the right-hand side; a row with columns of two or
/// more blocks cannot be decomposed and is refused (``DecompositionError/rowSpansBlocks(row:blocks:)``).
public struct BlockStructure: Sendable, Equatable {
    /// Where one column goes.
    public enum Assignment: Sendable, Hashable {
        /// A first-stage (master) column.
        case master
        /// A column of block `k` (0-based, below ``BlockStructure/blockCount``).
        case block(Int)
    }

    /// The assignment of every column, by ``Variable/index``.
    public var assignments: [Assignment]
    /// A name for each block, for messages and progress (`2030`, `2030/m07` ...).
    public var blockNames: [String]

    /// The number of blocks.
    public var blockCount: Int { blockNames.count }

    /// Creates a structure from one assignment per column and the blocks' names.
    ///
    /// - Precondition: every `.block(k)` has `0 ≤ k < blockNames.count`.
    public init(assignments: [Assignment], blockNames: [String]) {
        for case .block(let k) in assignments {
            precondition(k >= 0 && k < blockNames.count, "block \(k) out of range 0..<\(blockNames.count)")
        }
        self.assignments = assignments
        self.blockNames = blockNames
    }

    /// The number of master columns.
    public var masterColumnCount: Int { assignments.reduce(0) { $0 + ($1 == .master ? 1 : 0) } }

    /// Completes a partial labelling by following the rows: a column without a label takes the
    /// block of the labelled block columns it shares rows with (through any chain of unlabelled
    /// columns, master columns not counted as links); a group of unlabelled columns connected to
    /// no block column becomes master. Useful where a model knows the block of its main columns
    /// (generation by period) but not of every auxiliary one (running totals, copies, slacks).
    ///
    /// - Throws: ``DecompositionError/rowSpansBlocks(row:blocks:)`` when a group of connected
    ///   columns reaches two blocks (the first such row named), or
    ///   ``DecompositionError/structureMismatch(_:)`` when the labelling does not fit the program.
    public static func completing(_ partial: [Assignment?], blockNames: [String],
                                  of program: LinearProgram) throws(DecompositionError) -> BlockStructure {
        guard partial.count == program.variableCount else {
            throw .structureMismatch("\(partial.count) column labels for a program of \(program.variableCount) columns")
        }
        for case .block(let k)? in partial where !(0..<blockNames.count).contains(k) {
            throw .structureMismatch("block \(k) out of range 0..<\(blockNames.count)")
        }
        // Union-find over the non-master columns, joined by the rows they share.
        var parent = Array(0..<program.variableCount)
        func find(_ j: Int) -> Int {
            var j = j
            while parent[j] != j { parent[j] = parent[parent[j]]; j = parent[j] }
            return j
        }
        var firstOfRow = [Int](repeating: -1, count: program.rowCount)
        for e in 0..<program.entryCount {
            let j = program.entryVariables[e], i = program.entryRows[e]
            if partial[j] == .master || program.entryCoefficients[e] == 0 { continue }
            if firstOfRow[i] < 0 { firstOfRow[i] = j; continue }
            let a = find(firstOfRow[i]), b = find(j)
            if a != b { parent[max(a, b)] = min(a, b) }
        }
        var blockOfRoot: [Int: Int] = [:]
        for j in 0..<program.variableCount {
            guard case .block(let k)? = partial[j] else { continue }
            let root = find(j)
            if let other = blockOfRoot[root], other != k {
                // Name a row joining the two blocks, for the message.
                let name = spanningRowName(program, partial: partial, root: root, find: find) ?? program.variableNames[j]
                throw .rowSpansBlocks(row: name, blocks: [blockNames[min(other, k)], blockNames[max(other, k)]])
            }
            blockOfRoot[root] = k
        }
        let assignments: [Assignment] = (0..<program.variableCount).map { j in
            if let label = partial[j] { return label }
            return blockOfRoot[find(j)].map { .block($0) } ?? .master
        }
        return BlockStructure(assignments: assignments, blockNames: blockNames)
    }

    private static func spanningRowName(_ program: LinearProgram, partial: [Assignment?], root: Int,
                                        find: (Int) -> Int) -> String? {
        var blocksOfRow: [Int: Set<Int>] = [:]
        for e in 0..<program.entryCount {
            let j = program.entryVariables[e]
            guard find(j) == root, case .block(let k)? = partial[j] else { continue }
            blocksOfRow[program.entryRows[e], default: []].insert(k)
        }
        return blocksOfRow.filter { $0.value.count > 1 }.keys.min().map { program.rowNames[$0] }
    }
}

/// Why a program could not be decomposed or the decomposition could not run.
public enum DecompositionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The block structure does not fit the program (wrong column count, a block without columns ...).
    case structureMismatch(String)
    /// A row has columns of two or more blocks (e.g. an annual cap when blocks are finer than a
    /// period). Such rows need budget variables in the master, which this engine does not add.
    case rowSpansBlocks(row: String, blocks: [String])
    /// The program or the options failed validation.
    case invalidProgram(LinearProgrammingError)
    /// Options out of range.
    case invalidOptions(String)

    /// A message for people.
    public var description: String {
        switch self {
        case .structureMismatch(let message):
            return "the block structure does not fit the program: \(message)"
        case .rowSpansBlocks(let row, let blocks):
            return "row '\(row)' links blocks \(blocks.joined(separator: " and ")): a row may hold master columns and the columns of one block only. Use coarser blocks (one per period) or solve the program whole."
        case .invalidProgram(let error):
            return error.description
        case .invalidOptions(let message):
            return "invalid decomposition options: \(message)"
        }
    }
}
