import EnergyModel
import Foundation
import Testing
@testable import Reporting

/// `bijli compare` and a what-if's differences: capacity and builds by technology in every
/// period, scenario labels, changes in plain units that are never "-0.00", a chart of the changes.
@Suite struct ComparisonTests {
    /// The frozen run, and a what-if of it: 1.5 million USD dearer, 500 MW less wind built in 2025
    /// (and so in service), the renewable share moved by noise below the precision shown.
    static func runs() throws -> (EnergyResults, EnergyResults) {
        let base = try ReportFixtures.shortfallRun().results
        var whatIf = base
        whatIf.provenance.options["scenario"] = "dry-year"
        whatIf.objectiveUSD = base.objectiveUSD.map { $0 + 1.5e6 }
        whatIf.periods[0].newCapacityMW["south_wind"]! -= 500
        for y in whatIf.periods.indices {
            whatIf.periods[y].capacityMW["south_wind"]! -= 500
            whatIf.periods[y].indicators.renewableShare -= 1e-9
        }
        return (base, whatIf)
    }

    @Test func differencesAreInPlainUnitsAndNeverMinusZero() throws {
        let (base, whatIf) = try Self.runs()
        let lines = ComparisonBuilder.differences(whatIf, from: base)
        #expect(lines.map(\.subject) == ["total cost", "2025", "2025 built", "2025 capacity", "2030", "2030 built", "2030 capacity"])
        #expect(lines[0].changes.hasPrefix("+1.5 million USD ("))
        #expect(lines[1].changes.contains("renewable share unchanged") && lines[1].changes.contains("unserved energy unchanged"))
        #expect(lines[2].changes == "wind_onshore -500 MW" && lines[3].changes == "wind_onshore -500 MW")
        #expect(lines[5].changes == "unchanged" && lines[6].changes == "wind_onshore -500 MW")
        #expect(!lines.map(\.text).joined().contains("-0"))
        #expect(ComparisonBuilder.change(-0.004, decimals: 2, unit: "GWh") == "unchanged")
        #expect(ComparisonBuilder.change(0.006, decimals: 2, unit: "GWh") == "+0.01 GWh")
        #expect(ComparisonBuilder.change(-1234.6, decimals: 0, unit: "MW") == "-1,235 MW")
        // Noise between two optima (9 USD on a bill of 1.66 billion) is no change; 1.7 thousand is.
        #expect(ComparisonBuilder.change(9, scale: 1.66e9) { NumberText.money($0) } == "unchanged")
        #expect(ComparisonBuilder.change(1_700, scale: 1.66e9) { NumberText.money($0) }.hasPrefix("+"))
    }

    @Test func labelsAreScenariosAndTheTableCoversTechnologiesInEveryPeriod() throws {
        let (base, whatIf) = try Self.runs()
        let folder = URL(fileURLWithPath: "/reports/tiny/base/20261129T170444Z")
        #expect(ComparisonBuilder.labels([(folder, base), (URL(fileURLWithPath: "/r/x"), whatIf)]) == ["base", "dry-year"])
        #expect(ComparisonBuilder.labels([(folder, base), (URL(fileURLWithPath: "/r/base/20261130T000000Z"), base)])
                == ["base (20261129T170444Z)", "base (20261130T000000Z)"])
        let document = ComparisonBuilder.build([("base", base), ("dry-year", whatIf)])
        let table = try #require(document.table(named: "comparison"))
        let wind = table.rows.filter { $0[0] == .text("Capacity wind_onshore") }
        #expect(wind.map { $0[1] } == [.text("2025"), .text("2030")])
        #expect(wind.allSatisfy { $0[5] == .number(-500, decimals: 0) })
        #expect(table.rows.contains { $0[0] == .text("Built wind_onshore") && $0[1] == .text("2025") })
        let chart = try #require(document.figures.first { $0.id == "compare-capacity-1" }).chart
        #expect(chart.kind == .deltaBars && chart.categories == ["wind_onshore"] && chart.series.map(\.values) == [[-500], [-500]])
        #expect(document.keyFindings[0].hasPrefix("dry-year against base: total cost +1.5 million USD"))
    }

    @Test func comparisonOutputsMatchTheirSnapshots() throws {
        let (base, whatIf) = try Self.runs()
        let document = ComparisonBuilder.build([("base", base), ("dry-year", whatIf)])
        let figure = try #require(document.figures.first { $0.id == "compare-capacity-1" })
        for (name, actual) in [("compare.md", MarkdownRenderer.render(document)),
                               ("compare-capacity.svg", SVGChart.render(figure.chart, id: figure.id, title: figure.title))] {
            try ReportFixtures.expectSnapshot(name, actual)
        }
    }
}
