import EnergyModel
import Foundation
import LinearProgramming
import Reporting
import Scenarios

/// Run-folder assembly: what a run writes besides its results (`hourly.csv`, `run.json`, the
/// rendered report), where run folders go, and how finished runs are read back for reports.
public enum RunReports {
    /// The scenario folder of a run without a scenario.
    public static let scenario = "base"

    /// `<out>/<model>/<scenario>` (names checked: not empty, hidden, `latest`, or with `/`).
    public static func folder(_ out: URL, model: String, scenario: String) throws(WorkflowError) -> RunFolder {
        switch Result(catching: { () throws(RunFolderError) in try RunFolder.scenario(root: out, model: model, scenario: scenario) }) {
        case .success(let folder): return folder
        case .failure(let error): throw .runFolder(error)
        }
    }

    /// Writes files into a new run folder under `parent` (never overwriting) named after `date`.
    public static func write(_ files: [String: Data], under parent: URL, date: Date = Date()) throws(WorkflowError) -> URL {
        switch Result(catching: { () throws(RunFolderError) in try RunFolder(parent: parent).write(files, runID: RunFolder.runID(for: date)) }) {
        case .success(let url): return url
        case .failure(let error): throw .runFolder(error)
        }
    }

    /// The files of a solved run: `results.json`, the CSV tables, `solver.log`, and with an
    /// aggregation `time_aggregation.json`.
    public static func resultFiles(_ optimization: Optimization, results: EnergyResults,
                                   aggregation: AggregationReport?) throws(WorkflowError) -> [String: Data] {
        var files = try tables(results)
        files.merge(try answerFiles(optimization, aggregation: aggregation)) { current, _ in current }
        return files
    }

    /// `results.json` and the CSV tables drawn from it.
    static func tables(_ results: EnergyResults) throws(WorkflowError) -> [String: Data] {
        try encoding {
            var files = results.csvTables()
            files["results.json"] = try results.json()
            return files
        }
    }

    /// The files of a run that results.json does not give: `solver.log` of the answer's solve and,
    /// with an aggregation, `time_aggregation.json`.
    /// The file of a run folder that keeps the cost-mode optimum for the what-ifs departing from it.
    public static let solutionFile = "solution.bin"

    static func answerFiles(_ optimization: Optimization, aggregation: AggregationReport?) throws(WorkflowError) -> [String: Data] {
        try encoding {
            var files = ["solver.log": Data(optimization.result.log.utf8)]
            if let aggregation { files["time_aggregation.json"] = try sortedEncoder.encode(aggregation) }
            // The optimum a what-if can start from (docs/FORMATS.md): cost mode, one stage.
            if case .cost = optimization.mode, optimization.result.status == .optimal, let solution = optimization.result.solution {
                files[solutionFile] = DepartedSolution.encode(solution)
            }
            return files
        }
    }

    /// The whole folder of a run: results.json and its tables, the answer's own files
    /// (``CaseWorkflow/answerFiles(_:system:aggregation:method:)``, `hourly.csv` among them), the
    /// report drawn from them, and run.json.
    static func runFolder(_ results: EnergyResults, answerFiles: [String: Data], aggregation: AggregationReport?, scenario: String, model: String,
                          buildSeconds: Double, solveSeconds: Double, stageSeconds: [Double], arguments: [String]) throws(WorkflowError) -> [String: Data] {
        var files = try tables(results)
        files.merge(answerFiles) { current, _ in current }
        files.merge(try self.files(results: results, hourlyCSV: answerFiles["hourly.csv"], aggregation: aggregation, scenario: scenario, model: model,
                                   buildSeconds: buildSeconds, solveSeconds: solveSeconds, stageSeconds: stageSeconds,
                                   arguments: arguments)) { current, _ in current }
        return files
    }

    /// The stress matrix of a sweep: `stress.json` and `stress.csv`.
    public static func stressFiles(_ rows: [StressTest.Row]) throws(WorkflowError) -> [String: Data] {
        try encoding { ["stress.json": try sortedEncoder.encode(rows), "stress.csv": Data(StressTest.csv(rows).utf8)] }
    }

    /// The whole folder of a stress run: the stress matrix and its rendered report.
    public static func stressFolder(_ rows: [StressTest.Row]) throws(WorkflowError) -> [String: Data] {
        var files = try encoding { try ReportFiles.files(for: StressReportBuilder.build(rows)) }
        files.merge(try stressFiles(rows)) { $1 }
        return files
    }

    /// The folder of a Monte Carlo run: `montecarlo.json` (summary, convergence, every sample)
    /// and `samples.csv`.
    public static func monteCarloFiles(_ outcomes: [MonteCarlo.Outcome], samples: Int, seed: UInt64, tolerance: Double) throws(WorkflowError) -> [String: Data] {
        let convergence = MonteCarlo.convergence(outcomes, tolerance: tolerance)
        let report = MonteCarloReport(samples: samples, seed: seed, tolerance: tolerance,
                                      relativeHalfWidth: convergence.relativeHalfWidth.isFinite ? convergence.relativeHalfWidth : nil,
                                      converged: convergence.met, summary: MonteCarlo.summarize(outcomes), outcomes: outcomes)
        return try encoding { ["montecarlo.json": try sortedEncoder.encode(report), "samples.csv": Data(MonteCarlo.csv(outcomes).utf8)] }
    }

    /// `hourly.csv`, `run.json` and the rendered report of a run; `arguments` are recorded in `run.json`.
    /// `customize` may change the report document before it is rendered (`bijli scheduled` adds sections).
    public static func files(_ optimization: Optimization, results: EnergyResults, aggregation: AggregationReport?, scenario: String,
                             buildSeconds: Double, solveSeconds: Double, arguments: [String],
                             customize: (inout ReportDocument) -> Void = { _ in }) throws(WorkflowError) -> [String: Data] {
        try files(results: results, hourlyCSV: HourlyResults(optimization)?.csv(), aggregation: aggregation, scenario: scenario,
                  model: optimization.lp.system.name, buildSeconds: buildSeconds, solveSeconds: solveSeconds,
                  stageSeconds: optimization.stages.map(\.seconds), arguments: arguments, customize: customize)
    }

    /// ``files(_:results:aggregation:scenario:buildSeconds:solveSeconds:arguments:customize:)`` from
    /// the answer's `hourly.csv` as written (a merged Pareto run has no optimisation in memory).
    static func files(results: EnergyResults, hourlyCSV: Data?, aggregation: AggregationReport?, scenario: String, model: String,
                      buildSeconds: Double, solveSeconds: Double, stageSeconds: [Double], arguments: [String],
                      customize: (inout ReportDocument) -> Void = { _ in }) throws(WorkflowError) -> [String: Data] {
        // The report is drawn from hourly.csv as written (12 significant digits), so that
        // `bijli report` on the folder later renders the same bytes.
        let hourly = hourlyCSV.flatMap { try? HourlyResults.parse(csv: $0, resolution: results.resolution) }
        let commit = gitCommit()
        var document = ReportBuilder.build(RunReportInput(
            results: results, hourly: hourly, aggregation: aggregation, scenario: scenario, gitCommit: commit))
        customize(&document)
        let finished = document
        return try encoding {
            var files = try ReportFiles.files(for: finished)
            if let hourlyCSV { files["hourly.csv"] = hourlyCSV }
            let formatter = ISO8601DateFormatter()
            formatter.timeZone = TimeZone(identifier: "UTC")
            files["run.json"] = try RunRecord(date: formatter.string(from: Date()), model: model, scenario: scenario,
                                              bijliVersion: BijliVersion.current, gitCommit: commit, buildSeconds: buildSeconds,
                                              solveSeconds: solveSeconds, arguments: arguments, stageSeconds: stageSeconds).json()
            return files
        }
    }

    /// The commit of the git repository around the working directory, if `git` can say, marked
    /// when tracked files have uncommitted changes.
    public static func gitCommit() -> String? {
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

    /// The report of a run folder (`results.json`) or of a stress folder (`stress.json`).
    public static func document(_ folder: URL) throws(WorkflowError) -> ReportDocument {
        let hasResults = FileManager.default.fileExists(atPath: folder.appendingPathComponent("results.json").path)
        if !hasResults {
            switch Result(catching: { () throws(RunDirectoryError) in try StressReportBuilder.load(folder) }) {
            case .success(let rows?): return StressReportBuilder.build(rows)
            case .success(nil): break
            case .failure(let error): throw .runDirectory(error)
            }
        }
        return ReportBuilder.build(try load(folder))
    }

    /// Reads a run folder.
    public static func load(_ folder: URL) throws(WorkflowError) -> RunReportInput {
        switch Result(catching: { () throws(RunDirectoryError) in try RunDirectory.load(folder) }) {
        case .success(let input): return input
        case .failure(let error): throw .runDirectory(error)
        }
    }

    /// Writes each file beside its destination and renames it into place.
    public static func replace(_ files: [String: Data], in folder: URL) throws(WorkflowError) {
        let manager = FileManager.default
        do {
            for name in files.keys.sorted() {
                let url = folder.appendingPathComponent(name)
                try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try files[name, default: Data()].write(to: url, options: .atomic)
            }
        } catch {
            throw .cannotWrite("\(folder.path): cannot write the report: \(error.localizedDescription)")
        }
    }

    /// Pretty-printed JSON with sorted keys.
    public static var sortedEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return encoder
    }

    /// Runs an encoding step; a failure is a ``WorkflowError/encoding(_:)``.
    static func encoding<T>(_ body: () throws -> T) throws(WorkflowError) -> T {
        do {
            return try body()
        } catch {
            throw .encoding(String(describing: error))
        }
    }
}

/// What montecarlo.json holds.
public struct MonteCarloReport: Codable, Sendable {
    /// Samples drawn.
    public var samples: Int
    /// Their seed.
    public var seed: UInt64
    /// The convergence criterion.
    public var tolerance: Double
    /// The 95 % half-width of expected unserved energy over its mean (nil when not finite).
    public var relativeHalfWidth: Double?
    /// Whether the criterion is met.
    public var converged: Bool
    /// Per period and metric.
    public var summary: [MonteCarlo.Summary]
    /// Every sample's outcome.
    public var outcomes: [MonteCarlo.Outcome]

    enum CodingKeys: String, CodingKey {
        case samples, seed, tolerance, relativeHalfWidth = "relative_half_width", converged, summary, outcomes
    }
}
