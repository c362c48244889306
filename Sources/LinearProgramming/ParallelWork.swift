import Dispatch
import Synchronization

/// The one parallel work loop of Bijli: independent items handled on worker threads.
///
/// Each item is handled start to finish on one thread, synchronously, with no suspension point
/// in between: GLPK keeps its state per thread, so a problem built, solved and freed inside
/// `transform` never moves between threads. Workers take the next unhandled item until none is
/// left; results come back in input order, so the answer does not depend on the worker count.
public enum ParallelWork {
    /// Applies `transform` to every item on up to `workers` threads (at least 1).
    /// - Parameters:
    ///   - progress: called after each item with its index and the number of items finished so
    ///     far, from the worker that handled it.
    /// - Returns: one result per item, in the order of `items`.
    public static func map<Item: Sendable, Output: Sendable>(
        _ items: [Item], workers: Int, progress: @Sendable (_ index: Int, _ finished: Int) -> Void = { _, _ in },
        _ transform: @Sendable (Item) -> Output
    ) -> [Output] {
        map(items, workers: workers, state: { () }, progress: progress) { _, item in transform(item) }
    }

    /// Applies `transform` to every item on up to `workers` threads, each worker with a state of
    /// its own: made by `state` on the worker's thread before its first item, handed to each of
    /// its items in turn, and released on that thread after its last. The state never crosses
    /// threads, so it may hold thread-confined resources (a warm GLPK session, see
    /// ``LinearSolver/worker()``). Which items share a worker depends on timing, so a transform
    /// must give the same output whatever state it starts from (a warm start changes the path to
    /// the optimum, not the optimum).
    public static func map<Item: Sendable, Output: Sendable, State>(
        _ items: [Item], workers: Int, state makeState: @Sendable () -> State,
        progress: @Sendable (_ index: Int, _ finished: Int) -> Void = { _, _ in },
        _ transform: @Sendable (inout State, Item) -> Output
    ) -> [Output] {
        let next = Atomic<Int>(0)
        let finished = Atomic<Int>(0)
        let outputs = Mutex([Output?](repeating: nil, count: items.count))
        DispatchQueue.concurrentPerform(iterations: max(1, min(workers, items.count))) { _ in
            var state = makeState()
            while true {
                let k = next.add(1, ordering: .relaxed).oldValue
                guard k < items.count else { return }
                let output = transform(&state, items[k])
                outputs.withLock { $0[k] = output }
                progress(k, finished.add(1, ordering: .relaxed).newValue)
            }
        }
        return outputs.withLock { all in
            all.map { output in
                guard let output else { preconditionFailure("every item is handled before the workers return") }
                return output
            }
        }
    }
}
