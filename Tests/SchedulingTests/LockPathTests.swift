import Foundation
import Testing
@testable import Scheduling

/// Issue 19: `reports:` naming a file exited 75, "another run holds the lock".
@Suite struct LockPathTests {
    @Test func aFileWhereTheReportsFolderShouldBeIsNotAHeldLock() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bijli-reports-\(UUID().uuidString)")
        try "not a folder".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let lock = file.appendingPathComponent(".bijli-scheduled.lock")
        do {
            _ = try RunLock.acquire(lock, startedAt: "now")
            Issue.record("the lock was taken")
        } catch {
            guard case .cannotOpen(let path, let reason) = error else { Issue.record("\(error)"); return }
            #expect(path == lock.path)
            #expect(reason == "\(file.path) is a file, not a folder")
            #expect(ScheduledRunError.lockHeld(error).exitCode == 73)
        }
        #expect(ScheduledRunError.lockHeld(.held("x", holder: nil, waitedSeconds: 0)).exitCode == 75)
    }
}
