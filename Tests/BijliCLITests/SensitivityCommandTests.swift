import Foundation
import Testing

/// End-to-end `bijli sensitivity` on the tiny fixture: a tornado on top of an `--overlay`, its
/// own run folder, and bad parameters refused before anything is solved or written.
@Suite struct SensitivityCommandTests {
    let cli = CLITests()

    var arguments: [String] {
        let fixture = RunCommandTests.fixture
        return ["sensitivity", "--model", fixture.appendingPathComponent("model").path, "--inputs", fixture.appendingPathComponent("inputs").path,
                "--resolution", "repdays:12", "--method", "simplex", "--tariffs", "none", "--quiet"]
    }

    @Test func aTornadoOnAWhatIfWritesItsOwnFolder() throws {
        let out = cli.scratch.appendingPathComponent("runs")
        let run = try cli.bijli(arguments + ["--tornado", "demand*=0.9:1.1", "--overlay", "{target: fuel_price, select: {fuel: gas}, scale: 2}",
                                             "--measure", "cost", "--out", out.path])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        for line in ["base ", "demand × 0.9 ", "demand × 1.1 ", "Base total discounted cost: ", "tables/tornado.csv"] {
            #expect(run.stdout.contains(line), "no '\(line)' in \(run.stdout)")
        }
        let folder = out.appendingPathComponent("tiny/sensitivity/latest")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("tiny/base").path))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("sensitivity.json"))) as? [String: Any])
        #expect(json["scenario"] as? String == "what-if" && json["kind"] as? String == "tornado")
        let points = try #require(json["points"] as? [[String: Any]])
        #expect(points.map { $0["overlays"] as? [String] ?? [] } == [[], ["{target: demand, scale: 0.9}"], ["{target: demand, scale: 1.1}"]])
        // Less demand costs less, more costs more: the tornado's Δ columns have those signs.
        let csv = try String(contentsOf: folder.appendingPathComponent("tables/tornado.csv"), encoding: .utf8).split(separator: "\n")
        #expect(csv.count == 2, "\(csv)")
        let header = csv[0].split(separator: ","), cells = csv[1].split(separator: ",")
        let low = try #require(header.firstIndex { $0.hasPrefix("Δ low") }), high = try #require(header.firstIndex { $0.hasPrefix("Δ high") })
        #expect(try #require(Double(cells[low])) < 0 && (try #require(Double(cells[high]))) > 0, "\(csv)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("figures/tornado.svg").path))
    }

    @Test func badParametersAreRefusedAndNothingIsWritten() throws {
        let out = cli.scratch.appendingPathComponent("runs")
        let backwards = try cli.bijli(arguments + ["--vary", "demand*=1.2:0.8:0.1", "--out", out.path])
        #expect(backwards.status == 2)
        #expect(backwards.stderr.contains("--vary 'demand*=1.2:0.8:0.1'") && backwards.stderr.contains("FROM ≤ TO"), "\(backwards.stderr)")
        let unknown = try cli.bijli(arguments + ["--vary", "capacity.south_cgt=0:600", "--out", out.path])
        #expect(unknown.status == 2 && unknown.stderr.contains("did you mean 'south_ccgt'"), "\(unknown.stderr)")
        let both = try cli.bijli(arguments + ["--vary", "demand*=1,2", "--tornado", "demand*=1:2", "--out", out.path])
        #expect(both.status == 64 && both.stderr.contains("cannot be combined"))
        let none = try cli.bijli(arguments + ["--out", out.path])
        #expect(none.status == 64 && none.stderr.contains("--vary"))
        let measure = try cli.bijli(arguments + ["--tornado", "demand*=1:2", "--measure", "price", "--out", out.path])
        #expect(measure.status == 64)
        #expect(!FileManager.default.fileExists(atPath: out.path), "nothing written")
    }
}
