import EnergyModel
import Foundation

extension PyPSAConverter {
    /// Links are transport corridors: `p_nom·p_max_pu` forward, `−p_min_pu·p_nom` backward (only
    /// when lossless: PyPSA's efficiency would create energy on a backward flow), loss `1 − efficiency`.
    mutating func readLinks() {
        guard let (table, rows) = rows("links"), !rows.isEmpty else { return }
        checkAttributes(table, component: "links", kind: "link",
                        read: ["bus0", "bus1", "p_nom", "p_nom_extendable", "p_nom_min", "p_nom_max", "efficiency", "p_min_pu", "p_max_pu",
                               "capital_cost", "marginal_cost"],
                        series: ["efficiency", "p_min_pu", "p_max_pu"], descriptive: ["type", "carrier", "length", "terrain_factor"])
        for (name, row) in rows {
            let kind = "link '\(name)'"
            guard let from = region(table, row, "bus0", kind: "link", name: name),
                  let to = region(table, row, "bus1", kind: "link", name: name) else { continue }
            if from == to { problem(table.file, kind, "bus1", "a link from a bus to itself is not supported"); continue }
            let extendable = flag(table, row, "p_nom_extendable", component: "links", name: name)
            let capital = number(table, row, "capital_cost", component: "links", name: name)
            if capital != 0 && !extendable {
                problem(table.file, kind, "capital_cost", "a fixed corridor carries no cost in Bijli (only an extendable link's capital cost is a decision's)")
            }
            if !(capital >= 0) { problem(table.file, kind, "capital_cost", "must be ≥ 0, found \(capital)") }
            if number(table, row, "marginal_cost", component: "links", name: name) != 0 {
                problem(table.file, kind, "marginal_cost", "corridors carry no cost in Bijli")
            }
            let pNom = number(table, row, "p_nom", component: "links", name: name)
            guard let efficiency = values("links", "efficiency", name: name, row: row, table: table),
                  let upper = values("links", "p_max_pu", name: name, row: row, table: table),
                  let lower = values("links", "p_min_pu", name: name, row: row, table: table) else { continue }
            guard Set(efficiency).count == 1, Set(upper).count == 1, Set(lower).count == 1 else {
                problem(table.file, kind, "", "time-varying efficiency, p_max_pu or p_min_pu are not supported (corridor capacities are constant)")
                continue
            }
            let eta = efficiency[0], maxPU = upper[0], minPU = lower[0]
            if !(eta > 0 && eta <= 1) { problem(table.file, kind, "efficiency", "must be in (0, 1], found \(eta)"); continue }
            if !(maxPU >= 0) { problem(table.file, kind, "p_max_pu", "must be ≥ 0, found \(maxPU)"); continue }
            if minPU > 0 { problem(table.file, kind, "p_min_pu", "a forced minimum flow is not supported, found \(minPU)"); continue }
            if minPU < 0 && eta < 1 {
                problem(table.file, kind, "p_min_pu", "a lossy link (efficiency \(eta)) that also flows backwards gains energy in PyPSA; Bijli's corridors lose in both directions. Split it into two one-way links")
                continue
            }
            guard extendable else {
                corridors.append(ImportedCorridor(id: InteropText.id(name, taken: &corridorIDs), from: from, to: to, capacityMW: pNom * maxPU,
                                                  reverseMW: -minPU * pNom, loss: 1 - eta, kind: "link"))
                continue
            }
            // An extendable link is a corridor that can be expanded (LINKX) from nothing: capacity
            // p_nom_opt in [p_nom_min, p_nom_max] at capital_cost per MW (annualised: life 1 year,
            // no discounting, as for generators), −p_min_pu of it backwards.
            if maxPU != 1 { problem(table.file, kind, "p_max_pu", "an extendable link must have p_max_pu 1 (Bijli's corridor capacity is its rating), found \(maxPU)"); continue }
            if minPU < -1 { problem(table.file, kind, "p_min_pu", "an extendable link's p_min_pu must be in [-1, 0], found \(minPU)"); continue }
            let minimum = number(table, row, "p_nom_min", component: "links", name: name)
            let maximum = number(table, row, "p_nom_max", component: "links", name: name)
            if !(minimum >= 0 && minimum.isFinite) { problem(table.file, kind, "p_nom_min", "must be a finite number ≥ 0"); continue }
            if maximum < minimum { problem(table.file, kind, "p_nom_max", "is below p_nom_min"); continue }
            maxCost = max(maxCost, capital / (objectiveWeights.min() ?? 1))
            var corridor = ImportedCorridor(id: InteropText.id(name, taken: &corridorIDs), from: from, to: to, capacityMW: 0, reverseMW: 0, loss: 1 - eta, kind: "extendable link")
            corridor.expansion = (capexPerKW: capital / 1000, maxMW: maximum.isFinite ? maximum : nil, committedMW: minimum, reverseFraction: -minPU)
            corridors.append(corridor)
        }
    }

    /// Lines are lossless transport corridors of `s_nom·s_max_pu` both ways. That is exact only
    /// when the lines form no cycle (then Kirchhoff's voltage law, which PyPSA applies, binds nothing).
    mutating func readLines() {
        guard let (table, rows) = rows("lines"), !rows.isEmpty else { return }
        checkAttributes(table, component: "lines", kind: "line",
                        read: ["bus0", "bus1", "s_nom", "s_nom_extendable", "s_nom_min", "s_nom_max", "s_max_pu", "capital_cost"], series: ["s_max_pu"],
                        descriptive: ["type", "x", "r", "g", "b", "length", "carrier", "terrain_factor", "num_parallel", "v_nom"])
        var parent: [String: String] = [:]
        func root(_ bus: String) -> String {
            var bus = bus
            while let up = parent[bus], up != bus { bus = up }
            return bus
        }
        for (name, row) in rows {
            let kind = "line '\(name)'"
            guard let from = region(table, row, "bus0", kind: "line", name: name),
                  let to = region(table, row, "bus1", kind: "line", name: name) else { continue }
            if from == to { problem(table.file, kind, "bus1", "a line from a bus to itself is not supported"); continue }
            if flag(table, row, "s_nom_extendable", component: "lines", name: name) {
                problem(table.file, kind, "s_nom_extendable", "extendable lines are not supported: Bijli's corridors cannot be expanded")
            }
            if number(table, row, "capital_cost", component: "lines", name: name) != 0 {
                problem(table.file, kind, "capital_cost", "corridors carry no cost in Bijli")
            }
            let (a, b) = (root(from), root(to))
            if a == b {
                problem(table.file, kind, "", "the lines form a cycle through this line: PyPSA applies Kirchhoff's voltage law around it, which a transport model (Bijli) cannot; replace lines in cycles by links if a transport model is what you want")
                continue
            }
            parent[a] = b
            let sNom = number(table, row, "s_nom", component: "lines", name: name)
            guard let upper = values("lines", "s_max_pu", name: name, row: row, table: table) else { continue }
            guard Set(upper).count == 1, upper[0] >= 0 else {
                problem(table.file, kind, "s_max_pu", "time-varying or negative s_max_pu is not supported")
                continue
            }
            corridors.append(ImportedCorridor(id: InteropText.id(name, taken: &corridorIDs), from: from, to: to, capacityMW: sNom * upper[0], reverseMW: sNom * upper[0], loss: 0, kind: "line"))
        }
    }

    /// One primary-energy CO2 limit (`<=`) becomes Bijli's hard CO2 cap (t per year).
    mutating func readGlobalConstraints() {
        guard let (table, rows) = rows("global_constraints"), !rows.isEmpty else { return }
        checkAttributes(table, component: "global_constraints", kind: "global constraint",
                        read: ["type", "carrier_attribute", "sense", "constant", "investment_period", "bus"], descriptive: [])
        for (name, row) in rows {
            let kind = "global constraint '\(name)'"
            let type = (table.value(row, "type") ?? "").isEmpty ? "primary_energy" : table.value(row, "type")!
            let attribute = (table.value(row, "carrier_attribute") ?? "").isEmpty ? "co2_emissions" : table.value(row, "carrier_attribute")!
            let sense = (table.value(row, "sense") ?? "").isEmpty ? "==" : table.value(row, "sense")!
            guard type == "primary_energy" else { problem(table.file, kind, "type", "only 'primary_energy' is supported, found '\(type)'"); continue }
            guard attribute == "co2_emissions" else { problem(table.file, kind, "carrier_attribute", "only 'co2_emissions' is supported"); continue }
            guard sense == "<=" else { problem(table.file, kind, "sense", "only '<=' (a cap) is supported, found '\(sense)'"); continue }
            for column in ["investment_period", "bus"] where !(table.value(row, column) ?? "").isEmpty && table.value(row, column)?.lowercased() != "nan" {
                problem(table.file, kind, column, "not supported (one period, system-wide caps only)")
            }
            let constant = number(table, row, "constant", component: "global_constraints", name: name)
            guard constant >= 0 && constant.isFinite else { problem(table.file, kind, "constant", "must be a finite number ≥ 0"); continue }
            if co2Cap != nil { problem(table.file, kind, "", "a second CO2 limit is not supported"); continue }
            if let t = generatorWeights.indices.first(where: { generatorWeights[$0] != objectiveWeights[$0] }) {
                problem("snapshots.csv", "snapshot '\(snapshotNames[t])'", "generators",
                        "weighting differs from 'objective': Bijli weighs costs and CO2 sums alike")
            }
            co2Cap = constant
        }
    }
}
