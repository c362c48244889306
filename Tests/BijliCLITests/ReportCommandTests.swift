import Foundation
import Testing

/// End-to-end `bijli report`, `bijli table` and `bijli compare` on runs of the tiny fixture.
@Suite struct ReportCommandTests {
    let cli = CLITests()

    /// Runs the tiny fixture into `out` and returns the run folder.
    func runTiny(_ out: URL) throws -> URL {
        let fixture = RunCommandTests.fixture
        let run = try cli.bijli("run", "--model", fixture.appendingPathComponent("model").path,
                                "--inputs", fixture.appendingPathComponent("inputs").path,
                                "--resolution", "repdays:12", "--method", "simplex", "--out", out.path, "--quiet")
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let line = try #require(run.stdout.split(separator: "\n").first { $0.hasPrefix("results ") })
        return URL(fileURLWithPath: String(line.dropFirst(12))).deletingLastPathComponent()
    }

    func files(under folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            if let data = try? Data(contentsOf: url), !url.hasDirectoryPath {
                result[String(url.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1))] = data
            }
        }
        return result
    }

    @Test func identicalRunsGiveIdenticalReportsAndReportRerendersThem() throws {
        let out = cli.scratch.appendingPathComponent("Reports")
        let first = try runTiny(out), second = try runTiny(out)
        #expect(first != second)
        let a = try files(under: first), b = try files(under: second)
        let reportFiles = a.keys.filter { $0.hasPrefix("report.") || $0.hasPrefix("tables/") || $0.hasPrefix("figures/") || $0 == "hourly.csv" }
        #expect(reportFiles.count > 20)
        // Every file but run.json (the date and timings) and solver.log (GLPK prints progress at
        // intervals of time) is byte-identical, results.json included.
        #expect(Set(a.keys) == Set(b.keys) && a.keys.contains("results.json"))
        for name in a.keys where name != "run.json" && name != "solver.log" { #expect(a[name] == b[name], "\(name) differs between identical runs") }

        // Re-rendering leaves the same bytes (and touches no results file).
        try FileManager.default.removeItem(at: first.appendingPathComponent("report.md"))
        let report = try cli.bijli("report", "--run", first.path)
        #expect(report.status == 0, "stderr: \(report.stderr)")
        let c = try files(under: first)
        #expect(c == a)
    }

    @Test func tablePrintsOneTableInEachFormat() throws {
        let run = try runTiny(cli.scratch.appendingPathComponent("Reports"))
        let latex = try cli.bijli("table", "capacity", "--run", run.path, "--format", "latex")
        #expect(latex.status == 0)
        // Shaped for a paper: a longtable, display names, a total.
        #expect(latex.stdout.contains("\\begin{longtable}") && latex.stdout.contains("North Solar") && !latex.stdout.contains("north\\_solar"))
        #expect(latex.stdout.contains("\\midrule\nTotal & "))
        let one = try cli.bijli("table", "capacity", "--run", run.path, "--format", "csv", "--period", "2030")
        #expect(one.status == 0 && one.stdout.hasPrefix("Resource,Carrier,2030 (MW)\n"), "\(one.stdout)\(one.stderr)")
        let prices = try cli.bijli("table", "prices", "--run", run.path, "--period", "2030")
        #expect(prices.stdout.hasPrefix("| Region | Mean (USD/MWh)"))
        let noPeriod = try cli.bijli("table", "capacity", "--run", run.path, "--period", "2040")
        #expect(noPeriod.status == 2 && noPeriod.stderr.contains("has no period 2040; it has 2025, 2030"))
        let all = try cli.bijli("table", "capacity", "--run", run.path, "--format", "csv", "--all-rows")
        #expect(all.stdout.split(separator: "\n").count >= one.stdout.split(separator: "\n").count)
        let csv = try cli.bijli("table", "indicators", "--run", run.path, "--format", "csv")
        #expect(csv.stdout.hasPrefix("Indicator,Unit,2025,2030\n"))
        let md = try cli.bijli("table", "prices", "--run", run.path, "--format", "md")
        #expect(md.stdout.hasPrefix("| Region | Period | Mean (USD/MWh)"))
        // The workbook of the run set beside itself.
        let book = cli.scratch.appendingPathComponent("book.xlsx")
        let workbook = try cli.bijli("workbook", run.path, run.path, "--period", "2030", "--out", book.path)
        #expect(workbook.status == 0 && workbook.stdout.contains("capacity"), "\(workbook.stderr)")
        #expect((try Data(contentsOf: book)).prefix(2) == Data("PK".utf8))
        let noPeriodBook = try cli.bijli("workbook", run.path, "--period", "2040", "--out", book.path)
        #expect(noPeriodBook.status == 2 && noPeriodBook.stderr.contains("no period 2040"))
        let unknown = try cli.bijli("table", "nonsense", "--run", run.path)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("capacity"))
        let badFormat = try cli.bijli("table", "capacity", "--run", run.path, "--format", "docx")
        #expect(badFormat.status == 64)
        let notARun = try cli.bijli("table", "capacity", "--run", cli.scratch.path)
        #expect(notARun.status == 2 && notARun.stderr.contains("results.json"))
    }

    @Test func compareWritesSideBySideReportsWithoutOverwriting() throws {
        let reports = cli.scratch.appendingPathComponent("Reports")
        let a = try runTiny(reports), b = try runTiny(reports)
        let out = cli.scratch.appendingPathComponent("compare")
        let first = try cli.bijli("compare", a.path, b.path, "--out", out.path)
        #expect(first.status == 0, "stderr: \(first.stderr)")
        let second = try cli.bijli("compare", a.path, b.path, "--out", out.path)
        #expect(second.status == 0)
        let folders = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { !$0.hasPrefix(".") && $0 != "latest" }
        #expect(folders.count == 2)
        let latest = out.appendingPathComponent("latest")
        let markdown = try String(contentsOf: latest.appendingPathComponent("compare.md"), encoding: .utf8)
        #expect(markdown.contains("Δ") && markdown.contains("Unserved energy"))
        #expect(FileManager.default.fileExists(atPath: latest.appendingPathComponent("compare.html").path))
        #expect(FileManager.default.fileExists(atPath: latest.appendingPathComponent("tables/comparison.tex").path))
    }
}

/// `bijli report` and `bijli table` on a stress folder.
@Suite struct StressReportCommandTests {
    let cli = CLITests()

    @Test func stressFoldersGetTheirReportAndTable() throws {
        let plan = try ReportCommandTests().runTiny(cli.scratch.appendingPathComponent("Reports"))
        let fixture = RunCommandTests.fixture
        // The tiny inputs with one made-up disruption: half the gas supply of July and August.
        let inputs = cli.scratch.appendingPathComponent("inputs")
        try FileManager.default.copyItem(at: fixture.appendingPathComponent("inputs"), to: inputs)
        try FileManager.default.createDirectory(at: inputs.appendingPathComponent("scenarios"), withIntermediateDirectories: true)
        try """
            name: Half the gas supply in July and August
            source: made-up test scenario
            tag: ASSUMPTION
            overlays:
              - target: fuel_supply
                select: {fuel: gas, months: "7-8"}
                scale: 0.5
            """.write(to: inputs.appendingPathComponent("scenarios/gas-half.yaml"), atomically: true, encoding: .utf8)
        let out = cli.scratch.appendingPathComponent("stress")
        let stress = try cli.bijli("stress", "--model", fixture.appendingPathComponent("model").path,
                                   "--inputs", inputs.path, "--resolution", "repdays:12",
                                   "--method", "simplex", "--plan", plan.path, "--out", out.path, "--quiet")
        #expect(stress.status == 0, "stderr: \(stress.stderr)")
        let folder = out.appendingPathComponent("latest")
        let report = try cli.bijli("report", "--run", folder.path)
        #expect(report.status == 0, "stderr: \(report.stderr)")
        let html = try String(contentsOf: folder.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("Stress matrix") && html.contains("<svg"))
        let table = try cli.bijli("table", "stress", "--run", folder.path, "--format", "csv")
        #expect(table.status == 0)
        #expect(table.stdout.hasPrefix("Scenario,Period,Status,Unserved (GWh)"))
    }
}
