import Foundation
import XCTest

/// A sharded stress sweep through a real Slurm (the one-node cluster of .ci/start-slurm): a 3-task
/// array job and its merge job, whose merged folder must equal one local run's. Skips itself, saying
/// why, without `sbatch` on PATH or a cluster that answers with a usable node.
final class SlurmTests: XCTestCase {
    /// How long the two jobs may take on a shared 2-core machine before the test gives up.
    static let timeout: TimeInterval = 240

    /// Runs a command of PATH; nil when it cannot be started.
    static func command(_ name: String, _ arguments: [String]) -> (status: Int32, output: String)? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [name] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        guard (try? process.run()) != nil else { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Why Slurm cannot be used here, or nil when it can.
    static func unavailable() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        guard path.split(separator: ":").contains(where: { FileManager.default.isExecutableFile(atPath: "\($0)/sbatch") }) else {
            return "no sbatch on PATH (install slurm-wlm and start a cluster: .ci/start-slurm)"
        }
        guard let info = command("sinfo", ["-h", "-o", "%T"]), info.status == 0 else {
            return "sinfo fails: the Slurm cluster does not answer (.ci/start-slurm starts one)"
        }
        let states = info.output.split(whereSeparator: \.isNewline).map(String.init)
        guard states.contains(where: { ["idle", "mixed", "allocated", "completing"].contains($0.trimmingCharacters(in: CharacterSet(charactersIn: "*~#$@+ "))) }) else {
            return "no usable Slurm node (sinfo states: \(states.joined(separator: ", ")))"
        }
        return nil
    }

    func testAThreeTaskArrayStressSweepAndItsMergeJobGiveTheLocalRun() throws {
        if let reason = Self.unavailable() { throw XCTSkip("Slurm test skipped: \(reason)") }
        let cli = CLITests()
        let sweep = try ShardedSweepCase(cli)
        let whole = try sweep.run(sweep.stress, out: cli.scratch.appendingPathComponent("whole"), status: 1)
        let job = cli.scratch.appendingPathComponent("slurm")
        let submit = try cli.bijli(["slurm", "--shards", "3", "--out", job.path, "--cpus-per-task", "1", "--time", "00:10:00",
                                    "--job-name", "bijli-test", "--submit", "--"] + sweep.stress)
        XCTAssertEqual(submit.status, 0, submit.stderr)
        // "array job 12 (3 shards), merge job 13"
        let line = try XCTUnwrap(submit.stdout.split(separator: "\n").first { $0.hasPrefix("array job ") }, submit.stdout)
        let ids = line.split(whereSeparator: { !$0.isNumber }).map(String.init)
        XCTAssertEqual(ids.count, 3, String(line))
        let array = ids[0], merge = ids[2]
        let deadline = Date().addingTimeInterval(Self.timeout)
        var queued = true
        while queued && Date() < deadline {
            Thread.sleep(forTimeInterval: 1)
            let queue = Self.command("squeue", ["-h", "-j", "\(array),\(merge)", "-o", "%i %T"])
            queued = !(queue?.output.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ?? true)
        }
        let logs = (try? FileManager.default.contentsOfDirectory(atPath: job.appendingPathComponent("logs").path))?.sorted().map { name in
            "--- \(name)\n" + ((try? String(contentsOf: job.appendingPathComponent("logs/\(name)"), encoding: .utf8)) ?? "")
        }.joined(separator: "\n") ?? "(no logs)"
        if queued {
            _ = Self.command("scancel", [array, merge])
            XCTFail("the jobs did not finish within \(Int(Self.timeout)) s; queue: \(Self.command("squeue", [])?.output ?? "")\n\(logs)")
            return
        }
        // The merge job exits 1 as the whole sweep does (one member is infeasible): Slurm says FAILED, with its output written.
        let state = Self.command("scontrol", ["show", "job", merge])?.output ?? ""
        XCTAssertTrue(state.contains("JobState=FAILED") && state.contains("ExitCode=1:0"), "merge job \(merge): \(state)\n\(logs)")
        let tasks = Self.command("scontrol", ["show", "job", array])?.output ?? ""
        XCTAssertEqual(tasks.components(separatedBy: "JobState=COMPLETED").count - 1, 3, "array job \(array): \(tasks)\n\(logs)")
        let merged = job.appendingPathComponent("merged/latest").resolvingSymlinksInPath()
        let a = try ShardedSweepCase.files(under: whole), b = try ShardedSweepCase.files(under: merged)
        XCTAssertTrue(a.keys.contains("stress.csv"))
        XCTAssertEqual(Set(a.keys), Set(b.keys), logs)
        for name in a.keys.sorted() { XCTAssertEqual(a[name], b[name], "\(name) differs between the Slurm merge and the local run") }
        // Three parts, one per array task.
        let parts = try FileManager.default.contentsOfDirectory(atPath: job.appendingPathComponent("parts").path).sorted()
        XCTAssertEqual(parts, ["1", "2", "3"])
    }
}
