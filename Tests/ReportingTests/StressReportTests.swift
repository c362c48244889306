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
}
