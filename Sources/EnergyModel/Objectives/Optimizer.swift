import LinearProgramming

/// One solve of a multi-stage objective mode.
public struct Stage: Sendable, Equatable, Codable {
    /// What the stage optimised, e.g. `minimise unserved energy`.
    public var name: String
    /// The solve's status code.
    public var status: SolveStatus.Code
    /// The stage's own objective value.
    public var objective: Double?
    /// Solver iterations.
    public var iterations: Int
    /// Seconds in the solver. Not written to results.json (it would differ between identical
    /// runs); run folders keep timings in run.json.
    public var seconds: Double = 0
    /// The method that produced the stage's answer (after any fallback): `primal`, `dual`,
    /// `interior` (absent in results written before it was recorded).
    public var method: String?
    /// Whether the stage's simplex started from the basis of an earlier program of the same shape.
    public var warmStarted: Bool?
    /// What the solver did besides its first method, in words (an interior point stopped short
    /// and accepted, a crossover, a simplex fallback); empty when the first method finished.
    public var fallbacks: [String]?
    /// The relative gap of the stage's answer where the method measures one (an interior point:
    /// its last relative gap; 0 for a simplex optimum, which is exact at its tolerances).
    public var relativeGap: Double?

    /// The name of the least-peak-shortfall stage (``Optimizer/leastPeakShortfall``), which only
    /// measures: it comes after the answer's stage and is not the answer.
    public static let leastPeakShortfall = "least peak shortfall at the same cost"

    /// A stage from a solve.
    public init(name: String, result: SolveResult) {
        self.init(name: name, status: result.status.code, objective: result.objective, iterations: result.iterations,
                  seconds: result.solveSeconds)
        method = result.methodName
        warmStarted = result.warmStarted
        fallbacks = result.fallbacks
        relativeGap = result.relativeGap
    }

    /// A stage from its parts.
    public init(name: String, status: SolveStatus.Code, objective: Double?, iterations: Int, seconds: Double = 0) {
        self.name = name
        self.status = status
        self.objective = objective
        self.iterations = iterations
        self.seconds = seconds
    }

    enum CodingKeys: String, CodingKey {
        case name, status, objective, iterations, method, fallbacks
        case warmStarted = "warm_started", relativeGap = "relative_gap"
    }
}

/// The outcome of an optimisation in one objective mode.
public struct Optimization: Sendable {
    /// The mode.
    public var mode: ObjectiveMode
    /// The program of the final stage (the base program plus the mode's rows and objective).
    public var lp: EnergyLP
    /// The final stage's result; its solution is the answer.
    public var result: SolveResult
    /// Every stage, in order.
    public var stages: [Stage]
    /// Total discounted cost of the answer, USD, with the constant (the cost objective evaluated
    /// at the answer, whatever the mode optimised).
    public var costUSD: Double?
    /// The frontier (pareto mode only), dominated points flagged.
    public var frontier: [ParetoPoint]
    /// By period: the least peak shortfall (MW, system-wide) of any dispatch as cheap as the
    /// answer, where the answer sheds load (``Optimizer/leastPeakShortfall``); nil when no period
    /// sheds or the stage was not run. Unique, unlike the answer's own peak.
    public var leastPeakShortfallMW: [Double]? = nil
}

/// Runs the objective modes of MODEL.md with any ``ProgramSolver`` (GLPK by default): every
/// stage's program goes through the solver's `solve`, nothing else. With a thread-confined
/// solver (a sweep worker, ``GLPKWorker``) the optimiser is confined to that thread too.
public struct Optimizer<Solver: ProgramSolver> {
    /// The solver of every stage.
    public var solver: Solver
    /// Whether an answer that sheds load gets the least-peak-shortfall stage. Off for a solver
    /// that decomposes the base program's structure (Benders), which cannot hold its rows.
    public var leastPeakStage: Bool

    /// Creates an optimiser.
    public init(solver: Solver, leastPeakStage: Bool = true) {
        self.solver = solver
        self.leastPeakStage = leastPeakStage
    }

    /// Builds and solves a system in a mode.
    ///
    /// - Throws: ``FormulationError`` for data the formulation cannot use, or
    ///   ``LinearProgrammingError`` for an invalid program (a bug or bad numbers); infeasible and
    ///   unbounded are statuses of the result.
    public func optimize(_ system: EnergySystem, options: FormulationOptions = FormulationOptions(),
                         mode: ObjectiveMode) throws -> Optimization {
        if case .pareto(let targets) = mode { return try pareto(system, options: options, targets: targets) }
        let base = try EnergyLP.build(system, options: options)
        let costTerms = base.program.objectiveTerms
        let constant = base.program.objectiveConstant
        var stages: [Stage] = []

        func run(_ lp: EnergyLP, _ name: String) throws -> SolveResult {
            let result = try solver.solve(lp.program)
            stages.append(Stage(name: name, result: result))
            return result
        }
        func finish(_ lp: EnergyLP, _ result: SolveResult) throws -> Optimization {
            let cost = result.solution.map { s in lp.usd(costTerms.reduce(constant) { $0 + $1.coefficient * s.values[$1.variable.index] }) }
            let least = leastPeakStage ? try leastPeakShortfall(lp, result, run: run) : nil
            return Optimization(mode: mode, lp: lp, result: result, stages: stages, costUSD: cost, frontier: [], leastPeakShortfallMW: least)
        }

        switch mode {
        case .cost, .pareto:
            return try finish(base, try run(base, "minimise cost"))

        case .deficit(let relative, let absolute):
            var first = base
            first.program.replaceObjective(with: base.unservedTerms)
            let stage1 = try run(first, "minimise unserved energy")
            guard let unserved = stage1.objective else { return try finish(first, stage1) }
            var second = base
            second.program.addChainedRow("DEFICIT_CAP", base.unservedTerms, .atMost(unserved * (1 + relative) + absolute))
            return try finish(second, try run(second, "minimise cost at minimal unserved energy"))

        case .renewables(let slack):
            let stage1 = try run(base, "minimise cost")
            guard let s1 = stage1.solution else { return try finish(base, stage1) }
            let unserved = base.unservedTerms.reduce(0.0) { $0 + $1.coefficient * s1.values[$1.variable.index] }
            let tolerance = 1e-6 * max(1, unserved)
            var second = base
            second.program.addChainedRow("COST_BUDGET", costTerms, .atMost((1 + slack) * s1.objective - constant))
            second.program.addChainedRow("DEFICIT_HOLD", base.unservedTerms, .between(max(0, unserved - tolerance), unserved + tolerance))
            second.program.replaceObjective(with: base.renewableTerms.map { Term(-$0.coefficient, $0.variable) })
            let stage2 = try run(second, "maximise renewable energy within the cost budget")
            guard let s2 = stage2.solution else { return try finish(second, stage2) }
            let renewable = -s2.objective
            var third = second
            third.program.addChainedRow("RENEWABLE_HOLD", base.renewableTerms, .atLeast(renewable - 1e-7 * max(1, abs(renewable))))
            third.program.replaceObjective(with: costTerms, constant: constant)
            return try finish(third, try run(third, "minimise cost at that renewable energy"))

        case .weighted(let alpha, let beta, let gamma):
            let stage1 = try run(base, "minimise cost (reference)")
            guard let reference = stage1.objective, reference > 0 else { return try finish(base, stage1) }
            let demand = max(1, base.horizonDemandMWh)
            var weighted = base
            let terms = costTerms.map { Term(alpha * $0.coefficient / reference, $0.variable) }
                + base.unservedTerms.map { Term(beta * $0.coefficient / demand, $0.variable) }
                + base.renewableTerms.map { Term(-gamma * $0.coefficient / demand, $0.variable) }
            weighted.program.replaceObjective(with: terms, constant: alpha * constant / reference)
            return try finish(weighted, try run(weighted, "minimise the weighted objective"))
        }
    }

    private func pareto(_ system: EnergySystem, options: FormulationOptions, targets: [Double]) throws -> Optimization {
        var points: [ParetoPoint] = []
        var runs: [(target: Double, stages: [Stage], status: SolveStatus.Code, reusedFrom: Double?)] = []
        var last: Optimization?
        var lastOptimal: (target: Double, run: Optimization)?
        let years = Self.paretoYears(system)
        for target in targets {
            var variant = system
            variant.policies.renewableShare = PolicyTarget(Dictionary(uniqueKeysWithValues: years.map { ($0, target) }))
            let run: Optimization
            var reusedFrom: Double?
            if let previous = lastOptimal, target > previous.target,
               let reused = try Self.reuse(previous.run, for: variant, options: options) {
                run = reused
                reusedFrom = previous.target
            } else {
                run = try optimize(variant, options: options, mode: .cost)
            }
            let measures = run.result.solution.map { EnergyMeasures(run.lp, $0) }
            points.append(ParetoPoint(target: target, status: run.result.status.code, costUSD: run.costUSD,
                                      unservedMWh: measures?.unservedMWh, renewableShare: measures?.renewableShare))
            last = run
            runs.append((target, run.stages, run.result.status.code, reusedFrom))
            if run.result.status == .optimal { lastOptimal = (target, run) }
        }
        // The run's answer is the last solved point (an infeasible high target does not make the
        // sweep a failure); the frontier lists every point with its own status.
        guard var answer = lastOptimal?.run ?? last else {
            throw FormulationError(["pareto mode needs at least one renewable-share target"])
        }
        answer.mode = .pareto(renewableTargets: targets)
        answer.frontier = ParetoPoint.flagDominated(points)
        // One stage per point: its last solve, with the iterations and seconds of all of them.
        answer.stages = runs.map { target, stages, status, reusedFrom in
            var stage = stages.last ?? Stage(name: "", status: status, objective: nil, iterations: 0)
            stage.name = "minimise cost at renewable share ≥ \(target)"
                + (reusedFrom.map { ": the point at ≥ \($0) already meets it, so it is that point (not solved again)" } ?? "")
            stage.iterations = stages.reduce(0) { $0 + $1.iterations }
            stage.seconds = stages.reduce(0) { $0 + $1.seconds }
            return stage
        }
        return answer
    }

    /// The periods a Pareto target applies to: those of the model's own renewable-share policy
    /// (the periods the analyst set a target for; Pakistan: 2030 and 2035, not the FY2024-25
    /// back-cast year, whose fleet cannot change), or every period when the model has none.
    static func paretoYears(_ system: EnergySystem) -> [Int] {
        let policy = system.policies.renewableShare.map { Set($0.valuesByYear.keys) } ?? []
        let years = system.periods.map(\.year).filter { policy.isEmpty || policy.contains($0) }
        return years.isEmpty ? system.periods.map(\.year) : years
    }

    /// The least-peak-shortfall stage. Shedding can move between hours of equal cost, so the peak
    /// shortfall of an optimum is one of many (docs/RESULTS.md). Where the answer sheds load, this
    /// solves the final program again with its own objective held to the answer's value (a
    /// relative 1e-7 above it) and minimises `Σ_y P_y` with `P_y ≥ Σ_r u[r,y,t]` in every step of
    /// the periods that shed: the least peak any equally cheap dispatch needs, per period, which
    /// is unique. Periods that shed nothing keep their 0. Nil when nothing is shed above
    /// ``Indicators/shortageThresholdMW``, or when the stage finds no optimum (the answer's own
    /// peak then stands).
    func leastPeakShortfall(_ lp: EnergyLP, _ result: SolveResult, run: (EnergyLP, String) throws -> SolveResult) throws -> [Double]? {
        guard result.status.code == .optimal, let solution = result.solution else { return nil }
        let unserved = lp.variables.unserved
        let regions = unserved.ids.indices, steps = lp.options.time.steps.indices
        let peaks = lp.periods.indices.map { y in
            steps.reduce(0.0) { peak, t in max(peak, regions.reduce(0.0) { $0 + unserved.value($1, y, t, in: solution.values) }) }
        }
        guard peaks.contains(where: { $0 > Indicators.shortageThresholdMW }) else { return nil }
        var second = lp
        let held = lp.program.objectiveTerms, constant = lp.program.objectiveConstant
        second.program.addChainedRow("COST_HOLD", held, .atMost(solution.objective + 1e-7 * max(1, abs(solution.objective)) - constant))
        second.program.replaceObjective(with: [])
        var variables: [Int: Variable] = [:]
        for (y, period) in lp.periods.enumerated() where peaks[y] > Indicators.shortageThresholdMW {
            // One copy of P per step, each tied to the one before: a single P in every step's row
            // would be a dense column, which couples all steps in the interior point's
            // factorisation (a step's row then costs as much as the whole period's).
            var previous: Variable?
            for t in steps {
                let peak = second.program.addVariable("peak_shortfall[\(period.year),\(t)]", cost: previous == nil ? 1 : 0)
                if let previous { _ = second.program.addRow("PEAK_TIE[\(period.year),\(t)]", [Term(1, peak), Term(-1, previous)], .fixed(0)) }
                _ = second.program.addRow("PEAK[\(period.year),\(t)]", [Term(1, peak)] + regions.flatMap { unserved.terms($0, y, t, coefficient: -1) }, .atLeast(0))
                if previous == nil { variables[y] = peak }
                previous = peak
            }
        }
        let stage = try run(second, Stage.leastPeakShortfall)
        guard stage.status.code == .optimal, let values = stage.solution?.values else { return nil }
        return lp.periods.indices.map { y in variables[y].map { max(0, values[$0.index]) } ?? peaks[y] }
    }

    /// The optimum of a lower renewable-share target as the optimum of a higher one, when it already
    /// meets it: the higher target's program differs only in its RESHARE rows, and its feasible set
    /// lies inside the lower one's (`Σ renewable ≥ θ·served` for a larger θ implies it for a smaller),
    /// so a point optimal for the lower target and feasible for the higher is optimal for it too.
    /// Feasible means the higher target's program checks the point primal-feasible to
    /// ``SolutionCheck/tolerance``. Nil when the shapes differ or the point falls short.
    static func reuse(_ previous: Optimization, for variant: EnergySystem, options: FormulationOptions) throws -> Optimization? {
        guard let solution = previous.result.solution else { return nil }
        let lp = try EnergyLP.build(variant, options: options)
        guard lp.program.variableCount == previous.lp.program.variableCount,
              lp.program.rowCount == previous.lp.program.rowCount else { return nil }
        let clock = ContinuousClock(), start = clock.now
        let check = lp.program.check(solution, checkDuals: false)
        guard check.primalResidual <= SolutionCheck.tolerance, check.objectiveResidual <= SolutionCheck.tolerance else { return nil }
        var result = previous.result
        result.iterations = 0
        result.solveSeconds = (clock.now - start).seconds
        result.path = []
        result.log = ""
        result.returnCodes = []
        var stage = Stage(name: "", status: result.status.code, objective: result.objective, iterations: 0, seconds: result.solveSeconds)
        stage.method = result.methodName
        stage.relativeGap = result.relativeGap
        return Optimization(mode: .cost, lp: lp, result: result, stages: [stage], costUSD: previous.costUSD, frontier: [])
    }
}

extension Optimizer: Sendable where Solver: Sendable {}

extension Optimizer where Solver == GLPKSolver {
    /// Creates an optimiser that solves with GLPK's default options.
    public init() {
        self.init(solver: GLPKSolver())
    }
}

/// Horizon totals of a solution: unserved energy, renewable energy and share.
struct EnergyMeasures {
    var unservedMWh: Double
    var renewableMWh: Double
    var renewableShare: Double

    init(_ lp: EnergyLP, _ solution: Solution) {
        unservedMWh = lp.unservedTerms.reduce(0.0) { $0 + $1.coefficient * solution.values[$1.variable.index] }
        renewableMWh = lp.renewableTerms.reduce(0.0) { $0 + $1.coefficient * solution.values[$1.variable.index] }
        var servedMWh = lp.horizonDemandMWh
        for (y, period) in lp.periods.enumerated() {
            for segment in lp.variables.unserved.segments {
                for series in segment {
                    for (t, u) in series[y].enumerated() {
                        servedMWh -= period.yearsRepresented * lp.options.time.steps[t].weight * solution.values[u.index]
                    }
                }
            }
        }
        renewableShare = servedMWh > 0 ? renewableMWh / servedMWh : 0
    }
}
