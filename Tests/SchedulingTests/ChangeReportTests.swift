import Archive
import Foundation
import Reporting
import Scheduling
import Testing

@Suite struct ChangeReportTests {
    static func entry(_ id: String, gas: Double, coal: Double, cost: Double, gasUse: Double, inputs: [String: String]) -> ArchiveEntry {
        ArchiveEntry(
            run: ArchiveRun(runID: id, model: "m", startedAt: "", finishedAt: "", runDate: "2026-01-01", status: ArchiveRun.succeeded,
                            exitCode: 0, bijliVersion: "t"),
            inputs: inputs,
            prices: [ArchivePrice(fuel: "coal", period: 2030, usdPerMMBtu: coal), ArchivePrice(fuel: "gas", period: 2030, usdPerMMBtu: gas)],
            fuels: [ArchiveFuel(fuel: "gas", period: 2030, useMMBtu: gasUse, costUSD: gasUse * gas),
                    ArchiveFuel(fuel: "coal", period: 2030, useMMBtu: 2e6, costUSD: 2e6 * coal)],
            metrics: [ArchiveMetric(scenario: "base", period: 2030, name: "annual_cost_usd", value: cost),
                      ArchiveMetric(scenario: "base", period: 2030, name: "unserved_gwh", value: 5)])
    }

    /// Hand-derived: gas 6 → 7.5 USD/MMBtu on the previous burn of 1e6 MMBtu = +1.5e6 USD; coal
    /// 4 → 3 on 2e6 MMBtu = −2e6 USD; cost 100e6 → 99.8e6: residual = −0.2e6 − (1.5e6 − 2e6) = +0.3e6.
    @Test func termsAreUseTimesPriceChangeAndTheResidualClosesTheSum() throws {
        let old = Self.entry("a", gas: 6, coal: 4, cost: 100e6, gasUse: 1e6, inputs: ["inputs/x.csv": "1", "inputs/y.csv": "2"])
        let new = Self.entry("b", gas: 7.5, coal: 3, cost: 99.8e6, gasUse: 0.5e6, inputs: ["inputs/x.csv": "1", "inputs/y.csv": "3", "inputs/z.csv": "4"])
        let report = ChangeReport.compare(previous: old, current: new)
        #expect(report.previousRunID == "a")
        #expect(report.inputs.map(\.path) == ["inputs/y.csv", "inputs/z.csv"])
        #expect(report.inputs.map(\.change) == ["changed", "added"])
        #expect(report.prices.map(\.fuel) == ["coal", "gas"])
        #expect(report.prices[1].percent == 25)
        let period = try #require(report.attribution.first)
        #expect(period.byFuelUSD["gas"] == 1.5e6)
        #expect(period.byFuelUSD["coal"] == -2e6)
        #expect(abs(period.residualUSD - 0.3e6) < 1e-6)
        #expect(abs(period.changeUSD - (-0.2e6)) < 1e-6)
        let section = report.section()
        guard case .table(let table) = section.blocks.first(where: { if case .table(let t) = $0 { t.name == "cost_attribution" } else { false } })
        else { Issue.record("no attribution table"); return }
        #expect(table.rows.count == 4)   // coal, gas, residual, total
        #expect(report.finding()?.contains("coal prices −2.0 MUSD") == true)
    }

    @Test func aFirstRunHasNothingToCompare() {
        let report = ChangeReport.compare(previous: nil, current: Self.entry("a", gas: 6, coal: 4, cost: 1, gasUse: 1, inputs: ["a": "1"]))
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
        #expect(config.tariffs.path == folder.appendingPathComponent("i/tariffs").path)
        #expect(config.lock.path == folder.appendingPathComponent("r/.bijli-scheduled.lock").path)
        #expect(config.archive.path == "/var/a.sqlite")
        #expect(config.scenarios == ["all"])
        #expect(config.resolution == "repdays:24")
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
