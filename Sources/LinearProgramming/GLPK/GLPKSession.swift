internal import CGLPK

/// A program kept loaded in GLPK between solves, for fast re-solves after small changes.
///
/// Change bounds, right-hand sides and costs, then call ``solve()`` again: GLPK starts from the
/// previous optimal basis (simplex without presolve) instead of from scratch. This is what
/// makes scenario sweeps fast. After bound or right-hand-side changes the re-solve uses the dual
/// simplex (the old basis stays dual feasible); after cost changes, the primal simplex.
///
/// A session is confined to the thread that created it (GLPK keeps its state per thread): it is
/// not `Sendable`, and using it from another thread stops the program with a message. It always
/// solves with the simplex method, since only the simplex leaves a basis to start from. After a
/// fatal GLPK error on its thread (``GLPKFault``) it loads its program again and solves cold.
public final class GLPKSession {
    /// The program as it stands now, with every update applied.
    public private(set) var program: LinearProgram
    /// The settings of every solve (the method of warm re-solves is chosen as described above).
    public var options: SolverOptions
    private var problem: GLPKProblem
    private var solvedOnce = false
    private var boundsChanged = false
    private var costsChanged = false

    /// Validates and loads a program.
    public init(_ program: LinearProgram, options: SolverOptions = SolverOptions()) throws(LinearProgrammingError) {
        try options.validate()
        try program.validate()
        self.program = program
        self.options = options
        self.problem = Self.loaded(program, options: options)
    }

    /// Solves: cold the first time, from the previous basis afterwards. An optimum is checked
    /// against the program (docs/LINEAR-PROGRAMMING.md).
    public func solve() -> SolveResult {
        GLPKVerification.verified(solveUnchecked(), program: program, options: options)
    }

    private func solveUnchecked() -> SolveResult {
        if !problem.isAlive { reload() }
        guard solvedOnce else {
            solvedOnce = true
            let method: SolverMethod = options.method.isSimplex ? options.method : .dualSimplex
            return problem.solve(options: options, method: method, presolve: options.presolve, loadSeconds: 0)
        }
        let method: SolverMethod = costsChanged ? .primalSimplex : .dualSimplex
        boundsChanged = false
        costsChanged = false
        var result = problem.solve(options: options, method: method, presolve: false, loadSeconds: 0)
        if case .solverError(let failure) = result.status,
           [.invalidBasis, .singularBasis, .illConditionedBasis].contains(failure) {
            // The old basis cannot be factorised any more: start again from an advanced basis.
            problem.resetBasis()
            result = result.followed(by: problem.solve(options: options, method: .primalSimplex, presolve: false, loadSeconds: 0))
        }
        return result
    }

    /// Loads the program into a new GLPK problem (after a fatal GLPK error on this thread freed
    /// the old one, ``GLPKFault``); the next solve is cold.
    private func reload() {
        problem = Self.loaded(program, options: options)
        solvedOnce = false
    }

    /// A new GLPK problem holding the program (scaled when the options say so).
    private static func loaded(_ program: LinearProgram, options: SolverOptions) -> GLPKProblem {
        let problem = GLPKProblem()
        _ = GLPKTerminal.capturing(keep: false) { _ in
            problem.load(program)
            if options.scaling { problem.scale() }
        }
        return problem
    }

    /// Changes a variable's bounds.
    public func setBounds(_ bounds: Bounds, for variable: Variable) throws(LinearProgrammingError) {
        try check(variable)
        try Self.check(bounds, "variable '\(program.variableNames[variable.index])'")
        program.setBounds(bounds, for: variable)
        if problem.isAlive { problem.setColumnBounds(variable.index, bounds) }
        boundsChanged = true
    }

    /// Changes a row's bounds (its right-hand side).
    public func setBounds(_ bounds: Bounds, for row: Row) throws(LinearProgrammingError) {
        guard row.index >= 0 && row.index < program.rowCount else {
            throw .invalidUpdate("row \(row.index) does not exist; the program has \(program.rowCount) rows")
        }
        try Self.check(bounds, "row '\(program.rowNames[row.index])'")
        program.setBounds(bounds, for: row)
        if problem.isAlive { problem.setRowBounds(row.index, bounds) }
        boundsChanged = true
    }

    /// Changes a variable's objective coefficient.
    public func setCost(_ cost: Double, for variable: Variable) throws(LinearProgrammingError) {
        try check(variable)
        guard cost.isFinite, abs(cost) < LinearProgram.largestMagnitude else {
            throw .invalidUpdate("cost \(cost) of '\(program.variableNames[variable.index])' must be a finite number below \(LinearProgram.largestMagnitude) in magnitude")
        }
        program.setCost(cost, for: variable)
        if problem.isAlive { problem.setCost(variable.index, cost) }
        costsChanged = true
    }

    private func check(_ variable: Variable) throws(LinearProgrammingError) {
        guard variable.index >= 0 && variable.index < program.variableCount else {
            throw .invalidUpdate("variable \(variable.index) does not exist; the program has \(program.variableCount) variables")
        }
    }

    private static func check(_ bounds: Bounds, _ what: String) throws(LinearProgrammingError) {
        let l = bounds.lower, u = bounds.upper
        guard !l.isNaN, !u.isNaN, l != .infinity, u != -.infinity, l <= u else {
            throw .invalidUpdate("\(what): bounds [\(l), \(u)] are not valid (NaN, a wrong-side infinity, or lower above upper)")
        }
        // The same limit as the program's own bounds (LinearProgram.validate): a finite bound of
        // 1e15 or more is beyond what GLPK's tolerances can take.
        for value in [l, u] where value.isFinite && abs(value) >= LinearProgram.largestMagnitude {
            throw .invalidUpdate("\(what): bound \(value) is \(LinearProgram.largestMagnitude) or more in magnitude; use an infinite bound for none")
        }
    }
}
