import Foundation
import Testing

/// End-to-end `bijli run --pypsa`, `bijli import-pypsa` and `bijli export-pypsa` (docs/PYPSA.md).
@Suite struct PyPSACommandTests {
    static let fixtures = CLITests.repository.appendingPathComponent("Tests/InteropTests/Fixtures/pypsa")
    let cli = CLITests()

    func network(_ name: String) -> String { Self.fixtures.appendingPathComponent(name).appendingPathComponent("network").path }

    /// The total cost PyPSA's fixture stores.
    func expectedTotal(_ name: String) throws -> Double {
        let data = try Data(contentsOf: Self.fixtures.appendingPathComponent(name).appendingPathComponent("expected.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try #require(json["total_cost"] as? Double)
    }

    /// `objective_usd` of the latest run of a case.
    func objective(_ out: URL, _ name: String) throws -> Double {
        let data = try Data(contentsOf: out.appendingPathComponent("\(name)/base/latest/results.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try #require(json["objective_usd"] as? Double)
    }

    @Test func runPyPSAMatchesPyPSAsObjective() throws {
        let out = cli.scratch.appendingPathComponent("runs")
        let run = try cli.bijli("run", "--pypsa", network("two_buses_link"), "--out", out.path, "--quiet")
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let expected = try expectedTotal("two_buses_link")
        #expect(abs(try objective(out, "two_buses_link") - expected) <= 1e-6 * expected)
    }

    @Test func anOlderReleasesFolderRunsAndItsIgnoredColumnsAreListed() throws {
        // Written by pypsa 0.25.2: dated snapshots, a bus's `country`, an availability of 0.0008.
        let imported = try cli.bijli("import-pypsa", network("dated_layout_pypsa025"), "--out", cli.scratch.appendingPathComponent("converted").path)
        #expect(imported.status == 0, "stderr: \(imported.stderr)")
        // v_nom is read: the network has a line, whose per-unit reactance is x / v_nom².
        #expect(imported.stderr.contains("note: buses.csv: ignored 'x', 'y', 'unit', 'country' (not a pypsa 1.4.0 attribute)"), "\(imported.stderr)")
        let out = cli.scratch.appendingPathComponent("runs")
        let run = try cli.bijli("run", "--pypsa", network("dated_layout_pypsa025"), "--out", out.path, "--quiet")
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let expected = try expectedTotal("dated_layout_pypsa025")
        #expect(abs(try objective(out, "dated_layout") - expected) <= 1e-6 * expected)
    }

    @Test func importedFilesRunLikeTheNetwork() throws {
        let converted = cli.scratch.appendingPathComponent("converted")
        let imported = try cli.bijli("import-pypsa", network("cyclic_storage"), "--out", converted.path)
        #expect(imported.status == 0, "stderr: \(imported.stderr)")
        #expect(imported.stdout.contains("Models/cyclic_storage"))
        let model = converted.appendingPathComponent("Models/cyclic_storage").path
        let inputs = converted.appendingPathComponent("Inputs/cyclic_storage").path
        #expect(try cli.bijli("validate", "--model", model, "--inputs", inputs).status == 0)
        let out = cli.scratch.appendingPathComponent("runs")
        let run = try cli.bijli("run", "--model", model, "--inputs", inputs, "--out", out.path, "--quiet")
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let expected = try expectedTotal("cyclic_storage")
        #expect(abs(try objective(out, "cyclic_storage") - expected) <= 1e-6 * expected)
        // The case's snapshots replace --resolution; asking for another is an error.
        let clash = try cli.bijli("run", "--model", model, "--inputs", inputs, "--resolution", "hourly", "--out", out.path, "--quiet")
        #expect(clash.status == 2)
        #expect(clash.stderr.contains("has its own snapshots"))
    }

    @Test func anUnsupportedAttributeExits2WithItsName() throws {
        let folder = cli.scratch.appendingPathComponent("net")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: network("merit_order")), to: folder)
        try "name,bus,p_nom,marginal_cost,committable\ncoal,town,100,30,True\n"
            .write(to: folder.appendingPathComponent("generators.csv"), atomically: true, encoding: .utf8)
        for arguments in [["run", "--pypsa", folder.path, "--out", cli.scratch.path], ["import-pypsa", folder.path, "--out", cli.scratch.path]] {
            let run = try cli.bijli(arguments)
            #expect(run.status == 2)
            #expect(run.stderr.contains("generators.csv: generator 'coal': attribute 'committable': value 'True' is not supported"), "\(run.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: cli.scratch.appendingPathComponent("Models").path))
    }

    @Test func pypsaAndModelAreExclusive() throws {
        let run = try cli.bijli("run", "--pypsa", network("merit_order"), "--model", "x", "--inputs", "y", "--out", cli.scratch.path)
        #expect(run.status != 0)
        #expect(run.stderr.contains("--pypsa replaces --model and --inputs"))
        let neither = try cli.bijli("run", "--out", cli.scratch.path)
        #expect(neither.status != 0)
        #expect(neither.stderr.contains("give --model and --inputs, or --pypsa"))
    }

    @Test func exportWritesAFolderThatImportsAgain() throws {
        let converted = cli.scratch.appendingPathComponent("converted")
        #expect(try cli.bijli("import-pypsa", network("co2_limit"), "--out", converted.path).status == 0)
        let exported = cli.scratch.appendingPathComponent("exported")
        let export = try cli.bijli("export-pypsa", "--model", converted.appendingPathComponent("Models/co2_limit").path,
                                   "--inputs", converted.appendingPathComponent("Inputs/co2_limit").path, "--out", exported.path)
        #expect(export.status == 0, "stderr: \(export.stderr)")
        for file in ["network.csv", "snapshots.csv", "generators.csv", "global_constraints.csv", "generators-p_max_pu.csv"] {
            #expect(FileManager.default.fileExists(atPath: exported.appendingPathComponent(file).path), "\(file)")
        }
        let out = cli.scratch.appendingPathComponent("runs")
        let run = try cli.bijli("run", "--pypsa", exported.path, "--out", out.path, "--quiet")
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let expected = try expectedTotal("co2_limit")
        #expect(abs(try objective(out, "co2_limit") - expected) <= 1e-6 * expected)
    }
}
