internal import CGLPK

/// The total mapping from GLPK's return codes and solution statuses to ``SolveStatus``.
///
/// Every code `glp_simplex` and `glp_interior` can return is named; anything else maps to
/// ``SolverFailure/unexpectedReturnCode(_:)`` rather than being guessed at.
enum GLPKStatusMapping {
    /// The status of a `glp_simplex` call from its return code, `glp_get_status` and `glp_get_dual_stat`.
    static func simplex(returnCode: Int32, status: Int32, dualStatus: Int32) -> SolveStatus {
        switch returnCode {
        case 0:
            switch status {
            case GLP_OPT: return .optimal
            case GLP_NOFEAS: return .infeasible
            case GLP_UNBND: return .unbounded
            case GLP_FEAS where dualStatus == GLP_NOFEAS: return .unbounded
            default:
                // After a successful return glp_get_status is OPT, NOFEAS or UNBND; anything
                // else means the solver left no usable solution.
                return .solverError(.undefinedSolution(statusCode: Int(status)))
            }
        case GLP_EBADB: return .solverError(.invalidBasis)
        case GLP_ESING: return .solverError(.singularBasis)
        case GLP_ECOND: return .solverError(.illConditionedBasis)
        case GLP_EBOUND: return .solverError(.invalidBounds)
        case GLP_EFAIL: return .solverError(.failed)
        case GLP_EOBJLL, GLP_EOBJUL: return .limitReached(.objective)
        case GLP_EITLIM: return .limitReached(.iteration)
        case GLP_ETMLIM: return .limitReached(.time)
        case GLP_ENOPFS: return .infeasible
        case GLP_ENODFS: return .infeasibleOrUnbounded
        default: return .solverError(.unexpectedReturnCode(Int(returnCode)))
        }
    }

    /// The status of a `glp_interior` call from its return code and `glp_ipt_status`.
    ///
    /// The interior-point method cannot tell an infeasible from an unbounded program: both come
    /// back as "no feasible solution", mapped to ``SolveStatus/infeasibleOrUnbounded``.
    /// Whether an interior-point status means it stopped short of its own optimality test, with
    /// a best point kept (instability, no convergence, the iteration limit).
    static func stoppedShort(_ status: SolveStatus) -> Bool {
        status == .solverError(.numericalInstability) || status == .solverError(.noConvergence) || status == .limitReached(.iteration)
    }

    static func interior(returnCode: Int32, status: Int32) -> SolveStatus {
        switch returnCode {
        case 0:
            switch status {
            case GLP_OPT: return .optimal
            case GLP_NOFEAS: return .infeasibleOrUnbounded
            default: return .solverError(.undefinedSolution(statusCode: Int(status)))
            }
        case GLP_EFAIL: return .solverError(.failed)
        case GLP_ENOCVG: return .solverError(.noConvergence)
        case GLP_EITLIM: return .limitReached(.iteration)
        case GLP_EINSTAB: return .solverError(.numericalInstability)
        case GLP_ENOFEAS: return .infeasibleOrUnbounded
        default: return .solverError(.unexpectedReturnCode(Int(returnCode)))
        }
    }

    /// Whether a simplex result carries a usable primal point (optimal, or feasible at a limit).
    static func simplexHasSolution(_ status: SolveStatus, primalStatus: Int32) -> Bool {
        switch status {
        case .optimal: true
        case .limitReached: primalStatus == GLP_FEAS || primalStatus == GLP_OPT
        default: false
        }
    }

    /// Whether a status is worth classifying again with a simplex solve without presolve.
    static func needsClassification(_ status: SolveStatus, method: SolverMethod) -> Bool {
        switch status {
        case .infeasibleOrUnbounded: true
        case .solverError: method == .interiorPoint
        default: false
        }
    }
}
