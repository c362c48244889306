internal import CGLPK
import Foundation

/// A crossover from a point GLPK's interior point stopped short at to an optimal basis, built from
/// GLPK's API (GLPK 5.0 has none of its own): the "bound-fixing" crossover.
///
/// 1. Every column, and every inequality row, whose value lies within a tolerance of one of its
///    bounds is fixed at that bound.
/// 2. The restricted program is solved by the dual simplex with presolve. It is small (the
///    presolver removes what is fixed) and its optimum is near the interior point; postsolve gives a
///    basis of the whole program, with the fixed columns and rows non-basic.
/// 3. The original bounds come back, each fixed column and row non-basic at the bound it was fixed
///    at, so the basis stays primal feasible; the primal simplex without presolve then finishes from
///    it, usually in few iterations (it releases what was fixed but should not have been).
///
/// If the restricted program is infeasible (fixed too much: the point was not feasible enough),
/// the next, tighter attempt runs; when every attempt fails, the caller falls back to a cold simplex.
enum GLPKCrossover {
    /// One attempt's rule for "at a bound".
    struct Attempt: Equatable {
        /// A value within `tolerance · (1 + |bound|)` of a bound may be fixed there.
        var tolerance: Double
        /// Also require the interior point's reduced cost to confirm the bound: the distance to the
        /// bound is smaller than the reduced cost of the right sign (for a minimisation, `x − l < d`
        /// at a lower bound, `u − x < −d` at an upper one). An interior point keeps every value
        /// strictly inside its bounds, at a distance near `μ / |d|`, so at a gap of 1e-4 the
        /// distances of the non-basic columns are 1e-5 to 1e-4: a fixed small tolerance misses them,
        /// a loose one alone would also fix basic columns that happen to be small.
        var confirmByReducedCost: Bool
        /// Whether inequality rows are fixed too (made equalities at the bound they sit at).
        var fixRows: Bool
    }

    /// The attempts, loosest first: guided by the reduced costs with rows; a tight tolerance with
    /// rows; a very tight one on columns alone.
    static let attempts: [Attempt] = [
        Attempt(tolerance: 1e-3, confirmByReducedCost: true, fixRows: true),
        Attempt(tolerance: 1e-6, confirmByReducedCost: false, fixRows: true),
        Attempt(tolerance: 1e-9, confirmByReducedCost: false, fixRows: false),
    ]

    /// The counts of one attempt, for its ``SolveStep``.
    struct Counts {
        var fixedColumns: Int
        var columns: Int
        var fixedRows: Int
        var rows: Int
        var tolerance: Double
    }

    /// What one attempt fixed: original GLPK bounds of each fixed column and row, and whether it was
    /// fixed at its upper bound.
    struct Fixing {
        var columns: [(index: Int, bounds: (type: Int32, lower: Double, upper: Double), atUpper: Bool)] = []
        var rows: [(index: Int, bounds: (type: Int32, lower: Double, upper: Double), atUpper: Bool)] = []
    }

    /// Which bound, if any, a value sits at under `attempt`. `reducedCost` is signed so that a
    /// positive value confirms the lower bound (the problem's sense already applied).
    static func bound(value x: Double, reducedCost d: Double, bounds: (type: Int32, lower: Double, upper: Double),
                      attempt: Attempt) -> (atUpper: Bool, value: Double)? {
        let (type, l, u) = bounds
        guard type != GLP_FX && type != GLP_FR, x.isFinite else { return nil }
        let hasLower = type == GLP_LO || type == GLP_DB
        let hasUpper = type == GLP_UP || type == GLP_DB
        let toLower = x - l, toUpper = u - x
        let atLower = hasLower && toLower <= attempt.tolerance * (1 + abs(l)) && (!attempt.confirmByReducedCost || toLower < d)
        let atUpper = hasUpper && toUpper <= attempt.tolerance * (1 + abs(u)) && (!attempt.confirmByReducedCost || toUpper < -d)
        switch (atLower, atUpper) {
        case (true, true): return toLower <= toUpper ? (false, l) : (true, u)
        case (true, false): return (false, l)
        case (false, true): return (true, u)
        case (false, false): return nil
        }
    }
}

extension GLPKProblem {
    /// Fixes columns (and rows) of the interior point `point` at their bounds under `attempt`.
    func fixAtBounds(_ point: Solution, _ attempt: GLPKCrossover.Attempt) -> GLPKCrossover.Fixing {
        var fixing = GLPKCrossover.Fixing()
        let sense: Double = isMaximization ? -1 : 1
        for j in point.values.indices {
            let bounds = columnBoundsRaw(j)
            guard let at = GLPKCrossover.bound(value: point.values[j], reducedCost: sense * point.reducedCosts[j],
                                               bounds: bounds, attempt: attempt) else { continue }
            fixing.columns.append((j, bounds, at.atUpper))
            setColumnBoundsRaw(j, (GLP_FX, at.value, at.value))
        }
        guard attempt.fixRows else { return fixing }
        for i in point.rowActivities.indices {
            let bounds = rowBoundsRaw(i)
            // A row's dual is the reduced cost of its auxiliary variable, with GLPK's sign.
            guard let at = GLPKCrossover.bound(value: point.rowActivities[i], reducedCost: sense * point.rowDuals[i],
                                               bounds: bounds, attempt: attempt) else { continue }
            fixing.rows.append((i, bounds, at.atUpper))
            setRowBoundsRaw(i, (GLP_FX, at.value, at.value))
        }
        return fixing
    }

    /// Gives back the original bounds; a fixed column or row left non-basic becomes non-basic at
    /// the bound it was fixed at (`glp_set_col_bnds` alone would put a double-bounded one at its lower).
    func restoreBounds(_ fixing: GLPKCrossover.Fixing) {
        for (j, bounds, atUpper) in fixing.columns {
            setColumnBoundsRaw(j, bounds)
            if atUpper && !columnIsBasic(j) { setColumnAtUpperBound(j) }
        }
        for (i, bounds, atUpper) in fixing.rows {
            setRowBoundsRaw(i, bounds)
            if atUpper && !rowIsBasic(i) { setRowAtUpperBound(i) }
        }
    }
}
