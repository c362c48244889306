import Dispatch
import Foundation
import Synchronization

/// Solves independent programs on all cores.
///
/// Each program is validated, loaded, solved and released on one worker thread, synchronously,
/// with no suspension point in between: GLPK keeps its state per thread, so a problem must never
/// move between threads. Results come back in input order and equal the sequential results.
public struct BatchSolver: Sendable {
    /// The solver used for every program.
    public var solver: GLPKSolver
    /// How many programs are solved at once (at least 1).
    public var maxConcurrency: Int

    /// Creates a batch solver; by default as many workers as active processors.
    public init(solver: GLPKSolver = GLPKSolver(), maxConcurrency: Int = ProcessorCount.active) {
        self.solver = solver
        self.maxConcurrency = max(1, maxConcurrency)
    }

    /// Solves every program; one result per program, in order. A bad program fails alone.
    public func solve(_ programs: [LinearProgram]) -> [Result<SolveResult, LinearProgrammingError>] {
        let next = Atomic<Int>(0)
        let results = Mutex([Result<SolveResult, LinearProgrammingError>?](repeating: nil, count: programs.count))
        let workers = min(maxConcurrency, programs.count)
        let solver = self.solver
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let k = next.add(1, ordering: .relaxed).oldValue
                guard k < programs.count else { return }
                let result: Result<SolveResult, LinearProgrammingError>
                do throws(LinearProgrammingError) {
                    result = .success(try solver.solve(programs[k]))
                } catch {
                    result = .failure(error)
                }
                results.withLock { $0[k] = result }
            }
        }
        return results.withLock { $0.map { $0! } }
    }
}

/// The number of processors available to this process.
public enum ProcessorCount {
    /// Active processors, as the operating system reports them.
    public static var active: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }
}
