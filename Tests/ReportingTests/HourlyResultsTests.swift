import EnergyModel
import Foundation
import LinearProgramming
import Testing
@testable import Reporting

/// `hourly.csv` from a solved case: consistent with the annual results, and read back exactly.
@Suite struct HourlyResultsTests {
    /// One region, a 100 MW plant and a 50 MW plant, demand 40...160 MW over 48 hours standing
    /// for the year: the hours above 150 MW are shed.
    static func solve() throws -> Optimization {
        let hours = 48
        let demand = (0..<EnergySystem.hoursPerYear).map { h -> Double in h < hours ? 100 + 60 * sin(Double(h) * .pi / 12) : 0 }
        let system = EnergySystem(
            name: "hourly-test", settings: Settings(discountRate: 0.1, baseYear: 2030, vollUSDPerMWh: 1000),
            periods: [Period(year: 2030, yearsRepresented: 1)], regions: [Region(id: "r", name: "Region")],
            generators: [Generator(id: "big", region: "r", technology: "steam", carrier: "coal", existingCapacityMW: 100, variableOMUSDPerMWh: 30),
                         Generator(id: "peaker", region: "r", technology: "ocgt", carrier: "oil", existingCapacityMW: 50, variableOMUSDPerMWh: 90)],
            demand: [RegionalDemand(region: "r", year: 2030, hourlyMW: demand)])
        let time = TimeSlices(steps: (0..<hours).map { TimeStep(hour: $0, weight: 8760.0 / Double(hours), month: 1 + $0 / 4) }, blocks: [0..<hours])
        return try Optimizer().optimize(system, options: FormulationOptions(time: time), mode: .cost)
    }

    @Test func hourlyRowsAddUpToTheAnnualResults() throws {
        let run = try Self.solve()
        let provenance = Provenance(bijliVersion: "t", glpkVersion: "t", inputHashes: [:], options: [:], buildSeconds: 0, solveSeconds: 0,
                                    rows: 0, columns: 0, nonzeros: 0)
        let results = EnergyResults(run, provenance: provenance)
        let hourly = try #require(HourlyResults(run))
        #expect(hourly.carriers == ["coal", "oil"])
        #expect(hourly.rows.count == 48)
        let period = try #require(results.periods.first)
        let unserved = hourly.rows.reduce(0.0) { $0 + $1.weightHours * $1.unservedMW }
        #expect(abs(unserved - period.unservedMWh) <= 1e-6 * max(1, period.unservedMWh))
        #expect(unserved > 0)
        let coal = hourly.rows.reduce(0.0) { $0 + $1.weightHours * $1.generationMW[0] }
        #expect(abs(coal - period.generationMWh["big"]!) <= 1e-6 * coal)
        // Shedding is priced at VoLL.
        for row in hourly.rows where row.unservedMW > 1e-6 { #expect(abs(row.priceUSDPerMWh - 1000) < 1e-6) }
        // Cost breakdown and system summary arrive with the results.
        let breakdown = try #require(period.costBreakdownUSD)
        #expect(abs(breakdown["unserved"]! - 1000 * period.unservedMWh) <= 1e-6 * breakdown["unserved"]!)
        #expect(results.system?.resources.map(\.carrier) == ["coal", "oil"])

        let parsed = try HourlyResults.parse(csv: hourly.csv(), resolution: hourly.resolution)
        #expect(parsed.carriers == hourly.carriers && parsed.rows.count == hourly.rows.count)
        for (a, b) in zip(parsed.rows, hourly.rows) {
            #expect(a.step == b.step && a.hourOfYear == b.hourOfYear && abs(a.unservedMW - b.unservedMW) <= 1e-9 * max(1, b.unservedMW))
        }

        // The report of this solved case names the shortfall and draws its charts.
        let document = ReportBuilder.build(RunReportInput(results: results, hourly: hourly))
        #expect(document.keyFindings[0].hasPrefix("In 2030 unserved energy is"))
        #expect(document.figures.contains { $0.id == "unserved-heatmap" })
    }

    @Test func malformedCSVNamesTheLine() {
        let bad = Data((HourlyResults.fixedColumns.joined(separator: ",") + ",coal_mw\n2030,r,0,0,1,x,1,0,0,0,0,5\n").utf8)
        #expect(throws: HourlyResultsError.malformed(line: 2, "expected 12 fields: integers, then numbers")) {
            try HourlyResults.parse(csv: bad, resolution: "hourly")
        }
    }
}

/// Run folders written before reports existed still render.
@Suite struct OlderRunTests {
    @Test func resultsWithoutTheReportKeysAndWithoutHourlyCSVStillRender() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bijli-old-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = try Data(contentsOf: ReportFixtures.shortfall.appendingPathComponent("results.json"))
        var json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        json["system"] = nil
        json["periods"] = (json["periods"] as? [[String: Any]])?.map { period in
            var period = period
            period["cost_breakdown_usd"] = nil
            return period
        }
        try JSONSerialization.data(withJSONObject: json).write(to: folder.appendingPathComponent("results.json"))
        let input = try RunDirectory.load(folder)
        #expect(input.results.system == nil && input.hourly == nil)
        let document = ReportBuilder.build(input)
        #expect(!document.figures.contains { $0.id.hasPrefix("dispatch") })
        #expect(document.sections.contains { section in
            section.blocks.contains { if case .paragraph(let text) = $0 { text.contains("no hourly.csv") } else { false } }
        })
        #expect(ReportOutputTests.xmlError(HTMLRenderer.render(document)) == nil)
    }
}
