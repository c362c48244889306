import Foundation
import Testing
@testable import Reporting

/// Snapshot tests, one per renderer, on the small document and on the frozen shortfall run.
/// Re-record after an intended change: `BIJLI_RECORD_SNAPSHOTS=1 swift test --filter ReportSnapshot`
/// (recording fails the test on purpose, so it is never left on).
@Suite struct ReportSnapshotTests {
    static func rendered() throws -> [(String, String)] {
        let small = ReportFixtures.smallDocument
        let run = ReportBuilder.build(try ReportFixtures.shortfallRun())
        let capacity = try #require(run.table(named: "capacity"))
        return [
            ("small.md", MarkdownRenderer.render(small)),
            ("small.html", HTMLRenderer.render(small)),
            ("small.tex", LaTeXRenderer.render(small)),
            ("small.json", String(decoding: try JSONRenderer.render(small), as: UTF8.self)),
            ("small-table.csv", CSVRenderer.table(small.tables[0])),
            ("small-table.tex", LaTeXRenderer.table(small.tables[0])),
            ("small-table.md", MarkdownRenderer.table(small.tables[0]) + "\n"),
            ("small-heat.svg", SVGChart.render(small.figures[2].chart, id: "heat", title: "Heat map")),
            ("run.md", MarkdownRenderer.render(run)),
            ("run.html", HTMLRenderer.render(run)),
            ("run.tex", LaTeXRenderer.render(run)),
            ("run-capacity.csv", CSVRenderer.table(capacity)),
        ]
    }

    @Test func everyRendererMatchesItsSnapshot() throws {
        let record = ProcessInfo.processInfo.environment["BIJLI_RECORD_SNAPSHOTS"] != nil
        for (name, actual) in try Self.rendered() {
            let file = ReportFixtures.snapshots.appendingPathComponent(name)
            if record {
                try FileManager.default.createDirectory(at: ReportFixtures.snapshots, withIntermediateDirectories: true)
                try actual.write(to: file, atomically: true, encoding: .utf8)
                Issue.record("recorded \(name); unset BIJLI_RECORD_SNAPSHOTS and run again")
                continue
            }
            let expected = try #require(try? String(contentsOf: file, encoding: .utf8), "missing snapshot \(file.path)")
            #expect(actual == expected, "\(name) differs from its snapshot; if intended, re-record (see the suite's comment)")
        }
    }

    @Test func renderingIsDeterministic() throws {
        let first = try ReportFiles.files(for: ReportBuilder.build(try ReportFixtures.shortfallRun()))
        let second = try ReportFiles.files(for: ReportBuilder.build(try ReportFixtures.shortfallRun()))
        #expect(first == second)
        #expect(first.keys.contains("report.html") && first.keys.contains("tables/capacity.tex") && first.keys.contains("figures/unserved-heatmap.svg"))
    }
}
