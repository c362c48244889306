import Foundation

/// Solves independent programs on all cores.
///
/// Each program is validated, loaded, solved and released on one worker thread, synchronously,
/// with no suspension point in between (``ParallelWork``): GLPK keeps its state per thread, so a
/// problem must never move between threads. Results come back in input order and equal the
/// sequential results.
public struct BatchSolver<Solver: LinearSolver>: Sendable {
    /// The solver used for every program.
    public var solver: Solver
    /// How many programs are solved at once (at least 1).
    public var maxConcurrency: Int

    /// Creates a batch solver; by default as many workers as active processors.
    public init(solver: Solver, maxConcurrency: Int = ProcessorCount.active) {
        self.solver = solver
        self.maxConcurrency = max(1, maxConcurrency)
    }

    /// Solves every program; one result per program, in order. A bad program fails alone.
    public func solve(_ programs: [LinearProgram]) -> [Result<SolveResult, LinearProgrammingError>] {
        let solver = self.solver
        return ParallelWork.map(programs, workers: maxConcurrency) { solver.outcome($0) }
    }
}

extension BatchSolver where Solver == GLPKSolver {
    /// Creates a batch solver with GLPK's default options.
    public init(maxConcurrency: Int = ProcessorCount.active) {
        self.init(solver: GLPKSolver(), maxConcurrency: maxConcurrency)
    }
}

/// The number of processors available to this process.
public enum ProcessorCount {
    /// Active processors, as the operating system reports them, and within a Slurm job no more
    /// than its `SLURM_CPUS_PER_TASK` (a cluster without CPU binding, `task/none`, lets a task see
    /// every CPU of the node although it was given fewer; docs/SCALING.md).
    public static var active: Int { active(reported: ProcessInfo.processInfo.activeProcessorCount, environment: ProcessInfo.processInfo.environment) }

    /// `reported` processors, capped by a positive `SLURM_CPUS_PER_TASK` in `environment`; at least 1.
    public static func active(reported: Int, environment: [String: String]) -> Int {
        let allocated = environment["SLURM_CPUS_PER_TASK"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }.flatMap { $0 > 0 ? $0 : nil }
        return max(1, min(reported, allocated ?? reported))
    }
}
