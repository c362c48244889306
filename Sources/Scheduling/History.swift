import Archive
import Foundation
import Reporting

/// `bijli history`: the archive's runs, or one metric's trend, as a report table and a chart.
public enum History {
    /// Every run, oldest first: run id, run date, status, failed stage, tariff file, objective.
    public static func runsTable(_ runs: [ArchiveRun]) -> ReportTable {
        ReportTable(
            name: "runs", title: "Scheduled runs in the archive",
            columns: [.init("#"), .init("Run", alignment: .left), .init("Run date", alignment: .left), .init("Status", alignment: .left),
                      .init("Stage", alignment: .left), .init("Tariff file", alignment: .left), .init("Objective", unit: "MUSD")],
            rows: runs.map { run in
                [.text(run.id.map(String.init) ?? ""), .text(run.runID), .text(run.runDate), .text(run.status), .text(run.failedStage ?? ""),
                 .text(run.tariffFile ?? "none"), run.objectiveUSD.map { .number($0 / 1e6, decimals: 1) } ?? .empty]
            },
            footnotes: ["Failed runs keep their stage and message in the archive and the log; the report of the last succeeded run stays in place."])
    }

    /// One metric over the succeeded runs: a row per run, a column per period.
    public static func trendTable(_ points: [TrendPoint], metric: String, scenario: String) -> ReportTable {
        let periods = Set(points.map(\.period)).sorted()
        var runs: [(Int64, String, String)] = []
        for point in points where !runs.contains(where: { $0.0 == point.run }) { runs.append((point.run, point.runID, point.runDate)) }
        let rows: [[ReportCell]] = runs.map { run in
            [.text(String(run.0)), .text(run.1), .text(run.2)] + periods.map { period in
                points.first { $0.run == run.0 && $0.period == period }.map { .number($0.value, decimals: decimals(for: $0.value)) } ?? .empty
            }
        }
        return ReportTable(
            name: "trend", title: "\(metric) (\(scenario)) over the scheduled runs",
            columns: [.init("#"), .init("Run", alignment: .left), .init("Run date", alignment: .left)] + periods.map { .init(String($0)) },
            rows: rows, footnotes: ["Succeeded runs only, oldest first; one column per period."])
    }

    /// Decimals shown for a value: none from 1,000 up (USD, MWh), three below (shares, prices).
    /// CSV keeps 12 significant digits either way.
    public static func decimals(for value: Double) -> Int { abs(value) >= 1000 ? 0 : 3 }

    /// The trend as lines, one per period, over the run number (1 = oldest shown).
    public static func trendChart(_ points: [TrendPoint], metric: String) -> ChartSpec {
        let periods = Set(points.map(\.period)).sorted()
        var runs: [Int64] = []
        for point in points where !runs.contains(point.run) { runs.append(point.run) }
        let series = periods.map { period in
            ChartSpec.Series(name: String(period), values: runs.map { run in
                points.first { $0.run == run && $0.period == period }?.value ?? .nan
            })
        }
        return ChartSpec(kind: .lines, xTitle: "scheduled run (1 = oldest)", yTitle: metric,
                         x: runs.indices.map { Double($0 + 1) }, series: series)
    }
}
