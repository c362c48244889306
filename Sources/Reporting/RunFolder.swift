import Foundation

/// Writes one run's output folder atomically and never over an earlier run.
///
/// The files are written into a hidden temporary folder beside the destination, which is then
/// renamed to `<parent>/<run-id>` in one step: a reader sees either no folder or the whole
/// folder, and a failure leaves nothing but the earlier runs. If `<run-id>` exists already the
/// new run gets `<run-id>-2`, `-3` ... A `latest` symbolic link in `<parent>` is then pointed
/// at the new run (replaced atomically).
public struct RunFolder: Sendable {
    /// The folder that holds the runs, e.g. `Reports/<model>/<scenario>`.
    public var parent: URL

    /// Creates a writer for runs under `parent` (created when missing).
    public init(parent: URL) {
        self.parent = parent
    }

    /// A run identifier from a UTC time, e.g. `20261129T144512Z`: sortable and safe in paths.
    public static func runID(for date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: date)
    }

    /// The folder of a model's scenario under a reports root: `<root>/<model>/<scenario>`
    /// (docs/REPORTS.md), with `latest` pointing at its newest run.
    public static func scenario(root: URL, model: String, scenario: String) throws(RunFolderError) -> RunFolder {
        for name in [model, scenario] where !isSafeComponent(name) { throw .invalidName(name) }
        return RunFolder(parent: root.appendingPathComponent(model).appendingPathComponent(scenario))
    }

    /// A path component that is not empty, not hidden, not `latest`, without `/`.
    static func isSafeComponent(_ name: String) -> Bool {
        !name.isEmpty && !name.contains("/") && !name.hasPrefix(".") && name != "latest"
    }

    /// Writes `files` (relative path → contents; a path may hold sub-folders, e.g.
    /// `tables/capacity.csv`, but no empty or hidden component) as run `runID`; returns its URL.
    /// `beforeRename` runs once every file is staged, just before the folder is moved into place.
    public func write(_ files: [String: Data], runID: String,
                      beforeRename: () -> Void = {}) throws(RunFolderError) -> URL {
        let manager = FileManager.default
        for name in files.keys {
            let parts = name.split(separator: "/", omittingEmptySubsequences: false)
            if parts.contains(where: { $0.isEmpty || $0.hasPrefix(".") }) { throw .invalidName(name) }
        }
        guard Self.isSafeComponent(runID) else {
            throw .invalidName(runID)
        }
        do {
            try manager.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw .cannotWrite(parent.path, error.localizedDescription)
        }
        let staging = parent.appendingPathComponent(".\(runID).partial-\(UUID().uuidString)")
        defer { try? manager.removeItem(at: staging) }
        do {
            try manager.createDirectory(at: staging, withIntermediateDirectories: false)
            for name in files.keys.sorted() {
                let url = staging.appendingPathComponent(name)
                if name.contains("/") {
                    try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                }
                try files[name]!.write(to: url)
            }
        } catch {
            throw .cannotWrite(staging.path, error.localizedDescription)
        }
        beforeRename()

        for attempt in 1...1000 {
            let name = attempt == 1 ? runID : "\(runID)-\(attempt)"
            let destination = parent.appendingPathComponent(name)
            if renameNoReplace(staging.path, destination.path) {
                pointLatest(at: name)
                return destination
            }
            guard errno == EEXIST || errno == ENOTEMPTY else {
                throw .cannotWrite(destination.path, String(cString: strerror(errno)))
            }
        }
        throw .cannotWrite(parent.path, "more than 1000 runs named \(runID)")
    }

    /// Removes what an interrupted writer left in `parent`: hidden staging folders
    /// (`.<run id>.partial-…`) and temporary links (`.latest-…`); returns their names. Only for a
    /// caller that knows no other writer is active (e.g. one holding the scheduled-run lock).
    @discardableResult
    public func removeLeftovers() -> [String] {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: parent.path) else { return [] }
        var removed: [String] = []
        for name in names.sorted() where name.hasPrefix(".") && (name.contains(".partial-") || name.hasPrefix(".latest-")) {
            if (try? manager.removeItem(at: parent.appendingPathComponent(name))) != nil { removed.append(name) }
        }
        return removed
    }

    /// Moves `from` to `to` only if `to` does not exist: `mkdir` claims the name atomically
    /// (failing with EEXIST for an earlier run), then `rename` replaces the empty claimed folder.
    private func renameNoReplace(_ from: String, _ to: String) -> Bool {
        guard mkdir(to, 0o755) == 0 else { return false }
        if rename(from, to) == 0 { return true }
        let saved = errno
        rmdir(to)
        errno = saved
        return false
    }

    /// Points `<parent>/latest` at a run; a failure here leaves the run itself in place.
    private func pointLatest(at name: String) {
        let temporary = parent.appendingPathComponent(".latest-\(UUID().uuidString)").path
        guard symlink(name, temporary) == 0 else { return }
        if rename(temporary, parent.appendingPathComponent("latest").path) != 0 { unlink(temporary) }
    }
}

/// Why a run folder could not be written. Nothing partial is left behind.
public enum RunFolderError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A run name that is empty, hidden, `latest`, or contains `/`; a file path with an empty or hidden component.
    case invalidName(String)
    /// The folder could not be created or written.
    case cannotWrite(String, String)

    /// A message for people.
    public var description: String {
        switch self {
        case .invalidName(let name): "'\(name)' is not a valid run or file name (empty, hidden, 'latest', or contains '/')"
        case .cannotWrite(let path, let reason): "\(path): cannot write the run folder: \(reason). Earlier runs are untouched."
        }
    }
}
