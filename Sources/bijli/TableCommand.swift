import ArgumentParser
import Foundation
import Reporting
import Workflows

/// `bijli table NAME --run DIR --format latex|md|csv`: one table of a run's report on standard output.
struct Table: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print one table of a run's report as LaTeX (booktabs), Markdown or CSV.",
        discussion: "Table names: capacity, new_capacity, generation, unserved, prices, indicators, costs, binding, frontier, "
            + "stages, sources, inputs; stress in a stress folder (docs/REPORTS.md). A table the run does not have is listed with the ones it has.")

    @Argument(help: "The table's name, e.g. capacity.")
    var name: String

    @Option(name: .customLong("run"), help: "The run folder, e.g. Reports/pakistan/base/latest.")
    var runFolder: String

    @Option(help: "latex, md or csv.")
    var format: TableFormat = .md

    func run() throws {
        let document = try orExit { () throws(WorkflowError) in try RunReports.document(URL(fileURLWithPath: runFolder)) }
        guard let table = document.table(named: name), let text = ReportFiles.render(table, format: format.rawValue) else {
            printError("error: this run has no table '\(name)'; it has: \(document.tables.map(\.name).joined(separator: ", "))")
            throw ExitCode.badInput
        }
        print(text, terminator: "")
    }
}
