import ArgumentParser
import Foundation
import LinearProgramming
import Workflows

/// Bijli's exit codes (documented in docs/CLI.md; the values live in ``ExitStatus``).
extension ExitCode {
    /// The program was solved to optimality.
    static let optimal = ExitCode(ExitStatus.optimal)
    /// The solver failed for a numerical or internal reason.
    static let solverError = ExitCode(ExitStatus.solverError)
    /// Bad input: a missing, unreadable or malformed file, or an invalid program or option.
    static let badInput = ExitCode(ExitStatus.badInput)
    /// A check asked for (`bijli backcast --check`) found a target missed.
    static let targetMissed = ExitCode(ExitStatus.targetMissed)
    /// An output file or folder could not be written (nothing partial is left).
    static let cannotWrite = ExitCode(ExitStatus.cannotWrite)

    /// The exit code of a solve's status.
    init(_ status: SolveStatus) {
        self.init(ExitStatus.of(status))
    }
}

/// Runs `body`; a ``LinearProgrammingError`` is printed to standard error and becomes its exit code.
func exitOnError<T>(_ body: () throws(LinearProgrammingError) -> T) throws(ExitCode) -> T {
    do {
        return try body()
    } catch {
        printError("error: \(error)")
        throw ExitCode(ExitStatus.of(error))
    }
}

/// Prints a message to standard error.
func printError(_ message: String) {
    var standardError = StandardError()
    print(message, to: &standardError)
}

/// Standard error as a `TextOutputStream`.
struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandle.standardError.write(Data(string.utf8))
    }
}
