/// What one worker thread of a sweep solves with: GLPK sessions kept loaded, so that a program of
/// the same shape as one solved before starts from that one's optimal basis.
///
/// Sweep members (stress disruptions, Monte Carlo samples, Pareto points) differ from each other
/// in bounds, right-hand sides and costs, rarely in the matrix. The worker keeps the last few
/// programs it solved (one ``GLPKSession`` each); a new program with the same variables, rows
/// and matrix as one of them is solved by changing that session's bounds and costs and
/// re-solving from its basis (``GLPKSession/solve()``: dual simplex after bound changes, primal
/// after cost changes). Any other program is loaded into a new session and solved cold with the
/// simplex. The interior point leaves no basis: with ``SolverOptions/method`` `.interiorPoint`
/// every program is solved cold, exactly as ``GLPKSolver`` does.
///
/// A worker is confined to the thread that made it (GLPK keeps its state per thread): make it
/// with ``GLPKSolver/worker()`` inside the worker's body (``ParallelWork/map(_:workers:state:progress:_:)``).
public final class GLPKWorker: ProgramSolver {
    /// The settings of every solve.
    public let options: SolverOptions
    /// How many loaded programs are kept (the least recently used is released first).
    public let capacity: Int
    /// How many solves started from a kept basis, and how many from scratch.
    public private(set) var warmSolves = 0, coldSolves = 0
    private var sessions: [GLPKSession] = []

    /// Creates a worker; `capacity` programs stay loaded (at least 1).
    public init(options: SolverOptions, capacity: Int = 4) {
        self.options = options
        self.capacity = max(1, capacity)
    }

    /// Solves a program, from the basis of a kept program of the same shape when there is one.
    public func solve(_ program: LinearProgram) throws(LinearProgrammingError) -> SolveResult {
        guard options.method.isSimplex else { return try GLPKSolver(options: options).solve(program) }
        if let k = sessions.firstIndex(where: { $0.program.hasSameShape(as: program) }) {
            try program.validate()
            let session = sessions.remove(at: k)
            sessions.insert(session, at: 0)
            try session.adopt(program)
            warmSolves += 1
            var result = session.solve()
            result.warmStarted = true
            return result
        }
        let session = try GLPKSession(program, options: options)
        sessions.insert(session, at: 0)
        if sessions.count > capacity { sessions.removeLast() }
        coldSolves += 1
        return session.solve()
    }
}

extension GLPKSolver {
    /// A worker for one thread of a sweep: warm starts between programs of the same shape
    /// (simplex methods only; see ``GLPKWorker``).
    public func worker() -> GLPKWorker {
        GLPKWorker(options: options)
    }
}

extension LinearProgram {
    /// Whether two programs have the same variables, rows and matrix (names, sense, objective
    /// constant, entries in the same order), so that one can be turned into the other by
    /// changing bounds and costs only.
    func hasSameShape(as other: LinearProgram) -> Bool {
        variableCount == other.variableCount && rowCount == other.rowCount && entryCount == other.entryCount
            && sense == other.sense && objectiveConstant == other.objectiveConstant
            && entryRows == other.entryRows && entryVariables == other.entryVariables
            && entryCoefficients == other.entryCoefficients
            && variableNames == other.variableNames && rowNames == other.rowNames
    }
}

extension GLPKSession {
    /// Turns the loaded program into `target`, a valid program of the same shape, by changing
    /// only the bounds and costs that differ; the basis is kept.
    func adopt(_ target: LinearProgram) throws(LinearProgrammingError) {
        for j in 0..<target.variableCount {
            let variable = Variable(index: j)
            if program.variableLower[j] != target.variableLower[j] || program.variableUpper[j] != target.variableUpper[j] {
                try setBounds(target.bounds(of: variable), for: variable)
            }
            if program.objective[j] != target.objective[j] { try setCost(target.objective[j], for: variable) }
        }
        for i in 0..<target.rowCount where program.rowLower[i] != target.rowLower[i] || program.rowUpper[i] != target.rowUpper[i] {
            try setBounds(target.bounds(of: Row(index: i)), for: Row(index: i))
        }
    }
}
