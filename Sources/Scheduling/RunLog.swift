import Foundation

/// The JSON-lines log of scheduled runs: one object per line and event, appended with one
/// `write(2)` on a file opened `O_APPEND` and flushed to disk, so lines of concurrent writers
/// never interleave and a crash loses at most the line being written.
public struct RunLog: Sendable {
    /// The log file.
    public let url: URL

    /// A log at `url` (created with its folder on the first line).
    public init(url: URL) {
        self.url = url
    }

    /// One line of the log.
    public struct Event: Sendable, Equatable, Codable {
        /// UTC time, ISO 8601.
        public var time: String
        /// The run identifier.
        public var runID: String
        /// `started`, `stage`, `succeeded`, `failed`, `refused` or `terminated`.
        public var event: String
        /// The stage (`lock`, `validate`, `plan`, `stress`, `changes`, `report`, `archive`), where one applies.
        public var stage: String?
        /// A human-readable message (errors in full).
        public var message: String?
        /// The process exit code, on the last line of a run.
        public var exitCode: Int?
        /// The report folder, once written.
        public var report: String?
        /// Seconds since the run started.
        public var seconds: Double?

        enum CodingKeys: String, CodingKey {
            case time, runID = "run_id", event, stage, message, exitCode = "exit_code", report, seconds
        }

        /// Creates an event.
        public init(time: String, runID: String, event: String, stage: String? = nil, message: String? = nil,
                    exitCode: Int? = nil, report: String? = nil, seconds: Double? = nil) {
            self.time = time
            self.runID = runID
            self.event = event
            self.stage = stage
            self.message = message
            self.exitCode = exitCode
            self.report = report
            self.seconds = seconds
        }
    }

    /// Appends an event; returns false (never throws) if the log cannot be written, so a full
    /// disk never turns a good run into a crash; the caller reports it on standard error.
    @discardableResult
    public func append(_ event: Event) -> Bool {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard var line = try? encoder.encode(event) else { return false }
        line.append(0x0A)
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let fd = open(url.path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        let written = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        fsync(fd)
        return written == line.count
    }

    /// Every event of the log, oldest first; lines that do not decode (e.g. cut by a crash) are skipped.
    public func events() -> [Event] {
        guard let data = try? Data(contentsOf: url) else { return [] }
        let decoder = JSONDecoder()
        return data.split(separator: 0x0A).compactMap { try? decoder.decode(Event.self, from: Data($0)) }
    }
}
