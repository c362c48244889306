import Crypto
import Foundation

/// SHA-256 digests of input files, for provenance and for "what changed" between runs.
public enum InputDigest {
    /// The hex SHA-256 of a file's bytes, or `nil` if it cannot be read.
    public static func sha256(of url: URL) -> String? {
        guard let data = try? Data(contentsOf: url) else { return nil }
        return SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    /// Digests of every regular file under the given folders, keyed by `<folder name>/<relative
    /// path>`, in sorted order. Hidden files are skipped.
    public static func digests(of folders: [URL]) -> [String: String] {
        digests(of: folders.map { ($0.standardizedFileURL.lastPathComponent, $0) })
    }

    /// Digests of every regular file under the given folders, keyed by `<label>/<relative path>`
    /// (e.g. `model/…` and `inputs/…`, which stay apart when both folders have the same name).
    public static func digests(of folders: [(label: String, url: URL)]) -> [String: String] {
        var result: [String: String] = [:]
        for (label, folder) in folders {
            let base = folder.standardizedFileURL
            guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey],
                                                              options: [.skipsHiddenFiles]) else { continue }
            for case let url as URL in walker {
                guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
                let relative = url.standardizedFileURL.path.replacingOccurrences(of: base.path + "/", with: "")
                if let digest = sha256(of: url) { result[label + "/" + relative] = digest }
            }
        }
        return result
    }
}
