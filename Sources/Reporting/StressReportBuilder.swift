import Foundation
import Scenarios

/// Builds the report of a stress matrix (`bijli stress`): findings, the matrix as table `stress`,
/// a heat map of unserved energy by scenario and period, and the unserved energy of each scenario.
public enum StressReportBuilder {
    /// The report of the rows of `stress.json`.
    public static func build(_ rows: [StressTest.Row]) -> ReportDocument {
        let periods = Array(Set(rows.map(\.period))).sorted()
        var scenarios: [String] = []
        for row in rows where !scenarios.contains(row.scenario) { scenarios.append(row.scenario) }
        let names = Dictionary(rows.map { ($0.scenario, $0.name) }, uniquingKeysWith: { a, _ in a })

        var findings: [String] = []
        let failed = rows.filter { !$0.status.isOptimal }
        let shedding = Set(rows.filter { beyondPlan($0) > minimumGWh && $0.scenario != "base" }.map(\.scenario))
        let count = scenarios.filter { $0 != "base" }.count
        findings.append("\(count) disruption\(count == 1 ? " was" : "s were") laid on the plan over \(periods.count) period(s); "
                        + "\(shedding.count) of them leave\(shedding.count == 1 ? "s" : "") demand unserved beyond the plan's own.")
        let baseShedding = rows.filter { $0.scenario == "base" && ($0.unservedGWh ?? 0) > minimumGWh }
        if !baseShedding.isEmpty {
            findings.append("The plan itself, undisrupted, leaves " + baseShedding.map { "\(NumberText.format($0.unservedGWh ?? 0, decimals: 1)) GWh unserved in \($0.period)" }
                .joined(separator: ", ") + "; every disruption's shedding is counted beyond that.")
        }
        if let worst = rows.filter(\.status.isOptimal).max(by: { (beyondPlan($0), $1.scenario) < (beyondPlan($1), $0.scenario) }),
           let unserved = worst.unservedGWh, beyondPlan(worst) > minimumGWh {
            findings.append("The worst is '\(worst.name)' in \(worst.period): \(NumberText.format(unserved, decimals: 1)) GWh unserved"
                            + (abs(beyondPlan(worst) - unserved) > 0.05 ? ", \(NumberText.format(beyondPlan(worst), decimals: 1)) beyond the plan's own " : " ")
                            + "(\(NumberText.format(worst.unservedPercent ?? 0, decimals: 2)) % of demand), \(NumberText.format(worst.shortageHours ?? 0, decimals: 0)) "
                            + "hours with shedding, a largest shortfall of \(NumberText.format(worst.peakShortfallMW ?? 0, decimals: 0)) MW"
                            + (worst.mainBindingConstraint.isEmpty ? "." : "; \(lowercasedFirst(worst.mainBindingConstraint))"))
        } else {
            findings.append("No disruption leaves demand unserved beyond the plan's own: the plan rides through every one.")
        }
        if let costliest = rows.filter({ $0.deltaCostUSD != nil }).max(by: { ($0.deltaCostUSD!, $1.scenario) < ($1.deltaCostUSD!, $0.scenario) }),
           let delta = costliest.deltaCostUSD, delta > 0 {
            findings.append("The costliest is '\(costliest.name)': \(NumberText.money(delta)) more over the horizon than the undisrupted plan.")
        }
        if !failed.isEmpty {
            findings.append("\(failed.count) run(s) did not solve to optimality: " + failed.map { "'\($0.name)' \($0.period) (\($0.status))" }.joined(separator: ", ") + ".")
        }

        let table = ReportTable(
            name: "stress", title: "Stress matrix: each disruption against the fixed plan",
            columns: [.init("Scenario", alignment: .left), .init("Period", alignment: .left), .init("Status", alignment: .left),
                      .init("Unserved", unit: "GWh"), .init("Unserved", unit: "% of demand"), .init("Beyond the plan's own", unit: "GWh"),
                      .init("Shortage", unit: "h/yr"),
                      .init("Peak shortfall", unit: "MW"), .init("Δ cost", unit: "million USD"), .init("Δ fuel imports", unit: "million USD/yr"),
                      .init("Renewable share", unit: "%"), .init("Main binding constraint", alignment: .left)],
            rows: rows.map { row in
                [.text(row.name), .text(String(row.period)), .text(row.status.rawValue), cell(row.unservedGWh, decimals: 1),
                 cell(row.unservedPercent, decimals: 2), cell(row.deltaUnservedGWh, decimals: 1), cell(row.shortageHours, decimals: 0), cell(row.peakShortfallMW, decimals: 0),
                 cell(row.deltaCostUSD.map { $0 / 1e6 }, decimals: 1), cell(row.deltaFuelImportBillUSD.map { $0 / 1e6 }, decimals: 1),
                 cell(row.renewableShare.map { 100 * $0 }, decimals: 1), .text(row.mainBindingConstraint)]
            },
            footnotes: ["Capacities of the plan held fixed; dispatch re-optimised under each disruption (docs/SCENARIOS.md).",
                        "Δ against the undisrupted plan (base): cost over the whole horizon, discounted; fuel imports per year of the period."]
                + (rows.contains { ($0.shortageHours ?? 0) > 0 }
                   ? ["Shortage hours and peak shortfall: those of the dispatch found; equally cheap dispatches can shed the same energy over more or fewer hours and at a lower peak (docs/MODEL.md, least peak shortfall: `bijli run --scenario` on the plan states the least peak)."]
                   : []))
        var blocks: [ReportBlock] = [.table(table)]
        if let whereAndWhen = whereAndWhen(rows) { blocks.append(.table(whereAndWhen)) }
        func value(_ scenario: String, _ period: Int) -> Double {
            rows.first { $0.scenario == scenario && $0.period == period }.flatMap(\.unservedPercent) ?? 0
        }
        blocks.append(.figure(ReportFigure(
            id: "stress-heatmap", title: "Unserved energy by disruption and period",
            note: "Share of demand unserved (%); white: all demand served.",
            chart: ChartSpec(kind: .heatMap, xTitle: "Period", yTitle: "% of demand", categories: periods.map(String.init),
                             series: scenarios.map { s in .init(name: names[s] ?? s, values: periods.map { value(s, $0) }) }))))
        if let last = periods.last {
            blocks.append(.figure(ReportFigure(
                id: "stress-unserved", title: "Unserved energy by disruption, \(last)", note: "GWh per year.",
                chart: ChartSpec(kind: .stackedBars, xTitle: "Disruption", yTitle: "Unserved (GWh)", categories: scenarios,
                                 series: [.init(name: "unserved", values: scenarios.map { s in rows.first { $0.scenario == s && $0.period == last }.flatMap(\.unservedGWh) ?? 0 })]))))
        }
        return ReportDocument(title: "Bijli stress matrix", subtitle: "\(scenarios.count) scenarios × \(periods.count) periods",
                              keyFindings: findings, sections: [ReportSection(id: "stress", title: "Stress matrix", blocks: blocks)],
                              provenance: [ProvenanceItem("Source", "stress.json of bijli stress")])
    }

    /// Unserved energy below this (GWh a year) is solver noise, not shedding.
    static let minimumGWh = 0.05

    /// A line's unserved energy beyond the plan's own (0 when unsolved).
    static func beyondPlan(_ row: StressTest.Row) -> Double {
        row.deltaUnservedGWh ?? (row.scenario == "base" ? 0 : row.unservedGWh ?? 0)
    }

    /// Where and when each disruption sheds: unserved energy by region and the months that carry
    /// it, for the lines that shed beyond the plan's own (and the plan's own lines that shed);
    /// nil when none does.
    static func whereAndWhen(_ rows: [StressTest.Row]) -> ReportTable? {
        let lines = rows.filter { $0.status.isOptimal && (beyondPlan($0) > minimumGWh || ($0.scenario == "base" && ($0.unservedGWh ?? 0) > minimumGWh)) }
        guard !lines.isEmpty else { return nil }
        let regions = Array(Set(lines.flatMap { ($0.unservedByRegionGWh ?? [:]).keys })).sorted()
        let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return ReportTable(
            name: "stress-where", title: "Where and when the load is shed",
            columns: [.init("Scenario", alignment: .left), .init("Period", alignment: .left)]
                + regions.map { .init($0, unit: "GWh") } + [.init("Months (GWh)", alignment: .left)],
            rows: lines.map { row in
                let total = row.unservedGWh ?? 0
                let months = (row.unservedByMonthGWh ?? []).enumerated()
                    .filter { total > 0 && $0.element >= 0.01 * total }
                    .sorted { ($1.element, $0.offset) < ($0.element, $1.offset) }
                    .map { "\(monthNames[$0.offset]) \(NumberText.format($0.element, decimals: 1))" }
                return [.text(row.name), .text(String(row.period))]
                    + regions.map { cell(row.unservedByRegionGWh?[$0] ?? 0, decimals: 1) }
                    + [.text(months.joined(separator: ", "))]
            },
            footnotes: ["Unserved energy of the whole line (the plan's own included), by region; months that carry at least 1 % of it, largest first.",
                        "The months are the modelled steps' months: with representative days, a day's shedding stands for the days of its month it represents."])
    }

    /// A number cell, or an empty cell when there is no value (an unsolved case).
    static func cell(_ value: Double?, decimals: Int) -> ReportCell {
        value.map { .number($0, decimals: decimals) } ?? .empty
    }

    static func lowercasedFirst(_ text: String) -> String {
        text.hasPrefix("The ") ? "the " + text.dropFirst(4) : text
    }

    /// Reads `stress.json` of a stress folder; `nil` when the folder has none.
    public static func load(_ folder: URL) throws(RunDirectoryError) -> [StressTest.Row]? {
        let url = folder.appendingPathComponent("stress.json")
        guard let data = try? Data(contentsOf: url) else { return nil }
        do { return try JSONDecoder().decode([StressTest.Row].self, from: data) } catch {
            throw .unreadable(url.path, ReadErrorText.describe(error))
        }
    }

    /// 0 for a value that would print as -0.0 with one decimal.
    static func noNegativeZero(_ value: Double) -> Double { abs(value) < 0.05 ? 0 : value }

    /// The matrix for the terminal (`bijli stress`).
    public static func terminalTable(_ rows: [StressTest.Row]) -> String {
        var lines = ["scenario                        period  unserved GWh  % demand  beyond plan GWh  short h  peak MW   Δcost MUSD  RE %"]
        for row in rows {
            // Below 0.05 MUSD the change is solver noise: shown as 0.0 (never -0.0).
            let cost = row.deltaCostUSD.map { abs($0) < 5e4 ? "0.0" : String(format: "%.1f", $0 / 1e6) } ?? "–"
            let name = row.scenario.count > 30 ? String(row.scenario.prefix(29)) + "…" : row.scenario
            guard let unserved = row.unservedGWh, let percent = row.unservedPercent, let hours = row.shortageHours,
                  let peak = row.peakShortfallMW, let share = row.renewableShare else {
                // No solution: the case stays in the table with its status.
                lines.append(name.padding(toLength: 32, withPad: " ", startingAt: 0) + String(format: "%6d", row.period) + "  (\(row.status))")
                continue
            }
            lines.append(name.padding(toLength: 32, withPad: " ", startingAt: 0)
                         + String(format: "%6d %13.1f %9.2f %16.1f %8.0f %8.0f ", row.period, unserved, percent, noNegativeZero(row.deltaUnservedGWh ?? 0), hours, peak)
                         + String(repeating: " ", count: max(0, 12 - cost.count)) + cost + String(format: " %5.1f", 100 * share)
                         + (row.status.isOptimal ? "" : "  (\(row.status))"))
        }
        return lines.joined(separator: "\n")
    }
}
