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
            if !(capital >= 0) { problem(table.file, kind, "capital_cost", "must be ≥ 0, found \(capital)") }
            let flowCost = number(table, row, "marginal_cost", component: "links", name: name)
            if !(flowCost >= 0 && flowCost.isFinite) {
                problem(table.file, kind, "marginal_cost", "must be a finite number ≥ 0 (a corridor's flow cost), found \(flowCost)")
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
            if minPU < 0 && flowCost != 0 {
                problem(table.file, kind, "marginal_cost", "a link that also flows backwards earns its marginal cost on a backward flow in PyPSA (the cost is on p0, negative backwards); Bijli charges a corridor's flow cost both ways. Split it into two one-way links")
                continue
            }
            guard extendable else {
                // A fixed link's capital cost is a constant (outside PyPSA's n.objective, as the
                // fixed O&M of a fixed corridor is in Bijli's constant), per MW of p_nom.
                let capacity = pNom * maxPU
                if capital > 0 && capacity == 0 {
                    problem(table.file, kind, "capital_cost", "a fixed link that can carry nothing forward (p_nom · p_max_pu = 0) has no capacity to carry its capital cost in Bijli")
                    continue
                }
                var corridor = ImportedCorridor(id: InteropText.id(name, taken: &corridorIDs), from: from, to: to, capacityMW: capacity,
                                                reverseMW: -minPU * pNom, loss: 1 - eta, kind: "link")
                corridor.flowCost = flowCost
                corridor.fixedOMPerKW = capital > 0 ? capital / 1000 * pNom / capacity : 0
                corridors.append(corridor)
                continue
            }
            // An extendable link is a corridor that can be expanded (LINKX) from nothing: capacity
            // p_nom_opt in [p_nom_min, p_nom_max] at capital_cost per MW (annualised: life 1 year,
            // no discounting, as for generators), −p_min_pu of it backwards.
            // p_max_pu is the usable share of the rating; the reverse fraction is per MW usable.
            if !(maxPU > 0 && maxPU <= 1) { problem(table.file, kind, "p_max_pu", "an extendable link's p_max_pu must be in (0, 1] (the usable share of its rating), found \(maxPU)"); continue }
            if -minPU > maxPU { problem(table.file, kind, "p_min_pu", "an extendable link may carry backwards at most what it carries forward (-p_min_pu ≤ p_max_pu), found p_min_pu \(minPU), p_max_pu \(maxPU)"); continue }
            let minimum = number(table, row, "p_nom_min", component: "links", name: name)
            let maximum = number(table, row, "p_nom_max", component: "links", name: name)
            if !(minimum >= 0 && minimum.isFinite) { problem(table.file, kind, "p_nom_min", "must be a finite number ≥ 0"); continue }
            if maximum < minimum { problem(table.file, kind, "p_nom_max", "is below p_nom_min"); continue }
            maxCost = max(maxCost, capital / (objectiveWeights.min() ?? 1))
            var corridor = ImportedCorridor(id: InteropText.id(name, taken: &corridorIDs), from: from, to: to, capacityMW: 0, reverseMW: 0, loss: 1 - eta, kind: "extendable link")
            corridor.expansion = (capexPerKW: capital / 1000, maxMW: maximum.isFinite ? maximum : nil, committedMW: minimum, reverseFraction: -minPU / maxPU)
            corridor.flowCost = flowCost
            corridor.usableShare = maxPU
            corridors.append(corridor)
        }
    }

    /// Lines and transformers are Bijli's lines (`lines.csv`): lossless corridors of `s_nom` both
    /// ways, `s_max_pu` of it usable, whose flows obey Kirchhoff's voltage law (KVL) with PyPSA's
    /// effective reactance `x_pu_eff` (`x / v_nom²` of bus0 for a line, `x · tap_ratio / s_nom`
    /// for a transformer). Extendable ones are lines that can be expanded from nothing (LINKX),
    /// their reactance fixed, as in PyPSA's linear optimisation.
    mutating func readPassiveBranches() {
        for component in ["lines", "transformers"] {
            guard let (table, rows) = rows(component), !rows.isEmpty else { continue }
            let transformer = component == "transformers"
            let kind = transformer ? "transformer" : "line"
            func carrier(_ row: [String], _ end: String) -> String { busCarriers[table.value(row, end) ?? "", default: "AC"] }
            // A DC line's flows are weighted by its resistance, as PyPSA does in a DC sub-network.
            let direct = !transformer && rows.contains { carrier($0.row, "bus0") == "DC" && carrier($0.row, "bus1") == "DC" }
            // Lines of a type read their length and number of circuits (line_types.csv).
            let typed = !transformer && rows.contains { !PyPSAAttributes.isBlank(table.value($0.row, "type") ?? "") }
            // Descriptive: the resistance of AC branches (the linear flow is lossless), shunt g and
            // b (PyPSA's x_pu_eff is computed before its T-model uses them), and what only a
            // standard type uses.
            checkAttributes(table, component: component, kind: kind,
                            read: Set(["bus0", "bus1", "x", "type", "s_nom", "s_nom_extendable", "s_nom_min", "s_nom_max", "s_max_pu", "capital_cost", "tap_ratio"]
                                + (direct ? ["r"] : []) + (typed ? ["length", "num_parallel"] : [])),
                            series: ["s_max_pu"],
                            descriptive: transformer ? ["r", "g", "b", "model", "num_parallel", "tap_side", "tap_position"]
                                : Set(["g", "b", "carrier", "terrain_factor", "v_nom"] + (direct ? [] : ["r"]) + (typed ? [] : ["length", "num_parallel"])))
            for (name, row) in rows {
                let label = "\(kind) '\(name)'"
                guard let from = region(table, row, "bus0", kind: kind, name: name),
                      let to = region(table, row, "bus1", kind: kind, name: name) else { continue }
                if from == to { problem(table.file, label, "bus1", "a \(kind) from a bus to itself is not supported"); continue }
                // A line of a type takes its impedance from line_types.csv (PyPSA's x_per_length ·
                // length / num_parallel); a transformer type is not resolved.
                var typed: (x: Double, r: Double)? = nil
                if let type = table.value(row, "type"), !PyPSAAttributes.isBlank(type) {
                    guard !transformer else {
                        problem(table.file, label, "type", "standard type '\(type)': PyPSA takes a transformer's impedance from its type table, which Bijli does not resolve; give 'x' and 's_nom' instead")
                        continue
                    }
                    guard let impedance = lineType(type, row: row, table: table, label: label) else { continue }
                    typed = impedance
                }
                let buses = [table.value(row, "bus0") ?? "", table.value(row, "bus1") ?? ""]
                let ends = [carrier(row, "bus0"), carrier(row, "bus1")]
                let isDC = !transformer && ends == ["DC", "DC"]
                if !isDC, let k = ends.firstIndex(where: { $0 != "AC" }) {
                    problem(table.file, label, "bus\(k)", "bus '\(buses[k])' has carrier '\(ends[k])': a \(kind) joins AC buses (or, for a line, two DC buses)")
                    continue
                }
                let extendable = flag(table, row, "s_nom_extendable", component: component, name: name)
                let capital = number(table, row, "capital_cost", component: component, name: name)
                if !(capital >= 0) { problem(table.file, label, "capital_cost", "must be ≥ 0, found \(capital)") }
                let sNom = number(table, row, "s_nom", component: component, name: name)
                let x = typed?.x ?? number(table, row, "x", component: component, name: name)
                var reactance: Double
                if transformer {
                    let tap = number(table, row, "tap_ratio", component: component, name: name)
                    if !(tap > 0 && tap.isFinite) { problem(table.file, label, "tap_ratio", "must be a positive number, found \(tap)"); continue }
                    guard sNom > 0 && sNom.isFinite else {
                        problem(table.file, label, "s_nom", "a transformer's reactance is per unit of s_nom (PyPSA's x_pu = x / s_nom), so s_nom must be positive, also when extendable; found \(sNom)")
                        continue
                    }
                    reactance = x / sNom * tap
                } else {
                    let vNom = busVoltages[buses[0], default: 1]
                    guard vNom > 0 && vNom.isFinite else { problem("buses.csv", "bus '\(buses[0])'", "v_nom", "must be positive (line '\(name)' is per unit of it), found \(vNom)"); continue }
                    // PyPSA's KVL weighs a DC sub-network's lines by r_pu_eff = r / v_nom².
                    let r = typed?.r ?? number(table, row, "r", component: component, name: name)
                    reactance = (isDC ? r : x) / (vNom * vNom)
                }
                if !(reactance >= 0 && reactance.isFinite) { problem(table.file, label, isDC ? "r" : "x", "must be a finite number ≥ 0, found \(reactance)"); continue }
                guard let upper = values(component, "s_max_pu", name: name, row: row, table: table) else { continue }
                var series: [Double]? = nil
                if Set(upper).count > 1 {
                    guard upper.allSatisfy({ (0...1).contains($0) }) else {
                        problem(folder.series[component]?["s_max_pu"]?.file ?? table.file, label, "s_max_pu", "a time-varying s_max_pu must stay in [0, 1] (Bijli keeps it as an hourly profile)")
                        continue
                    }
                    series = upper
                } else if !(upper[0] >= 0) {
                    problem(table.file, label, "s_max_pu", "must be ≥ 0, found \(upper[0])")
                    continue
                }
                let line = ImportedLine(kind: kind, reactancePU: reactance, maxPU: series == nil ? upper[0] : 1, maxPUSeries: series)
                guard extendable else {
                    var corridor = ImportedCorridor(id: InteropText.id(name, taken: &corridorIDs), from: from, to: to, capacityMW: sNom, reverseMW: sNom, loss: 0, kind: kind)
                    corridor.line = line
                    // Its capital cost is a constant (outside PyPSA's n.objective), per MVA of s_nom.
                    corridor.fixedOMPerKW = capital / 1000
                    if capital > 0 && sNom == 0 { problem(table.file, label, "capital_cost", "a fixed \(kind) of s_nom 0 has no capacity to carry its capital cost in Bijli"); continue }
                    corridors.append(corridor)
                    continue
                }
                // Expanded from nothing at capital_cost per MVA of s_nom (annualised: life 1 year, as for links).
                let minimum = number(table, row, "s_nom_min", component: component, name: name)
                let maximum = number(table, row, "s_nom_max", component: component, name: name)
                if !(minimum >= 0 && minimum.isFinite) { problem(table.file, label, "s_nom_min", "must be a finite number ≥ 0"); continue }
                if maximum < minimum { problem(table.file, label, "s_nom_max", "is below s_nom_min"); continue }
                maxCost = max(maxCost, capital / (objectiveWeights.min() ?? 1))
                var corridor = ImportedCorridor(id: InteropText.id(name, taken: &corridorIDs), from: from, to: to, capacityMW: 0, reverseMW: 0, loss: 0, kind: "extendable " + kind)
                corridor.expansion = (capexPerKW: capital / 1000, maxMW: maximum.isFinite ? maximum : nil, committedMW: minimum, reverseFraction: 1)
                corridor.line = line
                corridors.append(corridor)
            }
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

    /// A line's impedance from its `type` in the folder's `line_types.csv` (PyPSA exports its
    /// standard types only with `export_standard_types=True`; custom types always):
    /// `x = x_per_length · length / num_parallel`, `r` likewise, in Ω.
    mutating func lineType(_ type: String, row: [String], table: PyPSATable, label: String) -> (x: Double, r: Double)? {
        guard let types = folder.components["line_types"],
              let entry = types.rows.first(where: { $0.first == type }) else {
            problem(table.file, label, "type", "type '\(type)' is not in line_types.csv: PyPSA leaves its standard types out of a CSV folder unless exported with export_standard_types=True; export so, or give 'x' (and 's_nom') instead")
            return nil
        }
        func value(_ column: String) -> Double? { types.value(entry, column).flatMap { PyPSAAttributes.number($0) } }
        let length = number(table, row, "length", component: "lines", name: row.first ?? "")
        let parallel = number(table, row, "num_parallel", component: "lines", name: row.first ?? "")
        guard let xPer = value("x_per_length"), let rPer = value("r_per_length"), xPer.isFinite, rPer.isFinite else {
            problem("line_types.csv", "line type '\(type)'", "x_per_length", "x_per_length and r_per_length must be finite numbers")
            return nil
        }
        guard length > 0, length.isFinite, parallel > 0, parallel.isFinite else {
            problem(table.file, label, "length", "a line of a type needs a positive length and num_parallel, found \(length) and \(parallel)")
            return nil
        }
        return (xPer * length / parallel, rPer * length / parallel)
    }
}
