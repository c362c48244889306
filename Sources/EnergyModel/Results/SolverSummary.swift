import LinearProgramming

/// How the solver reached a run's answer: the `solver` object of results.json (docs/RESULTS.md).
///
/// Holds no timings, so identical inputs give identical results files; the seconds of each
/// stage are in run.json (`stage_seconds`, in the order of `stages`).
public struct SolverSummary: Sendable, Equatable, Codable {
    /// The method that produced the final answer (`primal`, `dual`, `interior`).
    public var method: String
    /// The final status code.
    public var status: SolveStatus.Code
    /// Iterations over every stage and every solver call.
    public var iterations: Int
    /// The number of stages (solves) of the objective mode.
    public var stages: Int
    /// Stages whose simplex started from an earlier basis (a warm start).
    public var warmStarts: Int
    /// Lower and upper bound on the final stage's objective (its units, as `stages[].objective`),
    /// where the method gives them: equal for a simplex optimum; `nil` for an interior point,
    /// whose accuracy is its relative gap.
    public var lowerBound: Double?
    /// See ``lowerBound``.
    public var upperBound: Double?
    /// The final stage's relative gap (see ``Stage/relativeGap``).
    public var relativeGap: Double?
    /// Every fallback any stage took, in words, prefixed by the stage's name.
    public var fallbacks: [String]

    enum CodingKeys: String, CodingKey {
        case method, status, iterations, stages, fallbacks
        case warmStarts = "warm_starts", lowerBound = "lower_bound", upperBound = "upper_bound", relativeGap = "relative_gap"
    }

    /// The summary of an optimisation's stages and final result.
    public init(_ run: Optimization) {
        let result = run.result
        method = result.methodName
        status = result.status.code
        let exact = result.status == .optimal && result.method.isSimplex && result.lowerBound == nil
        lowerBound = result.lowerBound ?? (exact ? result.objective : nil)
        upperBound = result.upperBound ?? (result.status == .optimal ? result.objective : nil)
        (iterations, stages, warmStarts, fallbacks) = (0, 0, 0, [])
        count(run.stages, resultGap: result.relativeGap)
    }

    /// Sets what the summary says of the stages (iterations, stages, warm starts, fallbacks, the
    /// last stage's gap, else `resultGap`, the final result's) from `stages`: for a run whose
    /// stages were solved in parts (the shards of a Pareto run, put together by `bijli merge`).
    public mutating func count(_ stages: [Stage], resultGap: Double?) {
        iterations = stages.reduce(0) { $0 + $1.iterations }
        self.stages = stages.count
        warmStarts = stages.filter { $0.warmStarted == true }.count
        // The answer's gap: the least-peak stage, when there is one, only measures.
        relativeGap = stages.last(where: { $0.name != Stage.leastPeakShortfall })?.relativeGap ?? resultGap
        fallbacks = stages.flatMap { stage in (stage.fallbacks ?? []).map { "\(stage.name): \($0)" } }
    }
}
