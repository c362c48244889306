import Foundation

/// How a scheduled run ended other than with a report: every way is a value, recorded in the
/// log (and, once the run started, the archive) before it is returned.
public enum ScheduledRunError: Error, Sendable, CustomStringConvertible {
    /// Another run holds the lock; nothing was run (`refused` in the log).
    case lockHeld(RunLockError)
    /// A stage failed: its name, the exit code, and what went wrong (as the log and archive say).
    case failed(stage: String, exitCode: Int32, message: String, runID: String, log: URL)
    /// SIGTERM or SIGINT stopped the run during `stage`; no report was written.
    case terminated(signal: Int32, stage: String, runID: String)

    /// The exit code (docs/SCHEDULING.md): 75 lock held by another run, 73 a lock file that
    /// cannot be created (e.g. `reports:` is a file), a stage's own code, 143 terminated.
    public var exitCode: Int32 {
        switch self {
        case .lockHeld(.held): 75
        case .lockHeld(.cannotOpen): 73
        case .failed(_, let code, _, _, _): code
        case .terminated: 143
        }
    }

    /// The message of a termination, as logged.
    static func terminationMessage(signal: Int32, stage: String) -> String {
        let name = signal == SIGTERM ? "SIGTERM" : "SIGINT"
        return "\(name) received during stage \(stage); the run was stopped and no report was written"
    }

    /// What a front end prints on standard error.
    public var description: String {
        switch self {
        case .lockHeld(let error):
            return "error: \(error)"
        case .failed(let stage, let code, let message, let runID, let log):
            let line = "scheduled run \(runID) failed in stage \(stage) (exit \(code)); the previous report is untouched; see \(log.path)"
            return message.isEmpty ? line : message + "\n" + line
        case .terminated(let signal, let stage, let runID):
            return "scheduled run \(runID): \(Self.terminationMessage(signal: signal, stage: stage))"
        }
    }
}
