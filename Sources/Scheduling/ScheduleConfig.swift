import EnergyModel
import Foundation
import Yams

/// The configuration of `bijli scheduled` (docs/SCHEDULING.md): what to run and where its
/// reports, archive, log and lock live. Relative paths are relative to the configuration file's
/// folder, so a configuration works from any working directory (cron starts in `$HOME`).
public struct ScheduleConfig: Sendable, Equatable {
    /// The model folder.
    public var model: URL
    /// The inputs folder.
    public var inputs: URL
    /// The tariff folder (the newest file effective on the run date is applied) or one tariff
    /// file; `nil`: `<inputs>/tariffs/` when it exists, else `fuel_prices.csv` alone.
    public var tariffs: URL?
    /// The reports root: runs go to `<reports>/<model>/scheduled/<run id>`, with `latest`.
    public var reports: URL
    /// The run archive (SQLite).
    public var archive: URL
    /// The JSON-lines log, one line per event.
    public var log: URL
    /// The lock file (default `<reports>/.bijli-scheduled.lock`).
    public var lock: URL
    /// Disruption scenarios of the stress sweep: ids of `<inputs>/scenarios/`, or `all`, or empty for none.
    public var scenarios: [String]
    /// The time resolution of the plan and the sweep (`repdays:N` or `hourly`).
    public var resolution: Resolution
    /// The periods to plan, or `nil` for every period of the case.
    public var periods: [Int]?
    /// The seed of representative-day selection.
    public var seed: UInt64
    /// The solver's time limit per solve, seconds.
    public var timeLimitSeconds: Double

    /// Creates a configuration (paths as they are; ``read(_:)`` resolves them against the file's folder).
    public init(model: URL, inputs: URL, tariffs: URL? = nil, reports: URL, archive: URL, log: URL, lock: URL? = nil,
                scenarios: [String] = ["all"], resolution: Resolution = .representativeDays(24), periods: [Int]? = nil,
                seed: UInt64 = 0, timeLimitSeconds: Double = 1800) {
        self.model = model
        self.inputs = inputs
        self.tariffs = tariffs
        self.reports = reports
        self.archive = archive
        self.log = log
        self.lock = lock ?? reports.appendingPathComponent(".bijli-scheduled.lock")
        self.scenarios = scenarios
        self.resolution = resolution
        self.periods = periods
        self.seed = seed
        self.timeLimitSeconds = timeLimitSeconds
    }

    /// The keys a configuration may have.
    public static let keys = ["model", "inputs", "tariffs", "reports", "archive", "log", "lock", "scenarios",
                              "resolution", "periods", "seed", "time_limit_seconds"]

    /// Reads a configuration; every problem is collected (file:line:column; did you mean).
    public static func read(_ url: URL) throws(CaseLoadError) -> ScheduleConfig {
        let log = IssueLog()
        let folder = url.deletingLastPathComponent()
        guard let text = TextFile.read(url.lastPathComponent, in: folder, required: true, log: log) else {
            throw CaseLoadError(issues: log.issues)
        }
        let yaml = YAMLFile(path: url.path, name: url.lastPathComponent, log: log)
        guard let root = yaml.parse(text), let top = yaml.mapping(root, "the schedule configuration") else {
            throw CaseLoadError(issues: log.issues)
        }
        yaml.checkKeys(top, at: root, allowed: keys, required: ["model", "inputs", "reports", "archive", "log"],
                       context: "the schedule configuration")
        func path(_ key: String) -> URL? {
            guard let value = yaml.string(top, key) else { return nil }
            if value.isEmpty {
                yaml.issue(top[key], "'\(key)' is empty", suggestion: "give a path (relative to \(url.lastPathComponent)'s folder)")
                return nil
            }
            let expanded = (value as NSString).expandingTildeInPath
            return expanded.hasPrefix("/") ? URL(fileURLWithPath: expanded).standardizedFileURL
                : folder.appendingPathComponent(expanded).standardizedFileURL
        }
        let model = path("model"), inputs = path("inputs"), reports = path("reports"), archive = path("archive"), logFile = path("log")
        var scenarios = ["all"]
        if let node = top["scenarios"] {
            if let scalar = node.scalar?.string {
                scenarios = scalar == "none" || scalar.isEmpty ? [] : [scalar]
            } else if let list = yaml.strings(top, "scenarios") {
                scenarios = list
            }
        }
        let resolutionText = yaml.string(top, "resolution") ?? "repdays:24"
        let resolution = Resolution(parsing: resolutionText)
        if resolution == nil {
            yaml.issue(top["resolution"], "'resolution' must be \(Resolution.rule), found '\(resolutionText)'")
        }
        var periods: [Int]?
        if let node = top["periods"], let items = yaml.sequence(node, "'periods'") {
            periods = items.compactMap { item in
                guard let year = item.int else {
                    yaml.issue(item, "'periods' must list years, found '\(item.scalar?.string ?? "?")'")
                    return nil
                }
                return year
            }
        }
        var seed: UInt64 = 0
        if let value = yaml.int(top, "seed") {
            if value >= 0 { seed = UInt64(value) } else { yaml.issue(top["seed"], "'seed' must be 0 or more, found \(value)") }
        }
        var timeLimit = 1800.0
        if let value = yaml.double(top, "time_limit_seconds") {
            if value > 0 { timeLimit = value } else { yaml.issue(top["time_limit_seconds"], "'time_limit_seconds' must be positive") }
        }
        // Read before the check below, so a malformed `tariffs` or `lock` is an error (file:line:column), not a default.
        let tariffs = path("tariffs"), lock = path("lock")
        guard log.isEmpty, let model, let inputs, let reports, let archive, let logFile, let resolution else {
            throw CaseLoadError(issues: log.issues)
        }
        return ScheduleConfig(
            model: model, inputs: inputs, tariffs: tariffs, reports: reports,
            archive: archive, log: logFile, lock: lock,
            scenarios: scenarios, resolution: resolution, periods: periods, seed: seed, timeLimitSeconds: timeLimit)
    }
}
