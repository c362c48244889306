import EnergyModel
import Foundation

extension ReportBuilder {
    /// Carrier of each resource (from the results' system summary; the id itself when unknown).
    static func carriers(_ r: EnergyResults) -> [String: String] {
        Dictionary((r.system?.resources ?? []).map { ($0.id, $0.carrier) }, uniquingKeysWith: { a, _ in a })
    }

    /// Carriers in a stable order: by total generation over the periods (largest first), then name.
    static func carrierOrder(_ r: EnergyResults) -> [String] {
        var totals: [String: Double] = [:]
        for period in r.periods { for (carrier, mwh) in period.generationByCarrierMWh { totals[carrier, default: 0] += mwh } }
        let map = carriers(r)
        for period in r.periods { for id in period.capacityMW.keys { totals[map[id] ?? id, default: 0] += 0 } }
        return totals.keys.sorted { (totals[$0]!, $1) > (totals[$1]!, $0) }
    }

    static func periodColumns(_ r: EnergyResults, unit: String) -> [ReportTable.Column] {
        r.periods.map { ReportTable.Column(String($0.period), unit: unit, period: $0.period) }
    }

    // MARK: capacity and generation

    static func mix(_ r: EnergyResults) -> ReportSection {
        let map = carriers(r)
        let ids = Set(r.periods.flatMap { $0.capacityMW.keys }).sorted { (map[$0] ?? $0, $0) < (map[$1] ?? $1, $1) }
        var blocks: [ReportBlock] = []
        blocks.append(.table(ReportTable(
            name: "capacity", title: "Capacity in service by resource",
            columns: [.init("Resource", alignment: .left), .init("Carrier", alignment: .left)] + periodColumns(r, unit: "MW"),
            rows: ids.map { id in
                [.text(id), .text(map[id] ?? "")] + r.periods.map { .number($0.capacityMW[id] ?? 0, decimals: 0) }
            },
            footnotes: ["Generators and storage power; storage capacity is its power (MW), not its energy (MWh)."])))
        let built = ids.filter { id in r.periods.contains { ($0.newCapacityMW[id] ?? 0) > 0.5 } }
        if built.isEmpty {
            blocks.append(.paragraph(text: "No new capacity is built in any period."))
        } else {
            blocks.append(.table(ReportTable(
                name: "new_capacity", title: "New capacity built in each period",
                columns: [.init("Resource", alignment: .left), .init("Carrier", alignment: .left)] + periodColumns(r, unit: "MW"),
                rows: built.map { id in [.text(id), .text(map[id] ?? "")] + r.periods.map { .number($0.newCapacityMW[id] ?? 0, decimals: 0) } })))
        }
        if let corridors = corridorCapacity(r) { blocks.append(.table(corridors)) }
        let order = carrierOrder(r)
        let generated = order.filter { c in r.periods.contains { ($0.generationByCarrierMWh[c] ?? 0) > 0 } }
        blocks.append(.table(ReportTable(
            name: "generation", title: "Generation by carrier",
            columns: [.init("Carrier", alignment: .left)] + r.periods.flatMap {
                [ReportTable.Column(String($0.period), unit: "GWh", period: $0.period), ReportTable.Column("\($0.period) share", unit: "%", period: $0.period)]
            },
            rows: generated.map { carrier in
                [.text(carrier)] + r.periods.flatMap { period -> [ReportCell] in
                    let mwh = period.generationByCarrierMWh[carrier] ?? 0
                    let total = period.generationByCarrierMWh.sorted { $0.key < $1.key }.reduce(0.0) { $0 + $1.value }
                    return [.number(mwh / 1e3, decimals: 0), .number(total > 0 ? 100 * mwh / total : 0, decimals: 1)]
                }
            },
            footnotes: ["Storage: energy discharged (its charging is a load, not shown). Shares of total generation including storage discharge."])))
        var capacityByCarrier: [String: [Double]] = [:]
        for (y, period) in r.periods.enumerated() {
            for (id, mw) in period.capacityMW.sorted(by: { $0.key < $1.key }) {
                capacityByCarrier[map[id] ?? id, default: [Double](repeating: 0, count: r.periods.count)][y] += mw / 1e3
            }
        }
        let categories = r.periods.map { String($0.period) }
        blocks.append(.figure(ReportFigure(
            id: "capacity-mix", title: "Capacity mix by period",
            note: "Capacity in service (GW) stacked by carrier.",
            chart: ChartSpec(kind: .stackedBars, xTitle: "Period", yTitle: "Capacity (GW)", categories: categories,
                             series: order.filter { capacityByCarrier[$0] != nil }.map { .init(name: $0, values: capacityByCarrier[$0]!) }))))
        blocks.append(.figure(ReportFigure(
            id: "generation-mix", title: "Generation mix by period",
            note: "Annual generation (TWh) stacked by carrier; storage is its discharge.",
            chart: ChartSpec(kind: .stackedBars, xTitle: "Period", yTitle: "Generation (TWh)", categories: categories,
                             series: generated.map { c in .init(name: c, values: r.periods.map { ($0.generationByCarrierMWh[c] ?? 0) / 1e6 }) },
                             overlay: [.init(name: "demand", values: r.periods.map { $0.demandMWh / 1e6 })]))))
        return ReportSection(id: "mix", title: "Capacity and generation", blocks: blocks)
    }

    /// The corridors that can be expanded (LINKX): forward capacity in service and built in
    /// each period; `nil` when the run has none.
    static func corridorCapacity(_ r: EnergyResults) -> ReportTable? {
        let ids = Set(r.periods.flatMap { ($0.corridorCapacityMW ?? [:]).keys }).sorted()
        guard !ids.isEmpty else { return nil }
        return ReportTable(
            name: "corridor_capacity", title: "Corridors that can be expanded: forward capacity",
            columns: [.init("Corridor", alignment: .left), .init("", alignment: .left)] + periodColumns(r, unit: "MW"),
            rows: ids.flatMap { id -> [[ReportCell]] in
                [[.text(id), .text("in service")] + r.periods.map { .number($0.corridorCapacityMW?[id] ?? 0, decimals: 0) },
                 [.text(id), .text("built")] + r.periods.map { .number($0.newCorridorCapacityMW?[id] ?? 0, decimals: 0) }]
            },
            footnotes: ["Capacity from the corridor's first region to its second; each MW built adds the corridor's reverse fraction in the other direction (docs/MODEL.md, LINKX)."])
    }

    // MARK: unserved energy

    static func unserved(_ input: RunReportInput) -> ReportSection {
        let r = input.results
        let regions = r.system?.regionOrder ?? Set(r.periods.flatMap { $0.unservedByRegionMWh.keys }).sorted()
        var blocks: [ReportBlock] = []
        var rows: [[ReportCell]] = regions.map { region in
            [.text(regionName(region, r))] + r.periods.map { .number(($0.unservedByRegionMWh[region] ?? 0) / 1e3, decimals: 1) }
        }
        rows.append([.text("Total")] + r.periods.map { .number($0.unservedMWh / 1e3, decimals: 1) })
        rows.append([.text("Share of demand (%)")] + r.periods.map { .number(100 * $0.indicators.unservedShare, decimals: 3) })
        let voll = NumberText.format(r.system?.vollUSDPerMWh ?? .nan, decimals: 0)
        var footnote = "Valued at the value of lost load, \(voll) USD/MWh, in the objective."
        if let segments = r.system?.loadSheddingSegments, !segments.isEmpty {
            // Tiered load shedding: a row per segment of the demand, and its prices in the footnote.
            var lower = 0.0
            for (k, segment) in segments.enumerated() {
                let upper = lower + segment.shareOfDemand
                rows.append([.text("Segment \(k + 1): \(NumberText.percent(lower))–\(NumberText.percent(upper)) of demand")]
                            + r.periods.map { p in p.unservedBySegmentMWh.map { .number($0[k] / 1e3, decimals: 1) } ?? .empty })
                lower = upper
            }
            rows.append([.text("Segment \(segments.count + 1): above \(NumberText.percent(lower)) of demand")]
                        + r.periods.map { p in p.unservedBySegmentMWh.map { .number($0[segments.count] / 1e3, decimals: 1) } ?? .empty })
            footnote = "Tiered load shedding: each step's demand is shed in segments, each at its own price in the objective: "
                + segments.enumerated().map { "segment \($0.offset + 1) at \(NumberText.format($0.element.costUSDPerMWh, decimals: 0)) USD/MWh" }.joined(separator: ", ")
                + ", the rest at the value of lost load, \(voll) USD/MWh. The segments' rows are system-wide."
        }
        blocks.append(.table(ReportTable(
            name: "unserved", title: "Unserved energy by region",
            columns: [.init("Region", alignment: .left)] + periodColumns(r, unit: "GWh"), rows: rows,
            footnotes: [footnote])))
        if let heat = heatMap(input) { blocks.append(.figure(heat)) } else if !r.periods.contains(where: hasShortfall) {
            blocks.append(.paragraph(text: "No demand goes unserved in any period, so there is no heat map of shortfalls."))
        } else {
            blocks.append(.paragraph(text: "The run folder has no hourly.csv, so the month-by-hour heat map cannot be drawn."))
        }
        return ReportSection(id: "unserved", title: "Unserved energy", blocks: blocks)
    }

    // MARK: prices

    static func prices(_ input: RunReportInput) -> ReportSection {
        let r = input.results
        var blocks: [ReportBlock] = [.table(ReportTable(
            name: "prices", title: "Marginal prices (dual of the energy balance)",
            columns: [.init("Region", alignment: .left), .init("Period", alignment: .left), .init("Mean", unit: "USD/MWh"),
                      .init("Min", unit: "USD/MWh"), .init("Max", unit: "USD/MWh")],
            rows: r.marginalPrice.map {
                [.text(regionName($0.region, r)), .text(String($0.period)), .number($0.meanUSDPerMWh, decimals: 1),
                 .number($0.minUSDPerMWh, decimals: 1), .number($0.maxUSDPerMWh, decimals: 1)]
            },
            footnotes: ["Mean weighted by demand; undiscounted, in USD of the period's year. A price at the value of lost load marks shedding."]))]
        if let curve = durationCurve(input) { blocks.append(.figure(curve)) }
        return ReportSection(id: "prices", title: "Marginal prices", blocks: blocks)
    }

    // MARK: indicators, costs, binding constraints, frontier

    static let indicatorRows: [(String, String, String, Double, Int)] = [
        ("renewable_share", "Renewable share", "%", 100, 1), ("clean_share", "Clean share", "%", 100, 1),
        ("import_dependence", "Import dependence", "%", 100, 1), ("hhi", "HHI of the mix", "", 1, 3),
        ("shannon", "Shannon index of the mix", "", 1, 3), ("co2_t", "CO2", "Mt", 1e-6, 2),
        ("co2_intensity_t_per_mwh", "CO2 intensity", "t/MWh", 1, 3), ("fuel_import_bill_usd", "Fuel import bill", "million USD", 1e-6, 1),
        ("fuel_import_bill_pkr", "Fuel import bill", "billion PKR", 1e-9, 1),
        ("average_cost_usd_per_mwh", "Average cost of supply", "USD/MWh", 1, 2),
        ("average_cost_pkr_per_kwh", "Average cost of supply", "PKR/kWh", 1, 2),
        ("cost_of_supply_usd_per_mwh", "Cost of supply with capacity payments", "USD/MWh", 1, 2),
        ("cost_of_supply_pkr_per_kwh", "Cost of supply with capacity payments", "PKR/kWh", 1, 2), ("reserve_margin", "Reserve margin", "%", 100, 1),
        ("unserved_share", "Unserved share", "%", 100, 3), ("shortage_hours", "Shortage hours", "h/yr", 1, 0),
        ("peak_shortfall_mw", "Peak shortfall", "MW", 1, 0),
    ]

    static func indicators(_ r: EnergyResults) -> ReportSection {
        let values = r.periods.map { Dictionary($0.indicators.named, uniquingKeysWith: { a, _ in a }) }
        // The cost of supply with capacity payments only where the model has contracts.
        let rows: [[ReportCell]] = indicatorRows.filter { key, _, _, _, _ in values.contains { $0[key] != nil } }.map { key, title, unit, scale, decimals in
            [.text(title), .text(unit)] + values.map { .number(($0[key] ?? .nan) * scale, decimals: decimals) }
        }
        return ReportSection(id: "indicators", title: "Security indicators", blocks: [.table(ReportTable(
            name: "indicators", title: "Energy-security indicators by period",
            columns: [.init("Indicator", alignment: .left), .init("Unit", alignment: .left)] + periodColumns(r, unit: ""),
            rows: rows,
            footnotes: ["Definitions in docs/MODEL.md (indicators); shares of served demand or of generation as stated there."]
                + (r.periods.contains { $0.indicators.shortageHours > 0 } ? [sheddingNote(r)] : [])))])
    }

    /// What the shedding indicators mean where load is shed: the peak is unique only when the
    /// least-peak stage ran; shortage hours never are.
    static func sheddingNote(_ r: EnergyResults) -> String {
        (leastPeakSolved(r) ? "Peak shortfall: the least of any dispatch as cheap as this one. " : "Peak shortfall: that of the dispatch returned. ")
            + "Shortage hours: those of the dispatch returned; equally cheap dispatches can shed the same energy over more or fewer hours."
    }

    /// Whether the peak shortfall stated is the least over the optimal face (the stage of docs/MODEL.md ran).
    static func leastPeakSolved(_ r: EnergyResults) -> Bool { r.stages.contains { $0.name == Stage.leastPeakShortfall && $0.status == .optimal } }

    static let costKeys = ["capital", "fixed_om", "fuel", "variable_om"]

    static func costs(_ r: EnergyResults) -> ReportSection {
        var blocks: [ReportBlock] = []
        if r.periods.contains(where: { $0.costBreakdownUSD != nil }) {
            // Take-or-pay fuel paid for and not burned is part of the cost of supply where a run has it.
            let costKeys = costKeys + (r.periods.contains { $0.costBreakdownUSD?["take_or_pay_surplus"] != nil } ? ["take_or_pay_surplus"] : [])
            var rows: [[ReportCell]] = costKeys.map { key in
                [.text(costName(key))] + r.periods.map { p in p.costBreakdownUSD.map { .number(($0[key] ?? 0) / 1e6, decimals: 1) } ?? .empty }
            }
            rows.append([.text("Cost of supply")] + r.periods.map { p in
                p.costBreakdownUSD.map { b in .number(costKeys.reduce(0.0) { $0 + (b[$1] ?? 0) } / 1e6, decimals: 1) } ?? .empty
            })
            if r.periods.contains(where: { $0.capacityPaymentsUSD != nil }) {
                rows.append([.text("Capacity payments of existing contracts")] + r.periods.map { p in
                    p.capacityPaymentsUSD.map { .number($0 / 1e6, decimals: 1) } ?? .empty
                })
                rows.append([.text("Fixed O&M those payments cover")] + r.periods.map { p in
                    p.fixedOMInPaymentsUSD.map { .number(-$0 / 1e6, decimals: 1) } ?? .empty
                })
                rows.append([.text("Cost of supply with capacity payments")] + r.periods.map { p in
                    guard let b = p.costBreakdownUSD, let paid = p.capacityPaymentsUSD, let covered = p.fixedOMInPaymentsUSD else { return .empty }
                    return .number((costKeys.reduce(0.0) { $0 + (b[$1] ?? 0) } + paid - covered) / 1e6, decimals: 1)
                })
            }
            rows.append([.text(costName("unserved"))] + r.periods.map { p in p.costBreakdownUSD.map { .number(($0["unserved"] ?? 0) / 1e6, decimals: 1) } ?? .empty })
            blocks.append(.table(ReportTable(
                name: "costs", title: "Annual cost by component",
                columns: [.init("Component", alignment: .left)] + periodColumns(r, unit: "million USD/yr"), rows: rows,
                footnotes: ["USD of each period's year, undiscounted. The cost of supply excludes unserved energy; the objective includes it at VoLL.",
                            "Capital: annuities of the capacity built within the horizon and still alive."]
                    + (r.periods.contains { $0.capacityPaymentsUSD != nil }
                       ? ["Capacity payments: fixed charges of existing contracts (capacity_payments.csv), outside the plan's decisions; they replace the fixed O&M of the capacity they pay for (docs/MODEL.md, cost of supply)."]
                       : []))))
        } else {
            blocks.append(.paragraph(text: "These results predate the cost breakdown (cost_breakdown_usd); re-run to get it."))
        }
        if let total = r.objectiveUSD {
            blocks.append(.paragraph(text: "Objective: \(NumberText.money(total)) discounted over the horizon, including the constant "
                                     + "\(NumberText.money(r.objectiveConstantUSD)) (fixed O&M of capacity that is not a decision)."))
        }
        return ReportSection(id: "costs", title: "Costs", blocks: blocks)
    }

    static func binding(_ r: EnergyResults) -> ReportSection {
        guard !r.bindingConstraints.isEmpty else {
            return ReportSection(id: "binding", title: "Binding constraints", blocks: [.paragraph(text:
                "No fuel-supply, water-budget, reserve, renewable-share, CO2, import or foreign-exchange constraint binds in this run.")])
        }
        return ReportSection(id: "binding", title: "Binding constraints", blocks: [.table(ReportTable(
            name: "binding", title: "Binding constraints and their shadow prices",
            columns: [.init("Equation", alignment: .left), .init("Indices", alignment: .left), .init("Shadow price"),
                      .init("Unit", alignment: .left), .init("Violation"), .init("Finding", alignment: .left)],
            rows: r.bindingConstraints.map {
                [.text($0.equation.rawValue), .text($0.indices.joined(separator: " ")), .number($0.shadowPrice, decimals: 2),
                 .text($0.unit), $0.violation.map { .number($0, decimals: 2) } ?? .empty, .text($0.sentence)]
            },
            footnotes: ["Shadow prices are undiscounted to the constraint's period year; sorted by magnitude."]))])
    }

    static func frontier(_ r: EnergyResults) -> ReportSection {
        let table = ReportTable(
            name: "frontier", title: "Pareto frontier: cost against renewable share",
            columns: [.init("Target"), .init("Status", alignment: .left), .init("Cost", unit: "million USD"),
                      .init("Unserved", unit: "GWh"), .init("Renewable share", unit: "%"), .init("Dominated", alignment: .left)],
            rows: r.frontier.map {
                [.number($0.target, decimals: 3), .text($0.status.rawValue), $0.costUSD.map { .number($0 / 1e6, decimals: 1) } ?? .empty,
                 $0.unservedMWh.map { .number($0 / 1e3, decimals: 1) } ?? .empty,
                 $0.renewableShare.map { .number(100 * $0, decimals: 1) } ?? .empty, .text($0.dominated ? "yes" : "no")]
            },
            footnotes: ["Each point: the least discounted cost at its renewable-share target (docs/MODEL.md); cost, unserved energy and renewable share over the horizon.",
                        "Dominated: another point is at least as good on cost, unserved energy and renewable share, and better on one."])
        var blocks: [ReportBlock] = [.table(table)]
        // Cost against renewable share: every solved point, by share.
        let solved = r.frontier.filter { $0.costUSD != nil && $0.renewableShare != nil }.sorted { $0.renewableShare! < $1.renewableShare! }
        if solved.count > 1 {
            blocks.append(.figure(ReportFigure(
                id: "pareto", title: "Cost against renewable share", note: "Every solved point: discounted cost against the renewable share reached.",
                chart: ChartSpec(kind: .lines, xTitle: "Renewable share (%)", yTitle: "Cost (million USD)",
                                 x: solved.map { 100 * $0.renewableShare! }, series: [.init(name: "frontier", values: solved.map { $0.costUSD! / 1e6 })]))))
        }
        // Cost against unserved energy, where the points shed different amounts.
        let points = r.frontier.filter { $0.costUSD != nil && $0.unservedMWh != nil && !$0.dominated }
        let unserved = Set(points.map { ($0.unservedMWh! / 1e3 * 10).rounded() })
        if points.count > 1, unserved.count > 1 {
            blocks.append(.figure(ReportFigure(
                id: "pareto-unserved", title: "Cost against unserved energy", note: "Non-dominated points: discounted cost against unserved energy.",
                chart: ChartSpec(kind: .lines, xTitle: "Unserved energy (GWh)", yTitle: "Cost (million USD)",
                                 x: points.map { $0.unservedMWh! / 1e3 }, series: [.init(name: "frontier", values: points.map { $0.costUSD! / 1e6 })]))))
        }
        return ReportSection(id: "frontier", title: "Pareto frontier", blocks: blocks)
    }
}
