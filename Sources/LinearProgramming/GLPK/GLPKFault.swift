import Foundation

/// GLPK stopped on a fatal error inside a guarded call (`CGLPKGuard`): one of its own assertions,
/// "no memory", or its memory limit (``SolverOptions/memoryLimitMegabytes``). GLPK would have
/// ended the process; the guard jumped back instead and freed the thread's GLPK environment, so
/// every ``GLPKProblem`` of the thread is gone (``GLPKProblem/isAlive``). GLPK printed its message
/// to the captured log before the jump: ``status(log:)`` reads it.
struct GLPKFault: Error {
    /// The status a fault means, from GLPK's message in the log: its memory limit or a failed
    /// allocation is `.limitReached(.memory)`; anything else (an assertion) `.solverError(.internalError)`.
    static func status(log: some StringProtocol) -> SolveStatus {
        let message = self.message(log: log)
        if message.contains("memory allocation limit exceeded") || message.contains("no memory available") {
            return .limitReached(.memory)
        }
        return .solverError(.internalError(message))
    }

    /// GLPK's last lines before the jump: the error (e.g. `Assertion failed: ...`) and
    /// `Error detected in file F at line N`, joined; or a fixed text when the log has none.
    static func message(log: some StringProtocol) -> String {
        let lines = log.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard let detected = lines.lastIndex(where: { $0.hasPrefix("Error detected in file") }) else {
            return "GLPK stopped on a fatal error"
        }
        let first = detected > 0 ? lines[detected - 1] + " (" + lines[detected] + ")" : lines[detected]
        return first
    }
}
