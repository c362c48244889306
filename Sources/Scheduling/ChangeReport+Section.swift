import Foundation
import Reporting

extension ChangeReport {
    /// The report section "What changed since the previous run" (tables `changed_inputs`,
    /// `price_changes`, `cost_attribution`, `indicator_changes`).
    public func section() -> ReportSection {
        guard let previousRunID else {
            return ReportSection(id: "what-changed", title: "What changed since the previous run", blocks: [
                .paragraph(text: "This is the first succeeded scheduled run in the archive: there is nothing to compare with yet. "
                    + "Its \(inputs.count) input files and their hashes are recorded for the next run."),
            ])
        }
        var blocks: [ReportBlock] = [
            .paragraph(text: "Compared with run \(previousRunID) (run date \(previousRunDate ?? "unknown")), the last succeeded scheduled run "
                + "in the archive. Costs are annual, USD of each period's year, undiscounted."),
        ]
        blocks.append(.table(ReportTable(
            name: "changed_inputs", title: "Input files changed (SHA-256)",
            columns: [.init("File", alignment: .left), .init("Change", alignment: .left), .init("Before", alignment: .left),
                      .init("Now", alignment: .left)],
            rows: inputs.map { [.text($0.path), .text($0.change), .text(Self.short($0.old)), .text(Self.short($0.new))] },
            footnotes: inputs.isEmpty ? ["No input file changed."] : ["Hashes shortened to 12 hex digits; changes.json has them in full."])))
        blocks.append(.table(ReportTable(
            name: "price_changes", title: "Fuel prices that moved",
            columns: [.init("Fuel", alignment: .left), .init("Period"), .init("Before", unit: "USD/MMBtu"),
                      .init("Now", unit: "USD/MMBtu"), .init("Change", unit: "%")],
            rows: prices.map { [.text($0.fuel), .text(String($0.period)), Self.cell($0.old, 3), Self.cell($0.new, 3), Self.cell($0.percent, 1)] },
            footnotes: prices.isEmpty ? ["No fuel price changed."] : ["Mean over the months of the period, LHV basis."])))
        var rows: [[ReportCell]] = []
        for period in attribution {
            for fuel in period.byFuelUSD.keys.sorted() where period.byFuelUSD[fuel]! != 0 {
                rows.append([.text(String(period.period)), .text("\(fuel) price (previous use × Δprice)"), .number(period.byFuelUSD[fuel]! / 1e6, decimals: 3)])
            }
            rows.append([.text(String(period.period)), .text("re-optimisation and other changes (residual)"), .number(period.residualUSD / 1e6, decimals: 3)])
            rows.append([.text(String(period.period)), .text("total change in annual cost"), .number(period.changeUSD / 1e6, decimals: 3)])
        }
        blocks.append(.table(ReportTable(
            name: "cost_attribution", title: "Annual cost change attributed to price changes",
            columns: [.init("Period"), .init("Part", alignment: .left), .init("Change", unit: "MUSD")], rows: rows,
            footnotes: ["First order: the previous plan's fuel burn times the price change, per fuel; the residual is the rest "
                        + "(dispatch and builds re-optimised, and non-price changes), so the parts add up to the total exactly."])))
        let moved = indicators.filter { d in
            guard let delta = d.delta else { return d.old != nil || d.new != nil }
            // Changes below a millionth of the value (and of 1) are solver noise.
            return abs(delta) > 1e-6 * max(1, abs(d.old ?? 0), abs(d.new ?? 0))
        }
        blocks.append(.table(ReportTable(
            name: "indicator_changes", title: "Indicators that moved (base plan)",
            columns: [.init("Indicator", alignment: .left), .init("Period"), .init("Before"), .init("Now"), .init("Change")],
            rows: moved.map { d in
                let digits = History.decimals(for: max(abs(d.old ?? 0), abs(d.new ?? 0)))
                return [.text(d.name), .text(String(d.period)), Self.cell(d.old, digits), Self.cell(d.new, digits), Self.cell(d.delta, digits)]
            },
            footnotes: ["Indicators not listed are unchanged; units are in the names (docs/SCHEDULING.md)."])))
        return ReportSection(id: "what-changed", title: "What changed since the previous run", blocks: blocks)
    }

    /// A key finding on the period whose annual cost moved most, with its largest price term, or nil for a first run.
    public func finding() -> String? {
        guard previousRunID != nil,
              let last = attribution.max(by: { abs($0.changeUSD) < abs($1.changeUSD) || (abs($0.changeUSD) == abs($1.changeUSD) && $0.period > $1.period) })
        else { return nil }
        // Below 0.05 MUSD a change rounds to 0.0 in the report: said as unchanged.
        guard abs(last.changeUSD) >= 5e4 else {
            return "Annual costs unchanged since the previous run (every period within 0.05 MUSD)"
                + (prices.isEmpty ? "." : "; \(Set(prices.map(\.fuel)).count) fuel price(s) moved without a visible effect on cost (see the attribution table).")
        }
        var text = "Annual cost \(last.period): " + Self.signed(last.changeUSD) + " since the previous run"
        if let (fuel, value) = last.byFuelUSD.max(by: { abs($0.value) < abs($1.value) || (abs($0.value) == abs($1.value) && $0.key > $1.key) }),
           value != 0 {
            text += ", of which \(fuel) prices " + Self.signed(value) + " and re-optimisation and other changes " + Self.signed(last.residualUSD)
        }
        return text + "."
    }

    static func signed(_ usd: Double) -> String {
        let text = NumberText.format(abs(usd) / 1e6, decimals: 1)
        return (text == "0.0" ? "" : usd >= 0 ? "+" : "−") + text + " MUSD"
    }

    static func short(_ hash: String?) -> String { hash.map { String($0.prefix(12)) } ?? "–" }

    static func cell(_ value: Double?, _ decimals: Int) -> ReportCell {
        value.map { .number($0, decimals: decimals) } ?? .empty
    }
}
