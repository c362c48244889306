import Foundation
import Testing

/// End-to-end runs of the built `bijli` executable: output, JSON shape and exit codes (docs/CLI.md).
@Suite struct CLITests {
    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static let binary: URL = {
        // SwiftPM puts the test bundle beside the products (.build/<configuration>/).
        var directory = Bundle.main.bundleURL
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("bijli").path),
              directory.pathComponents.count > 1 {
            directory.deleteLastPathComponent()
        }
        return directory.appendingPathComponent("bijli")
    }()

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let example = repository.appendingPathComponent("Inputs/examples/glpk-manual.lp").path

    let scratch: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bijli-cli-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    func bijli(_ arguments: String...) throws -> Run {
        try bijli(arguments)
    }

    /// Runs bijli; with `environment`, those variables are added to (or, empty, replace the
    /// shard variables of) this process's environment.
    func bijli(_ arguments: [String], in directory: URL? = nil, environment: [String: String]? = nil) throws -> Run {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if let environment {
            var merged = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("SLURM_ARRAY") && $0.key != "JOB_COMPLETION_INDEX" && $0.key != "BIJLI_SHARD_COUNT" }
            merged.merge(environment) { $1 }
            process.environment = merged
        }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                   stderr: String(decoding: stderr, as: UTF8.self))
    }

    func file(_ name: String, _ text: String) -> String {
        let path = scratch.appendingPathComponent(name).path
        try! text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func versionNamesBijliGLPKAndLAPACK() throws {
        let run = try bijli("--version")
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("bijli "))
        #expect(lines[1] == "GLPK 5.0")
        #expect(lines[2].hasPrefix("LAPACK 3."))
    }

    @Test func solvesTheManualExample() throws {
        let run = try bijli("lp", "solve", Self.example)
        #expect(run.status == 0)
        #expect(run.stdout.contains("status      optimal"))
        #expect(run.stdout.contains("objective   733.333333333"))
        #expect(run.stdout.contains("3 rows, 3 variables, 9 non-zeros"))
    }

    @Test(arguments: ["simplex", "dual", "interior"])
    func jsonCarriesTheOptimum(_ method: String) throws {
        let run = try bijli("lp", "solve", Self.example, "--format", "json", "--method", method, "--values")
        #expect(run.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(json["status"] as? String == "optimal")
        #expect(json["schema_version"] as? Int == 1)
        let objective = try #require(json["objective"] as? Double)
        #expect(abs(objective - 2200.0 / 3.0) < 1e-6 * 2200.0 / 3.0)
        let solution = try #require(json["solution"] as? [String: Any])
        let rows = try #require(solution["rows"] as? [[String: Any]])
        #expect(rows.map { $0["name"] as? String } == ["p", "q", "r"])
        #expect((json["iterations"] as? Int ?? 0) > 0)
    }

    @Test func infeasibleExitsWith3() throws {
        let path = file("inf.lp", "Minimize\n obj: x\nSubject To\n a: x >= 5\n b: x <= 3\nEnd\n")
        let run = try bijli("lp", "solve", path)
        #expect(run.status == 3)
        #expect(run.stdout.contains("infeasible"))
    }

    @Test func unboundedExitsWith4() throws {
        let path = file("unb.lp", "Maximize\n obj: x + y\nSubject To\n a: x - y <= 1\nEnd\n")
        #expect(try bijli("lp", "solve", path).status == 4)
        #expect(try bijli("lp", "solve", path, "--method", "interior").status == 4)
    }

    @Test func iterationLimitExitsWith5() throws {
        #expect(try bijli("lp", "solve", Self.example, "--no-presolve", "--iteration-limit", "1").status == 5)
    }

    @Test func malformedFileExitsWith2AndNamesTheLine() throws {
        let path = file("bad.lp", "Minimize\n obj: x\nSubject To\n a: x >= = 5\nEnd\n")
        let run = try bijli("lp", "solve", path)
        #expect(run.status == 2)
        #expect(run.stderr.contains("\(path):4:"))
    }

    @Test func missingFileExitsWith2() throws {
        let run = try bijli("lp", "solve", scratch.appendingPathComponent("nope.lp").path)
        #expect(run.status == 2)
        #expect(run.stderr.contains("no such file"))
    }

    @Test func badOptionIsAUsageError() throws {
        #expect(try bijli("lp", "solve", Self.example, "--time-limit", "-1").status == 64)
        #expect(try bijli("lp", "solve", Self.example, "--method", "barrier").status == 64)
    }

    @Test func convertRoundTripsAndRefusesToOverwrite() throws {
        let mps = scratch.appendingPathComponent("m.mps").path
        #expect(try bijli("lp", "convert", Self.example, mps).status == 0)
        let run = try bijli("lp", "solve", mps)
        #expect(run.status == 0)
        #expect(run.stdout.contains("objective   733.333333333"))
        #expect(try bijli("lp", "convert", Self.example, mps).status == 73)
        #expect(try bijli("lp", "convert", Self.example, mps, "--force").status == 0)
    }

    @Test func reportDirWritesRunFoldersThatAreNeverOverwritten() throws {
        let root = scratch.appendingPathComponent("Reports").path
        let first = try bijli("lp", "solve", Self.example, "--report-dir", root)
        let second = try bijli("lp", "solve", Self.example, "--report-dir", root)
        #expect(first.status == 0 && second.status == 0)
        let parent = scratch.appendingPathComponent("Reports/lp/glpk-manual")
        let runs = try FileManager.default.contentsOfDirectory(atPath: parent.path).filter { $0 != "latest" }.sorted()
        #expect(runs.count == 2)
        for run in runs {
            let files = try FileManager.default.contentsOfDirectory(atPath: parent.appendingPathComponent(run).path).sorted()
            #expect(files == ["result.json", "result.txt", "run.json", "solver.log"])
        }
        // Same input, same result bytes: timings live only in run.json.
        let a = FileManager.default.contents(atPath: parent.appendingPathComponent("\(runs[0])/result.json").path)
        let b = FileManager.default.contents(atPath: parent.appendingPathComponent("\(runs[1])/result.json").path)
        #expect(a != nil && a == b)
    }
}
