import EnergyModel
import Foundation
import Scenarios
import Testing
@testable import Reporting

/// The sensitivity report (`bijli sensitivity`): its numbers follow from the points' results,
/// and its Markdown, figures and JSON match their snapshots (re-record as ReportSnapshotTests says).
@Suite struct SensitivityReportTests {
    @Test func theSweepTableAndFindingsFollowFromThePoints() throws {
        let run = try ReportFixtures.sensitivitySweep()
        let document = SensitivityReportBuilder.build(run)
        let table = try #require(document.table(named: "sensitivity"))
        // 3 points × 2 periods; the cost column is each point's objective in million USD.
        #expect(table.rows.count == 6)
        let costColumn = try #require(table.columns.firstIndex { $0.title == "Total cost" })
        for (k, row) in table.rows.enumerated() {
            guard case .number(let cost, _) = row[costColumn] else { Issue.record("no cost in row \(k)"); continue }
            #expect(abs(cost - run.results[k / 2].objectiveUSD! / 1e6) < 1e-9)
            #expect(row[0] == .text(["1", "1.1", "1.2"][k / 2]))
        }
        let base = try #require(run.results[0].objectiveUSD)
        #expect(document.keyFindings[0].contains(NumberText.money(base)) && document.keyFindings[0].contains(NumberText.money(1.2 * base)))
        // Wind built falls by 500 MW per point: 1,000 MW fewer at the last point.
        #expect(document.keyFindings.contains { $0.contains("wind_onshore -1,000 MW") }, "\(document.keyFindings)")
        #expect(document.figures.map(\.id) == ["sensitivity-cost", "sensitivity-unserved", "sensitivity-renewable-share",
                                               "sensitivity-import-bill", "sensitivity-builds"])
        let cost = document.figures[0].chart
        #expect(cost.x == [1, 1.1, 1.2] && cost.tight == true && cost.series[0].values.map { $0 * 1e6 } == run.results.map { $0.objectiveUSD! })
    }

    @Test func theTornadoSortsBySwingAndMeasuresFromTheBase() throws {
        let run = try ReportFixtures.sensitivityTornado()
        let document = SensitivityReportBuilder.build(run)
        let table = try #require(document.table(named: "tornado"))
        let base = try #require(run.results[0].objectiveUSD) / 1e6
        // Demand (±10 %) swings more than the rlng price (±5 %), so it comes first.
        #expect(table.rows.map { $0[0] } == [.text("demand ×"), .text("fuel_price.rlng ×")])
        guard case .number(let low, _) = table.rows[0][5], case .number(let high, _) = table.rows[0][6] else { Issue.record("no deltas"); return }
        #expect(abs(low + 0.1 * base) < 1e-6 * base && abs(high - 0.1 * base) < 1e-6 * base)
        let chart = try #require(document.figures.first).chart
        #expect(chart.kind == .deltaBars && chart.series.count == 2 && chart.categories.first == "demand × 0.9…1.1")
    }

    static func rendered() throws -> [(String, String)] {
        let sweep = try ReportFixtures.sensitivitySweep(), tornado = try ReportFixtures.sensitivityTornado()
        let sweepDocument = SensitivityReportBuilder.build(sweep), tornadoDocument = SensitivityReportBuilder.build(tornado)
        let cost = try #require(sweepDocument.figures.first { $0.id == "sensitivity-cost" })
        let builds = try #require(sweepDocument.figures.first { $0.id == "sensitivity-builds" })
        let bars = try #require(tornadoDocument.figures.first { $0.id == "tornado" })
        return [
            ("sensitivity.md", MarkdownRenderer.render(sweepDocument)),
            ("sensitivity-cost.svg", SVGChart.render(cost.chart, id: cost.id, title: cost.title)),
            ("sensitivity-builds.svg", SVGChart.render(builds.chart, id: builds.id, title: builds.title)),
            ("sensitivity.json", String(decoding: try SensitivityReportBuilder.json(sweep), as: UTF8.self)),
            ("tornado.md", MarkdownRenderer.render(tornadoDocument)),
            ("tornado.svg", SVGChart.render(bars.chart, id: bars.id, title: bars.title)),
        ]
    }

    @Test func sensitivityOutputsMatchTheirSnapshots() throws {
        for (name, actual) in try Self.rendered() {
            #expect(name.hasSuffix(".svg") ? ReportOutputTests.xmlError(actual) == nil : true, "\(name) is not well-formed XML")
            try ReportFixtures.expectSnapshot(name, actual)
        }
    }
}
