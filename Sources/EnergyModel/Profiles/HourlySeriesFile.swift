import Foundation

/// A pure hourly time series file (`demand_profile.csv`, `profiles.csv`; docs/FORMATS.md):
/// `# key: value` metadata lines (at least `source` and `tag`), the header `hour,<column>,...`
/// and 8760 rows. Rendering is deterministic (fixed decimals, trailing zeros dropped).
public struct HourlySeriesFile: Sendable, Equatable {
    /// Metadata lines in order, e.g. `("source", "...")`, `("tag", "DERIVED")`. Values are one line each.
    public var metadata: [(key: String, value: String)]
    /// Column names after `hour`.
    public var columns: [String]
    /// One series per column, each of `hours` values.
    public var series: [[Double]]
    /// Decimals written (trailing zeros dropped).
    public var decimals: Int

    /// Creates a file.
    public init(metadata: [(key: String, value: String)], columns: [String], series: [[Double]], decimals: Int) {
        precondition(columns.count == series.count, "one series per column")
        precondition(Set(series.map(\.count)).count <= 1, "every series has the same length")
        self.metadata = metadata
        self.columns = columns
        self.series = series
        self.decimals = decimals
    }

    /// Compares metadata, columns, series and decimals.
    public static func == (lhs: HourlySeriesFile, rhs: HourlySeriesFile) -> Bool {
        lhs.metadata.map(\.key) == rhs.metadata.map(\.key) && lhs.metadata.map(\.value) == rhs.metadata.map(\.value)
            && lhs.columns == rhs.columns && lhs.series == rhs.series && lhs.decimals == rhs.decimals
    }

    /// The file's text.
    public var text: String {
        var lines: [String] = metadata.map { "# \($0.key): \($0.value.replacingOccurrences(of: "\n", with: " "))" }
        lines.append((["hour"] + columns).joined(separator: ","))
        let hours = series.first?.count ?? 0
        lines.reserveCapacity(lines.count + hours)
        for hour in 0..<hours {
            lines.append(([String(hour)] + series.map { Self.format($0[hour], decimals: decimals) }).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `value` with `decimals` decimals, trailing zeros (and a trailing point) dropped; `-0` is written `0`.
    public static func format(_ value: Double, decimals: Int) -> String {
        var text = String(format: "%.\(decimals)f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    /// Writes the files all-or-nothing: each text goes to a temporary file in its destination's
    /// folder, then every temporary file is renamed into place. A failure before the renames
    /// removes the temporary files and leaves the destinations untouched.
    /// - Throws: ``ProfileWriteError`` naming the path that could not be written.
    public static func write(_ files: [(text: String, url: URL)]) throws(ProfileWriteError) {
        var temporaries: [(temporary: String, destination: String)] = []
        func cleanUp() { for entry in temporaries { unlink(entry.temporary) } }
        for file in files {
            let folder = file.url.deletingLastPathComponent()
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                cleanUp()
                throw ProfileWriteError(path: folder.path, reason: "cannot create the folder")
            }
            let temporary = folder.appendingPathComponent(".\(file.url.lastPathComponent).\(getpid()).tmp").path
            guard FileManager.default.createFile(atPath: temporary, contents: Data(file.text.utf8)) else {
                cleanUp()
                throw ProfileWriteError(path: file.url.path, reason: "cannot write a temporary file in \(folder.path)")
            }
            temporaries.append((temporary, file.url.path))
        }
        for (index, entry) in temporaries.enumerated() where rename(entry.temporary, entry.destination) != 0 {
            for later in temporaries[index...] { unlink(later.temporary) }
            throw ProfileWriteError(path: entry.destination, reason: "cannot rename the temporary file into place")
        }
    }
}

/// An output file that could not be written (nothing half-written is left).
public struct ProfileWriteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The path that failed.
    public var path: String
    /// What failed.
    public var reason: String

    /// Creates the error.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// `path: reason`.
    public var description: String { "\(path): \(reason)" }
}
