import Archive
import ArgumentParser
import Foundation
import Reporting
import Scheduling

/// The state of one `bijli scheduled` run: its log, its archive, the stage it is in, and what
/// happens on SIGTERM/SIGINT. Every way a run ends goes through ``finish(_:)`` or ``fail(stage:code:message:)``
/// exactly once, so the log and the archive always say how it ended.
final class ScheduledSession: @unchecked Sendable {
    let config: ScheduleConfig
    let runID: String
    let startedAt: Date
    let runDate: String
    let log: RunLog
    let progress: Progress
    private let state = NSLock()
    private var stage = "lock"
    private var writing = false
    private var deferredSignal: Int32?
    private var ended = false
    var archive: RunArchive?
    var model: String
    var tariffFile: String?
    private var signalSources: [any DispatchSourceSignal] = []

    /// Exit codes of `bijli scheduled` beyond those of `bijli run` (docs/CLI.md).
    static let archiveFailed: Int32 = 74
    static let lockHeld: Int32 = 75
    static let terminated: Int32 = 143

    init(config: ScheduleConfig, runID: String, startedAt: Date, runDate: String, quiet: Bool) {
        self.config = config
        self.runID = runID
        self.startedAt = startedAt
        self.runDate = runDate
        log = RunLog(url: config.log)
        progress = Progress(quiet: quiet)
        model = config.model.lastPathComponent
    }

    static func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    var seconds: Double { Date().timeIntervalSince(startedAt) }

    /// Appends a log line; a log that cannot be written is said on standard error, never fatal.
    func event(_ event: String, stage: String? = nil, message: String? = nil, exitCode: Int32? = nil, report: String? = nil) {
        let line = RunLog.Event(time: Self.iso(Date()), runID: runID, event: event, stage: stage, message: message,
                                exitCode: exitCode.map(Int.init), report: report, seconds: (seconds * 1000).rounded() / 1000)
        if !log.append(line) { printError("warning: cannot append to the log \(config.log.path)") }
    }

    // MARK: stages

    /// Runs one stage: logs its start, and turns any failure into a recorded failed run.
    func stage<T>(_ name: String, _ body: () throws -> T) throws -> T {
        state.lock()
        stage = name
        state.unlock()
        event("stage", stage: name)
        progress.say("stage \(name)")
        holdIfAsked(name)
        _ = ErrorCapture.shared.take()
        do {
            return try body()
        } catch let code as ExitCode {
            throw fail(stage: name, code: code.rawValue, message: ErrorCapture.shared.take())
        } catch {
            printError("error: \(error)")
            throw fail(stage: name, code: ExitCode.badInput.rawValue, message: ErrorCapture.shared.take())
        }
    }

    /// Runs the stage that writes the report and the archive: a signal arriving meanwhile is
    /// deferred until both are done, so a report is never left half-moved into place.
    func writingStage<T>(_ name: String, _ body: () throws -> T) throws -> T {
        state.lock()
        writing = true
        state.unlock()
        defer {
            state.lock()
            writing = false
            state.unlock()
        }
        return try stage(name, body)
    }

    /// Records a failed run (log and archive) and returns the exit code to throw.
    func fail(stage: String, code: Int32, message: String) -> ExitCode {
        state.lock()
        defer { state.unlock() }
        guard !ended else { return ExitCode(code) }
        ended = true
        let text = message.isEmpty ? "stage \(stage) failed (exit \(code))" : message
        event("failed", stage: stage, message: text, exitCode: code)
        recordFailure(stage: stage, code: code, message: text)
        printError("scheduled run \(runID) failed in stage \(stage) (exit \(code)); the previous report is untouched; see \(config.log.path)")
        return ExitCode(code)
    }

    private func recordFailure(stage: String, code: Int32, message: String) {
        let entry = ArchiveEntry(run: ArchiveRun(
            runID: runID, model: model, startedAt: Self.iso(startedAt), finishedAt: Self.iso(Date()), runDate: runDate,
            status: ArchiveRun.failed, failedStage: stage, message: message, exitCode: Int(code), tariffFile: tariffFile,
            bijliVersion: Bijli.version))
        guard let archive = archive ?? (try? RunArchive(path: config.archive.path)) else {
            printError("warning: the failure could not be recorded in the archive \(config.archive.path); it is in the log")
            return
        }
        switch Result(catching: { () throws(ArchiveError) in try archive.record(entry) }) {
        case .success: break
        case .failure(let error): printError("warning: \(error)")
        }
    }

    /// Records success in the log (the archive entry is written by the caller).
    func finish(report: String) {
        state.lock()
        ended = true
        let pending = deferredSignal
        state.unlock()
        event("succeeded", message: pending.map { "signal \($0) arrived while the report was written; the run was completed first" },
              exitCode: 0, report: report)
        if let pending {
            printError("received signal \(pending) while writing; the run was completed first")
            exit(Self.terminated)
        }
    }

    // MARK: signals

    /// SIGTERM and SIGINT end the run as `terminated` (exit 143), except while the report is
    /// being written, when they wait for it to finish.
    func installSignalHandlers() {
        for number in [SIGTERM, SIGINT] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: DispatchQueue.global())
            source.setEventHandler { [self] in terminate(number) }
            source.resume()
            signalSources.append(source)
        }
    }

    private func terminate(_ number: Int32) {
        state.lock()
        if writing || ended {
            deferredSignal = number
            state.unlock()
            return
        }
        ended = true
        let name = number == SIGTERM ? "SIGTERM" : "SIGINT"
        let message = "\(name) received during stage \(stage); the run was stopped and no report was written"
        event("terminated", stage: stage, message: message, exitCode: Self.terminated)
        recordFailure(stage: "terminated", code: Self.terminated, message: message)
        printError("scheduled run \(runID): \(message)")
        // The lock stays held (state is never unlocked): the main thread cannot start writing.
        // _exit, not exit: solver threads of a sweep may still run, and nothing is left to flush
        // (the log line is synced, the archive committed; the kernel drops the run lock).
        _exit(Self.terminated)
    }

    /// Test hook (docs/SCHEDULING.md): with BIJLI_SCHEDULED_HOLD=<stage>, the run logs `holding`
    /// and sleeps up to 60 s at that stage, so tests can signal it or race a second run.
    func holdIfAsked(_ name: String) {
        guard ProcessInfo.processInfo.environment["BIJLI_SCHEDULED_HOLD"] == name else { return }
        event("holding", stage: name)
        for _ in 0..<600 {
            state.lock()
            let signalled = deferredSignal != nil
            state.unlock()
            if signalled { return }
            usleep(100_000)
        }
    }
}
