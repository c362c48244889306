import Foundation
import LinearProgramming

/// Solves a block-structured linear program by Benders decomposition: a master holding the
/// first-stage columns (and a cost estimate θ_k per block), and one subproblem per block with
/// the master columns fixed, each kept in its own warm GLPK session and solved in parallel.
///
/// Each iteration solves the master (its optimum is a **lower bound**), picks the next master
/// point x̂ (the master's optimum, or with level-set stabilisation the point nearest the
/// incumbent under a level between the bounds), solves every subproblem at x̂ and adds one cut
/// per block (multi-cut):
///
/// - optimality cut `θ_k ≥ z_k(x̂) − λ_kᵀ B_k (x − x̂)`, from the subproblem's row duals λ_k
///   (GLPK's convention: λ_i = ∂z/∂b_i, the change of the optimum per unit of the row's
///   right-hand side; the master terms `B_k x` sit on the left of the row, so raising x by one
///   unit lowers the right-hand side by `B_k`);
/// - feasibility cut `0 ≥ v_k(x̂) − μ_kᵀ B_k (x − x̂)` when block k is infeasible at x̂, from the
///   elastic subproblem that minimises the violation v_k of the rows linked to the master.
///
/// When every block is feasible, `cᵀx̂ + Σ_k z_k(x̂)` is an **upper bound**; the best such point
/// is the incumbent. The decomposition stops when `(upper − lower) / max(1, |upper|) ≤ gap`, or
/// at an iteration or time limit (docs/DECOMPOSITION.md).
public struct BendersSolver: Sendable {
    /// The settings of every decomposition.
    public var options: BendersOptions

    /// Creates a solver.
    public init(options: BendersOptions = BendersOptions()) {
        self.options = options
    }

    /// Decomposes and solves a program along a block structure.
    ///
    /// The call is synchronous: the master is solved on the calling thread, the subproblems on
    /// worker threads that live for the duration of the call.
    ///
    /// - Parameter observer: called once per iteration, on the calling thread.
    /// - Throws: ``DecompositionError`` for an invalid program or options, or a structure that
    ///   does not fit (a row across two blocks). Infeasible, unbounded and limits are statuses.
    public func solve(_ program: LinearProgram, blocks: BlockStructure,
                      observer: (@Sendable (BendersProgress) -> Void)? = nil) throws(DecompositionError) -> BendersResult {
        try options.validate()
        do { try program.validate() } catch { throw .invalidProgram(error) }
        let clock = ContinuousClock()
        let begin = clock.now
        let partition = try Partition(program, blocks)
        let workers = SubproblemWorkers(partition.subproblems, workers: options.workers, options: options.subproblemOptions)
        defer { workers.stop() }
        var run = Run(partition: partition, options: options, workers: workers, clock: clock, begin: begin)
        run.setupSeconds = (clock.now - begin).seconds
        return run.iterate(program, observer: observer)
    }
}

/// The state of one decomposition.
private struct Run {
    let partition: Partition
    let options: BendersOptions
    let workers: SubproblemWorkers
    let clock: ContinuousClock
    let begin: ContinuousClock.Instant
    var setupSeconds = 0.0
    var masterSeconds = 0.0
    var subproblemSeconds = 0.0
    var masterIterations = 0
    var subproblemIterations = 0
    var optimalityCuts = 0
    var feasibilityCuts = 0
    var history: [BendersProgress] = []

    /// The master with θ columns and every cut so far (minimisation).
    var master: LinearProgram
    let masterCount: Int
    /// θ_k columns in ``master``; whether block k has an optimality cut yet.
    var theta: [Variable] = []
    var hasCut: [Bool]
    var lower = -Double.infinity
    /// The lower bound at the previous iteration (to see it stall).
    var lastLower = -Double.infinity
    var upper = Double.infinity
    /// The best point: master values, every block's values and duals.
    var incumbent: (x: [Double], values: [[Double]], duals: [[Double]])?
    /// Row duals of the master's own rows at the last master solve.
    var masterDuals: [Double] = []

    init(partition: Partition, options: BendersOptions, workers: SubproblemWorkers, clock: ContinuousClock,
         begin: ContinuousClock.Instant) {
        self.partition = partition
        self.options = options
        self.workers = workers
        self.clock = clock
        self.begin = begin
        master = partition.master
        masterCount = partition.master.variableCount
        hasCut = [Bool](repeating: false, count: partition.subproblems.count)
        for (k, sub) in partition.subproblems.enumerated() {
            theta.append(master.addVariable("~theta[\(k)]", bounds: Bounds(lower: sub.boundFromColumns, upper: .infinity), cost: 1))
        }
    }

    var elapsed: Double { (clock.now - begin).seconds }

    var gap: Double {
        guard lower > -.infinity && upper < .infinity else { return .infinity }
        return max(0, upper - lower) / max(1, abs(upper))
    }

    mutating func iterate(_ program: LinearProgram, observer: (@Sendable (BendersProgress) -> Void)?) -> BendersResult {
        var iteration = 0
        while true {
            // 1. The master: a lower bound and its optimum.
            let (point, status) = solveMaster()
            guard let masterPoint = point else {
                let message = status == .infeasible
                    ? "the master has no point that every block accepts: the program is infeasible"
                    : "the master could not be solved: \(status)"
                return finish(program, status: status, iteration, message)
            }
            if let crossed = crossing() { return crossed(program, iteration) }
            if gap <= options.gap {
                return finish(program, status: .optimal, iteration, "gap \(gap) ≤ \(options.gap)")
            }
            if iteration >= options.maxIterations {
                return finish(program, status: .limitReached(.iteration), iteration,
                              "stopped after \(iteration) iterations at gap \(gap)")
            }
            if let limit = options.timeLimitSeconds, elapsed >= limit {
                return finish(program, status: .limitReached(.time), iteration,
                              "stopped at the time limit (\(limit) s) after \(iteration) iterations at gap \(gap)")
            }
            iteration += 1

            // 2. The next master point: the level step from the incumbent, except when the lower
            // bound has stalled since the last iteration. Then the master's own optimum is
            // evaluated: either it is as good as its model says (the gap closes) or its cut
            // lifts the lower bound. Without that, the level steps only halve the gap each time
            // once the lower bound is exact.
            var x = masterPoint
            let stalled = lower <= lastLower + 1e-12 * max(1, abs(lower))
            lastLower = lower
            if case .level(let lambda) = options.stabilization, !stalled, let incumbent, upper < .infinity, lower > -.infinity,
               let projected = levelPoint(center: incumbent.x, level: lower + lambda * (upper - lower)) {
                x = projected
            }

            // 3. Every block at x, in parallel; one cut each.
            let start = clock.now
            let outcomes = workers.solveAll(at: x)
            subproblemSeconds += (clock.now - start).seconds
            var total = partition.master.objectiveConstant
            for j in 0..<masterCount { total += partition.master.objective[j] * x[j] }
            var allOptimal = true
            for (k, outcome) in outcomes.enumerated() {
                subproblemIterations += outcome.iterations
                switch outcome.kind {
                case .optimal:
                    addCut(block: k, outcome, at: x, optimality: true)
                    total += outcome.value
                case .infeasible:
                    allOptimal = false
                    addCut(block: k, outcome, at: x, optimality: false)
                case .failed(let status, let why):
                    let name = partition.subproblems[k].program.name
                    return finish(program, status: status == .optimal ? .solverError(.failed) : status, iteration,
                                  "block '\(name)' could not be solved: \(why)")
                }
            }
            if allOptimal && total < upper {
                upper = total
                incumbent = (x, outcomes.map(\.values), outcomes.map(\.duals))
            }
            let progress = BendersProgress(iteration: iteration, lowerBound: lower, upperBound: upper, gap: gap, elapsedSeconds: elapsed)
            history.append(progress)
            observer?(progress)
            if let crossed = crossing() { return crossed(program, iteration) }
            if gap <= options.gap {
                return finish(program, status: .optimal, iteration, "gap \(gap) ≤ \(options.gap)")
            }
        }
    }

    /// When the lower bound has passed the upper bound by more than 1e-6 (relative), some cut
    /// was not valid (numerically): the answer is not proven, so the status is a solver error,
    /// with the incumbent as the solution and the bounds in the result.
    func crossing() -> ((LinearProgram, Int) -> BendersResult)? {
        guard lower > -.infinity, upper < .infinity, lower > upper + 1e-6 * max(1, abs(upper)) else { return nil }
        return { program, iteration in
            finish(program, status: .solverError(.failed), iteration,
                   "the lower bound \(lower) passed the upper bound \(upper): a cut was not valid (numerical tolerance of the subproblem duals); the incumbent is feasible but not proven optimal",
                   keepIncumbent: true)
        }
    }

    /// Solves the master; updates the lower bound (once every block's θ is bounded) and the
    /// master rows' duals. Blocks without a cut and without a bound from their columns have θ
    /// held at 0 for this solve (the point is then a guess, and no bound is taken from it).
    mutating func solveMaster() -> (point: [Double]?, status: SolveStatus) {
        var program = master
        var bounded = true
        for (k, t) in theta.enumerated() where !hasCut[k] && program.variableLower[t.index] == -.infinity {
            program.setBounds(.fixed(0), for: t)
            bounded = false
        }
        let start = clock.now
        let result: SolveResult
        do { result = try GLPKSolver(options: options.masterOptions).solve(program) } catch {
            return (nil, .solverError(.failed))
        }
        masterSeconds += (clock.now - start).seconds
        masterIterations += result.iterations
        guard result.status == .optimal, let solution = result.solution else { return (nil, result.status) }
        if bounded { lower = max(lower, solution.objective) }
        masterDuals = Array(solution.rowDuals.prefix(partition.masterRows.count))
        return (Array(solution.values.prefix(masterCount)), .optimal)
    }

    /// The level step: the point nearest `center` (L∞, with a small L1 term to keep columns that
    /// need not move where they are) among the master points whose cut model is at most `level`.
    mutating func levelPoint(center: [Double], level: Double) -> [Double]? {
        var program = master
        for j in 0..<program.variableCount { program.setCost(0, for: Variable(index: j)) }
        // Cut model ≤ level: c·x + Σθ ≤ level − constant.
        var terms: [Term] = []
        for j in 0..<masterCount where partition.master.objective[j] != 0 {
            terms.append(Term(partition.master.objective[j], Variable(index: j)))
        }
        for t in theta { terms.append(Term(1, t)) }
        program.addRow("~level", terms, .atMost(level - partition.master.objectiveConstant))
        program.objectiveConstant = 0
        let radius = program.addVariable("~radius", bounds: .atLeast(0), cost: 1)
        let tieBreak = 0.01 / Double(max(1, masterCount))
        for j in 0..<masterCount {
            let up = program.addVariable("~up[\(j)]", bounds: .atLeast(0), cost: tieBreak)
            let down = program.addVariable("~down[\(j)]", bounds: .atLeast(0), cost: tieBreak)
            program.addRow("~move[\(j)]", [1 * Variable(index: j), -1 * up, 1 * down], .fixed(center[j]))
            program.addRow("~up_r[\(j)]", [1 * up, -1 * radius], .atMost(0))
            program.addRow("~down_r[\(j)]", [1 * down, -1 * radius], .atMost(0))
        }
        let start = clock.now
        defer { masterSeconds += (clock.now - start).seconds }
        // Near the optimum the level set is thin and the LP degenerate: a limit keeps a stalling
        // simplex from running on (the master's own optimum is used instead).
        var levelOptions = options.masterOptions
        levelOptions.iterationLimit = min(levelOptions.iterationLimit ?? Int(Int32.max), max(1000, 10 * (program.rowCount + program.variableCount)))
        guard let result = try? GLPKSolver(options: levelOptions).solve(program) else { return nil }
        masterIterations += result.iterations
        guard result.status == .optimal, let solution = result.solution else { return nil }
        return Array(solution.values.prefix(masterCount))
    }

    /// Adds `θ_k + g·x ≥ z + g·x̂` (optimality) or `g·x ≥ v + g·x̂` (feasibility).
    mutating func addCut(block k: Int, _ outcome: SubproblemOutcome, at x: [Double], optimality: Bool) {
        var terms: [Term] = []
        var rhs = optimality ? min(outcome.value, outcome.intercept ?? outcome.value) : outcome.value
        let scale = outcome.gradient.reduce(0) { max($0, abs($1.coefficient)) }
        for (j, g) in outcome.gradient where abs(g) > 1e-13 * scale {
            terms.append(Term(g, Variable(index: j)))
            rhs += g * x[j]
        }
        if optimality {
            terms.append(Term(1, theta[k]))
            hasCut[k] = true
            optimalityCuts += 1
        } else {
            feasibilityCuts += 1
            guard !terms.isEmpty else { return }   // no master column can help: the next master solve is unchanged
        }
        master.addRow("~cut[\(k),\(optimalityCuts + feasibilityCuts)]", terms, .atLeast(rhs))
    }

    /// The result, with the whole program's solution at the incumbent.
    func finish(_ program: LinearProgram, status: SolveStatus, _ iterations: Int, _ message: String,
                keepIncumbent: Bool = false) -> BendersResult {
        var solution: Solution?
        if let incumbent, keepIncumbent || status == .optimal || status.code == .timeLimit || status.code == .iterationLimit {
            let sign = partition.senseSign
            var values = [Double](repeating: 0, count: program.variableCount)
            var duals = [Double](repeating: 0, count: program.rowCount)
            for (local, j) in partition.masterColumns.enumerated() { values[j] = incumbent.x[local] }
            for (local, i) in partition.masterRows.enumerated() where local < masterDuals.count { duals[i] = sign * masterDuals[local] }
            for (k, sub) in partition.subproblems.enumerated() {
                for (local, j) in sub.columns.enumerated() { values[j] = incumbent.values[k][local] }
                for (local, i) in sub.rows.enumerated() { duals[i] = sign * incumbent.duals[k][local] }
            }
            let rows = MergedRows(program)
            var objective = program.objectiveConstant
            for j in 0..<program.variableCount { objective += program.objective[j] * values[j] }
            solution = Solution(objective: objective, values: values,
                                reducedCosts: rows.reducedCosts(costs: program.objective, duals: duals),
                                rowActivities: rows.activities(values), rowDuals: duals)
        }
        let (lowerBound, upperBound) = partition.senseSign > 0 ? (lower, upper) : (-upper, -lower)
        return BendersResult(
            status: status, solution: solution, lowerBound: lowerBound, upperBound: upperBound, gap: gap,
            iterations: iterations, optimalityCuts: optimalityCuts, feasibilityCuts: feasibilityCuts,
            masterIterations: masterIterations, subproblemIterations: subproblemIterations,
            setupSeconds: setupSeconds, masterSeconds: masterSeconds, subproblemSeconds: subproblemSeconds,
            totalSeconds: elapsed, blockCount: partition.subproblems.count, masterColumnCount: masterCount,
            workers: workers.workerCount, history: history, message: message)
    }
}
