import Foundation

extension EnergyResults {
    /// `results.json`: sorted keys, snake_case, pretty-printed (docs/RESULTS.md).
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Keys are spelled out in each type's CodingKeys (units such as MWh do not survive
        // Foundation's automatic snake_case).
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        // The objective is a number or absent, never the string "inf" (issue 19).
        var copy = self
        if let objective = copy.objectiveUSD, !objective.isFinite { copy.objectiveUSD = nil }
        return try encoder.encode(copy)
    }

    /// The CSV tables of a run, by file name; units are in the headers.
    public func csvTables() -> [String: Data] {
        var capacity = ["period,resource,capacity_mw,new_capacity_mw"]
        var generation = ["period,resource,generation_mwh"]
        var carriers = ["period,carrier,generation_mwh"]
        var indicators = ["period,indicator,value"]
        for period in periods {
            for id in period.capacityMW.keys.sorted() {
                capacity.append("\(period.period),\(Self.csv(id)),\(Self.csv(period.capacityMW[id]!)),\(Self.csv(period.newCapacityMW[id] ?? 0))")
            }
            for id in period.generationMWh.keys.sorted() {
                generation.append("\(period.period),\(Self.csv(id)),\(Self.csv(period.generationMWh[id]!))")
            }
            for carrier in period.generationByCarrierMWh.keys.sorted() {
                carriers.append("\(period.period),\(Self.csv(carrier)),\(Self.csv(period.generationByCarrierMWh[carrier]!))")
            }
            for (name, value) in period.indicators.named {
                indicators.append("\(period.period),\(name),\(Self.csv(value))")
            }
            indicators.append("\(period.period),demand_mwh,\(Self.csv(period.demandMWh))")
            indicators.append("\(period.period),unserved_mwh,\(Self.csv(period.unservedMWh))")
            for (k, mwh) in (period.unservedBySegmentMWh ?? []).enumerated() {
                indicators.append("\(period.period),unserved_segment_\(k + 1)_mwh,\(Self.csv(mwh))")
            }
        }
        var prices = ["region,period,mean_usd_per_mwh,min_usd_per_mwh,max_usd_per_mwh"]
        for p in marginalPrice {
            prices.append("\(Self.csv(p.region)),\(p.period),\(Self.csv(p.meanUSDPerMWh)),\(Self.csv(p.minUSDPerMWh)),\(Self.csv(p.maxUSDPerMWh))")
        }
        var binding = ["equation,indices,shadow_price,unit,violation,sentence"]
        for b in bindingConstraints {
            binding.append([b.equation.rawValue, b.indices.joined(separator: " "), Self.csv(b.shadowPrice), b.unit,
                            b.violation.map(Self.csv) ?? "", b.sentence].map(Self.csv).joined(separator: ","))
        }
        var tables = [
            "capacity.csv": capacity, "generation.csv": generation, "generation_by_carrier.csv": carriers,
            "indicators.csv": indicators, "marginal_prices.csv": prices, "binding_constraints.csv": binding,
        ]
        if !frontier.isEmpty {
            tables["pareto.csv"] = ["target,status,cost_usd,unserved_mwh,renewable_share,dominated"] + frontier.map {
                "\(Self.csv($0.target)),\($0.status),\($0.costUSD.map(Self.csv) ?? ""),\($0.unservedMWh.map(Self.csv) ?? ""),\($0.renewableShare.map(Self.csv) ?? ""),\($0.dominated)"
            }
        }
        return tables.mapValues { Data(($0.joined(separator: "\n") + "\n").utf8) }
    }

    /// A number with 12 significant digits (stable across runs), or a quoted field.
    static func csv(_ value: Double) -> String {
        String(format: "%.12g", abs(value) < 1e-12 ? 0 : value)
    }

    /// A text field, quoted when it holds a comma, quote or line break.
    static func csv(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension Indicators {
    /// The indicators as (snake_case name, value), in a fixed order.
    public var named: [(String, Double)] {
        [("renewable_share", renewableShare), ("clean_share", cleanShare), ("import_dependence", importDependence),
         ("hhi", hhi), ("shannon", shannon), ("co2_t", co2T), ("co2_intensity_t_per_mwh", co2IntensityTPerMWh),
         ("fuel_import_bill_usd", fuelImportBillUSD), ("fuel_import_bill_pkr", fuelImportBillPKR),
         ("average_cost_usd_per_mwh", averageCostUSDPerMWh), ("average_cost_pkr_per_kwh", averageCostPKRPerKWh),
         ("reserve_margin", reserveMargin), ("unserved_share", unservedShare), ("shortage_hours", shortageHours),
         ("peak_shortfall_mw", peakShortfallMW)]
            + [("cost_of_supply_usd_per_mwh", costOfSupplyUSDPerMWh), ("cost_of_supply_pkr_per_kwh", costOfSupplyPKRPerKWh)]
                .compactMap { key, value in value.map { (key, $0) } }
    }
}
