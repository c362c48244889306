import LinearProgramming

/// A ``BendersSolver`` with a fixed block structure, as a ``LinearSolver``: for code that takes
/// any solver (an `Optimizer`, a batch) and hands it programs of one known shape.
///
/// Every program it solves must have the columns the structure labels (rows may differ: they
/// follow their columns). Decomposition errors become ``LinearProgrammingError`` values: an
/// invalid program as itself, anything else (a row across blocks, a structure of another
/// program, bad options) as ``LinearProgrammingError/invalidOptions(_:)`` with the message.
public struct BlockedBendersSolver: LinearSolver {
    /// The decomposition's settings.
    public var options: BendersOptions
    /// The block structure of every program solved.
    public var blocks: BlockStructure
    /// Called once per iteration of every solve.
    public var observer: (@Sendable (BendersProgress) -> Void)?

    /// Creates a solver for programs with this block structure.
    public init(blocks: BlockStructure, options: BendersOptions = BendersOptions(),
                observer: (@Sendable (BendersProgress) -> Void)? = nil) {
        self.blocks = blocks
        self.options = options
        self.observer = observer
    }

    /// Decomposes and solves; the result of ``BendersResult/solveResult``.
    public func solve(_ program: LinearProgram) throws(LinearProgrammingError) -> SolveResult {
        let outcome = Result { () throws(DecompositionError) -> BendersResult in
            try BendersSolver(options: options).solve(program, blocks: blocks, observer: observer)
        }
        switch outcome {
        case .success(let result): return result.solveResult
        case .failure(.invalidProgram(let error)): throw error
        case .failure(let error): throw .invalidOptions(error.description)
        }
    }
}
