import EnergyModel
import Foundation
import LinearProgramming
import Testing
@testable import Reporting

/// The report's content is computed from the run: findings, tables, charts, provenance.
@Suite struct ReportBuilderTests {
    @Test func findingsStateUnservedEnergyWhereAndWhen() throws {
        let input = try ReportFixtures.shortfallRun()
        let document = ReportBuilder.build(input)
        let worst = try #require(input.results.periods.max { $0.unservedMWh < $1.unservedMWh })
        let finding = try #require(document.keyFindings.first { $0.hasPrefix("In \(worst.period) unserved energy is") })
        #expect(finding.contains(NumberText.energy(worst.unservedMWh)))
        #expect(finding.contains(NumberText.percent(worst.indicators.unservedShare, decimals: 2)))
        // Where: the region with the most unserved energy, by its name.
        let region = try #require(worst.unservedByRegionMWh.max { $0.value < $1.value }?.key)
        #expect(finding.contains(try #require(input.results.system?.regions[region])))
        // When: the month with the most weighted unserved energy in hourly.csv.
        var byMonth: [Int: Double] = [:]
        for row in try #require(input.hourly).rows where row.period == worst.period { byMonth[row.month, default: 0] += row.weightHours * row.unservedMW }
        let month = try #require(byMonth.max { $0.value < $1.value }?.key)
        #expect(finding.contains(ReportBuilder.monthName(month)))
    }

    @Test("a Pareto run plots cost against renewable share, and against unserved energy only where it differs")
    func paretoFiguresByRenewableShare() throws {
        var input = try ReportFixtures.shortfallRun()
        input.results.frontier = [ParetoPoint(target: 0.5, status: .optimal, costUSD: 3e9, unservedMWh: 0, renewableShare: 0.52, dominated: false),
                                  ParetoPoint(target: 0.3, status: .optimal, costUSD: 2e9, unservedMWh: 0, renewableShare: 0.31, dominated: false),
                                  ParetoPoint(target: 0.9, status: .infeasible, costUSD: nil, unservedMWh: nil, renewableShare: nil, dominated: false)]
        let document = ReportBuilder.build(input)
        let figure = try #require(document.figures.first { $0.id == "pareto" })
        // Solved points only, by share; x in percent, y in million USD.
        #expect(figure.chart.x == [31, 52])
        #expect(figure.chart.series.first?.values == [2000, 3000])
        #expect(figure.chart.xTitle == "Renewable share (%)")
        #expect(!document.figures.contains { $0.id == "pareto-unserved" })
        input.results.frontier[1].unservedMWh = 5000
        #expect(ReportBuilder.build(input).figures.contains { $0.id == "pareto-unserved" })
    }

    @Test("the shedding finding states the least peak as a floor only when that stage ran, and shortage hours as this dispatch's")
    func sheddingFindingSaysWhatIsUnique() throws {
        var input = try ReportFixtures.shortfallRun()
        let before = ReportBuilder.build(input)
        #expect(before.keyFindings.contains { $0.contains("the largest shortfall is 1,280 MW, and in this dispatch 1,288 hours") })
        var stage = Stage(name: "least peak shortfall at the same cost", status: .optimal, objective: 1, iterations: 3)
        stage.method = "primal"
        input.results.stages.append(stage)
        let after = ReportBuilder.build(input)
        #expect(after.keyFindings.contains { $0.contains("at least 1,280 MW must be shed in the worst hour (the least peak of any equally cheap dispatch)") })
        let indicators = try #require(after.table(named: "indicators"))
        #expect(indicators.footnotes.contains { $0.hasPrefix("Peak shortfall: the least of any dispatch as cheap as this one.") })
    }

    @Test("a what-if report says first what the scenario changes")
    func scenarioChangesComeFirst() throws {
        var input = try ReportFixtures.shortfallRun()
        #expect(!ReportBuilder.build(input).sections.contains { $0.id == "scenario" })
        input.results.scenarioChanges = ["Dry year: less water", "  Hydro energy budget (months 4–9): × 0.7 (−30 %)",
                                         "What-if (1 overlay)", "  Fuel price (fuel rlng; periods 2030, 2035): × 1.3 (+30 %)"]
        let document = ReportBuilder.build(input)
        let section = try #require(document.sections.first)
        #expect(section.id == "scenario")
        #expect(section.blocks == [.paragraph(text: "Dry year: less water"), .list(items: ["Hydro energy budget (months 4–9): × 0.7 (−30 %)"]),
                                   .paragraph(text: "What-if (1 overlay)"), .list(items: ["Fuel price (fuel rlng; periods 2030, 2035): × 1.3 (+30 %)"])])
        #expect(document.keyFindings.first?.hasSuffix("': Hydro energy budget (months 4–9): × 0.7 (−30 %); Fuel price (fuel rlng; periods 2030, 2035): × 1.3 (+30 %).") == true)
    }

    @Test func expandableCorridorsGetTheirOwnTable() throws {
        var input = try ReportFixtures.shortfallRun()
        let tables = { (document: ReportDocument) in
            document.sections.flatMap(\.blocks).compactMap { block -> ReportTable? in if case .table(let t) = block { t } else { nil } }
        }
        #expect(!tables(ReportBuilder.build(input)).contains { $0.name == "corridor_capacity" })
        for k in input.results.periods.indices {
            input.results.periods[k].corridorCapacityMW = ["link": 2000 + Double(k) * 600]
            input.results.periods[k].newCorridorCapacityMW = ["link": k == 0 ? 0 : 600]
        }
        let table = try #require(tables(ReportBuilder.build(input)).first { $0.name == "corridor_capacity" })
        #expect(table.rows.count == 2)
        #expect(table.rows[0].dropFirst(2).map { if case .number(let v, _) = $0 { v } else { -1 } } == input.results.periods.indices.map { 2000 + Double($0) * 600 })
    }

    @Test func findingsCompareTheRenewableShareWithItsTargetAndNameTheTopConstraint() throws {
        var input = try ReportFixtures.shortfallRun()
        let period = try #require(input.results.periods.last)
        input.results.system?.renewableShareTarget[String(period.period)] = period.indicators.renewableShare + 0.1
        let findings = ReportBuilder.build(input).keyFindings
        #expect(findings.contains { $0.contains("missed by 10.0 points") })
        let top = try #require(input.results.bindingConstraints.first)
        #expect(findings.contains { $0.contains(String(top.sentence.dropFirst(4))) })
        input.results.bindingConstraints = []
        #expect(ReportBuilder.build(input).keyFindings.contains { $0.hasPrefix("No fuel-supply") })
    }

    @Test func tablesCarryUnitsAndMatchTheResults() throws {
        let input = try ReportFixtures.shortfallRun()
        let document = ReportBuilder.build(input)
        for name in ["stages", "capacity", "generation", "unserved", "prices", "indicators", "costs", "binding", "sources", "inputs"] {
            #expect(document.table(named: name) != nil, "missing table \(name)")
        }
        let capacity = try #require(document.table(named: "capacity"))
        #expect(capacity.columns.dropFirst(2).allSatisfy { $0.unit == "MW" })
        let first = try #require(input.results.periods.first)
        for row in capacity.rows {
            guard case .text(let id) = row[0], case .number(let mw, _) = row[2] else { Issue.record("bad row"); continue }
            #expect(mw == first.capacityMW[id])
        }
        let costs = try #require(document.table(named: "costs"))
        let supply = try #require(costs.rows.first { $0.first == .text("Cost of supply") })
        guard case .number(let total, _) = supply[1] else { Issue.record("no total"); return }
        let breakdown = try #require(first.costBreakdownUSD)
        #expect(abs(total - (breakdown["capital"]! + breakdown["fixed_om"]! + breakdown["fuel"]! + breakdown["variable_om"]!) / 1e6) < 1e-9)
    }

    @Test func chartsAreHonestAboutRepresentativeDays() throws {
        let document = ReportBuilder.build(try ReportFixtures.shortfallRun())
        let ids = document.figures.map(\.id)
        #expect(ids.contains("dispatch-peak") && ids.contains("dispatch-low") && ids.contains("unserved-heatmap") && ids.contains("price-duration"))
        let dispatch = try #require(document.sections.first { $0.id == "dispatch" })
        guard case .paragraph(let text) = dispatch.blocks[0] else { Issue.record("no paragraph"); return }
        #expect(text.contains("not a chronological week"))
        let heat = try #require(document.figures.first { $0.id == "unserved-heatmap" })
        #expect(heat.chart.series.count == 12 && heat.chart.series.allSatisfy { $0.values.count == 24 })
        // The peak week has more demand than the lowest week.
        let peak = try #require(document.figures.first { $0.id == "dispatch-peak" }).chart.overlay[0].values.reduce(0, +)
        let low = try #require(document.figures.first { $0.id == "dispatch-low" }).chart.overlay[0].values.reduce(0, +)
        #expect(peak > low)
    }

    @Test func provenanceHasNoTimingsButTheObjectiveAndDigests() throws {
        let input = try ReportFixtures.shortfallRun()
        let items = Dictionary(ReportBuilder.build(input).provenance.map { ($0.label, $0.value) }, uniquingKeysWith: { a, _ in a })
        #expect(items["Git commit"] == input.gitCommit)
        #expect(items["GLPK version"] == input.results.provenance.glpkVersion)
        #expect(items["Objective"]?.contains(NumberText.full(try #require(input.results.objectiveUSD))) == true)
        #expect(items["Inputs digest"]?.count ?? 0 > 64)
        let html = HTMLRenderer.render(ReportBuilder.build(input))
        // The fixture is a schema-1 results.json that still holds its timings (0.24 s build,
        // 3.606 s solve); none of them may reach the report.
        #expect(!html.contains("3.606") && !html.contains("0.2402"))
    }

    @Test func aRunWithoutASolutionStillGetsAReport() throws {
        var input = try ReportFixtures.shortfallRun()
        input.results.status = .infeasible
        input.results.periods = []
        input.results.objectiveUSD = nil
        let document = ReportBuilder.build(input)
        #expect(document.keyFindings.count == 1 && document.keyFindings[0].contains("infeasible"))
        #expect(ReportOutputTests.xmlError(HTMLRenderer.render(document)) == nil)
    }

    @Test func documentSurvivesAJSONRoundTrip() throws {
        let document = ReportFixtures.smallDocument
        let decoded = try JSONDecoder().decode(ReportDocument.self, from: try JSONRenderer.render(document))
        #expect(decoded == document)
    }

    @Test func latexEscapesSpecialsAndUnicode() {
        #expect(LaTeXRenderer.escape("50 % & R_1 #2 {x} $y ~ ^ \\") == "50 \\% \\& R\\_1 \\#2 \\{x\\} \\$y \\textasciitilde{} \\textasciicircum{} \\textbackslash{}")
        #expect(LaTeXRenderer.escape("CO₂ ≥ 1 − 2 × 3 Δ 中") == "CO\\textsubscript{2} $\\geq$ 1 $-$ 2 $\\times$ 3 $\\Delta$ ?")
    }

    @Test func numbersAreFormattedWithoutLocale() {
        #expect(NumberText.format(12345.678, decimals: 1) == "12,345.7")
        #expect(NumberText.format(1234.5, decimals: 0) == "1,234" || NumberText.format(1234.5, decimals: 0) == "1,235")
        #expect(NumberText.format(-1234567, decimals: 0) == "-1,234,567")
        #expect(NumberText.format(-0.0001, decimals: 2) == "0.00")
        #expect(NumberText.energy(1.2e6) == "1.20 TWh")
        #expect(NumberText.format(.nan, decimals: 1) == "n/a")
    }

    @Test func comparisonShowsDeltasAgainstTheFirstRun() throws {
        let a = try ReportFixtures.shortfallRun().results
        var b = a
        b.periods[0].unservedMWh += 1000
        b.periods[0].indicators.renewableShare += 0.05
        let document = ComparisonBuilder.build([(label: "base", results: a), (label: "stress", results: b)])
        let table = try #require(document.table(named: "comparison"))
        #expect(table.columns.map(\.title).suffix(3) == ["base", "stress", "Δ stress"])
        let row = try #require(table.rows.first { $0[0] == .text("Unserved energy") && $0[1] == .text(String(a.periods[0].period)) })
        guard case .number(let delta, _) = row[5] else { Issue.record("no delta"); return }
        #expect(abs(delta - 1.0) < 1e-9)
        #expect(document.keyFindings[0].contains("renewable share +5.0 points"))
    }
}
