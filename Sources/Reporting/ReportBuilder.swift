import Crypto
import EnergyModel
import Foundation

/// What a run report is built from: the results of `bijli run` and what lies beside them.
public struct RunReportInput: Sendable {
    /// `results.json`.
    public var results: EnergyResults
    /// `hourly.csv` (absent in runs written before it existed: the hourly charts are then left out).
    public var hourly: HourlyResults?
    /// `time_aggregation.json` (representative days only).
    public var aggregation: AggregationReport?
    /// The scenario name (`base` until disruption scenarios exist).
    public var scenario: String
    /// The git commit of the model repository, where known.
    public var gitCommit: String?

    /// Creates the input of a report.
    public init(results: EnergyResults, hourly: HourlyResults? = nil, aggregation: AggregationReport? = nil,
                scenario: String = "base", gitCommit: String? = nil) {
        self.results = results
        self.hourly = hourly
        self.aggregation = aggregation
        self.scenario = scenario
        self.gitCommit = gitCommit
    }
}

/// Builds the ``ReportDocument`` of a run: key findings computed from the numbers, then the
/// sections of docs/REPORTS.md. Deterministic: no clock, no locale, sorted keys everywhere.
public enum ReportBuilder {
    /// The report of one run.
    public static func build(_ input: RunReportInput) -> ReportDocument {
        let r = input.results
        let model = r.system?.name ?? "model"
        let years = r.periods.map { String($0.period) }.joined(separator: ", ")
        let subtitle = "Model \(model), scenario \(input.scenario); objective \(r.objectiveMode), resolution \(r.resolution)"
            + (years.isEmpty ? "" : ", periods \(years)") + "; status \(r.status)"
        var sections = [overview(input)]
        if let changes = r.scenarioChanges, !changes.isEmpty { sections.insert(scenario(changes), at: 0) }
        if !r.periods.isEmpty {
            sections.append(mix(r))
            if let dispatch = dispatch(input) { sections.append(dispatch) }
            sections.append(unserved(input))
            sections.append(prices(input))
            sections.append(indicators(r))
            sections.append(costs(r))
            sections.append(binding(r))
        }
        if !r.frontier.isEmpty { sections.append(frontier(r)) }
        sections.append(inputs(r))
        return ReportDocument(title: "Bijli run report: \(model), \(input.scenario)", subtitle: subtitle,
                              keyFindings: findings(input), sections: sections, provenance: provenance(input))
    }

    /// What the run's scenario changed, in words: a paragraph per scenario applied (composed ones
    /// first), a list of its overlays.
    static func scenario(_ changes: [String]) -> ReportSection {
        var blocks: [ReportBlock] = []
        var items: [String] = []
        func flush() {
            if !items.isEmpty { blocks.append(.list(items: items)) }
            items = []
        }
        for line in changes {
            if line.hasPrefix("  ") {
                items.append(String(line.dropFirst(2)))
            } else {
                flush()
                blocks.append(.paragraph(text: line))
            }
        }
        flush()
        return ReportSection(id: "scenario", title: "What the scenario changes", blocks: blocks)
    }

    // MARK: key findings

    /// Key findings in plain language, each computed from the run.
    static func findings(_ input: RunReportInput) -> [String] {
        let r = input.results
        guard !r.periods.isEmpty else {
            return ["The solve ended with status '\(r.status)', so there is no solution to report on. "
                    + "The solver log (solver.log) and the stages below say where it stopped."]
        }
        var out: [String] = []
        // The scenario first: every number below is under it.
        if let changes = r.scenarioChanges?.filter({ $0.hasPrefix("  ") }), !changes.isEmpty {
            out.append("Under the scenario '\(input.scenario)': " + changes.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "; ") + ".")
        }
        // Unserved energy, where and when.
        let short = r.periods.filter(hasShortfall)
        if short.isEmpty {
            out.append("All demand is served in every modelled period (\(r.periods.map { String($0.period) }.joined(separator: ", "))).")
        }
        for period in short {
            var text = "In \(period.period) unserved energy is \(NumberText.energy(period.unservedMWh)) "
                + "(\(NumberText.percent(period.indicators.unservedShare, decimals: 2)) of demand)"
            if let (region, share) = largest(period.unservedByRegionMWh) {
                text += ", \(share > 0.995 ? "all" : "mostly (\(NumberText.percent(share, decimals: 0)))") in \(regionName(region, r))"
            }
            if let when = whenShort(input.hourly, period: period.period) { text += ", \(when)" }
            let peak = NumberText.format(period.indicators.peakShortfallMW, decimals: 0)
            text += (leastPeakSolved(r) ? "; at least \(peak) MW must be shed in the worst hour (the least peak of any equally cheap dispatch)"
                                        : "; the largest shortfall is \(peak) MW")
                + ", and in this dispatch \(NumberText.format(period.indicators.shortageHours, decimals: 0)) hours a year see some shedding "
                + "(equally cheap dispatches can spread it over more or fewer hours)."
            out.append(text)
        }
        // Binding constraints.
        if let first = r.bindingConstraints.first {
            let more = r.bindingConstraints.count - 1
            let sentence = first.sentence.hasPrefix("The ") ? "the " + first.sentence.dropFirst(4) : first.sentence
            out.append("The most valuable binding constraint: \(sentence)"
                       + (more > 0 ? " \(more) more bind (table binding)." : ""))
        } else {
            out.append("No fuel-supply, water-budget or policy constraint binds: none of them raises the cost at the margin.")
        }
        // Renewable share against the target.
        let targets = r.system?.renewableShareTarget ?? [:]
        let shares = r.periods.map { period -> String in
            var text = "\(period.period) \(NumberText.percent(period.indicators.renewableShare))"
            if let target = targets[String(period.period)] {
                let met = period.indicators.renewableShare + 1e-6 >= target
                text += " (target \(NumberText.percent(target, decimals: 0)), \(met ? "met" : "missed by \(NumberText.format(100 * (target - period.indicators.renewableShare), decimals: 1)) points"))"
            }
            return text
        }
        // Name the carriers counted: the share depends on the definition as much as on the plan.
        let counted = r.system.map { "counting \($0.renewableCarriers.joined(separator: ", "))" }
        out.append("Renewable share of served demand" + (counted.map { " (\($0))" } ?? "") + ": \(shares.joined(separator: "; "))"
                   + (targets.isEmpty ? " (no target set)." : "."))
        // Cost.
        if let total = r.objectiveUSD {
            var text = "Total discounted system cost over the horizon: \(NumberText.money(total)), of which "
                + "\(NumberText.money(r.objectiveConstantUSD)) is the fixed cost of capacity that is not a decision."
            if let last = r.periods.last {
                text += " Average cost of supply in \(last.period): \(NumberText.format(last.indicators.averageCostUSDPerMWh, decimals: 1)) USD/MWh "
                    + "(\(NumberText.format(last.indicators.averageCostPKRPerKWh, decimals: 2)) PKR/kWh)"
                if let breakdown = last.costBreakdownUSD, let (component, share) = largest(breakdown.filter { $0.key != "unserved" }) {
                    text += "; \(costName(component).lowercased()) is its largest part (\(NumberText.percent(share, decimals: 0)))"
                }
                text += "."
            }
            out.append(text)
        }
        // Import dependence.
        let imports = r.periods.map { period in
            "\(period.period) \(NumberText.percent(period.indicators.importDependence)) of generation, fuel import bill "
                + "\(NumberText.money(period.indicators.fuelImportBillUSD)) (\(NumberText.money(period.indicators.fuelImportBillPKR, currency: "PKR")))"
        }
        out.append("Import dependence: \(imports.joined(separator: "; ")).")
        // Emissions.
        let co2 = r.periods.map { "\($0.period) \(NumberText.format($0.indicators.co2T / 1e6, decimals: 2)) Mt (\(NumberText.format($0.indicators.co2IntensityTPerMWh, decimals: 3)) t/MWh)" }
        out.append("CO2 emissions: \(co2.joined(separator: "; ")).")
        return out
    }

    /// "mostly in July, worst around 19:00" from the hourly rows of a period.
    static func whenShort(_ hourly: HourlyResults?, period: Int) -> String? {
        guard let rows = hourly?.rows.filter({ $0.period == period }), !rows.isEmpty else { return nil }
        var byMonth = [Double](repeating: 0, count: 13), byHour = [Double](repeating: 0, count: 24)
        var total = 0.0
        for row in rows {
            let mwh: Double = row.weightHours * row.unservedMW
            byMonth[max(0, min(12, row.month))] += mwh
            byHour[row.hourOfYear % 24] += mwh
            total += mwh
        }
        guard total > 0, let month = byMonth.indices.max(by: { byMonth[$0] < byMonth[$1] }),
              let hour = byHour.indices.max(by: { byHour[$0] < byHour[$1] }) else { return nil }
        let monthShare = byMonth[month] / total
        return "\(monthShare > 0.5 ? "mostly" : "most") in \(monthName(month)) (\(NumberText.percent(monthShare, decimals: 0))), "
            + "most often in the hour from \(String(format: "%02d:00", hour))"
    }

    // MARK: overview and inputs

    static func overview(_ input: RunReportInput) -> ReportSection {
        let r = input.results
        var blocks: [ReportBlock] = [.paragraph(text:
            "This report is generated by Bijli from the run's results.json; every number in it is computed from the solved "
            + "linear program. Money is in USD of each period's year unless a table says otherwise; energy is per year of the period.")]
        blocks.append(.paragraph(text: resolutionNote(input)))
        if !r.stages.isEmpty {
            blocks.append(.table(ReportTable(
                name: "stages", title: "Solver stages of the objective mode",
                columns: [.init("Stage", alignment: .left), .init("Status", alignment: .left), .init("Iterations")],
                rows: r.stages.map { [.text($0.name), .text($0.status.rawValue), .number(Double($0.iterations), decimals: 0)] },
                footnotes: ["Solve times are in results.json and run.json, not here: the report stays identical for identical inputs."])))
        }
        return ReportSection(id: "run", title: "The run", blocks: blocks)
    }

    /// What the time steps are, honestly.
    static func resolutionNote(_ input: RunReportInput) -> String {
        let resolution = input.results.resolution
        if resolution == "hourly" {
            return "Time resolution: all 8760 hours of each modelled year, in order; charts of weeks are real calendar weeks."
        }
        var text = "Time resolution: \(resolution). The year is represented by a set of days chosen from the hourly series, "
            + "each weighted by the days of its month it stands for; annual figures are weighted sums. Charts that show "
            + "\"weeks\" string chosen days together in calendar order: they are not chronological weeks."
        if let a = input.aggregation {
            text += " \(a.days.count) days were chosen (seed \(a.seed)); over the \(a.series.count) driving series the largest "
                + "error of an annual total is \(NumberText.percent(a.maxAbsAnnualSumError, decimals: 2)) and of a peak "
                + "\(NumberText.percent(a.maxAbsPeakError, decimals: 1)) (time_aggregation.json)."
        }
        return text
    }

    static func inputs(_ r: EnergyResults) -> ReportSection {
        var blocks: [ReportBlock] = []
        let notes = r.system?.sources ?? []
        if notes.isEmpty {
            blocks.append(.paragraph(text: "The results carry no source notes for the inputs."))
        } else {
            let counts = Dictionary(grouping: notes, by: \.tag).mapValues(\.count)
            let parts = SourceNote.Tag.allCases.map { "\(counts[$0] ?? 0) \($0.rawValue)" }
            blocks.append(.paragraph(text: "\(notes.count) source notes cover the inputs: \(parts.joined(separator: ", ")). "
                                     + "An ASSUMPTION is the modeller's judgement, with its reasoning; it is not a sourced figure."))
            let sorted = notes.sorted { ($0.file, $0.key) < ($1.file, $1.key) }
            blocks.append(.table(ReportTable(
                name: "sources", title: "Inputs and assumptions with their source tags",
                columns: [.init("File", alignment: .left), .init("Key", alignment: .left), .init("Tag", alignment: .left),
                          .init("Source or reasoning", alignment: .left)],
                rows: sorted.map { [.text($0.file), .text($0.key), .text($0.tag.rawValue), .text($0.source)] })))
        }
        let hashes = r.provenance.inputHashes.sorted { $0.key < $1.key }
        if !hashes.isEmpty {
            blocks.append(.table(ReportTable(
                name: "inputs", title: "Input files and their SHA-256 digests",
                columns: [.init("File", alignment: .left), .init("SHA-256", alignment: .left)],
                rows: hashes.map { [.text($0.key), .text($0.value)] })))
        }
        return ReportSection(id: "inputs", title: "Inputs and assumptions", blocks: blocks)
    }

    static func provenance(_ input: RunReportInput) -> [ProvenanceItem] {
        let r = input.results, p = r.provenance
        var items = [ProvenanceItem("Bijli version", p.bijliVersion),
                     ProvenanceItem("Git commit", input.gitCommit ?? "not recorded"),
                     ProvenanceItem("GLPK version", p.glpkVersion),
                     ProvenanceItem("Model", r.system?.name ?? "not recorded"),
                     ProvenanceItem("Scenario", input.scenario)]
        for key in p.options.keys.sorted() where !key.hasPrefix("tariff_") { items.append(ProvenanceItem("Option \(key)", p.options[key]!)) }
        items.append(ProvenanceItem("Status", r.status.rawValue))
        items.append(ProvenanceItem("Objective", r.objectiveUSD.map {
            "\(NumberText.full($0)) USD (discounted, including the constant \(NumberText.full(r.objectiveConstantUSD)) USD)"
        } ?? "none (no solution)"))
        items.append(ProvenanceItem("Program size", "\(p.rows) rows, \(p.columns) columns, \(p.nonzeros) non-zeros"))
        let tariff = p.options["tariff_file"].map { file in
            [file, p.options["tariff_effective_date"].map { "effective \($0)" }, p.options["tariff_sha256"].map { "SHA-256 \($0)" }]
                .compactMap { $0 }.joined(separator: ", ")
        }
        items.append(ProvenanceItem("Tariff file", tariff ?? "none applied (fuel_prices.csv alone)"))
        let combined = p.inputHashes.keys.sorted().map { "\($0)=\(p.inputHashes[$0]!)\n" }.joined()
        items.append(ProvenanceItem("Inputs digest", SHA256.hash(data: Data(combined.utf8)).map { String(format: "%02x", $0) }.joined()
                                    + " (SHA-256 over the \(p.inputHashes.count) file digests of table inputs)"))
        items.append(ProvenanceItem("Solve time", "in results.json and run.json (left out here so identical inputs give identical reports)"))
        items.append(ProvenanceItem("Results schema", String(r.schemaVersion)))
        return items
    }

    // MARK: helpers

    /// The key with the largest value and its share of the total (positive values only).
    static func largest(_ values: [String: Double]) -> (String, Double)? {
        let total = values.sorted { $0.key < $1.key }.map(\.value).filter { $0 > 0 }.reduce(0, +)
        guard total > 0, let best = values.sorted(by: { $0.key < $1.key }).max(by: { $0.value < $1.value }) else { return nil }
        return (best.key, best.value / total)
    }

    static func regionName(_ id: String, _ r: EnergyResults) -> String { r.system?.regions[id] ?? id }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                             "October", "November", "December"]

    static func monthName(_ month: Int) -> String { (1...12).contains(month) ? monthNames[month - 1] : "month \(month)" }

    static func costName(_ key: String) -> String {
        ["capital": "Capital (annuities)", "fixed_om": "Fixed O&M", "fuel": "Fuel", "variable_om": "Variable O&M",
         "unserved": "Unserved energy at VoLL", "take_or_pay_surplus": "Take-or-pay fuel paid for, not burned"][key] ?? key
    }
}
