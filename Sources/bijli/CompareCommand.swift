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
        for finding in document.keyFindings { print(finding) }
        print("comparison  \(folder.appendingPathComponent("compare.html").path)")
    }
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
