import Archive
import Foundation
import Synchronization
import Testing

@Suite struct RunArchiveTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bijli-archive-\(UUID().uuidString)")
    var path: String { folder.appendingPathComponent("runs.sqlite").path }

    static func entry(_ runID: String, status: String = ArchiveRun.succeeded, cost: Double = 100) -> ArchiveEntry {
        ArchiveEntry(
            run: ArchiveRun(runID: runID, model: "tiny", startedAt: "2026-11-29T10:00:00Z", finishedAt: "2026-11-29T10:01:00Z",
                            runDate: "2026-11-29", status: status, failedStage: status == ArchiveRun.failed ? "validate" : nil,
                            message: status == ArchiveRun.failed ? "bad tariff" : nil, exitCode: status == ArchiveRun.failed ? 2 : 0,
                            tariffFile: "tariffs/a.csv", reportPath: "/r/\(runID)", objectiveUSD: cost, bijliVersion: "test"),
            inputs: ["inputs/settings.yaml": "abc", "model/model.yaml": "def"],
            prices: [ArchivePrice(fuel: "gas", period: 2030, month: 1, usdPerMMBtu: 6), ArchivePrice(fuel: "gas", period: 2030, month: 7, usdPerMMBtu: 8)],
            fuels: [ArchiveFuel(fuel: "gas", period: 2030, month: 1, useMMBtu: 1e6)],
            metrics: [ArchiveMetric(scenario: "base", period: 2030, name: "annual_cost_musd", value: cost),
                      ArchiveMetric(scenario: "dry-year", period: 2030, name: "unserved_gwh", value: 2)])
    }

    @Test func aRecordedRunReadsBackWhole() throws {
        let archive = try RunArchive(path: path)
        let id = try archive.record(Self.entry("r1"))
        var expected = Self.entry("r1")
        expected.run.id = id
        #expect(try archive.entry(id: id) == expected)
        #expect(expected.price("gas", period: 2030) == 7)
        #expect(expected.price("gas", period: 2030, month: 7) == 8)
        #expect(try archive.entry(id: id + 1) == nil)
    }

    @Test func lastSucceededSkipsFailedRunsAndTrendHasOnlySucceededRuns() throws {
        let archive = try RunArchive(path: path)
        try archive.record(Self.entry("r1", cost: 100))
        try archive.record(Self.entry("r2", cost: 130))
        try archive.record(Self.entry("r3", status: ArchiveRun.failed))
        #expect(try archive.runs().map(\.runID) == ["r1", "r2", "r3"])
        #expect(try archive.lastSucceeded(model: "tiny")?.run.runID == "r2")
        #expect(try archive.lastSucceeded(model: "other") == nil)
        let trend = try archive.trend(metric: "annual_cost_musd")
        #expect(trend.map(\.runID) == ["r1", "r2", "r3"].dropLast())
        #expect(trend.map(\.value) == [100, 130])
        #expect(try archive.trend(metric: "unserved_gwh", scenario: "dry-year").count == 2)
        #expect(try archive.metricNames() == ["annual_cost_musd", "unserved_gwh"])
    }

    @Test func theArchiveIsReadableWhileARunWritesToIt() throws {
        let writer = try RunArchive(path: path)
        try writer.record(Self.entry("r1"))
        let reader = try RunArchive(readingFrom: path)
        let inside = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0), done = DispatchSemaphore(value: 0)
        let path = self.path
        let failure = FailureNote()
        DispatchQueue.global().async {
            // A second writer holds the write transaction open (as a long run's final write would).
            // A failure is recorded and still wakes the test, which then fails instead of hanging.
            do {
                let second = try RunArchive(path: path)
                try second.withWriteTransaction {
                    inside.signal()
                    release.wait()
                }
            } catch {
                failure.set("\(error)")
                inside.signal()
            }
            done.signal()
        }
        try #require(inside.wait(timeout: .now() + 60) == .success, "the second writer never started its transaction")
        if let message = failure.message {
            Issue.record("the second writer failed: \(message)")
            return
        }
        // While the writer holds its transaction, the reader sees the committed run at once.
        #expect(try reader.runs().map(\.runID) == ["r1"])
        release.signal()
        try #require(done.wait(timeout: .now() + 60) == .success, "the second writer never finished")
        #expect(failure.message == nil)
        try writer.record(Self.entry("r2"))
        #expect(try reader.runs().map(\.runID) == ["r1", "r2"])
    }

    @Test func historyNeverCreatesAnArchiveAndRefusesOtherFiles() throws {
        #expect(throws: ArchiveError.missing(path)) { try RunArchive(readingFrom: path) }
        #expect(!FileManager.default.fileExists(atPath: path))
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("not a database, just text\n".utf8).write(to: URL(fileURLWithPath: path))
        do {
            _ = try RunArchive(readingFrom: path)
            Issue.record("a text file was opened as an archive")
        } catch {
            guard case .notAnArchive = error else { Issue.record("wrong error: \(error)"); return }
            #expect(error.description.contains(path))
        }
    }
}

/// A message written by one thread and read by another.
final class FailureNote: Sendable {
    private let state = Mutex<String?>(nil)
    func set(_ message: String) { state.withLock { $0 = message } }
    var message: String? { state.withLock { $0 } }
}
