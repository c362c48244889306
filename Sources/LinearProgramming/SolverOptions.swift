import Foundation

/// The algorithm a solver uses.
public enum SolverMethod: String, Sendable, Hashable, CaseIterable, Codable {
    /// Primal simplex (two-phase).
    case primalSimplex = "primal"
    /// Dual simplex, falling back to primal simplex if the dual fails (GLPK's `GLP_DUALP`).
    case dualSimplex = "dual"
    /// Primal-dual interior point (GLPK's `glp_interior`): no presolve, no time or iteration
    /// limit, no basis (so no warm start); fast on large sparse programs.
    case interiorPoint = "interior"

    /// Whether this is a simplex variant.
    public var isSimplex: Bool { self != .interiorPoint }
}

/// Settings of a solve. The defaults suit small and medium programs.
public struct SolverOptions: Sendable, Hashable {
    /// The algorithm.
    public var method: SolverMethod
    /// Whether GLPK's LP presolver runs first (simplex only; a warm re-solve never presolves).
    public var presolve: Bool
    /// Wall-clock limit in seconds for simplex (GLPK has none for interior point), or `nil` for
    /// none. Default ``defaultTimeLimitSeconds``: no solve runs unbounded unless asked to.
    public var timeLimitSeconds: Double?

    /// The default time limit: 1,800 s (30 minutes), as `bijli run`'s. The largest measured
    /// solve, the hourly Pakistan plan, takes a few minutes (docs/BENCHMARKS.md); a simplex
    /// that cycles on a badly scaled program stops here with status `time_limit`.
    public static let defaultTimeLimitSeconds: Double = 1800
    /// Iteration limit for simplex, or `nil`.
    public var iterationLimit: Int?
    /// The memory GLPK may add on the solving thread during one solve or file read, beyond what
    /// it holds when the call starts (the loaded program), in MiB (`glp_mem_limit`), or `nil`
    /// for none. Reaching it ends the solve with status
    /// `memory_limit` (``SolveLimit/memory``), not the process: GLPK's fatal errors are caught
    /// (``GLPKFault``). Default ``defaultMemoryLimitMegabytes``.
    public var memoryLimitMegabytes: Int? = SolverOptions.defaultMemoryLimitMegabytes

    /// The default memory limit: three quarters of the machine's physical memory (18 GiB on the
    /// 24 GiB machines of docs/BENCHMARKS.md), per solving thread. The largest measured solve,
    /// the hourly Pakistan plan, holds about 5 GB; the runaway this guards against (issue 19: a
    /// simplex growing past 6 GB on a 1e15 coefficient) grows without end.
    public static let defaultMemoryLimitMegabytes: Int = {
        let megabytes = ProcessInfo.processInfo.physicalMemory / 1_048_576 * 3 / 4
        return Int(min(max(megabytes, 64), UInt64(Int32.max)))
    }()

    /// The limit as `CGLPKGuard` takes it: MiB, 0 for none.
    var memoryLimitArgument: Int32 { memoryLimitMegabytes.map { Int32($0) } ?? 0 }
    /// Primal feasibility tolerance (GLPK `tol_bnd`, default 1e-7).
    public var primalTolerance: Double
    /// Dual feasibility tolerance (GLPK `tol_dj`, default 1e-7).
    public var dualTolerance: Double
    /// Whether GLPK scales rows and columns before solving (`glp_scale_prob` with `GLP_SF_AUTO`,
    /// as `glpsol` does). Essential for the interior point on badly scaled programs.
    public var scaling: Bool
    /// Whether the solver's log is captured into ``SolveResult/log``. It is never printed.
    public var captureLog: Bool
    /// Resolve "infeasible or unbounded" into one of the two by a second simplex solve without
    /// presolve, and classify an interior-point failure by a simplex solve (on by default).
    public var classifyAmbiguousStatus: Bool
    /// The relative gap within which a point GLPK's interior point stops short at (numerical
    /// instability, no convergence, its iteration limit) is accepted as optimal, when its primal
    /// and dual infeasibilities are within ``InteriorResiduals/acceptanceTolerance``: default
    /// ``InteriorResiduals/acceptanceGap`` (1e-4, `--gap`). The independent check of the optimum
    /// holds such a point to this gap instead of 1e-6. 0 accepts none.
    public var acceptanceGap: Double = InteriorResiduals.acceptanceGap
    /// Receives progress events while a solve runs (``SolverProgress``); ``SolverProgressObserver/none``
    /// by default. Set it with `options.progress = SolverProgressObserver { event in ... }`. With an
    /// active observer, GLPK's simplex prints a progress line about every second instead of every
    /// five (`out_frq`), so the captured log has more lines. Not part of equality or hashing.
    public var progress: SolverProgressObserver = .none

    /// Creates options; every parameter has a default.
    public init(method: SolverMethod = .primalSimplex, presolve: Bool = true, timeLimitSeconds: Double? = SolverOptions.defaultTimeLimitSeconds,
                iterationLimit: Int? = nil, primalTolerance: Double = 1e-7, dualTolerance: Double = 1e-7,
                scaling: Bool = true, captureLog: Bool = true, classifyAmbiguousStatus: Bool = true) {
        self.scaling = scaling
        self.method = method
        self.presolve = presolve
        self.timeLimitSeconds = timeLimitSeconds
        self.iterationLimit = iterationLimit
        self.primalTolerance = primalTolerance
        self.dualTolerance = dualTolerance
        self.captureLog = captureLog
        self.classifyAmbiguousStatus = classifyAmbiguousStatus
    }

    /// Checks the options themselves (positive finite limits, tolerances in (0, 1)).
    public func validate() throws(LinearProgrammingError) {
        if let t = timeLimitSeconds, !(t.isFinite && t > 0 && t <= Double(Int32.max) / 1000) {
            throw .invalidOptions("time limit \(t) s must be a positive number of seconds below \(Int32.max / 1000)")
        }
        if let n = memoryLimitMegabytes, n <= 0 || Int32(exactly: n) == nil {
            throw .invalidOptions("memory limit \(n) MiB must be a positive 32-bit integer")
        }
        if let n = iterationLimit, n <= 0 || Int32(exactly: n) == nil {
            throw .invalidOptions("iteration limit \(n) must be a positive 32-bit integer")
        }
        for (name, value) in [("primal tolerance", primalTolerance), ("dual tolerance", dualTolerance)]
        where !(value.isFinite && value > 0 && value < 1) {
            throw .invalidOptions("\(name) \(value) must lie strictly between 0 and 1")
        }
        if !(acceptanceGap.isFinite && acceptanceGap >= 0 && acceptanceGap < 1) {
            throw .invalidOptions("acceptance gap \(acceptanceGap) must lie in [0, 1)")
        }
    }
}

/// Something that solves linear programs, possibly confined to one thread (a warm worker).
///
/// Implementations validate the program first and throw only for bad input; what the solve
/// found (including infeasible and unbounded) is in the returned ``SolveResult``.
public protocol ProgramSolver {
    /// Solves one program.
    func solve(_ program: LinearProgram) throws(LinearProgrammingError) -> SolveResult
}

extension ProgramSolver {
    /// The solve as a value, its result or its error, for work loops that collect outcomes.
    ///
    /// Written with `do`/`catch`, not `Result { () throws(LinearProgrammingError) in ... }`: with
    /// the solver generic, Swift 6.3.1's optimiser miscompiled that closure in
    /// `ParallelWork.map`. Release builds of `bijli robust` crashed on every case (a bad pointer
    /// when the results were copied out, even on the tiny fixture), debug builds did not;
    /// `.ci/release-smoke` runs the release binary for this reason.
    public func outcome(_ program: LinearProgram) -> Result<SolveResult, LinearProgrammingError> {
        do throws(LinearProgrammingError) {
            return .success(try solve(program))
        } catch {
            return .failure(error)
        }
    }
}

/// A solver any thread may use: the configuration of a solve, shared by sweeps.
public protocol LinearSolver: ProgramSolver, Sendable {
    /// What one worker thread of a sweep solves with.
    associatedtype Worker: ProgramSolver = Self
    /// A solver for one worker thread of a sweep, made and used on that thread only (see
    /// ``ParallelWork/map(_:workers:state:progress:_:)``). A stateless solver is its own worker;
    /// GLPK's worker keeps the programs it solved loaded and starts the next program of the same
    /// shape from the last one's basis.
    func worker() -> Worker
}

extension LinearSolver where Worker == Self {
    /// A stateless solver is its own worker.
    public func worker() -> Self { self }
}
