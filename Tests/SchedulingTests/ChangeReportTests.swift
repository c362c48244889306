import Archive
import Foundation
import Reporting
import Scheduling
import Testing

@Suite struct ChangeReportTests {
    /// A run with coal and gas priced in January and July 2030 and burnt in those months.
    static func entry(_ id: String, gas: (Double, Double), coal: Double, cost: Double, inputs: [String: String]) -> ArchiveEntry {
        ArchiveEntry(
            run: ArchiveRun(runID: id, model: "m", startedAt: "", finishedAt: "", runDate: "2026-01-01", status: ArchiveRun.succeeded,
                            exitCode: 0, bijliVersion: "t"),
            inputs: inputs,
            prices: [ArchivePrice(fuel: "coal", period: 2030, month: 1, usdPerMMBtu: coal),
                     ArchivePrice(fuel: "gas", period: 2030, month: 1, usdPerMMBtu: gas.0),
                     ArchivePrice(fuel: "gas", period: 2030, month: 7, usdPerMMBtu: gas.1)],
            fuels: [ArchiveFuel(fuel: "gas", period: 2030, month: 1, useMMBtu: 0.4e6), ArchiveFuel(fuel: "gas", period: 2030, month: 7, useMMBtu: 0.6e6),
                    ArchiveFuel(fuel: "coal", period: 2030, month: 1, useMMBtu: 2e6)],
            metrics: [ArchiveMetric(scenario: "base", period: 2030, name: "annual_cost_usd", value: cost),
                      ArchiveMetric(scenario: "base", period: 2030, name: "unserved_gwh", value: 5)])
    }

    /// Hand-derived: gas +0.5 USD/MMBtu in January on 0.4e6 MMBtu and +2 in July on 0.6e6 = +1.4e6 USD;
    /// coal 4 → 3 on 2e6 MMBtu = −2e6 USD; cost 100e6 → 99.8e6: residual = −0.2e6 − (1.4e6 − 2e6) = +0.4e6.
    @Test func termsAreMonthlyUseTimesPriceChangeAndTheResidualClosesTheSum() throws {
        let old = Self.entry("a", gas: (6, 6), coal: 4, cost: 100e6, inputs: ["inputs/x.csv": "1", "inputs/y.csv": "2"])
        let new = Self.entry("b", gas: (6.5, 8), coal: 3, cost: 99.8e6, inputs: ["inputs/x.csv": "1", "inputs/y.csv": "3", "inputs/z.csv": "4"])
        let report = ChangeReport.compare(previous: old, current: new)
        #expect(report.previousRunID == "a")
        #expect(report.inputs.map(\.path) == ["inputs/y.csv", "inputs/z.csv"])
        #expect(report.inputs.map(\.change) == ["changed", "added"])
        #expect(report.prices.map(\.fuel) == ["coal", "gas"])
        #expect(abs((report.prices[1].percent ?? 0) - 100 * 1.25 / 6) < 1e-9)   // mean 6 → 7.25
        let period = try #require(report.attribution.first)
        #expect(abs((period.byFuelUSD["gas"] ?? 0) - 1.4e6) < 1e-6)
        #expect(period.byFuelUSD["coal"] == -2e6)
        #expect(abs(period.residualUSD - 0.4e6) < 1e-6)
        #expect(abs(period.changeUSD - (-0.2e6)) < 1e-6)
        let section = report.section()
        guard case .table(let table) = section.blocks.first(where: { if case .table(let t) = $0 { t.name == "cost_attribution" } else { false } })
        else { Issue.record("no attribution table"); return }
        #expect(table.rows.count == 4)   // coal, gas, residual, total
        #expect(report.finding()?.contains("coal prices −2.0 MUSD") == true)
    }

    @Test func aFirstRunHasNothingToCompare() {
        let report = ChangeReport.compare(previous: nil, current: Self.entry("a", gas: (6, 6), coal: 4, cost: 1, inputs: ["a": "1"]))
        #expect(report.previousRunID == nil)
        #expect(report.prices.isEmpty && report.attribution.isEmpty)
        #expect(report.inputs.map(\.change) == ["added"])
        #expect(report.finding() == nil)
        #expect(report.section().blocks.count == 1)
    }
}

@Suite struct ScheduleConfigTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bijli-config-\(UUID().uuidString)")

    func write(_ text: String) throws -> URL {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent("schedule.yaml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func relativePathsAreRelativeToTheFileAndDefaultsApply() throws {
        let url = try write("model: ../m\ninputs: i\nreports: r\narchive: /var/a.sqlite\nlog: l.jsonl\n")
        let config = try ScheduleConfig.read(url)
        #expect(config.model.path == folder.deletingLastPathComponent().appendingPathComponent("m").path)
        #expect(config.tariffs == nil)
        #expect(config.lock.path == folder.appendingPathComponent("r/.bijli-scheduled.lock").path)
        #expect(config.archive.path == "/var/a.sqlite")
        #expect(config.scenarios == ["all"])
        #expect(config.resolution == .representativeDays(24))
    }

    @Test func everyProblemIsListedWithItsLine() throws {
        let url = try write("model: m\ninputs: i\nreports: r\nlog: l\nresolution: repdays:13\nperiods: [2030, next]\nseed: -1\n")
        do {
            _ = try ScheduleConfig.read(url)
            Issue.record("accepted a bad configuration")
        } catch {
            let text = error.description
            #expect(text.contains("'archive'"))
            #expect(text.contains("schedule.yaml:5:13: 'resolution'"))
            #expect(text.contains("schedule.yaml:6:17: 'periods' must list years"))
            #expect(text.contains("schedule.yaml:7:7: 'seed' must be 0 or more"))
        }
    }
}

@Suite struct RunLockAndLogTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bijli-lock-\(UUID().uuidString)")

    @Test func aHeldLockRefusesASecondTakerUntilReleased() throws {
        let url = folder.appendingPathComponent("run.lock")
        let first = try RunLock.acquire(url, startedAt: "t0")
        #expect(throws: RunLockError.held(url.path, holder: "pid \(getpid()) since t0", waitedSeconds: 0)) {
            try RunLock.acquire(url, startedAt: "t1")
        }
        first.release()
        let second = try RunLock.acquire(url, waitSeconds: 1, startedAt: "t2")
        second.release()
    }

    @Test func theLogAppendsOneDecodableLinePerEvent() throws {
        let log = RunLog(url: folder.appendingPathComponent("logs/runs.jsonl"))
        #expect(log.append(RunLog.Event(time: "t", runID: "r", event: "started")))
        #expect(log.append(RunLog.Event(time: "t", runID: "r", event: "failed", stage: "validate", message: "a\nb", exitCode: 2)))
        let events = log.events()
        #expect(events.map(\.event) == ["started", "failed"])
        #expect(events[1].message == "a\nb")
        let text = try String(contentsOf: log.url, encoding: .utf8)
        #expect(text.split(separator: "\n").count == 2)
    }
}
