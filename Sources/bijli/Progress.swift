import ArgumentParser
import Foundation
import LinearProgramming
import Scenarios
import Synchronization
import Workflows

/// How progress goes to standard error: lines for people, or JSON lines for programs.
enum ProgressFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// Progress on standard error with the elapsed time, unless quiet; warnings always.
///
/// As text: `[  12.34s] message`. As JSON (`--progress json`), one object per line:
/// `{"elapsed":12.34,"event":"stage","message":"..."}`, with `event` one of `stage`, `sweep`
/// (plus `id`, `finished`, `total`, `eta_seconds`) and `warning` (docs/CLI.md).
struct Progress: WorkflowProgress {
    let quiet: Bool
    var format: ProgressFormat = .text
    let start = ContinuousClock.now
    /// When the last solver line was printed (seconds since `start`), for text output.
    private let lastSolverLine = SolverLineClock()

    /// Seconds a solve runs before its iterations are shown, and between two shown iterations.
    static let solverInterval = 2.0

    /// What the solver is doing. As text: each step after the first (a crossover, a simplex after
    /// a failure) when it starts and ends, and once a solve has run 2 s, an iteration line at most
    /// every 2 s. As JSON: every event (`"event": "solver"`, the ``SolverProgress`` fields).
    func solver(_ event: SolverProgress) {
        guard !quiet else { return }
        switch format {
        case .json:
            var fields: [String: Any] = ["event": "solver", "solver_event": event.event.rawValue, "stage": event.stage.rawValue,
                                         "method": event.method.rawValue, "solve_seconds": (event.elapsedSeconds * 100).rounded() / 100]
            if let v = event.phase { fields["phase"] = v }
            if let v = event.iteration { fields["iteration"] = v }
            for (key, value) in [("objective", event.objective), ("primal_infeasibility", event.primalInfeasibility),
                                 ("dual_infeasibility", event.dualInfeasibility), ("gap", event.gap)] {
                if let value, value.isFinite { fields[key] = value }
            }
            if let v = event.message { fields["message"] = v }
            emit(fields)
        case .text:
            switch event.event {
            case .started where event.stage != .simplex && event.stage != .interiorPoint:
                say("  \(event.stage.rawValue.replacingOccurrences(of: "_", with: " ")): \(event.message ?? "started")")
            case .finished where event.stage != .simplex && event.stage != .interiorPoint:
                say("  \(event.message ?? "\(event.stage.rawValue) finished")")
            case .iteration where event.elapsedSeconds >= Self.solverInterval:
                guard lastSolverLine.claim(now: seconds, interval: Self.solverInterval) else { return }
                var words = ["  \(Self.name(of: event)): iteration \(event.iteration.map(String.init) ?? "?")"]
                if let v = event.objective { words.append(String(format: "objective %.6g", v)) }
                if let v = event.gap { words.append(String(format: "gap %.1e", v)) }
                if let v = event.primalInfeasibility { words.append(String(format: event.method == .interiorPoint ? "rpi %.1e" : "infeasibility %.1e", v)) }
                if let v = event.dualInfeasibility { words.append(String(format: "rdi %.1e", v)) }
                words.append(String(format: "%.0f s in the solver", event.elapsedSeconds))
                say(words.joined(separator: ", "))
            default:
                return
            }
        }
    }

    /// `interior point`, `dual simplex, phase 2` ...
    private static func name(of event: SolverProgress) -> String {
        switch event.method {
        case .interiorPoint: "interior point"
        case .dualSimplex, .primalSimplex:
            "\(event.method == .dualSimplex ? "dual" : "primal") simplex" + (event.phase.map { ", phase \($0)" } ?? "")
        }
    }

    /// One line per finished case of a sweep: a bar, the count, the case and the ETA.
    func sweep(_ step: StressTest.SweepProgress) {
        let remaining = seconds / Double(step.finished) * Double(step.total - step.finished)
        switch format {
        case .text:
            let width = 20, filled = width * step.finished / max(1, step.total)
            let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
            say("[\(bar)] \(step.finished)/\(step.total) \(step.id) solved, ETA \(Int(remaining.rounded())) s")
        case .json:
            guard !quiet else { return }
            emit(["event": "sweep", "id": step.id, "finished": step.finished, "total": step.total,
                  "eta_seconds": (remaining * 100).rounded() / 100])
        }
    }

    func say(_ message: String) {
        guard !quiet else { return }
        switch format {
        case .text:
            var standardError = StandardError()
            print(String(format: "[%7.2fs] ", seconds) + message, to: &standardError)
        case .json:
            emit(["event": "stage", "message": message.trimmingCharacters(in: .whitespaces)])
        }
    }

    func warn(_ message: String) {
        switch format {
        case .text: printError(message)
        case .json: emit(["event": "warning", "message": message])
        }
    }

    /// One JSON object on one line, with the elapsed seconds.
    private func emit(_ fields: [String: Any]) {
        var object = fields
        object["elapsed"] = (seconds * 100).rounded() / 100
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else { return }
        var standardError = StandardError()
        print(String(decoding: data, as: UTF8.self), to: &standardError)
    }

    private var seconds: Double {
        (ContinuousClock.now - start).seconds
    }
}

/// The time of the last solver line, shared by copies of a ``Progress`` across threads.
final class SolverLineClock: Sendable {
    private let last = Mutex<Double>(-.infinity)

    /// Whether a line may be printed at `now` (and records it), at most one per `interval`.
    func claim(now: Double, interval: Double) -> Bool {
        last.withLock { last in
            guard now - last >= interval else { return false }
            last = now
            return true
        }
    }
}

