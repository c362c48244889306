import ArgumentParser
import EnergyModel
import Foundation
import Reporting
import Workflows

/// `bijli compare RUN... --out DIR`: runs side by side, with deltas against the first.
struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Set runs side by side with differences against the first; writes compare.md, compare.html and tables.",
        discussion: "The output is a new folder <out>/<id>/ (never overwriting, `latest` link), as for runs. See docs/REPORTS.md.")

    @Argument(help: "Run folders; the first is the reference.")
    var runs: [String]

    @Option(help: "Where comparison folders go, e.g. Reports/compare.")
    var out: String

    func validate() throws {
        guard !runs.isEmpty else { throw ValidationError("give at least one run folder") }
    }

    func run() throws {
        let loaded = try loadRuns(runs).map { (folder: $0.folder, results: $0.input.results) }
        let labels = ComparisonBuilder.labels(loaded)
        let document = ComparisonBuilder.build(zip(labels, loaded).map { (label: $0, results: $1.results) })
        var files: [String: Data] = [:]
        for (name, data) in try ReportFiles.files(for: document) {
            files[name.hasPrefix("report.") ? "compare." + name.dropFirst("report.".count) : name] = data
        }
        let folder: URL
        do {
            folder = try RunFolder(parent: URL(fileURLWithPath: out)).write(files, runID: RunFolder.runID(for: Date()))
        } catch {
            printError("error: \(error)")
            throw ExitCode.cannotWrite
        }
        // As a what-if prints its differences: one line per period and subject.
        for (label, run) in zip(labels, loaded).dropFirst() {
            print("\(label) against \(labels[0]):")
            printDifferences(ComparisonBuilder.differences(run.results, from: loaded[0].results))
        }
        if loaded.count == 1, let finding = document.keyFindings.first { print(finding) }
        print("comparison  \(folder.appendingPathComponent("compare.html").path)")
    }
}

/// Differences as `run` (a what-if) and `compare` print them: the subject padded, then the changes.
func printDifferences(_ differences: [ComparisonBuilder.Difference]) {
    for line in differences { print("  " + line.subject.padding(toLength: 15, withPad: " ", startingAt: 0) + " " + line.changes) }
}

/// The run folders named on the command line, read (exit 2 at the first that is not a run).
func loadRuns(_ paths: [String]) throws(ExitCode) -> [(folder: URL, input: RunReportInput)] {
    var loaded: [(folder: URL, input: RunReportInput)] = []
    for path in paths {
        let folder = URL(fileURLWithPath: path)
        loaded.append((folder, try orExit { () throws(WorkflowError) in try RunReports.load(folder) }))
    }
    return loaded
}
