import Archive
import EnergyModel
import Foundation
import Scenarios
import Scheduling
import Synchronization
import Testing
import Workflows

/// The scheduled run in process (docs/SCHEDULING.md): the tiny fixture case, an injected clock,
/// signals delivered through an injected source.
@Suite struct ScheduledRunTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("EnergyModelTests/Fixtures/tiny")

    /// Demand 10 % higher in July (the disruption of WorkflowsTests).
    static let surge = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("WorkflowsTests/Fixtures/surge.yaml")

    let root = FileManager.default.temporaryDirectory.appendingPathComponent("bijli-scheduled-\(UUID().uuidString)")

    /// A configuration over a copy of the fixture's inputs with one disruption, `surge`.
    func config(scenarios: [String] = ["surge"]) throws -> ScheduleConfig {
        let inputs = root.appendingPathComponent("inputs")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.fixture.appendingPathComponent("inputs"), to: inputs)
        let folder = inputs.appendingPathComponent("scenarios")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.surge, to: folder.appendingPathComponent("surge.yaml"))
        let reports = root.appendingPathComponent("reports")
        return ScheduleConfig(
            model: Self.fixture.appendingPathComponent("model"), inputs: inputs, tariffs: nil, reports: reports,
            archive: root.appendingPathComponent("archive/runs.sqlite"), log: root.appendingPathComponent("logs/scheduled.jsonl"),
            lock: reports.appendingPathComponent(".bijli-scheduled.lock"), scenarios: scenarios,
            resolution: .representativeDays(12), periods: nil, seed: 0, timeLimitSeconds: 60)
    }

    /// A fixed clock.
    static func clock(_ iso: String) -> @Sendable () -> Date {
        let date = ISO8601DateFormatter().date(from: iso)!
        return { date }
    }

    func events(_ config: ScheduleConfig) -> [RunLog.Event] { RunLog(url: config.log).events() }

    @Test func aScheduledRunOnTheTinyCaseWritesItsReportLogAndArchiveEntryWithTheInjectedClock() throws {
        let config = try config()
        let progress = Recorder()
        let run = ScheduledRun(config: config, configName: "schedule.yaml",
                               environment: ScheduledRunEnvironment(now: Self.clock("2026-03-15T06:00:00Z"), progress: progress))
        let outcome = try run.run()
        #expect(outcome.runID == "20260315T060000Z")
        #expect(outcome.runDate == "2026-03-15")
        #expect(outcome.deferredSignal == nil)
        #expect(outcome.changes.previousRunID == nil)
        for file in ["report.html", "results.json", "changes.json", "stress.csv", "run.json"] {
            #expect(FileManager.default.fileExists(atPath: outcome.folder.appendingPathComponent(file).path), "no \(file)")
        }
        #expect(outcome.folder.lastPathComponent == "20260315T060000Z")
        #expect(outcome.results.provenance.options["run_date"] == "2026-03-15")
        #expect(outcome.results.provenance.options["resolution"] == "repdays:12")
        let names = events(config).map(\.event)
        #expect(names.first == "started" && names.last == "succeeded")
        #expect(events(config).compactMap(\.stage) == ["validate", "plan", "stress", "changes", "report", "write"])
        #expect(events(config).allSatisfy { $0.time == "2026-03-15T06:00:00Z" })
        #expect(progress.lines.contains("stage stress"))
        let archived = try RunArchive(readingFrom: config.archive.path).runs()
        #expect(archived.map(\.runID) == ["20260315T060000Z"])
        #expect(archived.first?.status == ArchiveRun.succeeded)

        // A day later: compared with the first run.
        let next = ScheduledRun(config: config, configName: "schedule.yaml",
                                environment: ScheduledRunEnvironment(now: Self.clock("2026-03-16T06:00:00Z")))
        let second = try next.run()
        #expect(second.changes.previousRunID == "20260315T060000Z")
        #expect(try RunArchive(readingFrom: config.archive.path).runs().count == 2)
    }

    @Test func aSignalDuringTheSweepStopsTheRunRecordsItAndWritesNoReport() throws {
        let config = try config()
        let signals = ManualSignals()
        let terminations = Recorder()
        // SIGTERM as the stress stage starts.
        let progress = Recorder { line in if line == "stage stress" { signals.deliver(SIGTERM) } }
        let run = ScheduledRun(config: config, configName: "schedule.yaml", environment: ScheduledRunEnvironment(
            now: Self.clock("2026-03-15T06:00:00Z"), signals: signals,
            onTermination: { terminations.say($0.description) }, progress: progress))
        #expect(throws: ScheduledRunError.self) { try run.run() }
        do {
            // The lock was released: the next run goes ahead.
            _ = try ScheduledRun(config: config, configName: "schedule.yaml",
                                 environment: ScheduledRunEnvironment(now: Self.clock("2026-03-15T07:00:00Z"))).run()
        } catch {
            Issue.record("the run after a termination failed: \(error)")
        }
        let terminated = events(config).filter { $0.event == "terminated" }
        #expect(terminated.count == 1)
        #expect(terminated.first?.stage == "stress" && terminated.first?.exitCode == 143)
        #expect(terminations.lines.count == 1)
        #expect(terminations.lines.first?.contains("SIGTERM received during stage stress") == true)
        let runs = try RunArchive(readingFrom: config.archive.path).runs()
        #expect(runs.map(\.status) == [ArchiveRun.failed, ArchiveRun.succeeded])
        #expect(runs.first?.failedStage == "terminated")
    }

    @Test func theTerminationErrorSaysWhichStageAndExits143() throws {
        let config = try config(scenarios: [])
        let signals = ManualSignals()
        let progress = Recorder { line in if line == "stage plan" { signals.deliver(SIGINT) } }
        let run = ScheduledRun(config: config, configName: "schedule.yaml",
                               environment: ScheduledRunEnvironment(signals: signals, progress: progress))
        switch Result(catching: { () throws(ScheduledRunError) in try run.run() }) {
        case .success: Issue.record("a terminated run succeeded")
        case .failure(let error):
            #expect(error.exitCode == 143)
            guard case .terminated(let signal, let stage, _) = error else { Issue.record("not terminated: \(error)"); return }
            #expect(signal == SIGINT && stage == "plan")
        }
        let folder = config.reports.appendingPathComponent("tiny/scheduled")
        let written = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !$0.hasPrefix(".") }
        #expect(written.isEmpty)
    }

    @Test func aSignalWhileTheReportIsWrittenWaitsForItAndIsReturned() throws {
        let config = try config(scenarios: [])
        let signals = ManualSignals()
        let progress = Recorder { line in if line == "stage write" { signals.deliver(SIGTERM) } }
        let run = ScheduledRun(config: config, configName: "schedule.yaml",
                               environment: ScheduledRunEnvironment(signals: signals, progress: progress))
        let outcome = try run.run()
        #expect(outcome.deferredSignal == SIGTERM)
        #expect(FileManager.default.fileExists(atPath: outcome.folder.appendingPathComponent("report.html").path))
        #expect(events(config).last?.event == "succeeded")
    }

    @Test func aBadInputFailsInValidateWithTheProblemsAsTheMessage() throws {
        let config = try config(scenarios: [])
        let prices = config.inputs.appendingPathComponent("fuel_prices.csv")
        try (try String(contentsOf: prices, encoding: .utf8) + "gas,2030,all,-3,bad row,ASSUMPTION\n").write(to: prices, atomically: true, encoding: .utf8)
        let run = ScheduledRun(config: config, configName: "schedule.yaml")
        switch Result(catching: { () throws(ScheduledRunError) in try run.run() }) {
        case .success: Issue.record("a bad input succeeded")
        case .failure(let error):
            guard case .failed(let stage, let code, let message, _, _) = error else { Issue.record("\(error)"); return }
            #expect(stage == "validate" && code == 2)
            #expect(message.contains("fuel_prices.csv:"))
        }
        #expect(events(config).last?.event == "failed")
        #expect(try RunArchive(readingFrom: config.archive.path).runs().first?.failedStage == "validate")
    }

    @Test func aSecondRunIsRefusedWhileTheLockIsHeld() throws {
        let config = try config(scenarios: [])
        try FileManager.default.createDirectory(at: config.reports, withIntermediateDirectories: true)
        let lock = try RunLock.acquire(config.lock, startedAt: "now")
        defer { lock.release() }
        switch Result(catching: { () throws(ScheduledRunError) in try ScheduledRun(config: config, configName: "c").run() }) {
        case .success: Issue.record("a run went ahead without the lock")
        case .failure(let error): #expect(error.exitCode == 75)
        }
        #expect(events(config).map(\.event) == ["refused"])
    }

    @Test func aMalformedTariffsOrLockValueIsAnErrorWithItsLine() throws {
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for (key, line) in [("tariffs", 6), ("lock", 6)] {
            let file = root.appendingPathComponent("schedule-\(key).yaml")
            try "model: m\ninputs: i\nreports: r\narchive: a.sqlite\nlog: l.jsonl\n\(key): [a, b]\n".write(to: file, atomically: true, encoding: .utf8)
            switch Result(catching: { () throws(CaseLoadError) in try ScheduleConfig.read(file) }) {
            case .success: Issue.record("a list as '\(key)' was accepted")
            case .failure(let error):
                #expect(error.issues.map(\.description).contains { $0.contains("schedule-\(key).yaml:\(line):") && $0.contains("'\(key)'") },
                        "\(error.issues)")
            }
        }
    }
}

/// Signals delivered by the test itself, on its own thread.
final class ManualSignals: TerminationSignalSource {
    private let handlers = Mutex<[@Sendable (Int32) -> Void]>([])
    func install(_ handler: @escaping @Sendable (Int32) -> Void) { handlers.withLock { $0.append(handler) } }
    func deliver(_ signal: Int32) {
        for handler in handlers.withLock({ $0 }) { handler(signal) }
    }
}

/// Progress lines kept for the test; `onSay` runs on each.
final class Recorder: WorkflowProgress {
    private let state = Mutex<[String]>([])
    private let onSay: @Sendable (String) -> Void
    init(onSay: @escaping @Sendable (String) -> Void = { _ in }) { self.onSay = onSay }
    func say(_ message: String) {
        state.withLock { $0.append(message) }
        onSay(message)
    }
    var lines: [String] { state.withLock { $0 } }
}
