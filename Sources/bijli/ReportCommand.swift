import ArgumentParser
import EnergyModel
import Foundation
import Reporting

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
        let files = try ReportFiles.files(for: try RunReports.document(folder))
        do {
            try RunReports.replace(files, in: folder)
        } catch {
            printError("error: \(folder.path): cannot write the report: \(error.localizedDescription)")
            throw ExitCode.cannotWrite
        }
        print("report      \(folder.appendingPathComponent("report.html").path)")
        print("            \(folder.appendingPathComponent("report.md").path)")
    }
}

/// What `bijli run` adds to its run folder for reports, and how the report commands read runs back.
enum RunReports {
    /// The scenario folder of `bijli run` without `--scenario`.
    static let scenario = "base"

    /// `<out>/<model>/<scenario>` (names checked: not empty, hidden, `latest`, or with `/`; else exit 73).
    static func folder(_ out: String, model: String, scenario: String) throws -> String {
        switch Result(catching: { () throws(RunFolderError) in try RunFolder.scenario(root: URL(fileURLWithPath: out), model: model, scenario: scenario) }) {
        case .success(let folder): return folder.parent.path
        case .failure(let error):
            printError("error: \(error)")
            throw ExitCode.cannotWrite
        }
    }

    /// `hourly.csv`, `run.json` and the rendered report of a run.
    /// `customize` may change the report document before it is rendered (`bijli scheduled` adds sections).
    static func files(_ optimization: Optimization, results: EnergyResults, aggregation: AggregationReport?, scenario: String,
                      buildSeconds: Double, solveSeconds: Double,
                      customize: (inout ReportDocument) -> Void = { _ in }) throws -> [String: Data] {
        // The report is drawn from hourly.csv as written (12 significant digits), so that
        // `bijli report` on the folder later renders the same bytes.
        let hourlyCSV = HourlyResults(optimization)?.csv()
        let hourly = hourlyCSV.flatMap { try? HourlyResults.parse(csv: $0, resolution: results.resolution) }
        let commit = gitCommit()
        var document = ReportBuilder.build(RunReportInput(
            results: results, hourly: hourly, aggregation: aggregation, scenario: scenario, gitCommit: commit))
        customize(&document)
        var files = try ReportFiles.files(for: document)
        if let hourlyCSV { files["hourly.csv"] = hourlyCSV }
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        files["run.json"] = try Reporting.RunRecord(date: formatter.string(from: Date()), model: optimization.lp.system.name, scenario: scenario,
                                          bijliVersion: Bijli.version, gitCommit: commit, buildSeconds: buildSeconds,
                                          solveSeconds: solveSeconds, arguments: Array(CommandLine.arguments.dropFirst())).json()
        return files
    }

    /// The commit of the git repository around the working directory, if `git` can say, marked
    /// when tracked files have uncommitted changes.
    static func gitCommit() -> String? {
        guard let commit = git(["rev-parse", "HEAD"]), commit.count == 40 else { return nil }
        let dirty = git(["status", "--porcelain", "--untracked-files=no"]).map { !$0.isEmpty } ?? false
        return dirty ? commit + " (with uncommitted changes)" : commit
    }

    /// The trimmed standard output of a git command, or nil when it fails.
    private static func git(_ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The report of a run folder (`results.json`) or of a stress folder (`stress.json`); exit 2 if neither reads.
    static func document(_ folder: URL) throws -> ReportDocument {
        let hasResults = FileManager.default.fileExists(atPath: folder.appendingPathComponent("results.json").path)
        if !hasResults {
            switch Result(catching: { () throws(RunDirectoryError) in try StressReportBuilder.load(folder) }) {
            case .success(let rows?): return StressReportBuilder.build(rows)
            case .success(nil): break
            case .failure(let error):
                printError("error: \(error)")
                throw ExitCode.badInput
            }
        }
        return ReportBuilder.build(try load(folder))
    }

    /// Reads a run folder, mapping failures to exit code 2.
    static func load(_ folder: URL) throws -> RunReportInput {
        switch Result(catching: { () throws(RunDirectoryError) in try RunDirectory.load(folder) }) {
        case .success(let input): return input
        case .failure(let error):
            printError("error: \(error)")
            throw ExitCode.badInput
        }
    }

    /// Writes each file beside its destination and renames it into place.
    static func replace(_ files: [String: Data], in folder: URL) throws {
        let manager = FileManager.default
        for name in files.keys.sorted() {
            let url = folder.appendingPathComponent(name)
            try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try files[name]!.write(to: url, options: .atomic)
        }
    }
}
