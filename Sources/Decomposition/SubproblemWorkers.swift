import Dispatch
import Foundation
import LinearProgramming
import Synchronization

/// What one subproblem's solve at a master point gives back.
struct SubproblemOutcome: Sendable {
    enum Kind: Sendable {
        /// Solved to optimality: `value` is its optimum z_k(x̂), the cut is an optimality cut.
        case optimal
        /// Infeasible at x̂: `value` is the total violation of the elastic version, the cut a feasibility cut.
        case infeasible
        /// Neither: the status says why (unbounded, a solver failure, or infeasible for every master point).
        case failed(SolveStatus, String)
    }
    var kind: Kind
    var value: Double
    /// The cut's value at x̂: the Lagrangian bound of the duals (optimality cuts), else `value`.
    var intercept: Double? = nil
    /// The cut's gradient `g = Σ_i λ_i B_i` on the master columns (master-local index, coefficient):
    /// z_k(x) ≥ value − g·(x − x̂), and for a feasibility cut 0 ≥ value − g·(x − x̂).
    var gradient: [(column: Int, coefficient: Double)]
    /// The block's primal values and row duals at x̂ (optimal outcomes only).
    var values: [Double]
    var duals: [Double]
    var iterations: Int
    var seconds: Double
}

/// Long-lived worker threads, each owning a fixed set of subproblems and their warm GLPK
/// sessions for the whole decomposition.
///
/// GLPK keeps its environment per thread and a ``GLPKSession`` must stay on the thread that made
/// it. ``ParallelWork/map(_:workers:progress:_:)`` hands items to whichever pool thread is free, so
/// a session could not survive from one iteration to the next there; here subproblem `k` lives
/// on worker `k mod workers` from start to end, and every iteration posts the new master point
/// to every worker and waits for all of them. The answers do not depend on the worker count:
/// each subproblem sees the same sequence of updates in its own session whichever thread runs it.
final class SubproblemWorkers: Sendable {
    private struct Job: Sendable {
        var master: [Double]
        var stop: Bool
    }
    private let jobs: Mutex<[Job?]>
    private let start: [DispatchSemaphore]
    private let done = DispatchSemaphore(value: 0)
    private let outcomes: Mutex<[SubproblemOutcome?]>
    let workerCount: Int

    init(_ subproblems: [Partition.Subproblem], workers: Int, options: SolverOptions) {
        let count = max(1, min(workers, subproblems.count))
        workerCount = count
        jobs = Mutex([Job?](repeating: nil, count: count))
        start = (0..<count).map { _ in DispatchSemaphore(value: 0) }
        outcomes = Mutex([SubproblemOutcome?](repeating: nil, count: subproblems.count))
        for w in 0..<count {
            let owned = Array(stride(from: w, to: subproblems.count, by: count))
            let mine = owned.map { subproblems[$0] }
            let thread = Thread { [self] in
                var solvers = mine.map { SubproblemSolver($0, options: options) }
                while true {
                    start[w].wait()
                    guard let job = jobs.withLock({ $0[w] }), !job.stop else { break }
                    for (position, k) in owned.enumerated() {
                        let outcome = solvers[position].solve(at: job.master)
                        outcomes.withLock { $0[k] = outcome }
                    }
                    done.signal()
                }
                solvers.removeAll()   // release the GLPK problems on their own thread
                done.signal()
            }
            thread.stackSize = 64 << 20
            thread.name = "bijli-benders-\(w)"
            thread.start()
        }
    }

    /// Solves every subproblem at master point `x` (master-local values); one outcome per subproblem, in order.
    func solveAll(at x: [Double]) -> [SubproblemOutcome] {
        outcomes.withLock { $0 = [SubproblemOutcome?](repeating: nil, count: $0.count) }
        for w in 0..<workerCount {
            jobs.withLock { $0[w] = Job(master: x, stop: false) }
            start[w].signal()
        }
        for _ in 0..<workerCount { done.wait() }
        return outcomes.withLock { all in
            all.map { outcome in
                guard let outcome else { preconditionFailure("every subproblem is solved before the workers report") }
                return outcome
            }
        }
    }

    /// Stops the workers (their sessions are released on their own threads) and waits for them.
    func stop() {
        for w in 0..<workerCount {
            jobs.withLock { $0[w] = Job(master: [], stop: true) }
            start[w].signal()
        }
        for _ in 0..<workerCount { done.wait() }
    }
}

/// One subproblem in its warm session, plus its elastic twin for feasibility cuts (made when
/// the subproblem is first infeasible). Lives and dies on one worker thread.
struct SubproblemSolver {
    let sub: Partition.Subproblem
    let options: SolverOptions
    private var session: GLPKSession?
    private var elastic: GLPKSession?
    private var loadError: String?

    init(_ sub: Partition.Subproblem, options: SolverOptions) {
        self.sub = sub
        self.options = options
        do { session = try GLPKSession(sub.program, options: options) } catch { loadError = error.description }
    }

    mutating func solve(at x: [Double]) -> SubproblemOutcome {
        let clock = ContinuousClock()
        let begin = clock.now
        guard let session else {
            return SubproblemOutcome(kind: .failed(.solverError(.failed), loadError ?? "not loaded"), value: 0, gradient: [],
                                     values: [], duals: [], iterations: 0, seconds: 0)
        }
        do {
            for (r, row) in sub.linkingRows.enumerated() {
                try session.setBounds(sub.shiftedBounds(r, master: x), for: Row(index: row))
            }
        } catch {
            return SubproblemOutcome(kind: .failed(.solverError(.failed), error.description), value: 0, gradient: [],
                                     values: [], duals: [], iterations: 0, seconds: 0)
        }
        var result = session.solve()
        if case .solverError = result.status {
            // A warm start that went wrong: once more from scratch.
            if let fresh = try? GLPKSession(session.program, options: options) {
                self.session = fresh
                result = fresh.solve()
            }
        }
        var iterations = result.iterations
        switch result.status {
        case .optimal:
            guard let solution = result.solution else { break }
            return SubproblemOutcome(kind: .optimal, value: solution.objective,
                                     intercept: Self.lagrangianBound(solution, self.session?.program ?? sub.program),
                                     gradient: gradient(solution.rowDuals),
                                     values: solution.values, duals: solution.rowDuals, iterations: iterations,
                                     seconds: (clock.now - begin).seconds)
        case .infeasible, .infeasibleOrUnbounded:
            let (violation, duals, more) = elasticSolve(at: x)
            iterations += more
            guard let violation, let duals else {
                return SubproblemOutcome(kind: .failed(.infeasible, "the elastic subproblem could not be solved"), value: 0,
                                         gradient: [], values: [], duals: [], iterations: iterations, seconds: (clock.now - begin).seconds)
            }
            guard violation > 1e-9 else {
                return SubproblemOutcome(kind: .failed(.solverError(.failed), "infeasible, yet its elastic version has no violation"),
                                         value: 0, gradient: [], values: [], duals: [], iterations: iterations,
                                         seconds: (clock.now - begin).seconds)
            }
            return SubproblemOutcome(kind: .infeasible, value: violation, gradient: gradient(duals), values: [], duals: [],
                                     iterations: iterations, seconds: (clock.now - begin).seconds)
        default: break
        }
        return SubproblemOutcome(kind: .failed(result.status, "status \(result.status)"), value: 0, gradient: [], values: [], duals: [],
                                 iterations: iterations, seconds: (clock.now - begin).seconds)
    }

    /// The Lagrangian bound of row duals λ at the block's current bounds:
    /// `Σ_i λ_i b_i + Σ_j min_{l_j ≤ y_j ≤ u_j} d_j y_j` with `d = c − Aᵀλ` (GLPK's reduced costs),
    /// `b_i` the lower bound of a row with λ_i > 0 and the upper one with λ_i < 0. By weak duality
    /// it is at most z(x) for every x once the right-hand sides move with x, whatever λ is: the cut
    /// stays valid even when GLPK's duals are dual feasible only to its tolerance (a term whose
    /// bound is infinite and whose sign is wrong by such a tolerance is left out). At an exact
    /// optimum it equals the optimum.
    static func lagrangianBound(_ solution: Solution, _ program: LinearProgram) -> Double {
        var bound = 0.0
        for (i, lambda) in solution.rowDuals.enumerated() where lambda != 0 {
            let side = lambda > 0 ? program.rowLower[i] : program.rowUpper[i]
            if side.isFinite { bound += lambda * side }
        }
        for (j, d) in solution.reducedCosts.enumerated() where d != 0 {
            let side = d > 0 ? program.variableLower[j] : program.variableUpper[j]
            if side.isFinite { bound += d * side }
        }
        return bound
    }

    /// `g_j = Σ_i λ_i B_ij` over the linking rows, merged by master column.
    private func gradient(_ duals: [Double]) -> [(column: Int, coefficient: Double)] {
        var sums: [Int: Double] = [:]
        for (r, row) in sub.linkingRows.enumerated() where duals[row] != 0 {
            for term in sub.linkingTerms[r] { sums[term.column, default: 0] += duals[row] * term.coefficient }
        }
        return sums.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Minimises the total violation of the linking rows at x (costs zero, one elastic column per
    /// side of each linking row). Returns the violation, the row duals (of the original rows) and
    /// the iterations; nil when even the elastic program has no solution (then no master point
    /// helps: the program is infeasible).
    private mutating func elasticSolve(at x: [Double]) -> (Double?, [Double]?, Int) {
        if elastic == nil {
            var program = sub.program
            for j in 0..<program.variableCount { program.setCost(0, for: Variable(index: j)) }
            for (r, row) in sub.linkingRows.enumerated() {
                if sub.linkingLower[r] > -.infinity {
                    let s = program.addVariable("~elastic+[\(row)]", cost: 1)
                    program.addTerm(1, s, to: Row(index: row))
                }
                if sub.linkingUpper[r] < .infinity {
                    let s = program.addVariable("~elastic-[\(row)]", cost: 1)
                    program.addTerm(-1, s, to: Row(index: row))
                }
            }
            elastic = try? GLPKSession(program, options: options)
        }
        guard let elastic else { return (nil, nil, 0) }
        for (r, row) in sub.linkingRows.enumerated() {
            try? elastic.setBounds(sub.shiftedBounds(r, master: x), for: Row(index: row))
        }
        let result = elastic.solve()
        guard result.status == .optimal, let solution = result.solution else { return (nil, nil, result.iterations) }
        return (solution.objective, solution.rowDuals, result.iterations)
    }
}
