/// An independent check of a solution against its program: the solver's word is not taken.
///
/// GLPK can call a badly scaled program "optimal" at a point that violates a row by 50 % (issue
/// 19: a row at 150 against its limit of 100 when one coefficient is 1e20). Before a result is
/// reported as optimal, ``LinearProgram/check(_:)`` recomputes everything from the program:
///
/// - **primal residuals**: how far every variable lies outside its bounds, and every row activity
///   `Σ_j a_ij x_j` recomputed from the matrix at the point **moved into its bounds** (each `x_j`
///   clipped to `[l_j, u_j]`), and how far it lies outside the row's bounds. Clipping matters: a
///   variable at −3e-12 is within any tolerance of 0, but with a coefficient of 1e13 it moves
///   its row by 33, and GLPK reported such a point as optimal (233.3 instead of 216.7);
/// - **dual residuals**: every reduced cost recomputed as `d_j = c_j − Σ_i a_ij y_i` from the row
///   duals `y`, and how far `d` and `y` have the wrong sign for the bounds that exist (for a
///   minimisation, a positive dual needs a lower bound and a negative one an upper bound;
///   reversed for a maximisation);
/// - **the objective**: `c0 + Σ c_j x_j` recomputed and compared with the reported one, and with
///   the dual objective (`c0 + Σ_i y_i b_i + Σ_j d_j l_j`, each dual taken at the bound its sign
///   points to): the duality gap.
///
/// Each residual is **relative to the scale of what it measures**: a row's violation is divided
/// by `1 + max(|bound|, Σ_j |a_ij x_j|)`, a reduced cost by `1 + max(|c_j|, Σ_i |a_ij y_i|)`, the
/// gap by `1 + max(|primal objective|, Σ |terms of either objective|)`. So a 1e-9 error in a row
/// of 1e6 MW counts as 1e-15, and the check does not depend on the units a program is written in.
public struct SolutionCheck: Sendable, Equatable, Codable {
    /// The largest relative violation of a row or a variable bound.
    public var primalResidual: Double
    /// The largest relative dual infeasibility (a reduced cost or row dual of the wrong sign).
    public var dualResidual: Double
    /// The relative difference between the reported and the recomputed objective.
    public var objectiveResidual: Double
    /// The relative gap between the primal and the dual objective, scaled by the terms (above).
    public var gap: Double
    /// The gap relative to the primal objective alone, `|P − D| / (1 + |P|)`, as solvers state a
    /// relative gap. The term-scaled ``gap`` suits rounding errors of an exact optimum, but it can
    /// be far smaller: a point whose duals are not its own (a departed solution) once showed a
    /// term-scaled gap of 2.2e-5 and an objective-relative gap of 1.5e-3. A point accepted within
    /// a gap is held to it in this measure too (``passed(gapTolerance:)``). `nil` in a check
    /// decoded from a file written before it existed.
    public var objectiveGap: Double?
    /// The row or variable with the largest violation of any kind, for messages.
    public var worst: String

    /// Creates a check result.
    public init(primalResidual: Double, dualResidual: Double, objectiveResidual: Double, gap: Double,
                objectiveGap: Double? = nil, worst: String) {
        self.primalResidual = primalResidual
        self.dualResidual = dualResidual
        self.objectiveResidual = objectiveResidual
        self.gap = gap
        self.objectiveGap = objectiveGap
        self.worst = worst
    }

    /// The tolerance every relative residual must meet: 1e-6.
    ///
    /// GLPK's own feasibility tolerances are 1e-7 (`tol_bnd`, `tol_dj`) on the *scaled* program;
    /// unscaling by GLPK's power-of-two factors can grow an absolute residual tenfold, and an
    /// accepted interior point (``InteriorResiduals/acceptanceTolerance``) is feasible to 1e-6 by
    /// its own measures (its gap is held to ``SolverOptions/acceptanceGap``). 1e-6 keeps every correct answer and still refuses errors a million times
    /// smaller than issue 19's 50 %.
    public static let tolerance = 1e-6

    /// Whether every residual is within ``tolerance`` (NaN fails).
    public var passed: Bool { passed(gapTolerance: Self.tolerance) }

    /// Whether the primal, dual and objective residuals are within ``tolerance`` and the gap
    /// within `gapTolerance` (NaN fails): a point accepted within a gap
    /// (``SolverOptions/acceptanceGap``: an interior point stopped short, a departed solution) is
    /// held to that gap, in the term-scaled measure and relative to its objective
    /// (``objectiveGap``); every other optimum to 1e-6 in the term-scaled measure.
    public func passed(gapTolerance: Double) -> Bool {
        let withinGap = gapTolerance > Self.tolerance
            ? gap <= gapTolerance && (objectiveGap ?? .infinity) <= gapTolerance
            : gap <= Self.tolerance
        return primalResidual <= Self.tolerance && dualResidual <= Self.tolerance
            && objectiveResidual <= Self.tolerance && withinGap
    }

    /// The residuals in words.
    public var summary: String {
        func f(_ x: Double) -> String { x.isFinite ? String(format: "%.1e", x) : "\(x)" }
        return "relative residuals: primal \(f(primalResidual)), dual \(f(dualResidual)), objective \(f(objectiveResidual)), gap \(f(gap))"
            + (objectiveGap.map { " (\(f($0)) of the objective)" } ?? "")
            + (passed ? "" : "; worst at \(worst)")
    }
}

extension LinearProgram {
    /// Checks a solution against this program (see ``SolutionCheck``).
    ///
    /// - Parameter checkDuals: whether to check the duals and the gap (off for a point that is
    ///   only claimed to be feasible).
    public func check(_ solution: Solution, checkDuals: Bool = true) -> SolutionCheck {
        let n = variableCount, m = rowCount
        guard solution.values.count == n, solution.reducedCosts.count == n,
              solution.rowActivities.count == m, solution.rowDuals.count == m else {
            return SolutionCheck(primalResidual: .infinity, dualResidual: .infinity, objectiveResidual: .infinity,
                                 gap: .infinity, worst: "the solution's sizes differ from the program's")
        }
        let y = solution.rowDuals
        // Rows are checked at the point moved into its bounds: a variable 3e-12 below 0 is
        // within any tolerance, but with a coefficient of 1e13 it moves its row by 33 (issue 19).
        let x = (0..<n).map { j in min(max(solution.values[j], variableLower[j]), variableUpper[j]) }
        var activity = [Double](repeating: 0, count: m)
        var activityScale = [Double](repeating: 0, count: m)
        var dualTerm = [Double](repeating: 0, count: n)
        var dualScale = [Double](repeating: 0, count: n)
        for k in 0..<entryCount {
            let i = entryRows[k], j = entryVariables[k], a = entryCoefficients[k]
            activity[i] += a * x[j]
            activityScale[i] += abs(a * x[j])
            dualTerm[j] += a * y[i]
            dualScale[j] += abs(a * y[i])
        }

        var worst = (value: 0.0, place: "")
        func note(_ value: Double, _ place: @autoclosure () -> String) {
            if !(value <= worst.value) { worst = (value.isNaN ? .infinity : value, place()) }
        }
        // Primal: rows and variable bounds.
        var primal = 0.0
        for i in 0..<m {
            let violation = max(0, rowLower[i] - activity[i], activity[i] - rowUpper[i])
            let scale = 1 + max(activityScale[i], Self.finiteMagnitude(rowLower[i], rowUpper[i]))
            let relative = activity[i].isFinite ? violation / scale : .infinity
            primal = Self.larger(primal, relative)
            note(relative, "row '\(rowNames[i])' (activity \(activity[i]), bounds [\(rowLower[i]), \(rowUpper[i])])")
        }
        for j in 0..<n {
            let value = solution.values[j]
            let violation = max(0, variableLower[j] - value, value - variableUpper[j])
            let relative = value.isFinite ? violation / (1 + max(abs(value), Self.finiteMagnitude(variableLower[j], variableUpper[j]))) : .infinity
            primal = Self.larger(primal, relative)
            note(relative, "variable '\(variableNames[j])' (value \(value), bounds [\(variableLower[j]), \(variableUpper[j])])")
        }

        // The objective as reported against the objective recomputed.
        var objectiveValue = objectiveConstant, objectiveScale = abs(objectiveConstant)
        for j in 0..<n where objective[j] != 0 {
            objectiveValue += objective[j] * x[j]
            objectiveScale += abs(objective[j] * x[j])
        }
        let objectiveResidual = solution.objective.isFinite
            ? abs(solution.objective - objectiveValue) / (1 + max(abs(objectiveValue), objectiveScale)) : .infinity
        note(objectiveResidual, "the objective (reported \(solution.objective), recomputed \(objectiveValue))")

        guard checkDuals else {
            return SolutionCheck(primalResidual: primal, dualResidual: 0, objectiveResidual: objectiveResidual, gap: 0, worst: worst.place)
        }
        // Dual: signs of row duals and recomputed reduced costs, and the dual objective. In a
        // minimisation a positive dual is paid for by a lower bound, a negative one by an upper
        // bound; a maximisation is the minimisation of −c, so the signs flip.
        let sign: Double = sense == .minimize ? 1 : -1
        var dual = 0.0
        var dualObjective = objectiveConstant, dualObjectiveScale = abs(objectiveConstant)
        func account(_ value: Double, lower: Double, upper: Double, scale: Double, place: @autoclosure () -> String) {
            let signed = sign * value
            let bound = signed > 0 ? lower : upper
            if signed != 0 && bound.isInfinite {
                let relative = abs(value) / (1 + scale)
                dual = Self.larger(dual, relative)
                note(relative, place())
            } else if signed != 0 {
                dualObjective += value * bound
                dualObjectiveScale += abs(value * bound)
            }
        }
        // A row dual is a price per unit of the row: measured against the largest cost.
        let costScale = objective.reduce(0) { max($0, abs($1)) }
        for i in 0..<m {
            account(y[i], lower: rowLower[i], upper: rowUpper[i], scale: costScale,
                    place: "the dual of row '\(rowNames[i])' (\(y[i]), bounds [\(rowLower[i]), \(rowUpper[i])])")
        }
        for j in 0..<n {
            let d = objective[j] - dualTerm[j]
            account(d, lower: variableLower[j], upper: variableUpper[j], scale: max(abs(objective[j]), dualScale[j]),
                    place: "the reduced cost of '\(variableNames[j])' (\(d), bounds [\(variableLower[j]), \(variableUpper[j])])")
        }
        let gap = abs(objectiveValue - dualObjective) / (1 + max(abs(objectiveValue), objectiveScale, dualObjectiveScale))
        note(gap, "the duality gap (primal objective \(objectiveValue), dual objective \(dualObjective))")
        return SolutionCheck(primalResidual: primal, dualResidual: dual, objectiveResidual: objectiveResidual, gap: gap,
                             objectiveGap: abs(objectiveValue - dualObjective) / (1 + abs(objectiveValue)), worst: worst.place)
    }

    /// The larger finite magnitude of two bounds (0 when both are infinite).
    private static func finiteMagnitude(_ lower: Double, _ upper: Double) -> Double {
        max(lower.isFinite ? abs(lower) : 0, upper.isFinite ? abs(upper) : 0)
    }

    /// The larger of two residuals, NaN counting as infinite.
    private static func larger(_ a: Double, _ b: Double) -> Double {
        b.isNaN ? .infinity : max(a, b)
    }
}
