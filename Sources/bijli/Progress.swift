import ArgumentParser
import Foundation
import Scenarios
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
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }
}
