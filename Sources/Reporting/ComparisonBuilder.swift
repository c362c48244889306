import EnergyModel
import Foundation

/// Builds the side-by-side report of several runs, with deltas against the first (`bijli compare`),
/// and the differences a what-if run prints against the run it departs from.
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

    /// A label for each run: its scenario (`base` without one) from the provenance; runs that
    /// share a scenario get their folder's name too (`base (20261129T170444Z)`).
    public static func labels(_ runs: [(folder: URL, results: EnergyResults)]) -> [String] {
        let scenarios = runs.map { $0.results.provenance.options["scenario"] ?? "base" }
        return runs.indices.map { k in
            let name = runs[k].folder.standardizedFileURL.resolvingSymlinksInPath().lastPathComponent
            return scenarios.filter { $0 == scenarios[k] }.count > 1 ? "\(scenarios[k]) (\(name.isEmpty ? "run \(k + 1)" : name))" : scenarios[k]
        }
    }

    /// The technologies with a value in some run and period of `values` (by technology).
    static func technologies(_ runs: [(label: String, results: EnergyResults)], years: [Int],
                             _ values: (EnergyResults, Int) -> [String: Double]?) -> [String] {
        Array(Set(runs.flatMap { run in years.flatMap { values(run.results, $0)?.filter { abs($0.value) > 1e-6 }.keys.map { $0 } ?? [] } })).sorted()
    }

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
        let capacity = technologies(runs, years: years) { $0.capacityByTechnology($1) }
        let built = technologies(runs, years: years) { $0.builtByTechnology($1) }
        for year in years {
            for (title, unit, decimals, value) in metrics {
                row(title, String(year), unit, decimals, runs.map { run in run.results.periods.first { $0.period == year }.map(value) })
            }
            for technology in capacity {
                row("Capacity \(technology)", String(year), "MW", 0, runs.map { $0.results.capacityByTechnology(year).map { $0[technology] ?? 0 } })
            }
            for technology in built {
                row("Built \(technology)", String(year), "MW", 0, runs.map { $0.results.builtByTechnology(year).map { $0[technology] ?? 0 } })
            }
        }
        let summary = ReportTable(name: "comparison", title: "Runs side by side, with differences against \(reference.label)",
                                  columns: columns, rows: rows,
                                  footnotes: ["Δ: this run minus \(reference.label), in the row's unit (percentage points for shares). "
                                              + "Capacity: in service in the period; Built: built in the period; both by technology."])

        var findings: [String] = []
        for run in runs.dropFirst() {
            let parts = differences(run.results, from: reference.results).map(\.text)
            findings.append("\(run.label) against \(reference.label): " + (parts.isEmpty ? "no period in common." : parts.joined(separator: "; ") + "."))
        }
        if findings.isEmpty { findings.append("Only one run was given: nothing to compare against.") }

        var blocks: [ReportBlock] = [.table(summary)]
        for (k, run) in runs.enumerated().dropFirst() {
            let changed = capacity.filter { technology in
                years.contains { abs(delta(run.results, reference.results, year: $0, technology: technology) ?? 0) >= 0.5 }
            }
            guard !changed.isEmpty else {
                blocks.append(.paragraph(text: "\(run.label) has the same capacity of every technology in every period as \(reference.label)."))
                continue
            }
            blocks.append(.figure(ReportFigure(
                id: "compare-capacity-\(k)", title: "Capacity of \(run.label) against \(reference.label)",
                note: "Change of the capacity in service by technology (MW), one bar per period.",
                chart: ChartSpec(kind: .deltaBars, xTitle: "Change of capacity (MW)", yTitle: "", categories: changed,
                                 series: years.map { year in .init(name: String(year), values: changed.map {
                                     delta(run.results, reference.results, year: year, technology: $0) ?? .nan }) }))))
        }
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

    /// The change of a technology's capacity in a period (nil: a run lacks the period).
    static func delta(_ run: EnergyResults, _ reference: EnergyResults, year: Int, technology: String) -> Double? {
        guard let a = reference.capacityByTechnology(year), let b = run.capacityByTechnology(year) else { return nil }
        return (b[technology] ?? 0) - (a[technology] ?? 0)
    }

    /// One line of differences: what it is about (`total cost`, `2030`, `2030 built`) and the changes in words.
    public struct Difference: Sendable, Equatable {
        /// What the line is about.
        public var subject: String
        /// The changes, in words and plain units.
        public var changes: String
        /// Subject and changes as one clause.
        public var text: String { "\(subject) \(changes)" }
    }

    /// The differences of `run` from `reference` in plain units: the total cost; per period in
    /// common, unserved energy, renewable share and the fuel import bill (each with both values),
    /// then capacity built and in service by technology (only those that change). A change that
    /// rounds to zero at the precision shown is "unchanged" (never "-0.00").
    public static func differences(_ run: EnergyResults, from reference: EnergyResults) -> [Difference] {
        var lines: [Difference] = []
        if let x = run.objectiveUSD, let y = reference.objectiveUSD {
            lines.append(Difference(subject: "total cost", changes: "\(change(x - y, scale: max(abs(x), abs(y))) { NumberText.money($0) }) (\(NumberText.money(y)) → \(NumberText.money(x)))"))
        } else if run.status != reference.status {
            lines.append(Difference(subject: "status", changes: "\(reference.status) → \(run.status)"))
        }
        for b in run.periods {
            guard let a = reference.periods.first(where: { $0.period == b.period }) else { continue }
            let unserved = change(b.unservedMWh - a.unservedMWh, NumberText.energy)
            let share = change(100 * (b.indicators.renewableShare - a.indicators.renewableShare)) { NumberText.format($0, decimals: 1) + " points" }
            let bill = change(b.indicators.fuelImportBillUSD - a.indicators.fuelImportBillUSD,
                              scale: max(abs(a.indicators.fuelImportBillUSD), abs(b.indicators.fuelImportBillUSD))) { NumberText.money($0) + "/yr" }
            lines.append(Difference(subject: String(b.period), changes:
                "unserved energy \(unserved) (\(NumberText.energy(a.unservedMWh)) → \(NumberText.energy(b.unservedMWh))), "
                + "renewable share \(share) (\(NumberText.percent(a.indicators.renewableShare)) → \(NumberText.percent(b.indicators.renewableShare))), "
                + "fuel import bill \(bill) (\(NumberText.money(a.indicators.fuelImportBillUSD))/yr → \(NumberText.money(b.indicators.fuelImportBillUSD))/yr)"))
            for (what, values) in [("built", { (r: EnergyResults) in r.builtByTechnology(b.period) ?? [:] }),
                                   ("capacity", { (r: EnergyResults) in r.capacityByTechnology(b.period) ?? [:] })] {
                let before = values(reference), after = values(run)
                let changed = Set(before.keys).union(after.keys).sorted().compactMap { technology -> String? in
                    let text = change((after[technology] ?? 0) - (before[technology] ?? 0)) { NumberText.format($0, decimals: 0) + " MW" }
                    return text == "unchanged" ? nil : "\(technology) \(text)"
                }
                lines.append(Difference(subject: "\(b.period) \(what)", changes: changed.isEmpty ? "unchanged" : changed.joined(separator: ", ")))
            }
        }
        return lines
    }

    /// A change in words: `+1.2 GWh`, `-3 MW`, or `unchanged` when it rounds to zero in `format`
    /// (so never `-0.00`).
    public static func change(_ x: Double, _ format: (Double) -> String) -> String {
        let text = format(abs(x))
        guard x.isFinite, text.contains(where: { $0 >= "1" && $0 <= "9" }) else { return x.isFinite ? "unchanged" : "n/a" }
        return (x > 0 ? "+" : "-") + text
    }

    /// A change as above, also `unchanged` within 1e-6 of `scale` (the larger of the two values):
    /// two optima of the same program differ by solver noise, such as 9 USD on a fuel import bill
    /// of 1.66 billion USD a year, which is no answer to a what-if.
    public static func change(_ x: Double, scale: Double, _ format: (Double) -> String) -> String {
        abs(x) <= 1e-6 * scale ? "unchanged" : change(x, format)
    }

    /// A change with `decimals` decimals and a unit: `+3.1 points`, `unchanged`.
    public static func change(_ x: Double, decimals: Int, unit: String) -> String {
        change(x) { NumberText.format($0, decimals: decimals) + (unit.isEmpty ? "" : " " + unit) }
    }
}
