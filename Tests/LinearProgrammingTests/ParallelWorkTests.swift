import Synchronization
import Testing
@testable import LinearProgramming

/// The one parallel work loop: the answer does not depend on how many workers compute it.
@Suite struct ParallelWorkTests {
    @Test(arguments: [1, 2, 8])
    func sameResultsInTheSameOrderForAnyWorkerCount(workers: Int) throws {
        // Uneven work (the later items are cheaper) so that workers finish out of order.
        let items = Array(0..<40)
        let seen = Mutex<[(index: Int, finished: Int)]>([])
        let outputs = ParallelWork.map(items, workers: workers, progress: { index, finished in
            seen.withLock { $0.append((index, finished)) }
        }) { k in
            (0..<(40 - k) * 2_000).reduce(k) { ($0 &* 31 &+ $1) % 1_000_003 }
        }
        let sequential = items.map { k in (0..<(40 - k) * 2_000).reduce(k) { ($0 &* 31 &+ $1) % 1_000_003 } }
        #expect(outputs == sequential)
        // Progress: every item reported once, the finished count runs 1...n.
        let reports = seen.withLock { $0 }
        #expect(reports.map(\.index).sorted() == items)
        #expect(reports.map(\.finished).sorted() == Array(1...items.count))

        // GLPK solves on the workers equal the sequential solves, bit for bit, in input order.
        let programs = (0..<10).map { k in Fixtures.dispatch(hours: 24 + 6 * k, cheapCapacity: 30 + 2 * Double(k)).0 }
        let solved = BatchSolver(maxConcurrency: workers).solve(programs)
        let reference = try programs.map { try GLPKSolver().solve($0) }
        #expect(solved.count == reference.count)
        for (parallel, alone) in zip(solved, reference) {
            let parallel = try parallel.get()
            #expect(parallel.status == alone.status && parallel.solution == alone.solution)
        }
    }

    /// A Slurm task solves on the CPUs it was given, not on every CPU of the node.
    @Test func aSlurmTaskUsesItsCPUsPerTask() {
        #expect(ProcessorCount.active(reported: 64, environment: ["SLURM_CPUS_PER_TASK": "4"]) == 4)
        #expect(ProcessorCount.active(reported: 2, environment: ["SLURM_CPUS_PER_TASK": "8"]) == 2)
        for value in ["0", "x", ""] { #expect(ProcessorCount.active(reported: 6, environment: ["SLURM_CPUS_PER_TASK": value]) == 6) }
        #expect(ProcessorCount.active(reported: 0, environment: [:]) == 1)
    }

    @Test func noItemsNoWork() {
        #expect(ParallelWork.map([Int](), workers: 4) { $0 * 2 }.isEmpty)
    }
}
