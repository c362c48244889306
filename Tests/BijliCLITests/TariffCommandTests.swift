import Foundation
import Testing

/// `--tariffs` and `--run-date` end to end on a copy of the tiny fixture with a tariffs folder:
/// the file applied is recorded in the run's provenance and report, and a bad file stops the run
/// before anything is written.
@Suite struct TariffCommandTests {
    let cli = CLITests()

    static let header = "fuel,price,unit,effective_date,basis,ncv_per_gcv,calorific_value,calorific_unit,heat_rate_mmbtu_per_mwh,source,tag\n"

    /// A copy of the fixture with `tariffs/2025-01-01-a.csv` (rlng 15 USD/MMBtu).
    func fixture() throws -> (model: String, inputs: URL) {
        let root = cli.scratch.appendingPathComponent("case")
        try FileManager.default.copyItem(at: RunCommandTests.fixture, to: root)
        let inputs = root.appendingPathComponent("inputs")
        try FileManager.default.createDirectory(at: inputs.appendingPathComponent("tariffs"), withIntermediateDirectories: true)
        try (Self.header + "rlng,15,USD/MMBtu,2025-01-01,,,,,,test price,ASSUMPTION\n")
            .write(to: inputs.appendingPathComponent("tariffs/2025-01-01-a.csv"), atomically: true, encoding: .utf8)
        return (root.appendingPathComponent("model").path, inputs)
    }

    @Test func validateSaysWhichFileApplies() throws {
        let (model, inputs) = try fixture()
        var run = try cli.bijli("validate", "--model", model, "--inputs", inputs.path, "--run-date", "2025-02-01")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("tariffs: applying \(inputs.path)/tariffs/2025-01-01-a.csv (effective 2025-01-01, run date 2025-02-01): rlng"))
        run = try cli.bijli("validate", "--model", model, "--inputs", inputs.path, "--run-date", "2024-12-31")
        #expect(run.status == 0)
        #expect(run.stdout.contains("no file of \(inputs.path)/tariffs is effective on 2024-12-31; fuel prices from fuel_prices.csv alone"))
        run = try cli.bijli("validate", "--model", model, "--inputs", inputs.path, "--run-date", "2025-02-30")
        #expect(run.status == 64)
        #expect(run.stderr.contains("--run-date must be a date YYYY-MM-DD"))
    }

    @Test func aRunRecordsTheAppliedFile() throws {
        let (model, inputs) = try fixture()
        let out = cli.scratch.appendingPathComponent("runs")
        let run = try cli.bijli("run", "--model", model, "--inputs", inputs.path, "--run-date", "2025-02-01",
                                "--resolution", "repdays:12", "--out", out.path, "--quiet")
        #expect(run.status == 0, "\(run.stderr)")
        let folder = out.appendingPathComponent("tiny/base/latest")
        let results = try Data(contentsOf: folder.appendingPathComponent("results.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: results) as? [String: Any])
        let options = try #require((json["provenance"] as? [String: Any])?["options"] as? [String: String])
        #expect(options["run_date"] == "2025-02-01")
        #expect(options["tariff_file"] == "tariffs/2025-01-01-a.csv")
        #expect(options["tariff_effective_date"] == "2025-01-01")
        #expect(options["tariff_sha256"]?.count == 64)
        let report = try String(contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(report.contains("| Tariff file | tariffs/2025-01-01-a.csv, effective 2025-01-01, SHA-256 \(options["tariff_sha256"] ?? "?") |"))
        let prices = try String(contentsOf: folder.appendingPathComponent("tariff_prices.csv"), encoding: .utf8)
        #expect(prices.contains("\nrlng,2025,1,12.0,15.0,15.0\n"))
        #expect(prices.contains("\nrlng,2030,7,14.0,17.5,17.5\n"))

        // A what-if on top of the tariff: the price the run used is the last column.
        let whatIf = try cli.bijli("run", "--model", model, "--inputs", inputs.path, "--run-date", "2025-02-01", "--resolution", "repdays:12",
                                   "--out", out.path, "--quiet", "--overlay", "{target: fuel_price, select: {fuel: rlng, periods: [2030], months: 7}, scale: 2}")
        #expect(whatIf.status == 0, "\(whatIf.stderr)")
        let used = try String(contentsOf: out.appendingPathComponent("tiny/what-if/latest/tariff_prices.csv"), encoding: .utf8)
        #expect(used.contains("\nrlng,2025,1,12.0,15.0,15.0\n") && used.contains("\nrlng,2030,7,14.0,17.5,35.0\n"))
    }

    @Test func aBadTariffFileStopsTheRunAndLeavesEarlierRunsAlone() throws {
        let (model, inputs) = try fixture()
        let out = cli.scratch.appendingPathComponent("runs")
        var run = try cli.bijli("run", "--model", model, "--inputs", inputs.path, "--run-date", "2025-02-01",
                                "--resolution", "repdays:12", "--out", out.path, "--quiet")
        #expect(run.status == 0, "\(run.stderr)")
        let parent = out.appendingPathComponent("tiny/base")
        let earlier = try FileManager.default.contentsOfDirectory(atPath: parent.path).sorted()
        let latest = try FileManager.default.destinationOfSymbolicLink(atPath: parent.appendingPathComponent("latest").path)
        try (Self.header + "rlng,-15,USD/MMBtu,2025-03-01,,,,,,test price,ASSUMPTION\n")
            .write(to: inputs.appendingPathComponent("tariffs/2025-03-01-b.csv"), atomically: true, encoding: .utf8)
        run = try cli.bijli("run", "--model", model, "--inputs", inputs.path, "--run-date", "2025-03-01",
                            "--resolution", "repdays:12", "--out", out.path, "--quiet")
        #expect(run.status == 2)
        #expect(run.stderr.contains("tariffs/2025-03-01-b.csv:2:6: 'price' must be positive, found -15.0"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path).sorted() == earlier)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: parent.appendingPathComponent("latest").path) == latest)
    }
}
