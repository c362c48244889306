import Foundation
import Testing

/// `bijli profiles` end to end: the committed Pakistan files are what the command writes today,
/// bad shape tables exit 2 with file:line:column, an unwritable folder exits 73.
@Suite struct ProfilesCommandTests {
    let scratch: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bijli-profiles-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    /// Runs the built `bijli` in the repository folder (so relative paths match the committed headers).
    func bijli(_ arguments: String...) throws -> CLITests.Run {
        let process = Process()
        process.executableURL = CLITests.binary
        process.arguments = arguments
        process.currentDirectoryURL = CLITests.repository
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLITests.Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                            stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// A file's lines without the `# written-by:` line (it names the output folder).
    func content(_ url: URL) throws -> [Substring] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("# written-by:") }
    }

    @Test func regeneratesTheCommittedPakistanFiles() throws {
        defer { try? FileManager.default.removeItem(at: scratch) }
        let run = try bijli("profiles", "--shapes", "Inputs/pakistan/shapes", "--out", scratch.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("127158.0 GWh (tables: 127158.0)"))
        for name in ["demand_profile.csv", "profiles.csv"] {
            let written = try content(scratch.appendingPathComponent(name))
            let committed = try content(CLITests.repository.appendingPathComponent("Inputs/pakistan").appendingPathComponent(name))
            #expect(written.count == committed.count)
            #expect(written == committed, "Inputs/pakistan/\(name) is stale: run bijli profiles --shapes Inputs/pakistan/shapes --out Inputs/pakistan")
        }
    }

    @Test func badShapeTablesExitTwoWithEveryProblem() throws {
        defer { try? FileManager.default.removeItem(at: scratch) }
        let shapes = scratch.appendingPathComponent("shapes")
        try FileManager.default.copyItem(at: CLITests.repository.appendingPathComponent("Inputs/pakistan/shapes"), to: shapes)
        let factors = shapes.appendingPathComponent("pk_monthly_capacity_factors.csv")
        var text = try String(contentsOf: factors, encoding: .utf8)
        text = text.replacingOccurrences(of: "bagasse,1,0.36,", with: "bagasse,1,36,")
        try text.write(to: factors, atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: shapes.appendingPathComponent("pk_solar_clear_sky_ASSUMPTION.csv"))
        let out = scratch.appendingPathComponent("out")
        let run = try bijli("profiles", "--shapes", shapes.path, "--out", out.path)
        #expect(run.status == 2)
        #expect(run.stderr.contains("pk_monthly_capacity_factors.csv:40:11: capacity factor of 'bagasse' must be in [0, 1], found 36.0"))
        #expect(run.stderr.contains("pk_solar_clear_sky_ASSUMPTION.csv: missing file"))
        #expect(run.stderr.contains("2 problems found"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test func unwritableOutputExits73() throws {
        defer { try? FileManager.default.removeItem(at: scratch) }
        let blocked = scratch.appendingPathComponent("blocked")
        try "not a folder".write(to: blocked, atomically: true, encoding: .utf8)
        let run = try bijli("profiles", "--shapes", "Inputs/pakistan/shapes", "--out", blocked.path)
        #expect(run.status == 73)
        #expect(run.stderr.hasPrefix("error: "))
    }
}
