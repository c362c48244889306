import ArgumentParser
import Foundation
import Reporting
import Workflows

/// `bijli table NAME --run DIR --format latex|md|csv [--period P] [--all-rows]`: one table of a
/// run's report on standard output, shaped for a paper (``TableShaping``).
struct Table: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print one table of a run's report as LaTeX (booktabs longtable), Markdown or CSV.",
        discussion: "Table names: capacity, new_capacity, generation, unserved, prices, indicators, costs, binding, frontier, "
            + "stages, sources, inputs; stress in a stress folder (docs/REPORTS.md). A table the run does not have is listed with the ones it has. "
            + "Rows that are zero are left out unless --all-rows; resources and carriers get display names; tables with a carrier "
            + "(capacity, new_capacity, generation) are grouped by carrier with subtotals and a total.")

    @Argument(help: "The table's name, e.g. capacity.")
    var name: String

    @Option(name: .customLong("run"), help: "The run folder, e.g. Reports/pakistan/base/latest.")
    var runFolder: String

    @Option(help: "latex, md or csv.")
    var format: TableFormat = .md

    @Option(help: "Only this period's columns (or rows), e.g. 2030.")
    var period: Int?

    @Flag(name: .customLong("all-rows"), help: "Keep the rows whose numbers are all zero.")
    var allRows = false

    func run() throws {
        let document = try orExit { () throws(WorkflowError) in try RunReports.document(URL(fileURLWithPath: runFolder)) }
        guard let table = document.table(named: name) else {
            printError("error: this run has no table '\(name)'; it has: \(document.tables.map(\.name).joined(separator: ", "))")
            throw ExitCode.badInput
        }
        let shaped: ReportTable
        do {
            shaped = try table.shaped(TableShaping(period: period, allRows: allRows))
        } catch {
            printError("error: \(error)")
            throw ExitCode.badInput
        }
        guard let text = ReportFiles.render(shaped, format: format.rawValue) else { throw ExitCode.badInput }
        print(text, terminator: "")
    }
}

/// `bijli workbook RUN... --out FILE.xlsx [--period P] [--all-rows]`: the report tables of one or
/// more runs as an Excel workbook, one sheet per table, the runs side by side (``Workbook``).
struct WorkbookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workbook",
        abstract: "Write the tables of one or more runs to an Excel workbook: one sheet per table, the runs side by side.",
        discussion: "Tables are shaped as by `bijli table` (display names, carrier groups and totals, zero rows left out unless "
            + "--all-rows). Runs are labelled by scenario, as in `bijli compare` (docs/REPORTS.md).")

    @Argument(help: "Run folders, in the order their columns appear.")
    var runs: [String]

    @Option(help: "The .xlsx file to write.")
    var out: String

    @Option(help: "Only this period's columns (or rows) in tables by period, e.g. 2030.")
    var period: Int?

    @Flag(name: .customLong("all-rows"), help: "Keep the rows whose numbers are all zero.")
    var allRows = false

    func validate() throws {
        guard !runs.isEmpty else { throw ValidationError("give at least one run folder") }
    }

    func run() throws {
        let loaded = try loadRuns(runs)
        let labels = ComparisonBuilder.labels(loaded.map { ($0.folder, $0.input.results) })
        let sheets: [ReportTable]
        do {
            sheets = try Workbook.sheets(zip(labels, loaded).map { ($0, ReportBuilder.build($1.input)) },
                                         shaping: TableShaping(period: period, allRows: allRows))
        } catch {
            printError("error: \(error)")
            throw ExitCode.badInput
        }
        do {
            try Workbook.xlsx(sheets).write(to: URL(fileURLWithPath: out), options: .atomic)
        } catch {
            printError("error: cannot write \(out): \(error.localizedDescription)")
            throw ExitCode.cannotWrite
        }
        print("workbook  \(out) (\(sheets.count) sheets: \(sheets.map(\.name).joined(separator: ", ")))")
    }
}
