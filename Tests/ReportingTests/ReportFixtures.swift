import EnergyModel
import Foundation
import Reporting
import Scenarios
import Testing

/// Frozen inputs of the report tests (Fixtures/README.md) and a small hand-written document.
enum ReportFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let shortfall = directory.appendingPathComponent("Fixtures/shortfall")
    static let snapshots = directory.appendingPathComponent("Snapshots")

    /// Compares `actual` with the snapshot `name`, or records it when BIJLI_RECORD_SNAPSHOTS is set
    /// (and fails, so that a recording run is never taken for a passing one).
    static func expectSnapshot(_ name: String, _ actual: String) throws {
        let file = snapshots.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["BIJLI_RECORD_SNAPSHOTS"] != nil {
            try actual.write(to: file, atomically: true, encoding: .utf8)
            Issue.record("recorded \(name); unset BIJLI_RECORD_SNAPSHOTS and run again")
            return
        }
        let expected = try #require(try? String(contentsOf: file, encoding: .utf8), "missing snapshot \(file.path)")
        #expect(actual == expected, "\(name) differs from its snapshot; if intended, re-record (see ReportSnapshotTests)")
    }

    /// The frozen run with unserved energy.
    static func shortfallRun() throws -> RunReportInput {
        var input = try RunDirectory.load(shortfall)
        input.gitCommit = "0123456789abcdef0123456789abcdef01234567"
        return input
    }

    /// A small document that exercises every block and every chart kind, with characters that
    /// Markdown, HTML and LaTeX must escape.
    static var smallDocument: ReportDocument {
        let table = ReportTable(
            name: "sample", title: "Costs & shares of R_1 (50 %)",
            columns: [.init("Item", alignment: .left), .init("Value", unit: "USD/MWh"), .init("Share", unit: "%")],
            rows: [[.text("fuel #1 {rlng}"), .number(12345.678, decimals: 1), .number(45.25, decimals: 1)],
                   [.text("a|b <c> $d ~e ^f \\g"), .number(-0.0001, decimals: 2), .empty]],
            footnotes: ["Made-up numbers; Δ − × ≥ and ₂ must survive."])
        let bars = ChartSpec(kind: .stackedBars, xTitle: "Period", yTitle: "GW", categories: ["2030", "2035"],
                             series: [.init(name: "solar", values: [1, 2]), .init(name: "coal", values: [3, 2.5])],
                             overlay: [.init(name: "demand", values: [3.5, 4])])
        let lines = ChartSpec(kind: .durationCurve, xTitle: "Hours", yTitle: "USD/MWh",
                              xBySeries: [[0, 10, 10, 8760]], series: [.init(name: "North & <South>", values: [900, 900, 40, 40])])
        let heat = ChartSpec(kind: .heatMap, xTitle: "Hour of day", yTitle: "MW", categories: ["00", "01", "02"],
                             series: [.init(name: "Jan", values: [0, 5, 10]), .init(name: "Feb", values: [2, 0, 1])])
        return ReportDocument(
            title: "Sample report: \"tiny\" & friends", subtitle: "Scenario base_1; 100 % made up",
            keyFindings: ["Unserved energy is 1.2 TWh (0.9 % of demand), mostly July evenings in North.", "Second finding with `code` and *stars*."],
            sections: [
                ReportSection(id: "one", title: "First section", blocks: [
                    .paragraph(text: "A paragraph with <tags>, & ampersands, 100 % and back\\slashes."),
                    .list(items: ["item one", "item_two"]), .table(table),
                    .figure(ReportFigure(id: "bars", title: "Stacked bars", note: "Two periods.", chart: bars)),
                ]),
                ReportSection(id: "two", title: "Second section", blocks: [
                    .figure(ReportFigure(id: "curve", title: "Duration curve", note: "One region.", chart: lines)),
                    .figure(ReportFigure(id: "heat", title: "Heat map", note: "Two months.", chart: heat)),
                ]),
            ],
            provenance: [ProvenanceItem("Bijli version", "0.1.0"), ProvenanceItem("Inputs digest", "abc_def")])
    }
}

extension ReportFixtures {
    /// A sweep made from the frozen run: at point k (rlng price × 1, 1.1, 1.2) the cost is
    /// (1 + 0.1 k) times the run's, unserved energy (1 + k) times, and 500 k MW less wind built.
    static func sensitivitySweep() throws -> SensitivityRun {
        let base = try shortfallRun().results
        let parameter = try SweepParameter.parse("fuel_price.rlng*=1:1.2:0.1", flag: "--vary", years: [2025, 2030])
        let results = (0..<3).map { k in
            var r = base
            r.objectiveUSD = base.objectiveUSD.map { $0 * (1 + 0.1 * Double(k)) }
            for y in r.periods.indices {
                r.periods[y].unservedMWh *= Double(1 + k)
                if let wind = r.periods[y].newCapacityMW["south_wind"], wind > 0 { r.periods[y].newCapacityMW["south_wind"] = wind - 500 * Double(k) }
            }
            return r
        }
        return SensitivityRun(model: "tiny", scenario: nil, parameters: [parameter], points: Sensitivity.grid([parameter]),
                              results: results, tornado: false)
    }

    /// A tornado made from the frozen run: demand × 0.9/1.1 moves the cost by ∓/±10 %, the rlng
    /// price × 0.8/1.2 by ∓/±5 %.
    static func sensitivityTornado() throws -> SensitivityRun {
        let base = try shortfallRun().results
        let parameters = [try SweepParameter.parse("fuel_price.rlng*=0.8:1.2", flag: "--tornado", years: [2025, 2030]),
                          try SweepParameter.parse("demand*=0.9:1.1", flag: "--tornado", years: [2025, 2030])]
        let factors = [1, 0.95, 1.05, 0.9, 1.1]
        let results = factors.map { f in
            var r = base
            r.objectiveUSD = base.objectiveUSD.map { $0 * f }
            return r
        }
        return SensitivityRun(model: "tiny", scenario: "dry-year", parameters: parameters, points: Sensitivity.tornado(parameters),
                              results: results, tornado: true)
    }
}
