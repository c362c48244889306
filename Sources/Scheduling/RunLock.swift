import Foundation
import Synchronization

/// An exclusive lock on a file (`flock(2)`), so two scheduled runs on the same output never
/// interleave. The kernel releases it when the process ends however it ends (even `kill -9`),
/// so a crashed run never leaves a stale lock behind. The file holds the holder's pid and start
/// time, for the message a refused run prints.
public final class RunLock: Sendable {
    /// The lock file.
    public let path: String
    /// The open lock file, or -1 once released.
    private let descriptor: Mutex<Int32>

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = Mutex(descriptor)
    }

    deinit { release() }

    /// Takes the lock; if another process holds it, waits up to `waitSeconds` (0: refuse at once).
    public static func acquire(_ url: URL, waitSeconds: Double = 0, startedAt: String) throws(RunLockError) -> RunLock {
        let path = url.path
        // A file where a folder of the path should be (`reports:` naming a file) is named as such,
        // not as a lock another run holds.
        var ancestor = url.deletingLastPathComponent()
        while ancestor.pathComponents.count > 1 {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: ancestor.path, isDirectory: &isFolder) {
                if !isFolder.boolValue { throw .cannotOpen(path, "\(ancestor.path) is a file, not a folder") }
                break
            }
            ancestor.deleteLastPathComponent()
        }
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw .cannotOpen(path, (error as NSError).localizedFailureReason ?? "cannot create its folder")
        }
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .cannotOpen(path, String(cString: strerror(errno))) }
        let deadline = Date().addingTimeInterval(max(0, waitSeconds))
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let reason = errno
            guard reason == EWOULDBLOCK || reason == EINTR else {
                close(fd)
                throw .cannotOpen(path, String(cString: strerror(reason)))
            }
            if Date() >= deadline {
                let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
                close(fd)
                throw .held(path, holder: holder?.isEmpty == false ? holder : nil, waitedSeconds: waitSeconds)
            }
            usleep(100_000)
        }
        let note = "pid \(getpid()) since \(startedAt)\n"
        _ = ftruncate(fd, 0)
        _ = note.withCString { pwrite(fd, $0, strlen($0), 0) }
        return RunLock(path: path, descriptor: fd)
    }

    /// Releases the lock (also done when the lock is deallocated or the process ends).
    public func release() {
        descriptor.withLock { descriptor in
            guard descriptor >= 0 else { return }
            _ = ftruncate(descriptor, 0)
            flock(descriptor, LOCK_UN)
            close(descriptor)
            descriptor = -1
        }
    }
}

/// Why the lock was not taken.
public enum RunLockError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Another run holds it.
    case held(String, holder: String?, waitedSeconds: Double)
    /// The lock file cannot be opened or created.
    case cannotOpen(String, String)

    /// A message for people.
    public var description: String {
        switch self {
        case .held(let path, let holder, let waited):
            "\(path): another scheduled run holds the lock" + (holder.map { " (\($0))" } ?? "")
                + (waited > 0 ? " and did not release it within \(Int(waited)) s" : "")
                + "; this run was refused and changed nothing. Retry later, or pass --wait SECONDS."
        case .cannotOpen(let path, let reason): "\(path): cannot open the lock file: \(reason)"
        }
    }
}
