import EnergyModel
import Foundation

/// `run.json` of `bijli run`: the only file of a run folder with a date and timings, so that every
/// other file is identical for identical inputs.
public struct RunRecord: Sendable, Equatable, Codable {
    /// UTC time the run finished, ISO 8601.
    public var date: String
    /// The model (system) name.
    public var model: String
    /// The scenario name.
    public var scenario: String
    /// Bijli's version.
    public var bijliVersion: String
    /// The git commit of the working directory, where known.
    public var gitCommit: String?
    /// Seconds spent building the program.
    public var buildSeconds: Double
    /// Seconds spent in the solver.
    public var solveSeconds: Double
    /// The command line.
    public var arguments: [String]
    /// Seconds in the solver for each stage, in the order of results.json's `stages` (absent in
    /// records written before it was recorded).
    public var stageSeconds: [Double]?

    enum CodingKeys: String, CodingKey {
        case date, model, scenario, bijliVersion = "bijli_version", gitCommit = "git_commit", buildSeconds = "build_seconds"
        case solveSeconds = "solve_seconds", arguments, stageSeconds = "stage_seconds"
    }

    /// Creates a record.
    public init(date: String, model: String, scenario: String, bijliVersion: String, gitCommit: String?,
                buildSeconds: Double, solveSeconds: Double, arguments: [String], stageSeconds: [Double]? = nil) {
        self.stageSeconds = stageSeconds
        self.date = date
        self.model = model
        self.scenario = scenario
        self.bijliVersion = bijliVersion
        self.gitCommit = gitCommit
        self.buildSeconds = buildSeconds
        self.solveSeconds = solveSeconds
        self.arguments = arguments
    }

    /// Pretty-printed JSON with sorted keys.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}

/// Reads a finished run folder back for re-rendering and comparison.
public enum RunDirectory {
    /// Loads `results.json` and, when present, `hourly.csv`, `time_aggregation.json` and `run.json`.
    public static func load(_ folder: URL) throws(RunDirectoryError) -> RunReportInput {
        let resultsURL = folder.appendingPathComponent("results.json")
        guard let data = try? Data(contentsOf: resultsURL) else { throw .missing(resultsURL.path) }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let results: EnergyResults
        do { results = try decoder.decode(EnergyResults.self, from: data) } catch {
            throw .unreadable(resultsURL.path, ReadErrorText.describe(error))
        }
        var input = RunReportInput(results: results)
        let hourlyURL = folder.appendingPathComponent("hourly.csv")
        if let hourly = try? Data(contentsOf: hourlyURL) {
            switch Result(catching: { () throws(HourlyResultsError) in try HourlyResults.parse(csv: hourly, resolution: results.resolution) }) {
            case .success(let parsed): input.hourly = parsed
            case .failure(let error): throw .unreadable(hourlyURL.path, error.description)
            }
        }
        if let aggregation = try? Data(contentsOf: folder.appendingPathComponent("time_aggregation.json")) {
            input.aggregation = try? JSONDecoder().decode(AggregationReport.self, from: aggregation)
        }
        if let record = try? Data(contentsOf: folder.appendingPathComponent("run.json")),
           let run = try? JSONDecoder().decode(RunRecord.self, from: record) {
            input.scenario = run.scenario
            input.gitCommit = run.gitCommit
        }
        return input
    }
}

/// Why a run folder could not be read.
public enum RunDirectoryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A required file is missing.
    case missing(String)
    /// A file is there but cannot be decoded.
    case unreadable(String, String)

    /// A message for people.
    public var description: String {
        switch self {
        case .missing(let path): "\(path): missing; is this a run folder of `bijli run` (or a stress folder of `bijli stress`)?"
        case .unreadable(let path, let reason): "\(path): cannot be read: \(reason)"
        }
    }
}
