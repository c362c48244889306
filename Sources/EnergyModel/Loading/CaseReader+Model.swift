import Foundation
import Yams

extension CaseReader {
    /// `Inputs/<model>/settings.yaml`: the exchange rate and the demand variant.
    func readInputSettings() {
        let file = "settings.yaml"
        guard let text = TextFile.read(file, in: inputs, required: true, log: log) else { return }
        let yaml = YAMLFile(path: inputsPath(file), name: file, log: log)
        guard let root = yaml.parse(text), let top = yaml.mapping(root, "settings.yaml") else { return }
        yaml.checkKeys(top, at: root, allowed: ["exchange_rate_pkr_per_usd", "demand_variant", "source", "tag"],
                       required: ["exchange_rate_pkr_per_usd"], context: "settings.yaml")
        let provenance = yaml.provenance(top, inherited: .init())
        if let rate = yaml.double(top, "exchange_rate_pkr_per_usd") {
            if rate > 0 { exchangeRate = rate } else { yaml.issue(top["exchange_rate_pkr_per_usd"], "'exchange_rate_pkr_per_usd' must be positive, found \(rate)") }
            if let note = yaml.note(provenance, key: "exchange_rate_pkr_per_usd", at: root) { sources.append(note) }
        }
        if let variant = yaml.string(top, "demand_variant") {
            let mark = top["demand_variant"]?.mark
            settingsVariant = (variant, mark?.line, mark?.column)
        }
    }

    /// `Models/<model>/model.yaml`: name, settings, regions, corridors, fuels, policies.
    func readModelFile() {
        let file = "model.yaml"
        name = model.standardizedFileURL.lastPathComponent
        guard let text = TextFile.read(file, in: model, required: true, log: log) else { return }
        let yaml = YAMLFile(path: modelPath(file), name: file, log: log)
        guard let root = yaml.parse(text), let top = yaml.mapping(root, "model.yaml") else { return }
        yaml.checkKeys(top, at: root, allowed: ["name", "source", "tag", "settings", "regions", "corridors", "fuels", "policies", "reserve"],
                       required: ["settings", "regions"], context: "model.yaml")
        if let given = yaml.string(top, "name") { name = given }
        let provenance = yaml.provenance(top, inherited: .init())
        if let node = top["settings"] { readSettings(node, yaml: yaml, inherited: provenance) }
        if let node = top["regions"] { readRegions(node, yaml: yaml) }
        if let node = top["corridors"], !yaml.isNull(node) { readCorridors(node, yaml: yaml, inherited: provenance) }
        if let node = top["fuels"], !yaml.isNull(node) { readFuels(node, yaml: yaml, inherited: provenance) }
        if let node = top["policies"], !yaml.isNull(node) { readPolicies(node, yaml: yaml, inherited: provenance) }
        if let node = top["reserve"], !yaml.isNull(node) { readReserve(node, yaml: yaml, inherited: provenance) }
        checkReserve(yaml: yaml)
    }

    private func readSettings(_ node: Node, yaml: YAMLFile, inherited: YAMLFile.Provenance) {
        guard let map = yaml.mapping(node, "'settings'") else { return }
        yaml.checkKeys(map, at: node, allowed: ["discount_rate", "base_year", "voll_usd_per_mwh", "load_shedding_segments", "availability_cutoff",
                                                "objective_unit_usd", "source", "tag"],
                       required: ["discount_rate", "base_year", "voll_usd_per_mwh"], context: "settings")
        let provenance = yaml.provenance(map, inherited: inherited)
        if let rate = yaml.double(map, "discount_rate") {
            if rate >= 0, rate < 1 { settings.discountRate = rate } else {
                yaml.issue(map["discount_rate"], "'discount_rate' must be in [0, 1), found \(rate)", suggestion: "write a fraction, e.g. 0.10 for 10 %")
            }
        }
        if let year = yaml.int(map, "base_year") {
            settings.baseYear = year
            if let first = periods.first?.year, year > first {
                yaml.issue(map["base_year"], "'base_year' \(year) is after the first period \(first)", suggestion: "discount to a year no later than the first period")
            }
        }
        if let voll = yaml.double(map, "voll_usd_per_mwh") {
            if voll > 0 { settings.vollUSDPerMWh = voll } else { yaml.issue(map["voll_usd_per_mwh"], "'voll_usd_per_mwh' must be positive, found \(voll)") }
        }
        if let cutoff = yaml.double(map, "availability_cutoff") {
            if cutoff >= 0, cutoff <= Economics.minimumAvailability { settings.availabilityCutoff = cutoff } else {
                yaml.issue(map["availability_cutoff"], "'availability_cutoff' must be in [0, \(Economics.minimumAvailability)], found \(cutoff)",
                           suggestion: "availabilities below it are taken as 0; 0 keeps every value")
            }
        }
        if let unit = yaml.double(map, "objective_unit_usd") {
            if unit >= 1, unit <= 1e9 { settings.objectiveUnitUSD = unit } else {
                yaml.issue(map["objective_unit_usd"], "'objective_unit_usd' must be in [1, 1e9], found \(unit)",
                           suggestion: "the USD one unit of the program's objective stands for; the default is 1e6 (million USD)")
            }
        }
        if let node = map["load_shedding_segments"], !yaml.isNull(node) {
            readSheddingSegments(node, yaml: yaml, inherited: provenance)
        }
        if let note = yaml.note(provenance, key: "settings", at: node) { sources.append(note) }
    }

    /// `settings.load_shedding_segments`: the shallow segments of tiered load shedding, shallowest
    /// first, each `{share_of_demand, cost_usd_per_mwh}` (the rest of demand is shed at VoLL).
    /// Shares in (0, 1) summing below 1; prices positive, rising, and below VoLL, so that the
    /// cheapest shedding is the shallowest and the program sheds in the written order.
    private func readSheddingSegments(_ node: Node, yaml: YAMLFile, inherited: YAMLFile.Provenance) {
        guard let items = yaml.sequence(node, "'load_shedding_segments'") else { return }
        var segments: [SheddingSegment] = []
        for (k, item) in items.enumerated() {
            let what = "load shedding segment \(k + 1)"
            guard let map = yaml.mapping(item, what) else { continue }
            yaml.checkKeys(map, at: item, allowed: ["share_of_demand", "cost_usd_per_mwh", "source", "tag"],
                           required: ["share_of_demand", "cost_usd_per_mwh"], context: what)
            let provenance = yaml.provenance(map, inherited: inherited)
            let share = yaml.double(map, "share_of_demand"), cost = yaml.double(map, "cost_usd_per_mwh")
            if let share, !(share > 0 && share < 1) {
                yaml.issue(map["share_of_demand"], "\(what): 'share_of_demand' must be in (0, 1), found \(share)",
                           suggestion: "write a fraction of each step's demand, e.g. 0.02 for the first 2 %")
            }
            if let cost, !(cost > 0) { yaml.issue(map["cost_usd_per_mwh"], "\(what): 'cost_usd_per_mwh' must be positive, found \(cost)") }
            if let cost, let previous = segments.last, cost <= previous.costUSDPerMWh {
                yaml.issue(map["cost_usd_per_mwh"], "\(what): 'cost_usd_per_mwh' \(cost) is not above the segment before (\(previous.costUSDPerMWh))",
                           suggestion: "list the segments shallowest first, each dearer than the one before (a cheaper deep segment would be shed first)")
            }
            if let share, let cost { segments.append(SheddingSegment(shareOfDemand: share, costUSDPerMWh: cost)) }
            if let note = yaml.note(provenance, key: "settings.load_shedding_segments.\(k + 1)", at: item) { sources.append(note) }
        }
        if segments.isEmpty { yaml.issue(node, "'load_shedding_segments' is empty", suggestion: "list at least one segment, or leave the key out for one segment at VoLL") }
        let total = segments.reduce(0) { $0 + $1.shareOfDemand }
        if total >= 1 {
            yaml.issue(node, "the shares of 'load_shedding_segments' sum to \(total), not below 1",
                       suggestion: "the rest of demand, 1 − the sum, is shed at 'voll_usd_per_mwh'; leave it a positive share")
        }
        if let last = segments.last, settings.vollUSDPerMWh > 0, last.costUSDPerMWh >= settings.vollUSDPerMWh {
            yaml.issue(node, "the dearest load shedding segment (\(last.costUSDPerMWh) USD/MWh) is not below 'voll_usd_per_mwh' (\(settings.vollUSDPerMWh))",
                       suggestion: "VoLL prices the deepest shedding, the rest of demand after the segments")
        }
        settings.sheddingSegments = segments
    }

    private func readRegions(_ node: Node, yaml: YAMLFile) {
        guard let items = yaml.sequence(node, "'regions'") else { return }
        if items.isEmpty { yaml.issue(node, "no regions", suggestion: "list at least one region") }
        var entries: [(id: String, line: Int?, column: Int?)] = []
        for item in items {
            guard let map = yaml.mapping(item, "a region") else { continue }
            yaml.checkKeys(map, at: item, allowed: ["id", "name", "source", "tag"], required: ["id"], context: "a region")
            guard let id = yaml.string(map, "id") else { continue }
            if !isValidID(id) { yaml.issue(map["id"], "region id '\(id)' has characters other than letters, digits, '_', '-', '.'") }
            entries.append((id, map["id"]?.mark?.line, map["id"]?.mark?.column))
            regions.append(Region(id: id, name: yaml.string(map, "name") ?? ""))
        }
        checkDuplicates(entries, path: yaml.path, what: "region")
    }

    private func readCorridors(_ node: Node, yaml: YAMLFile, inherited: YAMLFile.Provenance) {
        guard let items = yaml.sequence(node, "'corridors'") else { return }
        var entries: [(id: String, line: Int?, column: Int?)] = []
        let regionIDs = regions.map(\.id)
        for item in items {
            guard let map = yaml.mapping(item, "a corridor") else { continue }
            yaml.checkKeys(map, at: item, allowed: ["id", "from", "to", "capacity_mw", "reverse_capacity_mw", "loss_fraction", "flow_cost_usd_per_mwh", "usable_share",
                                                    "fixed_om_usd_per_kw_year", "expansion", "source", "tag"],
                           required: ["id", "from", "to", "capacity_mw"], context: "a corridor")
            let provenance = yaml.provenance(map, inherited: inherited)
            guard let id = yaml.string(map, "id") else { continue }
            entries.append((id, map["id"]?.mark?.line, map["id"]?.mark?.column))
            let from = yaml.string(map, "from"), to = yaml.string(map, "to")
            for (key, region) in [("from", from), ("to", to)] {
                if let region, !regionIDs.contains(region) {
                    yaml.issue(map[key], "corridor '\(id)': unknown region '\(region)'", suggestion: Suggestion.advice(for: region, among: regionIDs))
                }
            }
            if let from, from == to { yaml.issue(map["to"], "corridor '\(id)' joins region '\(from)' to itself") }
            let capacity = nonNegative(yaml, map, "capacity_mw", id: id)
            let reverse = nonNegative(yaml, map, "reverse_capacity_mw", id: id)
            var loss = yaml.double(map, "loss_fraction") ?? 0
            if !(loss >= 0 && loss < 1) {
                yaml.issue(map["loss_fraction"], "corridor '\(id)': 'loss_fraction' must be in [0, 1), found \(loss)")
                loss = 0
            }
            let flowCost = map["flow_cost_usd_per_mwh"] == nil ? 0 : nonNegative(yaml, map, "flow_cost_usd_per_mwh", id: id)
            var share = yaml.double(map, "usable_share") ?? 1
            if !(share > 0 && share <= 1) {
                yaml.issue(map["usable_share"], "corridor '\(id)': 'usable_share' must be in (0, 1], found \(share)",
                           suggestion: "the share of the rating that may flow in any hour, e.g. 0.9 for a security margin")
                share = 1
            }
            let fixedOM = map["fixed_om_usd_per_kw_year"] == nil ? 0 : nonNegative(yaml, map, "fixed_om_usd_per_kw_year", id: id)
            if map["fixed_om_usd_per_kw_year"] != nil, map["expansion"] != nil {
                yaml.issue(map["fixed_om_usd_per_kw_year"], "corridor '\(id)' has 'fixed_om_usd_per_kw_year' beside 'expansion'",
                           suggestion: "give the fixed O&M of a corridor that can be expanded under 'expansion' (it covers the existing capacity too)")
            }
            let expansion = map["expansion"].flatMap { readExpansion($0, yaml: yaml, id: id, existingMW: capacity ?? 0) }
            if let from, let to, let capacity, let flowCost, let fixedOM {
                var corridor = Corridor(id: id, from: from, to: to, capacityMW: capacity, reverseCapacityMW: reverse, lossFraction: loss,
                                        investment: expansion?.investment, fixedOMUSDPerKWYear: expansion?.fixedOM ?? fixedOM,
                                        reverseFraction: expansion?.reverseFraction ?? 1)
                corridor.flowCostUSDPerMWh = flowCost
                corridor.usableShare = share
                corridors.append(corridor)
            }
            if let note = yaml.note(provenance, key: "corridors.\(id)", at: item) { sources.append(note) }
        }
        checkDuplicates(entries, path: yaml.path, what: "corridor")
    }

    /// A corridor's `expansion` (**LINKX**): `capex_usd_per_kw` and `lifetime_years` (required),
    /// `max_capacity_mw` (forward capacity in service at most, existing included),
    /// `first_build_year`, `committed_mw` (`{year: MW}`), `fixed_om_usd_per_kw_year`, `reverse_fraction`.
    private func readExpansion(_ node: Node, yaml: YAMLFile, id: String, existingMW: Double)
        -> (investment: Investment, fixedOM: Double, reverseFraction: Double)? {
        guard let map = yaml.mapping(node, "corridor '\(id)': 'expansion'") else { return nil }
        yaml.checkKeys(map, at: node, allowed: ["capex_usd_per_kw", "lifetime_years", "max_capacity_mw", "first_build_year", "committed_mw",
                                                "fixed_om_usd_per_kw_year", "reverse_fraction"],
                       required: ["capex_usd_per_kw", "lifetime_years"], context: "corridor '\(id)': 'expansion'")
        let capex = nonNegative(yaml, map, "capex_usd_per_kw", id: id)
        let lifetime = nonNegative(yaml, map, "lifetime_years", id: id)
        let maximum = nonNegative(yaml, map, "max_capacity_mw", id: id)
        let fixedOM = nonNegative(yaml, map, "fixed_om_usd_per_kw_year", id: id) ?? 0
        var reverseFraction = yaml.double(map, "reverse_fraction") ?? 1
        if !(reverseFraction >= 0 && reverseFraction <= 1) {
            yaml.issue(map["reverse_fraction"], "corridor '\(id)': 'reverse_fraction' must be in [0, 1], found \(reverseFraction)",
                       suggestion: "1 for a line that carries its rating both ways, 0 for a one-way link")
            reverseFraction = 1
        }
        if let lifetime, lifetime < 1 {
            yaml.issue(map["lifetime_years"], "corridor '\(id)': 'lifetime_years' must be at least 1, found \(lifetime)")
        }
        if let maximum, maximum < existingMW {
            yaml.issue(map["max_capacity_mw"], "corridor '\(id)': 'max_capacity_mw' \(maximum) is below the existing \(existingMW) MW",
                       suggestion: "'max_capacity_mw' counts the existing capacity too")
        }
        var committed: [Int: Double] = [:]
        if let node = map["committed_mw"], let entries = yaml.mapping(node, "corridor '\(id)': 'committed_mw'") {
            for (key, value) in entries {
                guard let year = key.scalar.flatMap({ Int($0.string) }) else {
                    yaml.issue(key, "corridor '\(id)': 'committed_mw' keys must be period years, found \(key.scalar?.string ?? "a non-scalar")")
                    continue
                }
                if let mw = yaml.number(value, "committed_mw"), mw >= 0 { committed[year] = mw } else {
                    yaml.issue(value, "corridor '\(id)': committed build in \(year) must be a non-negative number of MW")
                }
            }
        }
        guard let capex, let lifetime, lifetime >= 1 else { return nil }
        let investment = Investment(capexUSDPerKW: capex, lifetimeYears: lifetime, maxCapacityMW: maximum, committedMW: committed,
                                    firstBuildYear: yaml.int(map, "first_build_year"))
        return (investment, fixedOM, reverseFraction)
    }

    private func readFuels(_ node: Node, yaml: YAMLFile, inherited: YAMLFile.Provenance) {
        guard let items = yaml.sequence(node, "'fuels'") else { return }
        var entries: [(id: String, line: Int?, column: Int?)] = []
        for item in items {
            guard let map = yaml.mapping(item, "a fuel") else { continue }
            yaml.checkKeys(map, at: item, allowed: ["id", "imported", "co2_t_per_mmbtu", "source", "tag"],
                           required: ["id", "imported", "co2_t_per_mmbtu"], context: "a fuel")
            let provenance = yaml.provenance(map, inherited: inherited)
            guard let id = yaml.string(map, "id") else { continue }
            if !isValidID(id) { yaml.issue(map["id"], "fuel id '\(id)' has characters other than letters, digits, '_', '-', '.'") }
            entries.append((id, map["id"]?.mark?.line, map["id"]?.mark?.column))
            declaredFuels.append(id)
            let imported = yaml.bool(map, "imported")
            let co2 = nonNegative(yaml, map, "co2_t_per_mmbtu", id: id)
            if let imported, let co2 { fuels.append(Fuel(id: id, imported: imported, co2TonnesPerMMBtu: co2)) }
            if let note = yaml.note(provenance, key: "fuels.\(id)", at: item) { sources.append(note) }
        }
        checkDuplicates(entries, path: yaml.path, what: "fuel")
    }

    private func readPolicies(_ node: Node, yaml: YAMLFile, inherited: YAMLFile.Provenance) {
        guard let map = yaml.mapping(node, "'policies'") else { return }
        let targets = ["reserve_margin", "renewable_share", "co2_cap_t", "import_share_cap", "fx_budget_usd"]
        yaml.checkKeys(map, at: node, allowed: targets + ["renewable_carriers", "clean_carriers", "source", "tag"], context: "policies")
        let provenance = yaml.provenance(map, inherited: inherited)
        for list in ["renewable_carriers", "clean_carriers"] {
            guard let names = yaml.strings(map, list), let listNode = map[list] else { continue }
            let items = listNode.sequence.map(Array.init) ?? []
            for (index, name) in names.enumerated() {
                policyCarriers.append((name, index < items.count ? items[index] : listNode, list))
            }
            if list == "renewable_carriers" { policies.renewableCarriers = names } else { policies.cleanCarriers = names }
        }
        for key in targets {
            guard let targetNode = map[key], !yaml.isNull(targetNode) else { continue }
            let upper: Double? = (key == "renewable_share" || key == "import_share_cap") ? 1 : nil
            guard let target = readTarget(targetNode, key: key, upper: upper, yaml: yaml, inherited: provenance) else { continue }
            policyNodes[key] = targetNode
            switch key {
            case "reserve_margin": policies.reserveMargin = target
            case "renewable_share": policies.renewableShare = target
            case "co2_cap_t": policies.co2CapTonnes = target
            case "import_share_cap": policies.importShareCap = target
            default: policies.fxBudgetUSD = target
            }
        }
    }

    /// A policy target `{values: {2030: 0.3}, penalty: 1000, source:, tag:}`.
    private func readTarget(_ node: Node, key: String, upper: Double?, yaml: YAMLFile, inherited: YAMLFile.Provenance) -> PolicyTarget? {
        guard let map = yaml.mapping(node, "policy '\(key)'") else { return nil }
        yaml.checkKeys(map, at: node, allowed: ["values", "penalty", "source", "tag"], required: ["values"], context: "policy '\(key)'")
        let provenance = yaml.provenance(map, inherited: inherited)
        guard let valuesNode = map["values"], let values = yaml.mapping(valuesNode, "'\(key).values'") else { return nil }
        var byYear: [Int: Double] = [:]
        for (yearNode, valueNode) in values {
            guard let year = Int(yearNode.scalar?.string ?? "") else {
                yaml.issue(yearNode, "'\(key).values' keys must be period years, found \(yaml.describe(yearNode))")
                continue
            }
            if !periods.isEmpty, !periodYears.contains(year) {
                yaml.issue(yearNode, "policy '\(key)': \(year) is not a period", suggestion: Suggestion.advice(for: String(year), among: periodYears.map(String.init)))
                continue
            }
            guard let value = yaml.number(valueNode, "\(key).values.\(year)") else { continue }
            if value < 0 || (upper.map { value > $0 } ?? false) {
                yaml.issue(valueNode, "policy '\(key)' in \(year) must be in [0, \(upper.map { "\(Int($0))]" } ?? "∞)"), found \(value)")
                continue
            }
            byYear[year] = value
        }
        if byYear.isEmpty, values.isEmpty { yaml.issue(valuesNode, "policy '\(key)' has no values", suggestion: "give a value per period, or remove the policy") }
        var penalty: Double?
        if let value = yaml.double(map, "penalty") {
            if value >= 0 { penalty = value } else { yaml.issue(map["penalty"], "policy '\(key)': 'penalty' must be non-negative, found \(value)") }
        }
        if let note = yaml.note(provenance, key: "policies.\(key)", at: node) { sources.append(note) }
        return PolicyTarget(byYear, penalty: penalty)
    }

    /// A non-negative number under `key` (nil and an issue if negative or of the wrong type).
    private func nonNegative(_ yaml: YAMLFile, _ map: Node.Mapping, _ key: String, id: String) -> Double? {
        guard let value = yaml.double(map, key) else { return nil }
        if value < 0 {
            yaml.issue(map[key], "'\(id)': '\(key)' must not be negative, found \(value)")
            return nil
        }
        return value
    }
}
