internal import CGLPK
internal import CGLPKGuard
import Foundation

/// Owns one GLPK problem object (`glp_create_prob` in `init`, `glp_delete_prob` in `deinit`).
///
/// GLPK keeps its environment per thread, so a problem is created, used and deleted on one
/// thread; every method checks that. Every method that passes indices or numbers to GLPK
/// expects a program that passed ``LinearProgram/validate()``: GLPK aborts the whole process
/// on a bad index, a duplicate entry or a long name.
///
/// The solvers and the file readers and writers run behind GLPK's error hook (`CGLPKGuard`):
/// a fatal error inside GLPK (one of its assertions, its memory limit) throws ``GLPKFault``
/// instead of ending the process, and frees the thread's whole GLPK environment. Every problem
/// of that thread is then gone (``isAlive`` is false): it must not be used again, and its
/// `deinit` leaves it alone.
final class GLPKProblem {
    private let handle: OpaquePointer
    private let owner = pthread_self()
    private let generation = bijli_glp_generation()

    init() {
        handle = glp_create_prob()
    }

    deinit {
        if isAlive { glp_delete_prob(handle) }
    }

    /// Whether the problem still exists: false once a fatal GLPK error on this thread freed
    /// GLPK's environment (``GLPKFault``).
    var isAlive: Bool { bijli_glp_generation() == generation }

    private func checkThread() {
        precondition(pthread_equal(owner, pthread_self()) != 0,
                     "a GLPK problem must be used on the thread that created it")
        precondition(isAlive, "a GLPK problem must not be used after a fatal GLPK error freed it")
    }

    /// Runs one guarded GLPK call (`CGLPKGuard`): its return code, or ``GLPKFault`` when GLPK
    /// stopped on a fatal error.
    private func guarded(_ call: (inout Int32) -> Int32) throws(GLPKFault) -> Int32 {
        checkThread()
        var code: Int32 = 0
        guard call(&code) == 0 else { throw GLPKFault() }
        return code
    }

    // MARK: Loading

    /// Loads a validated program (`glp_add_rows`, `glp_add_cols`, `glp_set_*`, `glp_load_matrix`).
    func load(_ program: LinearProgram) {
        checkThread()
        precondition(program.variableCount > 0, "validate() before load(): GLPK aborts on zero columns")
        glp_set_prob_name(handle, program.name)
        glp_set_obj_dir(handle, program.sense == .maximize ? GLP_MAX : GLP_MIN)
        glp_set_obj_coef(handle, 0, program.objectiveConstant)

        let m = program.rowCount, n = program.variableCount
        if m > 0 { glp_add_rows(handle, Int32(m)) }   // glp_add_rows(P, 0) aborts
        glp_add_cols(handle, Int32(n))
        for i in 0..<m {
            let glpkIndex = Int32(i + 1)
            if !program.rowNames[i].isEmpty { glp_set_row_name(handle, glpkIndex, program.rowNames[i]) }
            let (type, lower, upper) = Self.glpkBounds(program.rowLower[i], program.rowUpper[i])
            glp_set_row_bnds(handle, glpkIndex, type, lower, upper)
        }
        for j in 0..<n {
            let glpkIndex = Int32(j + 1)
            if !program.variableNames[j].isEmpty { glp_set_col_name(handle, glpkIndex, program.variableNames[j]) }
            let (type, lower, upper) = Self.glpkBounds(program.variableLower[j], program.variableUpper[j])
            glp_set_col_bnds(handle, glpkIndex, type, lower, upper)
            if program.objective[j] != 0 { glp_set_obj_coef(handle, glpkIndex, program.objective[j]) }
        }

        let matrix = SparseRows(program)
        guard matrix.count > 0 else { return }
        let triplets = OneBasedTriplets(matrix)
        triplets.rows.withUnsafeBufferPointer { ia in
            triplets.columns.withUnsafeBufferPointer { ja in
                triplets.values.withUnsafeBufferPointer { ar in
                    glp_load_matrix(handle, Int32(matrix.count), ia.baseAddress, ja.baseAddress, ar.baseAddress)
                }
            }
        }
    }

    /// GLPK's bound type and values for `lower ≤ x ≤ upper` (infinities mean "no bound").
    static func glpkBounds(_ lower: Double, _ upper: Double) -> (Int32, Double, Double) {
        switch (lower == -.infinity, upper == .infinity) {
        case (true, true): (GLP_FR, 0, 0)
        case (false, true): (GLP_LO, lower, 0)
        case (true, false): (GLP_UP, 0, upper)
        case (false, false): lower == upper ? (GLP_FX, lower, upper) : (GLP_DB, lower, upper)
        }
    }

    /// Changes one column's bounds (0-based index, validated by the caller).
    func setColumnBounds(_ j: Int, _ bounds: Bounds) {
        checkThread()
        let (type, lower, upper) = Self.glpkBounds(bounds.lower, bounds.upper)
        glp_set_col_bnds(handle, Int32(j + 1), type, lower, upper)
    }

    /// Changes one row's bounds (0-based index, validated by the caller).
    func setRowBounds(_ i: Int, _ bounds: Bounds) {
        checkThread()
        let (type, lower, upper) = Self.glpkBounds(bounds.lower, bounds.upper)
        glp_set_row_bnds(handle, Int32(i + 1), type, lower, upper)
    }

    /// GLPK's bound type and values of one column (0-based index), as `glp_get_col_type/lb/ub` give them.
    func columnBoundsRaw(_ j: Int) -> (type: Int32, lower: Double, upper: Double) {
        let k = Int32(j + 1)
        return (glp_get_col_type(handle, k), glp_get_col_lb(handle, k), glp_get_col_ub(handle, k))
    }

    /// GLPK's bound type and values of one row (0-based index).
    func rowBoundsRaw(_ i: Int) -> (type: Int32, lower: Double, upper: Double) {
        let k = Int32(i + 1)
        return (glp_get_row_type(handle, k), glp_get_row_lb(handle, k), glp_get_row_ub(handle, k))
    }

    /// Sets one column's bounds from GLPK's type and values, as read by ``columnBoundsRaw(_:)``.
    func setColumnBoundsRaw(_ j: Int, _ bounds: (type: Int32, lower: Double, upper: Double)) {
        checkThread()
        glp_set_col_bnds(handle, Int32(j + 1), bounds.type, bounds.lower, bounds.upper)
    }

    /// Sets one row's bounds from GLPK's type and values, as read by ``rowBoundsRaw(_:)``.
    func setRowBoundsRaw(_ i: Int, _ bounds: (type: Int32, lower: Double, upper: Double)) {
        checkThread()
        glp_set_row_bnds(handle, Int32(i + 1), bounds.type, bounds.lower, bounds.upper)
    }

    /// Whether a column is basic (`glp_get_col_stat` is `GLP_BS`).
    func columnIsBasic(_ j: Int) -> Bool { glp_get_col_stat(handle, Int32(j + 1)) == GLP_BS }

    /// Whether a row is basic (`glp_get_row_stat` is `GLP_BS`).
    func rowIsBasic(_ i: Int) -> Bool { glp_get_row_stat(handle, Int32(i + 1)) == GLP_BS }

    /// Makes a non-basic column non-basic at its upper bound (`glp_set_col_stat` with `GLP_NU`);
    /// the column must have one.
    func setColumnAtUpperBound(_ j: Int) {
        checkThread()
        glp_set_col_stat(handle, Int32(j + 1), GLP_NU)
    }

    /// Makes a non-basic row non-basic at its upper bound (`glp_set_row_stat` with `GLP_NU`).
    func setRowAtUpperBound(_ i: Int) {
        checkThread()
        glp_set_row_stat(handle, Int32(i + 1), GLP_NU)
    }

    /// Whether the problem is a maximisation (`glp_get_obj_dir`).
    var isMaximization: Bool { glp_get_obj_dir(handle) == GLP_MAX }

    /// Changes one objective coefficient (0-based index, validated by the caller).
    func setCost(_ j: Int, _ cost: Double) {
        checkThread()
        glp_set_obj_coef(handle, Int32(j + 1), cost)
    }

    // MARK: Reading back

    /// The names of the integer and binary columns a file declared (`glp_get_num_int`,
    /// `glp_get_col_kind`), at most `limit` of them, and how many there are.
    func integerColumns(limit: Int = 3) -> (count: Int, names: [String]) {
        checkThread()
        let count = Int(glp_get_num_int(handle))
        guard count > 0 else { return (0, []) }
        var names: [String] = []
        for j in 1...glp_get_num_cols(handle) where glp_get_col_kind(handle, j) != GLP_CV {
            names.append(glp_get_col_name(handle, j).map { String(cString: $0) } ?? "column \(j)")
            if names.count == limit { break }
        }
        return (count, names)
    }

    /// Copies the problem into a ``LinearProgram`` (after reading a file).
    func extract() -> LinearProgram {
        checkThread()
        let name = glp_get_prob_name(handle).map { String(cString: $0) } ?? ""
        var program = LinearProgram(
            name: name, sense: glp_get_obj_dir(handle) == GLP_MAX ? .maximize : .minimize,
            objectiveConstant: glp_get_obj_coef(handle, 0))
        let m = Int(glp_get_num_rows(handle)), n = Int(glp_get_num_cols(handle))
        program.reserveCapacity(variables: n, rows: m, entries: Int(glp_get_num_nz(handle)))
        for j in 1...max(n, 1) where n > 0 {
            let j32 = Int32(j)
            program.addVariable(
                glp_get_col_name(handle, j32).map { String(cString: $0) } ?? "",
                bounds: Self.bounds(type: glp_get_col_type(handle, j32),
                                    lower: glp_get_col_lb(handle, j32), upper: glp_get_col_ub(handle, j32)),
                cost: glp_get_obj_coef(handle, j32))
        }
        var indices = [Int32](repeating: 0, count: n + 1)
        var values = [Double](repeating: 0, count: n + 1)
        for i in 1...max(m, 1) where m > 0 {
            let i32 = Int32(i)
            let row = program.addRow(
                glp_get_row_name(handle, i32).map { String(cString: $0) } ?? "",
                [],
                Self.bounds(type: glp_get_row_type(handle, i32),
                            lower: glp_get_row_lb(handle, i32), upper: glp_get_row_ub(handle, i32)))
            let length = Int(glp_get_mat_row(handle, i32, &indices, &values))
            for k in 1...max(length, 1) where length > 0 {
                program.addTerm(values[k], Variable(index: Int(indices[k]) - 1), to: row)
            }
        }
        return program
    }

    private static func bounds(type: Int32, lower: Double, upper: Double) -> Bounds {
        switch type {
        case GLP_FR: .free
        case GLP_LO: .atLeast(lower)
        case GLP_UP: .atMost(upper)
        case GLP_FX: .fixed(lower)
        default: .between(lower, upper)
        }
    }

    // MARK: Solving

    /// Runs `glp_simplex` and returns its return code. With a progress observer, GLPK prints a
    /// progress line about every second (`out_frq`, in milliseconds in GLPK 5.0; its default is 5 s).
    func runSimplex(_ method: SolverMethod, presolve: Bool, options: SolverOptions) throws(GLPKFault) -> Int32 {
        checkThread()
        var parm = glp_smcp()
        glp_init_smcp(&parm)
        parm.msg_lev = GLP_MSG_ALL  // always captured (iterations are read from it); returned only if asked
        parm.meth = method == .dualSimplex ? GLP_DUALP : GLP_PRIMAL
        parm.presolve = presolve ? GLP_ON : GLP_OFF
        parm.tol_bnd = options.primalTolerance
        parm.tol_dj = options.dualTolerance
        if let limit = options.timeLimitSeconds { parm.tm_lim = Int32((limit * 1000).rounded(.up)) }
        if let limit = options.iterationLimit { parm.it_lim = Int32(limit) }
        if options.progress.isActive { parm.out_frq = 1000 }
        return try guarded { bijli_glp_simplex(handle, &parm, options.memoryLimitArgument, &$0) }
    }

    /// Runs `glp_exact` (the simplex in exact rational arithmetic on the program's double
    /// values, from the current basis) with the options' limits and returns its return code.
    func runExact(options: SolverOptions) throws(GLPKFault) -> Int32 {
        checkThread()
        var parm = glp_smcp()
        glp_init_smcp(&parm)
        parm.msg_lev = GLP_MSG_ALL
        if let limit = options.timeLimitSeconds { parm.tm_lim = Int32((limit * 1000).rounded(.up)) }
        if let limit = options.iterationLimit { parm.it_lim = Int32(limit) }
        return try guarded { bijli_glp_exact(handle, &parm, options.memoryLimitArgument, &$0) }
    }

    /// Runs `glp_interior` with the given ordering of the normal equations and returns its return code.
    func runInterior(options: SolverOptions, ordering: InteriorOrdering = .amd) throws(GLPKFault) -> Int32 {
        checkThread()
        var parm = glp_iptcp()
        glp_init_iptcp(&parm)
        parm.msg_lev = GLP_MSG_ALL  // always captured (iterations are read from it); returned only if asked
        parm.ord_alg = ordering == .amd ? GLP_ORD_AMD : GLP_ORD_SYMAMD
        return try guarded { bijli_glp_interior(handle, &parm, options.memoryLimitArgument, &$0) }
    }

    /// Scales rows and columns (`glp_scale_prob` with `GLP_SF_AUTO`); solutions are unscaled by GLPK.
    func scale() {
        checkThread()
        glp_scale_prob(handle, GLP_SF_AUTO)
    }

    /// Replaces an invalid basis by GLPK's advanced initial basis (`glp_adv_basis`).
    func resetBasis() {
        checkThread()
        glp_adv_basis(handle, 0)
    }

    /// Status of the basic solution (`glp_get_status`, `glp_get_prim_stat`, `glp_get_dual_stat`).
    var simplexStatus: (overall: Int32, primal: Int32, dual: Int32) {
        (glp_get_status(handle), glp_get_prim_stat(handle), glp_get_dual_stat(handle))
    }

    /// Status of the interior-point solution (`glp_ipt_status`).
    var interiorStatus: Int32 { glp_ipt_status(handle) }

    /// The number of rows (`glp_get_num_rows`).
    var rowCount: Int { Int(glp_get_num_rows(handle)) }

    /// The cumulative simplex iteration count of this problem object (`glp_get_it_cnt`).
    var iterationCount: Int { Int(glp_get_it_cnt(handle)) }

    /// The basic solution (`glp_get_obj_val`, `glp_get_col_prim` ...).
    func basicSolution() -> Solution {
        checkThread()
        let m = glp_get_num_rows(handle), n = glp_get_num_cols(handle)
        return Solution(
            objective: glp_get_obj_val(handle),
            values: Self.collect(n) { glp_get_col_prim(handle, $0) },
            reducedCosts: Self.collect(n) { glp_get_col_dual(handle, $0) },
            rowActivities: Self.collect(m) { glp_get_row_prim(handle, $0) },
            rowDuals: Self.collect(m) { glp_get_row_dual(handle, $0) })
    }

    /// The interior-point solution (`glp_ipt_obj_val`, `glp_ipt_col_prim` ...).
    func interiorSolution() -> Solution {
        checkThread()
        let m = glp_get_num_rows(handle), n = glp_get_num_cols(handle)
        return Solution(
            objective: glp_ipt_obj_val(handle),
            values: Self.collect(n) { glp_ipt_col_prim(handle, $0) },
            reducedCosts: Self.collect(n) { glp_ipt_col_dual(handle, $0) },
            rowActivities: Self.collect(m) { glp_ipt_row_prim(handle, $0) },
            rowDuals: Self.collect(m) { glp_ipt_row_dual(handle, $0) })
    }

    private static func collect(_ count: Int32, _ value: (Int32) -> Double) -> [Double] {
        count > 0 ? (1...count).map(value) : []
    }

    // MARK: Files

    /// Writes CPLEX LP (`glp_write_lp`); returns GLPK's code (0 on success).
    func writeLP(to path: String) throws(GLPKFault) -> Int32 {
        try guarded { bijli_glp_write_lp(handle, path, &$0) }
    }

    /// Writes free MPS (`glp_write_mps` with `GLP_MPS_FILE`); returns GLPK's code.
    func writeFreeMPS(to path: String) throws(GLPKFault) -> Int32 {
        try guarded { bijli_glp_write_mps(handle, path, &$0) }
    }

    /// Reads CPLEX LP (`glp_read_lp`) into this (empty) problem; returns GLPK's code.
    func readLP(from path: String, options: SolverOptions = SolverOptions()) throws(GLPKFault) -> Int32 {
        try guarded { bijli_glp_read_lp(handle, path, options.memoryLimitArgument, &$0) }
    }

    /// Reads free MPS (`glp_read_mps` with `GLP_MPS_FILE`) into this (empty) problem.
    func readFreeMPS(from path: String, options: SolverOptions = SolverOptions()) throws(GLPKFault) -> Int32 {
        try guarded { bijli_glp_read_mps(handle, path, options.memoryLimitArgument, &$0) }
    }

    /// Sets the objective direction (used after reading an MPS `OBJSENSE` section).
    func setSense(_ sense: ObjectiveSense) {
        checkThread()
        glp_set_obj_dir(handle, sense == .maximize ? GLP_MAX : GLP_MIN)
    }
}

/// The only builder of GLPK's 1-based arrays: element 0 of each is a dummy that GLPK never
/// reads, so entry `k` (1-based) is `(rows[k], columns[k], values[k])` with 1-based indices.
/// The ordering GLPK's interior point gives the normal equations before their Cholesky
/// factorisation (`ord_alg`): GLPK's default AMD, or SYMAMD, the other approximate minimum degree.
enum InteriorOrdering: Sendable {
    case amd, symamd
}

struct OneBasedTriplets {
    var rows: [Int32]
    var columns: [Int32]
    var values: [Double]

    init(_ matrix: SparseRows) {
        let count = matrix.count + 1
        rows = [Int32](repeating: 0, count: count)
        columns = [Int32](repeating: 0, count: count)
        values = [Double](repeating: 0, count: count)
        for i in 0..<(matrix.rowStart.count - 1) {
            for k in matrix.rowStart[i]..<matrix.rowStart[i + 1] {
                rows[k + 1] = Int32(truncatingIfNeeded: i + 1)
                columns[k + 1] = Int32(truncatingIfNeeded: matrix.variables[k] + 1)
                values[k + 1] = matrix.coefficients[k]
            }
        }
    }
}
