import LinearProgramming

/// Bijli's exit codes (docs/CLI.md, docs/SCHEDULING.md): what a run's failure or solve status
/// means for a shell or cron. The CLI exits with them; `bijli scheduled` also records them in
/// its log and archive.
public enum ExitStatus {
    /// The program was solved to optimality.
    public static let optimal: Int32 = 0
    /// The solver failed for a numerical or internal reason.
    public static let solverError: Int32 = 1
    /// Bad input: a missing, unreadable or malformed file, or an invalid program or option.
    public static let badInput: Int32 = 2
    /// The program is infeasible.
    public static let infeasible: Int32 = 3
    /// The program is unbounded.
    public static let unbounded: Int32 = 4
    /// A time or iteration limit stopped the solver.
    public static let limitReached: Int32 = 5
    /// Dual infeasible, primal status not determined.
    public static let infeasibleOrUnbounded: Int32 = 6
    /// A check asked for (`bijli backcast --check`) found a target missed.
    public static let targetMissed: Int32 = 7
    /// The solver said "optimal", but the solution failed Bijli's check against the program and
    /// solving again another way did not give one that passes (docs/LINEAR-PROGRAMMING.md).
    public static let numericallyUnreliable: Int32 = 8
    /// An output file or folder could not be written (nothing partial is left).
    public static let cannotWrite: Int32 = 73
    /// The run archive cannot be written (`bijli scheduled`).
    public static let archiveFailed: Int32 = 74
    /// Another scheduled run holds the lock (`bijli scheduled`).
    public static let lockHeld: Int32 = 75
    /// Stopped by SIGTERM or SIGINT (`bijli scheduled`).
    public static let terminated: Int32 = 143

    /// The exit code of a solve's status.
    public static func of(_ status: SolveStatus) -> Int32 {
        switch status {
        case .optimal: optimal
        case .infeasible: infeasible
        case .unbounded: unbounded
        case .infeasibleOrUnbounded: infeasibleOrUnbounded
        case .limitReached: limitReached
        case .solverError: solverError
        case .numericallyUnreliable: numericallyUnreliable
        }
    }

    /// The exit code of a linear-programming input or output error.
    public static func of(_ error: LinearProgrammingError) -> Int32 {
        if case .writeFailed = error { return cannotWrite }
        return badInput
    }
}
