import EnergyModel
import Foundation

/// Builds the side-by-side report of several runs, with deltas against the first (`bijli compare`).
public enum ComparisonBuilder {
    /// One metric of a period: title, unit, decimals, value from a period's results.
    typealias Metric = (String, String, Int, @Sendable (PeriodResults) -> Double)

    static let metrics: [Metric] = [
        ("Demand", "GWh", 0, { $0.demandMWh / 1e3 }),
        ("Unserved energy", "GWh", 1, { $0.unservedMWh / 1e3 }),
        ("Unserved share", "%", 3, { 100 * $0.indicators.unservedShare }),
        ("Peak shortfall", "MW", 0, { $0.indicators.peakShortfallMW }),
        ("Renewable share", "%", 1, { 100 * $0.indicators.renewableShare }),
        ("Import dependence", "%", 1, { 100 * $0.indicators.importDependence }),
        ("Fuel import bill", "million USD", 1, { $0.indicators.fuelImportBillUSD / 1e6 }),
        ("CO2", "Mt", 2, { $0.indicators.co2T / 1e6 }),
        ("Average cost of supply", "USD/MWh", 2, { $0.indicators.averageCostUSDPerMWh }),
        ("Reserve margin", "%", 1, { 100 * $0.indicators.reserveMargin }),
    ]

    /// The comparison of `runs` (label, results), the first being the reference.
    public static func build(_ runs: [(label: String, results: EnergyResults)]) -> ReportDocument {
        precondition(!runs.isEmpty, "compare needs at least one run")
        let reference = runs[0]
        var columns: [ReportTable.Column] = [.init("Metric", alignment: .left), .init("Period", alignment: .left),
                                             .init("Unit", alignment: .left), .init(reference.label)]
        for run in runs.dropFirst() { columns += [.init(run.label), .init("Δ \(run.label)")] }
        var rows: [[ReportCell]] = []
        func row(_ title: String, _ period: String, _ unit: String, _ decimals: Int, _ values: [Double?]) {
            var cells: [ReportCell] = [.text(title), .text(period), .text(unit), values[0].map { .number($0, decimals: decimals) } ?? .empty]
            for value in values.dropFirst() {
                cells.append(value.map { .number($0, decimals: decimals) } ?? .empty)
                if let value, let base = values[0] { cells.append(.number(value - base, decimals: decimals)) } else { cells.append(.empty) }
            }
            rows.append(cells)
        }
        rows.append([.text("Status"), .text(""), .text("")] + runs.enumerated().flatMap { index, run -> [ReportCell] in
            index == 0 ? [.text(run.results.status.rawValue)] : [.text(run.results.status.rawValue), .empty]
        })
        row("Objective (discounted)", "horizon", "million USD", 1, runs.map { $0.results.objectiveUSD.map { $0 / 1e6 } })
        let years = Array(Set(runs.flatMap { $0.results.periods.map(\.period) })).sorted()
        for year in years {
            for (title, unit, decimals, value) in metrics {
                row(title, String(year), unit, decimals, runs.map { run in run.results.periods.first { $0.period == year }.map(value) })
            }
        }
        let summary = ReportTable(name: "comparison", title: "Runs side by side, with differences against \(reference.label)",
                                  columns: columns, rows: rows,
                                  footnotes: ["Δ: this run minus \(reference.label), in the row's unit (percentage points for shares)."])

        var findings: [String] = []
        for run in runs.dropFirst() {
            var parts: [String] = []
            for year in years {
                guard let a = reference.results.periods.first(where: { $0.period == year }),
                      let b = run.results.periods.first(where: { $0.period == year }) else { continue }
                parts.append("in \(year) unserved energy \(signed(b.unservedMWh - a.unservedMWh, NumberText.energy)), renewable share "
                             + "\(signedNumber(100 * (b.indicators.renewableShare - a.indicators.renewableShare), 1)) points, average cost "
                             + "\(signedNumber(b.indicators.averageCostUSDPerMWh - a.indicators.averageCostUSDPerMWh, 2)) USD/MWh")
            }
            var text = "\(run.label) against \(reference.label): "
            if let x = run.results.objectiveUSD, let y = reference.results.objectiveUSD {
                text += "objective \(signed(x - y, { NumberText.money($0) })); "
            }
            text += parts.isEmpty ? "no period in common." : parts.joined(separator: "; ") + "."
            findings.append(text)
        }
        if findings.isEmpty { findings.append("Only one run was given: nothing to compare against.") }

        var blocks: [ReportBlock] = [.table(summary)]
        if let year = years.last(where: { y in runs.allSatisfy { $0.results.periods.contains { $0.period == y } } }) {
            let carriers = Array(Set(runs.flatMap { run in run.results.periods.first { $0.period == year }!.generationByCarrierMWh.keys })).sorted()
            blocks.append(.figure(ReportFigure(
                id: "compare-generation", title: "Generation mix by run, \(year)", note: "Annual generation (TWh) stacked by carrier.",
                chart: ChartSpec(kind: .stackedBars, xTitle: "Run", yTitle: "Generation (TWh)", categories: runs.map(\.label),
                                 series: carriers.map { c in .init(name: c, values: runs.map { run in
                                     (run.results.periods.first { $0.period == year }!.generationByCarrierMWh[c] ?? 0) / 1e6 }) },
                                 overlay: [.init(name: "demand", values: runs.map { run in run.results.periods.first { $0.period == year }!.demandMWh / 1e6 })]))))
        }
        let provenance = runs.map { ProvenanceItem($0.label, "\($0.results.system?.name ?? "model"), \($0.results.objectiveMode), "
                                                     + "\($0.results.resolution), Bijli \($0.results.provenance.bijliVersion), GLPK \($0.results.provenance.glpkVersion)") }
        return ReportDocument(title: "Bijli comparison of \(runs.count) runs", subtitle: "Reference: \(reference.label)",
                              keyFindings: findings, sections: [ReportSection(id: "comparison", title: "Side by side", blocks: blocks)],
                              provenance: provenance)
    }

    static func signed(_ x: Double, _ format: (Double) -> String) -> String {
        x > 0 ? "+" + format(x) : x < 0 ? "-" + format(-x) : "unchanged"
    }

    static func signedNumber(_ x: Double, _ decimals: Int) -> String {
        let text = NumberText.format(x, decimals: decimals)
        return text.hasPrefix("-") || Double(text.replacingOccurrences(of: ",", with: "")) == 0 ? text : "+" + text
    }
}
