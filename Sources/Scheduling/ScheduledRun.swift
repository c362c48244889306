import Archive
import EnergyModel
import Foundation
import LinearProgramming
import Reporting
import Scenarios
import Workflows

/// What a scheduled run is given besides its configuration: the clock, the archive, the log,
/// where termination signals come from and what a termination does, progress, and the test hook.
/// The defaults are those of a test run in process; `bijli scheduled` passes the process's own.
public struct ScheduledRunEnvironment: Sendable {
    /// The current time (run id, start and finish times, the default run date, log times).
    public var now: @Sendable () -> Date
    /// Opens the run archive.
    public var openArchive: @Sendable (URL) throws -> RunArchive
    /// The JSON-lines log; nil for that of the configuration.
    public var log: RunLog?
    /// Where SIGTERM and SIGINT come from.
    public var signals: any TerminationSignalSource
    /// Called once a termination is recorded, with the run's state held: the CLI exits here
    /// (solver threads may still run); in process the run stops at its next stage boundary.
    public var onTermination: @Sendable (ScheduledRunError) -> Void
    /// Progress lines and warnings.
    public var progress: any WorkflowProgress
    /// Test hook: the stage (or `rename`) at which the run logs `holding` and waits for a signal (up to 60 s).
    public var holdStage: String?
    /// The command line recorded in `run.json`.
    public var arguments: [String]

    /// Creates an environment.
    public init(now: @escaping @Sendable () -> Date = { Date() },
                openArchive: @escaping @Sendable (URL) throws -> RunArchive = { try RunArchive(path: $0.path) },
                log: RunLog? = nil, signals: any TerminationSignalSource = NoSignals(),
                onTermination: @escaping @Sendable (ScheduledRunError) -> Void = { _ in },
                progress: any WorkflowProgress = SilentProgress(), holdStage: String? = nil, arguments: [String] = []) {
        self.now = now
        self.openArchive = openArchive
        self.log = log
        self.signals = signals
        self.onTermination = onTermination
        self.progress = progress
        self.holdStage = holdStage
        self.arguments = arguments
    }
}

/// A signal source that never signals.
public struct NoSignals: TerminationSignalSource {
    /// Creates it.
    public init() {}
    /// Installs nothing.
    public func install(_ handler: @escaping @Sendable (Int32) -> Void) {}
}

/// A finished scheduled run: its report folder, results, what changed, and a signal that
/// waited for the report to be written (the CLI then exits 143).
public struct ScheduledRunOutcome: Sendable {
    /// The run id.
    public var runID: String
    /// The run date, YYYY-MM-DD.
    public var runDate: String
    /// The base plan's results.
    public var results: EnergyResults
    /// What changed since the last succeeded run.
    public var changes: ChangeReport
    /// The report folder written.
    public var folder: URL
    /// The archive the run was recorded in.
    public var archive: URL
    /// A termination signal that arrived while the report was written, if one did.
    public var deferredSignal: Int32?

    /// The lines `bijli scheduled` prints on success.
    public var summary: String {
        var lines = ["run         \(runID) (run date \(runDate))",
                     "objective   \(results.objectiveUSD.map { String(format: "%.6g USD", $0) } ?? "none")"]
        if let finding = changes.finding() { lines.append("changed     \(finding)") }
        lines.append("changes     \(changes.inputs.count) input file(s), \(changes.prices.count) price(s) vs \(changes.previousRunID ?? "none")")
        lines.append("report      \(folder.path)/report.html")
        lines.append("archive     \(archive.path)")
        return lines.joined(separator: "\n")
    }
}

/// The unattended run of docs/SCHEDULING.md: lock → validate → plan → stress sweep → what
/// changed → report → archive, each stage logged as a JSON line, built on a ``RunRequest``.
public struct ScheduledRun: Sendable {
    /// The configuration.
    public var config: ScheduleConfig
    /// The configuration file as named (for the log's `started` line).
    public var configName: String
    /// The date tariffs are selected for; nil for the day of the run (UTC).
    public var runDate: CalendarDate?
    /// Seconds to wait for another run to release the lock.
    public var waitSeconds: Double
    /// Clock, archive, log, signals, progress.
    public var environment: ScheduledRunEnvironment

    /// Creates a run.
    public init(config: ScheduleConfig, configName: String, runDate: CalendarDate? = nil, waitSeconds: Double = 0,
                environment: ScheduledRunEnvironment = ScheduledRunEnvironment()) {
        self.config = config
        self.configName = configName
        self.runDate = runDate
        self.waitSeconds = waitSeconds
        self.environment = environment
    }

    /// The run request of the base plan.
    public func request(runDate: String) -> RunRequest {
        RunRequest(source: .folders(model: config.model, inputs: config.inputs), tariffs: config.tariffs?.path,
                   runDate: CalendarDate(iso: runDate), resolution: config.resolution, periods: config.periods,
                   seed: config.seed, objective: .cost, method: .auto, timeLimitSeconds: config.timeLimitSeconds)
    }

    /// Runs: takes the lock, listens to the signals, runs every stage; every failure is logged
    /// and archived before it is thrown.
    public func run() throws(ScheduledRunError) -> ScheduledRunOutcome {
        let start = environment.now()
        let day = runDate?.description ?? String(ScheduledSession.iso(start).prefix(10))
        let session = ScheduledSession(config: config, runID: RunFolder.runID(for: start), startedAt: start, runDate: day,
                                       environment: environment)
        let lock: RunLock
        switch Result(catching: { () throws(RunLockError) in
            try RunLock.acquire(config.lock, waitSeconds: waitSeconds, startedAt: ScheduledSession.iso(start))
        }) {
        case .success(let value): lock = value
        case .failure(let error):
            let refusal = ScheduledRunError.lockHeld(error)
            session.event("refused", stage: "lock", message: error.description, exitCode: refusal.exitCode)
            throw refusal
        }
        defer { lock.release() }
        session.listen()
        session.event("started", message: "config \(configName), run date \(day)")
        return try ScheduledPipeline(session: session, workflow: CaseWorkflow(request(runDate: day), progress: environment.progress))
            .run()
    }
}
