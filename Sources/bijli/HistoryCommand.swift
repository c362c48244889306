import Archive
import ArgumentParser
import Foundation
import Reporting
import Scheduling

/// `bijli history --archive FILE [--metric NAME]`: the runs of the archive, or a metric's trend.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "The scheduled runs of an archive, or one metric's trend over them, as a table (and an SVG chart).",
        discussion: "Reads the archive read-only; safe while a run writes to it. Exit codes: 0, 2 (no archive, unknown metric). See docs/SCHEDULING.md.")

    @Option(help: "The run archive (SQLite) of `bijli scheduled`.")
    var archive: String

    @Option(help: "A metric, e.g. annual_cost_usd or unserved_gwh (without it: the list of runs).")
    var metric: String?

    @Option(help: "base (the plan) or a disruption id of the stress sweep.")
    var scenario: String = "base"

    @Option(help: "Only this model's runs (default: every model in the archive).")
    var model: String?

    @Option(help: "md, csv or latex.")
    var format: TableFormat = .md

    @Option(help: "Also write the trend as an SVG chart to FILE (with --metric).")
    var svg: String?

    func validate() throws {
        if svg != nil && metric == nil { throw ValidationError("--svg needs --metric") }
    }

    func run() throws {
        let store: RunArchive
        switch Result(catching: { () throws(ArchiveError) in try RunArchive(readingFrom: archive) }) {
        case .success(let value): store = value
        case .failure(let error):
            printError("error: \(error)")
            throw ExitCode.badInput
        }
        let table: ReportTable
        if let metric {
            let points = try read { () throws(ArchiveError) in try store.trend(metric: metric, scenario: scenario, model: model) }
            if points.isEmpty {
                let names = try read { () throws(ArchiveError) in try store.metricNames() }
                printError("error: no succeeded run has metric '\(metric)' for scenario '\(scenario)'; metrics in the archive: "
                           + names.joined(separator: ", "))
                throw ExitCode.badInput
            }
            table = History.trendTable(points, metric: metric, scenario: scenario)
            if let svg {
                let text = SVGChart.render(History.trendChart(points, metric: metric), id: "trend", title: table.title)
                do {
                    try Data(text.utf8).write(to: URL(fileURLWithPath: svg), options: .atomic)
                } catch {
                    printError("error: \(svg): cannot write the chart: \(error.localizedDescription)")
                    throw ExitCode.cannotWrite
                }
            }
        } else {
            table = History.runsTable(try read { () throws(ArchiveError) in try store.runs(model: model) })
        }
        print(ReportFiles.render(table, format: format.rawValue) ?? "", terminator: "")
    }

    private func read<T>(_ body: () throws(ArchiveError) -> T) throws -> T {
        switch Result(catching: body) {
        case .success(let value): return value
        case .failure(let error):
            printError("error: \(error)")
            throw ExitCode.badInput
        }
    }
}
