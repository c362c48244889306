import Archive
import Foundation
import Synchronization
import Workflows

/// The state of one scheduled run: its log, its archive, the stage it is in, and what a
/// termination signal does. Every way a run ends goes through ``finish(report:)``,
/// ``fail(stage:code:message:)`` or ``terminate(_:)`` exactly once, so the log and the archive
/// always say how it ended. The mutable state lives behind a `Mutex`.
final class ScheduledSession: Sendable {
    let config: ScheduleConfig
    let runID: String
    let startedAt: Date
    let runDate: String
    let log: RunLog
    let environment: ScheduledRunEnvironment

    struct State {
        var stage = "lock"
        var writing = false
        var deferredSignal: Int32?
        var terminatedBy: Int32?
        var ended = false
        var archive: RunArchive?
        var model: String
        var tariffFile: String?
    }

    private let state: Mutex<State>

    init(config: ScheduleConfig, runID: String, startedAt: Date, runDate: String, environment: ScheduledRunEnvironment) {
        self.config = config
        self.runID = runID
        self.startedAt = startedAt
        self.runDate = runDate
        self.environment = environment
        log = environment.log ?? RunLog(url: config.log)
        state = Mutex(State(model: config.model.lastPathComponent))
    }

    var progress: any WorkflowProgress { environment.progress }

    /// An ISO 8601 UTC time, e.g. `2026-11-29T14:45:12Z`.
    static func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    var seconds: Double { environment.now().timeIntervalSince(startedAt) }

    /// Appends a log line; a log that cannot be written is a warning, never fatal.
    func event(_ event: String, stage: String? = nil, message: String? = nil, exitCode: Int32? = nil, report: String? = nil) {
        let line = RunLog.Event(time: Self.iso(environment.now()), runID: runID, event: event, stage: stage, message: message,
                                exitCode: exitCode.map(Int.init), report: report, seconds: (seconds * 1000).rounded() / 1000)
        if !log.append(line) { progress.warn("warning: cannot append to the log \(log.url.path)") }
    }

    /// Remembers the open archive (a failure is recorded there).
    func use(_ archive: RunArchive) { state.withLock { $0.archive = archive } }

    /// Remembers the case's name and applied tariff file for the archive entry of a failure.
    func describe(model: String, tariffFile: String?) {
        state.withLock {
            $0.model = model
            $0.tariffFile = tariffFile
        }
    }

    /// The applied tariff file, if any.
    var tariffFile: String? { state.withLock { $0.tariffFile } }

    // MARK: stages

    /// Runs one stage: logs its start, and turns a failure into a recorded failed run.
    func stage<T>(_ name: String, _ body: () throws(StageFailure) -> T) throws(ScheduledRunError) -> T {
        try enter(name, writing: false)
        return try perform(name, body)
    }

    /// Runs the stage that writes the report and the archive: a signal arriving meanwhile is
    /// deferred until both are done, so a report is never left half-moved into place.
    func writingStage<T>(_ name: String, _ body: () throws(StageFailure) -> T) throws(ScheduledRunError) -> T {
        try enter(name, writing: true)
        defer { state.withLock { $0.writing = false } }
        return try perform(name, body)
    }

    private func enter(_ name: String, writing: Bool) throws(ScheduledRunError) {
        let terminated = state.withLock { state -> ScheduledRunError? in
            if let signal = state.terminatedBy { return .terminated(signal: signal, stage: state.stage, runID: runID) }
            state.stage = name
            if writing { state.writing = true }
            return nil
        }
        if let terminated { throw terminated }
        event("stage", stage: name)
        progress.say("stage \(name)")
        holdIfAsked(name)
    }

    private func perform<T>(_ name: String, _ body: () throws(StageFailure) -> T) throws(ScheduledRunError) -> T {
        switch Result(catching: body) {
        case .success(let value):
            if let terminated = terminated() { throw terminated }
            return value
        case .failure(let failure):
            throw fail(stage: failure.stage ?? name, code: failure.exitCode, message: failure.message)
        }
    }

    /// The termination of the run, if a signal stopped it.
    func terminated() -> ScheduledRunError? {
        state.withLock { state in state.terminatedBy.map { .terminated(signal: $0, stage: state.stage, runID: runID) } }
    }

    /// Records a failed run (log and archive) and returns the error to throw.
    func fail(stage: String, code: Int32, message: String) -> ScheduledRunError {
        state.withLock { state -> ScheduledRunError in
            if let signal = state.terminatedBy { return .terminated(signal: signal, stage: state.stage, runID: runID) }
            let error = ScheduledRunError.failed(stage: stage, exitCode: code, message: message, runID: runID, log: log.url)
            guard !state.ended else { return error }
            state.ended = true
            let text = message.isEmpty ? "stage \(stage) failed (exit \(code))" : message
            event("failed", stage: stage, message: text, exitCode: code)
            recordFailure(state, stage: stage, code: code, message: text)
            return error
        }
    }

    private func recordFailure(_ state: State, stage: String, code: Int32, message: String) {
        let entry = ArchiveEntry(run: ArchiveRun(
            runID: runID, model: state.model, startedAt: Self.iso(startedAt), finishedAt: Self.iso(environment.now()), runDate: runDate,
            status: ArchiveRun.failed, failedStage: stage, message: message, exitCode: Int(code), tariffFile: state.tariffFile,
            bijliVersion: BijliVersion.current))
        guard let archive = state.archive ?? (try? environment.openArchive(config.archive)) else {
            progress.warn("warning: the failure could not be recorded in the archive \(config.archive.path); it is in the log")
            return
        }
        switch Result(catching: { () throws(ArchiveError) in try archive.record(entry) }) {
        case .success: break
        case .failure(let error): progress.warn("warning: \(error)")
        }
    }

    /// Records success in the log (the archive entry is written by the caller); returns a
    /// termination signal that arrived while the report was written, if one did.
    func finish(report: String) -> Int32? {
        let pending = state.withLock { state -> Int32? in
            state.ended = true
            return state.deferredSignal
        }
        event("succeeded", message: pending.map { "signal \($0) arrived while the report was written; the run was completed first" },
              exitCode: 0, report: report)
        return pending
    }

    // MARK: signals

    /// Listens to the environment's signals: SIGTERM and SIGINT end the run as `terminated`
    /// (exit 143), except while the report is being written, when they wait for it to finish.
    func listen() {
        environment.signals.install { [self] number in terminate(number) }
    }

    /// Ends the run as terminated (log and archive), then calls the environment's
    /// `onTermination` while still holding the state (the CLI exits there, so the main thread
    /// cannot start writing); in process, the run stops at its next stage boundary.
    func terminate(_ number: Int32) {
        state.withLock { state in
            if state.writing || state.ended {
                state.deferredSignal = number
                return
            }
            state.ended = true
            state.terminatedBy = number
            let message = ScheduledRunError.terminationMessage(signal: number, stage: state.stage)
            event("terminated", stage: state.stage, message: message, exitCode: ExitStatus.terminated)
            recordFailure(state, stage: "terminated", code: ExitStatus.terminated, message: message)
            environment.onTermination(.terminated(signal: number, stage: state.stage, runID: runID))
        }
    }

    /// Test hook (docs/SCHEDULING.md): with `holdStage` set to this stage, the run logs
    /// `holding` and waits up to 60 s, until a signal arrives, so tests can signal it or race a second run.
    func holdIfAsked(_ name: String) {
        guard environment.holdStage == name else { return }
        event("holding", stage: name)
        for _ in 0..<600 {
            if state.withLock({ $0.deferredSignal != nil || $0.terminatedBy != nil }) { return }
            usleep(100_000)
        }
    }
}

/// Why a stage failed: the exit code and the message the log and the archive record.
struct StageFailure: Error {
    var exitCode: Int32
    var message: String
    /// The stage to record instead of the running one (the archive write of the `write` stage is `archive`).
    var stage: String?

    init(_ exitCode: Int32, _ message: String, stage: String? = nil) {
        self.exitCode = exitCode
        self.message = message
        self.stage = stage
    }

    init(_ error: WorkflowError) {
        self.init(error.exitCode, error.description)
    }
}

/// Runs a workflow step inside a stage.
func step<T>(_ body: () throws(WorkflowError) -> T) throws(StageFailure) -> T {
    do {
        return try body()
    } catch {
        throw StageFailure(error)
    }
}
