import ArgumentParser
import Foundation
import Reporting
import Workflows

/// `bijli report --run DIR`: render a finished run's report again from its results (or a stress
/// folder's report from its `stress.json`).
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render a finished run's report (report.md, report.html, report.tex, figures/, tables/) from its results.",
        discussion: "Results files are never touched; the report files are replaced one by one, atomically. See docs/REPORTS.md.")

    @Option(name: .customLong("run"), help: "The run folder, e.g. Reports/pakistan/base/latest.")
    var runFolder: String

    func run() throws {
        let folder = URL(fileURLWithPath: runFolder)
        let files = try ReportFiles.files(for: try orExit { () throws(WorkflowError) in try RunReports.document(folder) })
        try orExit { () throws(WorkflowError) in try RunReports.replace(files, in: folder) }
        print("report      \(folder.appendingPathComponent("report.html").path)")
        print("            \(folder.appendingPathComponent("report.md").path)")
    }
}

/// The `--format` choices of a table (`bijli table`, `bijli history`).
enum TableFormat: String, ExpressibleByArgument, CaseIterable {
    case md, markdown, csv, latex, tex
}
