import ArgumentParser
import LinearProgramming

/// Bijli's exit codes (documented in docs/CLI.md).
extension ExitCode {
    /// The program was solved to optimality.
    static let optimal = ExitCode(0)
    /// The solver failed for a numerical or internal reason.
    static let solverError = ExitCode(1)
    /// Bad input: a missing, unreadable or malformed file, or an invalid program or option.
    static let badInput = ExitCode(2)
    /// The program is infeasible.
    static let infeasible = ExitCode(3)
    /// The program is unbounded.
    static let unbounded = ExitCode(4)
    /// A time or iteration limit stopped the solver.
    static let limitReached = ExitCode(5)
    /// Dual infeasible, primal status not determined.
    static let infeasibleOrUnbounded = ExitCode(6)
    /// A check asked for (`bijli backcast --check`) found a target missed.
    static let targetMissed = ExitCode(7)
    /// An output file or folder could not be written (nothing partial is left).
    static let cannotWrite = ExitCode(73)

    /// The exit code of a solve's status.
    init(_ status: SolveStatus) {
        switch status {
        case .optimal: self = .optimal
        case .infeasible: self = .infeasible
        case .unbounded: self = .unbounded
        case .infeasibleOrUnbounded: self = .infeasibleOrUnbounded
        case .limitReached: self = .limitReached
        case .solverError: self = .solverError
        }
    }

    /// The exit code of an input or output error.
    init(_ error: LinearProgrammingError) {
        if case .writeFailed = error { self = .cannotWrite } else { self = .badInput }
    }
}

/// Runs `body`; a ``LinearProgrammingError`` is printed to standard error and becomes its exit code.
func exitOnError<T>(_ body: () throws(LinearProgrammingError) -> T) throws(ExitCode) -> T {
    do {
        return try body()
    } catch {
        printError("error: \(error)")
        throw ExitCode(error)
    }
}

/// Prints a message to standard error (and keeps it for `bijli scheduled`'s log and archive).
func printError(_ message: String) {
    ErrorCapture.shared.append(message)
    var standardError = StandardError()
    print(message, to: &standardError)
}

/// The error messages printed so far, so an unattended run can record why a stage failed.
final class ErrorCapture: @unchecked Sendable {
    static let shared = ErrorCapture()
    private let lock = NSLock()
    private var lines: [String] = []

    func append(_ line: String) {
        lock.lock()
        lines.append(line)
        lock.unlock()
    }

    /// The messages since the last call, joined by newlines; clears them.
    func take() -> String {
        lock.lock()
        defer { lock.unlock() }
        let text = lines.joined(separator: "\n")
        lines = []
        return text
    }
}

/// Standard error as a `TextOutputStream`.
struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandle.standardError.write(Data(string.utf8))
    }
}

import Foundation
