import Foundation
import Scenarios
import Testing
@testable import Reporting

/// The stress-matrix report: findings from the rows, the matrix table, the heat map.
@Suite struct StressReportTests {
    static func rows() throws -> [StressTest.Row] {
        func row(_ id: String, _ name: String, _ period: Int, _ gwh: Double, _ cost: Double?, status: String = "optimal") -> String {
            """
            {"scenario":"\(id)","name":"\(name)","period":\(period),"status":"\(status)","unserved_gwh":\(gwh),"unserved_percent":\(gwh / 10),
             "shortage_hours":\(gwh * 3),"peak_shortfall_mw":\(gwh * 7),"delta_cost_usd":\(cost.map { String($0) } ?? "null"),
             "delta_fuel_import_bill_usd":1e6,"renewable_share":0.3,"main_binding_constraint":"The rlng supply limit of July 2030 binds."}
            """
        }
        let json = "[" + [row("base", "Base", 2030, 0, 0), row("base", "Base", 2035, 0, 0),
                          row("lng", "LNG cargo defaults", 2030, 12.5, 4e8), row("lng", "LNG cargo defaults", 2035, 3, 4e8),
                          row("drought", "Drought year", 2030, 1, 9e8), row("drought", "Drought year", 2035, 0, 9e8, status: "time_limit")]
            .joined(separator: ",") + "]"
        return try JSONDecoder().decode([StressTest.Row].self, from: Data(json.utf8))
    }

    @Test func findingsNameTheWorstAndCostliestDisruption() throws {
        let document = StressReportBuilder.build(try Self.rows())
        #expect(document.keyFindings[0].hasPrefix("2 disruptions were laid on the plan over 2 period(s); 2 of them"))
        #expect(document.keyFindings[1].contains("'LNG cargo defaults' in 2030: 12.5 GWh unserved (1.25 % of demand)"))
        #expect(document.keyFindings[1].contains("the rlng supply limit"))
        #expect(document.keyFindings[2].contains("'Drought year': 900.0 million USD more"))
        #expect(document.keyFindings[3].contains("'Drought year' 2035 (time_limit)"))
        let table = try #require(document.table(named: "stress"))
        #expect(table.rows.count == 6)
        let heat = try #require(document.figures.first { $0.id == "stress-heatmap" })
        #expect(heat.chart.series.map(\.name) == ["Base", "LNG cargo defaults", "Drought year"])
        #expect(heat.chart.series[1].values == [1.25, 0.3])
        #expect(ReportOutputTests.xmlError(HTMLRenderer.render(document)) == nil)
    }

    @Test("shedding is counted beyond the plan's own, by region and month")
    func netOfThePlanByRegionAndMonth() throws {
        func row(_ id: String, _ gwh: Double, delta: Double, north: Double, months: [Double]?) -> String {
            """
            {"scenario":"\(id)","name":"\(id)","period":2035,"status":"optimal","unserved_gwh":\(gwh),"unserved_percent":\(gwh / 10),
             "delta_unserved_gwh":\(delta),"unserved_by_region_gwh":{"north":\(north),"karachi":\(gwh - north)},
             "unserved_by_month_gwh":\(months.map { "[" + $0.map { String($0) }.joined(separator: ",") + "]" } ?? "null"),
             "shortage_hours":10,"peak_shortfall_mw":50,"delta_cost_usd":0,"delta_fuel_import_bill_usd":0,"renewable_share":0.3,"main_binding_constraint":""}
            """
        }
        let june: [Double] = [0, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0, 0.05]
        let json = "[" + [row("base", 10.05, delta: 0, north: 0, months: june),
                          row("lng", 12.05, delta: 2, north: 2, months: [0, 0, 0, 0, 0, 10, 2, 0, 0, 0, 0, 0.05]),
                          row("drought", 10.05, delta: 0, north: 0, months: june),
                          row("coal", 0, delta: -10.05, north: 0, months: nil)].joined(separator: ",") + "]"
        let rows = try JSONDecoder().decode([StressTest.Row].self, from: Data(json.utf8))
        let document = StressReportBuilder.build(rows)
        // The drought sheds only what the plan sheds anyway: not counted.
        #expect(document.keyFindings[0].hasSuffix("1 of them leaves demand unserved beyond the plan's own."))
        #expect(document.keyFindings[1] == "The plan itself, undisrupted, leaves 10.1 GWh unserved in 2035; every disruption's shedding is counted beyond that.")
        #expect(document.keyFindings[2].contains("'lng' in 2035: 12.1 GWh unserved, 2.0 beyond the plan's own (1.21 % of demand)"))
        let table = try #require(document.table(named: "stress-where"))
        #expect(table.rows.map { $0[0] } == [ReportCell.text("base"), ReportCell.text("lng")])
        #expect(table.columns.map { $0.title } == ["Scenario", "Period", "karachi", "north", "Months (GWh)"])
        // Months with at least 1 % of the line's shedding, largest first (December's 0.05 GWh is below 1 %).
        #expect(table.rows[1][4] == ReportCell.text("Jun 10.0, Jul 2.0"))
        #expect(table.rows[1][3] == ReportCell.number(2, decimals: 1))
        let matrix = try #require(document.table(named: "stress"))
        #expect(matrix.rows.first { $0[0] == ReportCell.text("lng") }?[5] == ReportCell.number(2, decimals: 1))
        #expect(ReportOutputTests.xmlError(HTMLRenderer.render(document)) == nil)
    }

    /// The heat map's row names get the margin they need (up to 40 % of the width), longer ones
    /// an ellipsis; the cells move right and keep within the chart.
    @Test func heatMapNamesGetTheirMarginOrAnEllipsis() throws {
        var rows = try Self.rows()
        rows = rows.map { row in
            var row = row
            if row.scenario == "lng" { row.name = "LNG cargo defaults in the winter of a dry year" }
            if row.scenario == "drought" { row.name = String(repeating: "Drought ", count: 12) }
            return row
        }
        let heat = try #require(StressReportBuilder.build(rows).figures.first { $0.id == "stress-heatmap" })
        let svg = SVGChart.render(heat.chart, id: "h", title: "heat")
        // 96 characters would need about 600 px: the margin stops at 40 % of 760 px (304 px, the
        // names ending 6 px before the cells). The LNG name (221 px in Helvetica, 266 laid out)
        // fits whole; the drought's is cut to what fits in 292 px, with an ellipsis.
        #expect(svg.contains("<text x=\"298.0\" y=\"") && svg.contains(">LNG cargo defaults in the winter of a dry year</text>"))
        let cut = try #require(svg.split(separator: "\n").first { $0.contains(">Drought ") }.flatMap { line in
            line.split(separator: ">").last?.split(separator: "<").first.map(String.init)
        })
        #expect(cut.hasSuffix("…") && String(repeating: "Drought ", count: 12).hasPrefix(String(cut.dropLast())))
        #expect(SVGChart.labelWidth(cut) <= 292 && cut.count > 30, "\(cut)")
        #expect(svg.contains("<rect x=\"304.0\" y="))
        #expect(!svg.contains("<text x=\"64.0\" y="), "row names still at the default margin")
        #expect(svg.contains("<text x=\"447.0\" y=\"372.0\" text-anchor=\"middle\">Period</text>"), "the axis title is centred under the cells (304 + 286 / 2)")
    }
}
