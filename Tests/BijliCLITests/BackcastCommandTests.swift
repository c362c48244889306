import Foundation
import Testing

/// End-to-end `bijli backcast` on the tiny fixture with a made-up observed file.
@Suite struct BackcastCommandTests {
    let cli = CLITests()

    /// Writes an observed file into the scratch folder and returns its path.
    func observed(hydroShare: Double) throws -> String {
        let url = cli.scratch.appendingPathComponent("observed.csv")
        try """
            # source: made up for a test
            # tag: ASSUMPTION
            group,carriers,observed_gwh,observed_share_percent
            Hydel,hydro,6000,\(hydroShare)
            Gas,rlng;gas,6650,\(100 - hydroShare - 4.2)
            Solar,solar,554,4.2
            """.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func backcast(_ extra: [String]) throws -> CLITests.Run {
        let fixture = RunCommandTests.fixture
        return try cli.bijli(["backcast", "--model", fixture.appendingPathComponent("model").path,
                              "--inputs", fixture.appendingPathComponent("inputs").path, "--resolution", "repdays:12", "--quiet"] + extra)
    }

    @Test func printsTheComparisonAndWritesARunFolder() throws {
        let out = cli.scratch.appendingPathComponent("runs")
        let run = try backcast(["--observed", try observed(hydroShare: 45.4), "--out", out.path, "--check"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.contains("Back-cast 2025: tiny, existing fleet, repdays:12"))
        let hydel = try #require(run.stdout.split(separator: "\n").first { $0.hasPrefix("Hydel") })
        #expect(hydel.contains("6000") && hydel.contains("within"))
        let csv = try String(contentsOf: out.appendingPathComponent("latest/backcast.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("group,model_gwh,observed_gwh,model_share_percent,observed_share_percent,difference,within_target\nHydel,6000,"))
    }

    @Test func checkExits7WhenATargetIsMissed() throws {
        let run = try backcast(["--observed", try observed(hydroShare: 30), "--check"])
        #expect(run.status == 7)
        #expect(run.stdout.contains("OUTSIDE"))
    }

    @Test func badObservedFileExits2() throws {
        let url = cli.scratch.appendingPathComponent("bad.csv")
        try "group,carriers,observed_gwh,observed_share_percent,source,tag\nHydel,coal,1,1,x,SOURCED\n".write(to: url, atomically: true, encoding: .utf8)
        let run = try backcast(["--observed", url.path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("bad.csv:2:") && run.stderr.contains("'coal' is not the carrier of any generator"))
    }

    @Test func unknownYearExits2() throws {
        let run = try backcast(["--observed", try observed(hydroShare: 45), "--year", "2040"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("2040 is not a period"))
    }
}
