import EnergyModel
import Foundation
import Scenarios

/// What a sensitivity run gives (`bijli sensitivity`): the parameters, the points (each a
/// what-if of overlays) and the plan solved at each point.
public struct SensitivityRun: Sendable {
    /// The model's name.
    public var model: String
    /// The scenario every point sits on (`--scenario`, `--overlay`), nil for the base case.
    public var scenario: String?
    /// The parameters, in the order given.
    public var parameters: [SweepParameter]
    /// The points: a grid (one or two parameters) or, for a tornado, the base then each
    /// parameter's low and high end.
    public var points: [Sensitivity.Point]
    /// The plan of each point, in the order of `points`.
    public var results: [EnergyResults]
    /// Whether the points are a tornado's.
    public var tornado: Bool
    /// The measure of the tornado chart.
    public var measure: Sensitivity.Measure

    /// Creates a run.
    public init(model: String, scenario: String?, parameters: [SweepParameter], points: [Sensitivity.Point],
                results: [EnergyResults], tornado: Bool, measure: Sensitivity.Measure = .init(.cost)) {
        precondition(points.count == results.count, "one result per point")
        self.model = model
        self.scenario = scenario
        self.parameters = parameters
        self.points = points
        self.results = results
        self.tornado = tornado
        self.measure = measure
    }
}

/// Builds the report of a sensitivity run: table `sensitivity` (every point and period: cost,
/// unserved energy, renewable share, import bill, builds by technology), charts of each measure
/// against the parameter(s), and for a tornado table `tornado` and its chart.
public enum SensitivityReportBuilder {
    /// The report.
    public static func build(_ run: SensitivityRun) -> ReportDocument {
        let years = Array(Set(run.results.flatMap { $0.periods.map(\.period) })).sorted()
        let technologies = Array(Set(run.results.flatMap { results in
            results.periods.flatMap { period in results.byTechnology(period.newCapacityMW).filter { $0.value > 1e-6 }.keys }
        })).sorted()
        var blocks: [ReportBlock] = [.table(table(run, technologies: technologies))]
        var findings: [String] = []
        let unsolved = run.points.indices.filter { run.results[$0].objectiveUSD == nil }
        if !unsolved.isEmpty {
            findings.append("\(unsolved.count) of \(run.points.count) points did not solve: "
                            + unsolved.prefix(5).map { "\(name(run.points[$0])) (\(run.results[$0].status))" }.joined(separator: "; ") + ".")
        }
        if run.tornado {
            let (table, figure, words) = tornado(run)
            blocks.insert(.table(table), at: 0)
            blocks.insert(.figure(figure), at: 1)
            findings = words + findings
        } else {
            blocks += figures(run, years: years, technologies: technologies)
            findings = sweepFindings(run, years: years) + findings
        }
        let on = run.scenario.map { " on \($0)" } ?? ""
        let what = run.tornado ? "Tornado of \(run.parameters.count) parameter\(run.parameters.count == 1 ? "" : "s")"
            : "Sensitivity to " + run.parameters.map(\.label).joined(separator: " and ")
        let method = ReportSection(id: "points", title: "What each point is", blocks: [
            .paragraph(text: "Each point is the plan (builds and dispatch, cost objective) re-optimised with the overlays below laid on the case\(on), "
                       + "on the same time steps; the overlays are the scenario language of docs/SCENARIOS.md."),
            .list(items: run.points.map { point in
                "\(name(point)): " + (point.overlays.isEmpty && point.demandVariant == nil ? "no change"
                    : (point.overlays + (point.demandVariant.map { ["demand variant \($0)"] } ?? [])).joined(separator: "; "))
            }),
        ])
        return ReportDocument(
            title: "Bijli sensitivity: \(run.model)", subtitle: what + on, keyFindings: findings,
            sections: [ReportSection(id: "sensitivity", title: run.tornado ? "Tornado" : "Sensitivity", blocks: blocks), method],
            provenance: [ProvenanceItem("Model", run.model), ProvenanceItem("Scenario", run.scenario ?? "base"),
                         ProvenanceItem("Parameters", run.parameters.map(\.text).joined(separator: "; ")),
                         ProvenanceItem("Points", String(run.points.count))]
                + (run.tornado ? [ProvenanceItem("Measure", "\(run.measure) (\(run.measure.unit))")] : []))
    }

    /// A point's name: `base`, or its parameter values.
    public static func name(_ point: Sensitivity.Point) -> String { point.id.isEmpty ? "base" : point.id }

    // MARK: table

    static func table(_ run: SensitivityRun, technologies: [String]) -> ReportTable {
        var columns: [ReportTable.Column] = run.tornado
            ? [.init("Parameter", alignment: .left), .init("Value", alignment: .left)]
            : run.parameters.map { .init($0.label, alignment: .left) }
        columns += [.init("Period", alignment: .left), .init("Status", alignment: .left), .init("Total cost", unit: "million USD"),
                    .init("Unserved", unit: "GWh"), .init("Unserved share", unit: "%"), .init("Renewable share", unit: "%"),
                    .init("Fuel import bill", unit: "million USD/yr"), .init("Built", unit: "MW")]
        columns += technologies.map { .init("Built \($0)", unit: "MW") }
        var rows: [[ReportCell]] = []
        for (point, results) in zip(run.points, run.results) {
            let head: [ReportCell] = run.tornado
                ? [.text(point.moved.map { run.parameters[$0].label } ?? "base"), .text(point.values.first ?? "")]
                : point.values.map { .text($0) }
            let cost: ReportCell = results.objectiveUSD.map { .number($0 / 1e6, decimals: 1) } ?? .empty
            guard !results.periods.isEmpty else {
                rows.append(head + [.text(""), .text(results.status.rawValue), cost]
                            + Array(repeating: ReportCell.empty, count: 5 + technologies.count))
                continue
            }
            for period in results.periods {
                let built = results.byTechnology(period.newCapacityMW)
                rows.append(head + [.text(String(period.period)), .text(results.status.rawValue), cost,
                                    .number(period.unservedMWh / 1e3, decimals: 1), .number(100 * period.indicators.unservedShare, decimals: 3),
                                    .number(100 * period.indicators.renewableShare, decimals: 1),
                                    .number(period.indicators.fuelImportBillUSD / 1e6, decimals: 1),
                                    .number(period.newCapacityMW.values.reduce(0, +), decimals: 0)]
                            + technologies.map { .number(built[$0] ?? 0, decimals: 0) })
            }
        }
        return ReportTable(name: "sensitivity", title: "The plan at each point", columns: columns, rows: rows,
                           footnotes: ["Total cost: discounted over the horizon (on each period's line). Built: capacity built in the period."])
    }

    // MARK: sweep figures and findings

    /// A measure of a period's results (nil: no such period).
    typealias PeriodMeasure = (id: String, title: String, unit: String, value: @Sendable (PeriodResults) -> Double)

    static let periodMeasures: [PeriodMeasure] = [
        ("unserved", "Unserved energy", "GWh", { $0.unservedMWh / 1e3 }),
        ("renewable-share", "Renewable share", "%", { 100 * $0.indicators.renewableShare }),
        ("import-bill", "Fuel import bill", "million USD/yr", { $0.indicators.fuelImportBillUSD / 1e6 }),
    ]

    static func figures(_ run: SensitivityRun, years: [Int], technologies: [String]) -> [ReportBlock] {
        guard let first = run.parameters.first else { return [] }
        // x: the first parameter's values (or their positions, for named values such as demand variants).
        let x = first.numbers ?? first.values.indices.map(Double.init)
        let names = first.numbers == nil ? first.values : []
        let inner = run.parameters.count > 1 ? run.parameters[1].values : [""]
        let stride = inner.count
        /// The results at the first parameter's value `i` and the second's `j`.
        func results(_ i: Int, _ j: Int) -> EnergyResults { run.results[i * stride + j] }
        func chart(_ yTitle: String, _ series: [ChartSpec.Series]) -> ChartSpec {
            ChartSpec(kind: .lines, xTitle: first.label, yTitle: yTitle, categories: names, x: x, series: series, tight: true)
        }
        func label(_ j: Int) -> String { run.parameters.count > 1 ? "\(run.parameters[1].label) \(inner[j])" : "" }
        let nan = Double.nan
        var figures: [ReportFigure] = []
        figures.append(ReportFigure(
            id: "sensitivity-cost", title: "Total discounted cost against \(first.label)", note: "Million USD over the horizon; one dot per point.",
            chart: chart("Total cost (million USD)", inner.indices.map { j in
                .init(name: stride > 1 ? label(j) : "total cost", values: x.indices.map { results($0, j).objectiveUSD.map { $0 / 1e6 } ?? nan })
            })))
        let last = years.last
        for measure in periodMeasures {
            let series: [ChartSpec.Series]
            let note: String
            if stride == 1 {
                series = years.map { year in .init(name: String(year), values: x.indices.map { i in
                    results(i, 0).periods.first { $0.period == year }.map(measure.value) ?? nan }) }
                note = "One line per period."
            } else {
                series = inner.indices.map { j in .init(name: label(j), values: x.indices.map { i in
                    results(i, j).periods.first { $0.period == last }.map(measure.value) ?? nan }) }
                note = "In \(last.map(String.init) ?? "the last period"); one line per value of \(run.parameters[1].label)."
            }
            figures.append(ReportFigure(id: "sensitivity-\(measure.id)", title: "\(measure.title) against \(first.label)", note: note,
                                        chart: chart("\(measure.title) (\(measure.unit))", series)))
        }
        let builds: [ChartSpec.Series]
        if stride == 1 {
            builds = technologies.map { technology in .init(name: technology, values: x.indices.map { i in
                let r = results(i, 0)
                return r.periods.isEmpty ? nan : r.periods.reduce(0.0) { $0 + (r.byTechnology($1.newCapacityMW)[technology] ?? 0) }
            }) }
        } else {
            builds = inner.indices.map { j in .init(name: label(j), values: x.indices.map { i in
                let r = results(i, j)
                return r.periods.isEmpty ? nan : r.periods.reduce(0.0) { $0 + $1.newCapacityMW.values.reduce(0, +) }
            }) }
        }
        figures.append(ReportFigure(
            id: "sensitivity-builds", title: "Capacity built against \(first.label)",
            note: stride == 1 ? "MW built over the horizon, one line per technology." : "MW built over the horizon, all technologies.",
            chart: chart("Built (MW)", builds)))
        return figures.map { .figure($0) }
    }

    static func sweepFindings(_ run: SensitivityRun, years: [Int]) -> [String] {
        guard let first = run.parameters.first, run.parameters.count == 1,
              let a = run.results.first, let b = run.results.last, run.points.count > 1 else {
            return run.parameters.count == 2 ? ["\(run.points.count) points: \(run.parameters[0].values.count) values of \(run.parameters[0].label) × "
                                                + "\(run.parameters[1].values.count) of \(run.parameters[1].label); see the table and figures."] : []
        }
        let from = first.values.first!, to = first.values.last!
        var words: [String] = []
        if let x = a.objectiveUSD, let y = b.objectiveUSD {
            words.append("From \(first.label) \(from) to \(to), the total discounted cost goes from \(NumberText.money(x)) to "
                         + "\(NumberText.money(y)) (\(ComparisonBuilder.change(y - x) { NumberText.money($0) })).")
        }
        if let year = years.last, let p = a.periods.first(where: { $0.period == year }), let q = b.periods.first(where: { $0.period == year }) {
            words.append("In \(year): unserved energy \(NumberText.energy(p.unservedMWh)) → \(NumberText.energy(q.unservedMWh)); renewable share "
                         + "\(NumberText.percent(p.indicators.renewableShare)) → \(NumberText.percent(q.indicators.renewableShare)); fuel import bill "
                         + "\(NumberText.money(p.indicators.fuelImportBillUSD))/yr → \(NumberText.money(q.indicators.fuelImportBillUSD))/yr.")
        }
        // Builds over the whole horizon, by technology.
        func built(_ r: EnergyResults) -> [String: Double] {
            r.periods.reduce(into: [:]) { total, period in total.merge(r.byTechnology(period.newCapacityMW), uniquingKeysWith: +) }
        }
        let builtA = built(a), builtB = built(b)
        let changes = Set(builtA.keys).union(builtB.keys).sorted().compactMap { technology -> String? in
            let text = ComparisonBuilder.change((builtB[technology] ?? 0) - (builtA[technology] ?? 0), decimals: 0, unit: "MW")
            return text == "unchanged" ? nil : "\(technology) \(text)"
        }
        if !a.periods.isEmpty, !b.periods.isEmpty {
            words.append("Capacity built over the horizon at \(to) against \(from): " + (changes.isEmpty ? "unchanged." : changes.joined(separator: ", ") + "."))
        }
        return words
    }

    // MARK: tornado

    static func tornado(_ run: SensitivityRun) -> (ReportTable, ReportFigure, [String]) {
        let measure = run.measure
        let base = run.results.first.flatMap(measure.value)
        // Each parameter's low and high point.
        var lines: [(label: String, low: String, high: String, atLow: Double?, atHigh: Double?)] = []
        for (k, parameter) in run.parameters.enumerated() {
            let low = run.points.indices.first { run.points[$0].moved == k && run.points[$0].high == false }
            let high = run.points.indices.first { run.points[$0].moved == k && run.points[$0].high == true }
            lines.append((parameter.label, parameter.values.first ?? "", parameter.values.last ?? "",
                          low.flatMap { measure.value(of: run.results[$0]) }, high.flatMap { measure.value(of: run.results[$0]) }))
        }
        func delta(_ value: Double?) -> Double? { value.flatMap { v in base.map { v - $0 } } }
        func swing(_ line: (label: String, low: String, high: String, atLow: Double?, atHigh: Double?)) -> Double {
            max(abs(delta(line.atLow) ?? 0), abs(delta(line.atHigh) ?? 0))
        }
        // Largest swing first (ties in the order given).
        let order = lines.indices.sorted { (swing(lines[$0]), -$0) > (swing(lines[$1]), -$1) }
        let decimals = measure.kind == .renewableShare ? 2 : measure.kind == .built ? 0 : 1
        let rows: [[ReportCell]] = order.map { k in
            let line = lines[k]
            let cells: [Double?] = [line.atLow, line.atHigh, delta(line.atLow), delta(line.atHigh)]
            return [.text(line.label), .text(line.low), .text(line.high)] + cells.map { $0.map { .number($0, decimals: decimals) } ?? .empty }
        }
        let unit = measure.unit
        // A change of a share is in percentage points.
        let deltaUnit = measure.kind == .renewableShare ? "points" : unit
        let baseText = base.map { NumberText.format($0, decimals: decimals) + " " + unit } ?? "no solution"
        let table = ReportTable(
            name: "tornado", title: "Change of the \(measure) at each parameter's ends",
            columns: [.init("Parameter", alignment: .left), .init("Low", alignment: .left), .init("High", alignment: .left),
                      .init("At low", unit: unit), .init("At high", unit: unit), .init("Δ low", unit: deltaUnit), .init("Δ high", unit: deltaUnit)],
            rows: rows, footnotes: ["Base: \(baseText). Δ: the point minus the base; largest swing first."])
        let figure = ReportFigure(
            id: "tornado", title: "Tornado: \(measure)", note: "Change from the base (\(baseText)) at each parameter's low and high value.",
            chart: ChartSpec(kind: .deltaBars, xTitle: "Change of the \(measure) (\(deltaUnit))", yTitle: "",
                             categories: order.map { "\(lines[$0].label) \(lines[$0].low)…\(lines[$0].high)" },
                             series: [.init(name: "low", values: order.map { delta(lines[$0].atLow) ?? .nan }),
                                      .init(name: "high", values: order.map { delta(lines[$0].atHigh) ?? .nan })]))
        var words = ["Base \(measure): \(baseText)."]
        for k in order.prefix(3) {
            let line = lines[k]
            let text = { (value: Double?) in value.map { ComparisonBuilder.change($0, decimals: decimals, unit: deltaUnit) } ?? "no solution" }
            words.append("\(line.label) \(line.low): \(text(delta(line.atLow))); \(line.label) \(line.high): \(text(delta(line.atHigh))).")
        }
        return (table, figure, words)
    }

    // MARK: JSON

    /// `sensitivity.json`: the parameters, and each point with its overlays, status, cost and
    /// per-period measures (12 significant digits; sorted keys).
    public static func json(_ run: SensitivityRun) throws -> Data {
        func round(_ x: Double) -> Double { Double(String(format: "%.12g", x)) ?? x }
        let points: [[String: Any]] = zip(run.points, run.results).map { point, results in
            var entry: [String: Any] = ["id": name(point), "values": point.values, "overlays": point.overlays,
                                        "status": results.status.rawValue, "objective_usd": results.objectiveUSD.map(round) ?? NSNull()]
            if let variant = point.demandVariant { entry["demand_variant"] = variant }
            if let moved = point.moved { entry["parameter"] = moved; entry["end"] = point.high == true ? "high" : "low" }
            entry["periods"] = results.periods.map { period -> [String: Any] in
                ["period": period.period, "unserved_gwh": round(period.unservedMWh / 1e3),
                 "unserved_share": round(period.indicators.unservedShare), "renewable_share": round(period.indicators.renewableShare),
                 "fuel_import_bill_usd": round(period.indicators.fuelImportBillUSD),
                 "built_mw_by_technology": results.byTechnology(period.newCapacityMW).mapValues(round),
                 "capacity_mw_by_technology": results.byTechnology(period.capacityMW).mapValues(round)]
            }
            return entry
        }
        var object: [String: Any] = [
            "schema_version": 1, "model": run.model, "scenario": run.scenario ?? "base", "kind": run.tornado ? "tornado" : "grid",
            "parameters": run.parameters.map { ["text": $0.text, "label": $0.label, "values": $0.values] }, "points": points,
        ]
        if run.tornado { object["measure"] = ["name": run.measure.description, "unit": run.measure.unit] }
        return try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }

    /// The run for the terminal (`bijli sensitivity`): one line per point with its cost and the last
    /// period's unserved energy, renewable share, import bill, and the MW built in all periods.
    public static func terminalTable(_ run: SensitivityRun) -> String {
        let year = run.results.flatMap { $0.periods.map(\.period) }.max()
        let width = max(12, run.points.map { name($0).count }.max() ?? 0)
        func pad(_ text: String, _ n: Int) -> String { text.count >= n ? text : text + String(repeating: " ", count: n - text.count) }
        func right(_ text: String, _ n: Int) -> String { text.count >= n ? text : String(repeating: " ", count: n - text.count) + text }
        var lines = [pad("point", width) + "  " + right("cost", 20) + right("unserved \(year.map(String.init) ?? "")", 18)
                     + right("RE share", 10) + right("import bill/yr", 22) + right("built MW, all periods", 23)]
        for (point, results) in zip(run.points, run.results) {
            var line = pad(name(point), width) + "  "
            guard let cost = results.objectiveUSD, let period = results.periods.first(where: { $0.period == year }) else {
                lines.append(line + "(\(results.status))")
                continue
            }
            let built: Double = results.periods.reduce(0) { $0 + $1.newCapacityMW.values.reduce(0, +) }
            line += right(NumberText.money(cost), 20)
            line += right(NumberText.energy(period.unservedMWh), 18)
            line += right(NumberText.percent(period.indicators.renewableShare), 10)
            line += right(NumberText.money(period.indicators.fuelImportBillUSD), 22)
            line += right(NumberText.format(built, decimals: 0), 23)
            lines.append(line + (results.status.isOptimal ? "" : "  (\(results.status))"))
        }
        return lines.joined(separator: "\n")
    }
}
