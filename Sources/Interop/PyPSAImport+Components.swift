import EnergyModel
import Foundation

extension PyPSAConverter {
    /// Why Bijli refuses a non-default value of an attribute (the rest get a general reason).
    static let reasons: [String: String] = [
        "committable": "unit commitment is not modelled (Bijli solves a linear program)",
        "ramp_limit_up": "Bijli has no ramping constraints", "ramp_limit_down": "Bijli has no ramping constraints",
        "ramp_limit_start_up": "Bijli has no ramping constraints", "ramp_limit_shut_down": "Bijli has no ramping constraints",
        "start_up_cost": "unit commitment is not modelled", "shut_down_cost": "unit commitment is not modelled",
        "stand_by_cost": "unit commitment is not modelled", "min_up_time": "unit commitment is not modelled",
        "min_down_time": "unit commitment is not modelled",
        "marginal_cost_quadratic": "Bijli's costs are linear",
        "e_sum_min": "Bijli has no per-generator energy sums", "e_sum_max": "Bijli has no per-generator energy sums",
        "build_year": "Bijli imports one period; build years and lifetimes are not read",
        "lifetime": "Bijli imports one period; build years and lifetimes are not read",
        "overnight_cost": "give the annualised 'capital_cost' instead", "discount_rate": "give the annualised 'capital_cost' instead",
        "active": "inactive components are not read; remove them",
        "p_set": "fixed dispatch is not supported", "p_nom_set": "fixed capacities of extendables are not supported",
        "p_nom_mod": "modular capacities are integer decisions", "s_nom_mod": "modular capacities are integer decisions",
        "sign": "Bijli reads PyPSA's default sign only",
        "max_growth": "Bijli has no carrier growth limits", "max_relative_growth": "Bijli has no carrier growth limits",
        "maintainable": "maintenance scheduling is not modelled",
        "marginal_cost_storage": "Bijli prices discharge only", "spill_cost": "Bijli's storage has no inflow or spill",
        "e_min_pu": "a store's energy is read as free between 0 and e_nom", "e_max_pu": "a store's energy is read as free between 0 and e_nom",
        "e_set": "fixed energy levels are not supported", "e_nom_set": "fixed capacities of extendables are not supported",
        "e_nom_mod": "modular capacities are integer decisions", "e_cyclic_per_period": "Bijli imports one period",
        "e_initial_per_period": "Bijli imports one period",
        "p_dispatch_set": "fixed dispatch is not supported", "p_store_set": "fixed dispatch is not supported",
        "cyclic_state_of_charge_per_period": "Bijli imports one period",
        "state_of_charge_initial_per_period": "Bijli imports one period",
        "delay": "Bijli's corridors deliver in the same step",
        "v_ang_min": "Bijli's linear power flow has no voltage angles (KVL in the cycle form) to limit",
        "v_ang_max": "Bijli's linear power flow has no voltage angles (KVL in the cycle form) to limit",
        "phase_shift": "a phase shift adds a constant to Kirchhoff's voltage law, which Bijli's KVL does not have",
        "phase_shift_min": "an optimised phase shift is not modelled", "phase_shift_max": "an optimised phase shift is not modelled",
        "s_nom_set": "fixed capacities of extendables are not supported",
    ]

    /// Checks every column of a component file: non-default values of attributes Bijli does not
    /// read are problems; descriptive attributes (no effect on the optimum) and columns PyPSA does
    /// not know (PyPSA ignores them too) are listed as ignored in the notes; outputs (results of a
    /// solve) are skipped. `series` lists the attributes read as time series; a series file of any
    /// other input is refused unless at its default.
    mutating func checkAttributes(_ table: PyPSATable, component: String, kind: String, read: Set<String>, series seriesRead: Set<String> = [],
                                  descriptive: Set<String>) {
        guard let attributes = PyPSAAttributes.table[component] else { return }
        var ignored: [String] = []
        for (position, column) in table.header.enumerated() where position > 0 && !column.isEmpty {
            if read.contains(column) { continue }
            let given = table.rows.contains { position < $0.count && !PyPSAAttributes.isBlank($0[position]) }
            guard let attribute = attributes[column] else {
                if given { ignored.append("'\(column)' (not a pypsa 1.4.0 attribute)") }
                continue
            }
            if descriptive.contains(column) {
                if table.rows.contains(where: { position < $0.count && !PyPSAAttributes.isDefault($0[position], attribute) }) { ignored.append("'\(column)'") }
                continue
            }
            guard attribute.isInput else { continue }
            for row in table.rows where position < row.count && !PyPSAAttributes.isDefault(row[position], attribute) {
                let reason = Self.reasons[column] ?? "Bijli has no equivalent"
                problem(table.file, "\(kind) '\(row.first ?? "")'", column,
                        "value '\(row[position])' is not supported (PyPSA's default is \(PyPSAAttributes.shown(attribute))): \(reason)")
            }
        }
        if !ignored.isEmpty {
            let why = ["lines", "transformers"].contains(component) ? "no effect on the optimum of the lossless linear power flow" : "no effect on the optimum of a transport model"
            notes.append("\(table.file): ignored \(ignored.joined(separator: ", ")): \(why)")
        }
        for (attribute, series) in (folder.series[component] ?? [:]).sorted(by: { $0.key < $1.key }) where !seriesRead.contains(attribute) {
            guard let known = attributes[attribute] else {
                notes.append("\(series.file): ignored ('\(attribute)' is not a pypsa 1.4.0 attribute; PyPSA ignores it too)")
                continue
            }
            guard known.isInput else { continue }
            if descriptive.contains(attribute) {
                notes.append("\(series.file): ignored (descriptive: no effect on the optimum of a transport model)")
                continue
            }
            for (position, column) in series.header.enumerated() where position > 0 {
                if series.rows.contains(where: { position < $0.count && !PyPSAAttributes.isDefault($0[position], known) }) {
                    let reason = Self.reasons[attribute] ?? "Bijli reads it as a constant only, or not at all"
                    problem(series.file, "\(kind) '\(column)'", attribute, "time-varying values are not supported: \(reason)")
                }
            }
        }
    }

    /// The rows of a component file with their names (the first column).
    func rows(_ component: String) -> (PyPSATable, [(name: String, row: [String])])? {
        guard let table = folder.components[component] else { return nil }
        return (table, table.rows.map { (name: $0.first ?? "", row: $0) })
    }

    /// The region id of a bus, or a problem.
    mutating func region(_ table: PyPSATable, _ row: [String], _ attribute: String, kind: String, name: String) -> String? {
        let bus = table.value(row, attribute) ?? ""
        guard let id = busIDs[bus] else {
            problem(table.file, "\(kind) '\(name)'", attribute, "unknown bus '\(bus)'")
            return nil
        }
        return id
    }

    // MARK: Components

    mutating func readCarriers() {
        guard let (table, rows) = rows("carriers") else { return }
        checkAttributes(table, component: "carriers", kind: "carrier", read: ["co2_emissions"], descriptive: ["color", "nice_name"])
        var taken: Set<String> = []
        for (name, row) in rows {
            let co2 = number(table, row, "co2_emissions", component: "carriers", name: name)
            if co2 < 0 { problem(table.file, "carrier '\(name)'", "co2_emissions", "negative emissions are not supported (Bijli's fuels emit ≥ 0)") }
            carrierCO2[name] = co2
            carrierIDs[name] = InteropText.id(name, taken: &taken)
        }
    }

    /// The Bijli carrier id of a PyPSA carrier (declared or not).
    mutating func carrierID(_ carrier: String) -> String {
        if carrier.isEmpty { return "none" }
        if let id = carrierIDs[carrier] { return id }
        var taken = Set(carrierIDs.values)
        let id = InteropText.id(carrier, taken: &taken)
        carrierIDs[carrier] = id
        return id
    }

    mutating func readBuses() {
        guard let (table, rows) = rows("buses"), !rows.isEmpty else {
            problem("buses.csv", "no buses")
            return
        }
        // v_nom and carrier matter only to lines and transformers (per-unit reactance, AC sub-networks).
        let passive = ["lines", "transformers"].contains { folder.components[$0]?.rows.isEmpty == false }
        let electrical: Set<String> = ["v_nom", "carrier"]
        checkAttributes(table, component: "buses", kind: "bus", read: passive ? electrical : [],
                        descriptive: Set(["v_nom", "type", "x", "y", "carrier", "unit", "location", "v_mag_pu_set", "v_mag_pu_min", "v_mag_pu_max"])
                            .subtracting(passive ? electrical : []))
        var taken: Set<String> = []
        for (name, row) in rows {
            if passive {
                busVoltages[name] = number(table, row, "v_nom", component: "buses", name: name)
                let carrier = table.value(row, "carrier") ?? ""
                busCarriers[name] = PyPSAAttributes.isBlank(carrier) ? "AC" : carrier
            }
            let id = InteropText.id(name, taken: &taken)
            busIDs[name] = id
            busOrder.append(id)
            demand[id] = Array(repeating: 0, count: snapshotNames.count)
        }
    }

    mutating func readLoads() {
        guard let (table, rows) = rows("loads") else { return }
        checkAttributes(table, component: "loads", kind: "load", read: ["bus", "p_set", "sign", "active"], series: ["p_set"], descriptive: ["carrier", "type", "q_set"])
        for (name, row) in rows {
            guard let region = region(table, row, "bus", kind: "load", name: name) else { continue }
            if number(table, row, "sign", component: "loads", name: name) != -1 {
                problem(table.file, "load '\(name)'", "sign", "only PyPSA's default sign -1 is supported")
            }
            if !flag(table, row, "active", component: "loads", name: name) {
                problem(table.file, "load '\(name)'", "active", "inactive loads are not read; remove them")
            }
            guard let values = values("loads", "p_set", name: name, row: row, table: table) else { continue }
            if let negative = values.first(where: { $0 < 0 }) {
                problem(table.file, "load '\(name)'", "p_set", "negative demand \(negative) is not supported (Bijli's demand is ≥ 0; model it as a generator)")
                continue
            }
            for t in values.indices { demand[region]![t] += values[t] }
        }
    }

    /// Availability and minimum generation of a generator from `p_max_pu`, `p_min_pu`: MINGEN's μ
    /// when `p_min_pu` is a constant share of `p_max_pu`, else the hourly minimum `p_min_pu` itself
    /// (Bijli's `min_generation_profile`), which must lie in [0, p_max_pu].
    mutating func availability(_ table: PyPSATable, _ row: [String], name: String) -> (profile: [Double]?, mu: Double, minimum: [Double]?)? {
        guard let upper = values("generators", "p_max_pu", name: name, row: row, table: table),
              let lower = values("generators", "p_min_pu", name: name, row: row, table: table) else { return nil }
        let kind = "generator '\(name)'"
        if let bad = upper.first(where: { !(0...1).contains($0) }) {
            problem(table.file, kind, "p_max_pu", "\(bad) is outside [0, 1]"); return nil
        }
        let profile = upper.allSatisfy { $0 == 1 } ? nil : upper
        let file = folder.series["generators"]?["p_min_pu"].flatMap { $0.column(name) == nil ? nil : $0.file } ?? table.file
        if let t = upper.indices.first(where: { !(lower[$0] >= 0 && lower[$0] <= upper[$0]) }) {
            problem(file, kind, "p_min_pu", "must be in [0, p_max_pu] (PyPSA's problem is infeasible otherwise, and Bijli's minimum generation is ≥ 0); at snapshot '\(snapshotNames[t])' it is \(lower[t]) with p_max_pu \(upper[t])")
            return nil
        }
        var mu = 0.0
        for t in upper.indices where upper[t] > 0 { mu = max(mu, lower[t] / upper[t]) }
        if upper.indices.allSatisfy({ abs(lower[$0] - mu * upper[$0]) <= 1e-12 * max(1, upper[$0]) }) {
            return (profile, mu, nil)
        }
        // Not a constant share: p ≥ p_min_pu_t · p_nom as an hourly minimum (min(m_t, a_t) = m_t here).
        return (profile, 0, lower)
    }

    /// Reads the capacity attributes shared by generators and storage units (`p_nom...`), and
    /// stores (`e_nom...`, per kWh).
    mutating func capacity(_ table: PyPSATable, _ row: [String], component: String, kind: String, name: String, nominal: String = "p_nom")
        -> (existing: Double, capex: Double?, max: Double?, committed: Double, fixedOM: Double, extendable: Bool) {
        let extendable = flag(table, row, nominal + "_extendable", component: component, name: name)
        let pNom = number(table, row, nominal, component: component, name: name)
        let capital = number(table, row, "capital_cost", component: component, name: name)
        let fom = number(table, row, "fom_cost", component: component, name: name)
        if capital < 0 || fom < 0 { problem(table.file, kind, "capital_cost", "negative capital or fixed costs are not supported") }
        if !pNom.isFinite || pNom < 0 { problem(table.file, kind, nominal, "must be a finite number ≥ 0, found \(pNom)") }
        let perKW = (capital + fom) / 1000
        guard extendable else { return (pNom, nil, nil, 0, perKW, false) }
        let minimum = number(table, row, nominal + "_min", component: component, name: name)
        let maximum = number(table, row, nominal + "_max", component: component, name: name)
        if minimum < 0 || !minimum.isFinite { problem(table.file, kind, nominal + "_min", "must be a finite number ≥ 0") }
        if maximum < minimum { problem(table.file, kind, nominal + "_max", "is below \(nominal)_min") }
        return (0, perKW, maximum.isFinite ? maximum : nil, max(0, minimum), 0, true)
    }

    mutating func readGenerators() {
        guard let (table, rows) = rows("generators") else { return }
        checkAttributes(table, component: "generators", kind: "generator",
                        read: ["bus", "p_nom", "p_nom_extendable", "p_nom_min", "p_nom_max", "p_min_pu", "p_max_pu", "carrier",
                               "marginal_cost", "capital_cost", "fom_cost", "efficiency", "sign"],
                        series: ["p_min_pu", "p_max_pu"], descriptive: ["control", "type", "q_set", "weight"])
        for (name, row) in rows {
            let kind = "generator '\(name)'"
            guard let region = region(table, row, "bus", kind: "generator", name: name) else { continue }
            if number(table, row, "sign", component: "generators", name: name) != 1 {
                problem(table.file, kind, "sign", "only PyPSA's default sign 1 is supported")
            }
            let capacity = capacity(table, row, component: "generators", kind: kind, name: name)
            let cost = number(table, row, "marginal_cost", component: "generators", name: name)
            if cost < 0 || !cost.isFinite { problem(table.file, kind, "marginal_cost", "must be a finite number ≥ 0 (Bijli's costs are ≥ 0), found \(cost)") }
            guard let (profile, mu, minimum) = availability(table, row, name: name) else { continue }
            let carrier = table.value(row, "carrier") ?? ""
            let co2 = carrierCO2[carrier] ?? 0
            var heatRate = 0.0
            if co2 > 0 {
                let efficiency = number(table, row, "efficiency", component: "generators", name: name)
                guard efficiency > 0 && efficiency.isFinite else {
                    problem(table.file, kind, "efficiency", "must be positive for a generator whose carrier emits CO2, found \(efficiency)")
                    continue
                }
                heatRate = PyPSAImport.mmbtuPerMWh / efficiency
            }
            if !capacity.extendable && capacity.existing == 0 {
                notes.append("generator '\(name)' has p_nom 0 and is not extendable: it can produce nothing and is left out")
                continue
            }
            maxCost = max(maxCost, cost + (capacity.capex ?? 0) * 1000 / (objectiveWeights.min() ?? 1))
            let carrierID = carrierID(carrier)
            generators.append(ImportedGenerator(
                id: InteropText.id(name, taken: &resourceIDs), region: region, carrier: carrierID, fuel: co2 > 0 ? carrierID : nil,
                heatRate: heatRate, existingMW: capacity.existing, variableOM: cost, fixedOMPerKW: capacity.fixedOM,
                capexPerKW: capacity.capex, maxMW: capacity.max, committedMW: capacity.committed, profile: profile, minimumFraction: mu,
                minimumProfile: minimum))
        }
    }

    mutating func readStorageUnits() {
        guard let (table, rows) = rows("storage_units"), !rows.isEmpty else { return }
        checkAttributes(table, component: "storage_units", kind: "storage unit",
                        read: ["bus", "p_nom", "p_nom_extendable", "p_nom_min", "p_nom_max", "p_min_pu", "p_max_pu", "carrier", "marginal_cost",
                               "capital_cost", "fom_cost", "max_hours", "efficiency_store", "efficiency_dispatch", "standing_loss",
                               "cyclic_state_of_charge", "state_of_charge_initial", "state_of_charge_set", "inflow", "sign"],
                        series: ["p_min_pu", "p_max_pu", "inflow", "state_of_charge_set"], descriptive: ["control", "type", "q_set"])
        for (name, row) in rows {
            let kind = "storage unit '\(name)'"
            guard let region = region(table, row, "bus", kind: "storage unit", name: name) else { continue }
            if number(table, row, "sign", component: "storage_units", name: name) != 1 {
                problem(table.file, kind, "sign", "only PyPSA's default sign 1 is supported")
            }
            let cyclic = flag(table, row, "cyclic_state_of_charge", component: "storage_units", name: name)
            let initial = number(table, row, "state_of_charge_initial", component: "storage_units", name: name)
            if !cyclic, !(initial >= 0 && initial.isFinite) {
                problem(table.file, kind, "state_of_charge_initial", "must be a finite number ≥ 0, found \(initial)")
            }
            let capacity = capacity(table, row, component: "storage_units", kind: kind, name: name)
            let hours = number(table, row, "max_hours", component: "storage_units", name: name)
            let etaC = number(table, row, "efficiency_store", component: "storage_units", name: name)
            let etaD = number(table, row, "efficiency_dispatch", component: "storage_units", name: name)
            let loss = number(table, row, "standing_loss", component: "storage_units", name: name)
            let cost = number(table, row, "marginal_cost", component: "storage_units", name: name)
            if !(hours > 0 && hours.isFinite) { problem(table.file, kind, "max_hours", "must be positive, found \(hours)") }
            if !(etaC > 0 && etaC <= 1) { problem(table.file, kind, "efficiency_store", "must be in (0, 1], found \(etaC)") }
            if !(etaD > 0 && etaD <= 1) { problem(table.file, kind, "efficiency_dispatch", "must be in (0, 1], found \(etaD)") }
            if !(loss >= 0 && loss < 1) { problem(table.file, kind, "standing_loss", "must be in [0, 1), found \(loss)") }
            if !(cost >= 0 && cost.isFinite) { problem(table.file, kind, "marginal_cost", "must be a finite number ≥ 0, found \(cost)") }
            for (attribute, expected) in [("p_max_pu", 1.0), ("p_min_pu", -1.0)] {
                if let series = values("storage_units", attribute, name: name, row: row, table: table), series.contains(where: { $0 != expected }) {
                    problem(table.file, kind, attribute, "only \(expected) is supported (Bijli charges and discharges up to the power capacity)")
                }
            }
            var inflow: [Double]?
            if let series = values("storage_units", "inflow", name: name, row: row, table: table), series.contains(where: { $0 != 0 }) {
                if let negative = series.first(where: { $0 < 0 }) {
                    problem(table.file, kind, "inflow", "negative inflow \(negative) is not supported")
                } else {
                    inflow = series
                }
            }
            let carrier = table.value(row, "carrier") ?? ""
            if !cyclic, (carrierCO2[carrier] ?? 0) != 0 {
                problem(table.file, kind, "carrier", "carrier '\(carrier)' has co2_emissions and the unit is not cyclic: PyPSA counts its initial minus its final state of charge in CO2 limits, Bijli does not (a cyclic unit's change is 0)")
            }
            let levels = stateOfChargeSet(table, row, name: name, kind: kind)
            if !capacity.extendable && capacity.existing == 0 {
                notes.append("storage unit '\(name)' has p_nom 0 and is not extendable: it is left out")
                continue
            }
            maxCost = max(maxCost, cost + (capacity.capex ?? 0) * 1000 / (objectiveWeights.min() ?? 1))
            storages.append(ImportedStorage(
                id: InteropText.id(name, taken: &resourceIDs), region: region, carrier: carrierID(carrier), existingMW: capacity.existing,
                durationHours: hours, chargeEfficiency: etaC, dischargeEfficiency: etaD, standingLoss: loss, variableOM: cost,
                fixedOMPerKW: capacity.fixedOM, capexPerKW: capacity.capex, maxMW: capacity.max, committedMW: capacity.committed,
                inflow: inflow, initialState: cyclic ? nil : initial, levels: levels))
        }
    }

    /// Stores: energy capacity `e_nom` on its own, the power free. Each becomes a storage unit of
    /// duration `d` = min(1 h, the shortest step) with power `e_nom / d` and efficiencies 1: the
    /// state stays within [0, e_nom], so a step of h ≥ d hours can move at most `e_nom / h ≤ P` in
    /// either direction and the power limit never binds (docs/PYPSA.md). Costs per MWh of
    /// `e_nom` are `d` times cheaper per MW of P.
    mutating func readStores() {
        guard let (table, rows) = rows("stores"), !rows.isEmpty else { return }
        checkAttributes(table, component: "stores", kind: "store",
                        read: ["bus", "e_nom", "e_nom_extendable", "e_nom_min", "e_nom_max", "carrier", "capital_cost", "fom_cost",
                               "standing_loss", "e_cyclic", "e_initial", "sign"],
                        descriptive: ["type", "q_set"])
        let duration = min(1, storeWeights.min() ?? 1)
        for (name, row) in rows {
            let kind = "store '\(name)'"
            guard let region = region(table, row, "bus", kind: "store", name: name) else { continue }
            if number(table, row, "sign", component: "stores", name: name) != 1 {
                problem(table.file, kind, "sign", "only PyPSA's default sign 1 is supported")
            }
            let capacity = capacity(table, row, component: "stores", kind: kind, name: name, nominal: "e_nom")
            let loss = number(table, row, "standing_loss", component: "stores", name: name)
            if !(loss >= 0 && loss < 1) { problem(table.file, kind, "standing_loss", "must be in [0, 1), found \(loss)") }
            let cyclic = flag(table, row, "e_cyclic", component: "stores", name: name)
            let initial = number(table, row, "e_initial", component: "stores", name: name)
            if !cyclic, !(initial >= 0 && initial.isFinite) {
                problem(table.file, kind, "e_initial", "must be a finite number ≥ 0, found \(initial)")
            }
            let carrier = table.value(row, "carrier") ?? ""
            if !cyclic, (carrierCO2[carrier] ?? 0) != 0 {
                problem(table.file, kind, "carrier", "carrier '\(carrier)' has co2_emissions and the store is not cyclic: PyPSA counts its initial minus its final energy in CO2 limits, Bijli does not (a cyclic store's change is 0)")
            }
            if !capacity.extendable && capacity.existing == 0 {
                notes.append("store '\(name)' has e_nom 0 and is not extendable: it is left out")
                continue
            }
            maxCost = max(maxCost, (capacity.capex ?? 0) * 1000 * duration / (objectiveWeights.min() ?? 1))
            storages.append(ImportedStorage(
                id: InteropText.id(name, taken: &resourceIDs), region: region, carrier: carrierID(carrier.isEmpty ? "store" : carrier),
                existingMW: capacity.existing / duration, durationHours: duration, chargeEfficiency: 1, dischargeEfficiency: 1,
                standingLoss: loss, variableOM: 0, fixedOMPerKW: capacity.fixedOM * duration, capexPerKW: capacity.capex.map { $0 * duration },
                maxMW: capacity.max.map { $0 / duration }, committedMW: capacity.committed / duration, inflow: nil,
                initialState: cyclic ? nil : initial))
        }
    }

    /// `state_of_charge_set` of a storage unit: the snapshots where it is a number (blank or NaN
    /// leaves the state free), static or from `storage_units-state_of_charge_set.csv`, as
    /// `(snapshot position, MWh)`; each must be finite and ≥ 0.
    mutating func stateOfChargeSet(_ table: PyPSATable, _ row: [String], name: String, kind: String) -> [(Int, Double)] {
        var texts: [String]
        var file = table.file
        if let series = folder.series["storage_units"]?["state_of_charge_set"], let column = series.column(name) {
            if let mismatch = seriesMismatch(series) {
                problem(series.file, kind, "state_of_charge_set", "the rows are not the snapshots: \(mismatch)")
                return []
            }
            texts = series.rows.map { column < $0.count ? $0[column] : "" }
            file = series.file
        } else {
            texts = Array(repeating: table.value(row, "state_of_charge_set") ?? "", count: snapshotNames.count)
        }
        var levels: [(Int, Double)] = []
        for (t, text) in texts.enumerated() where !PyPSAAttributes.isBlank(text) {
            guard let value = PyPSAAttributes.number(text), value.isFinite, value >= 0 else {
                problem(file, kind, "state_of_charge_set", "'\(text)' at snapshot '\(snapshotNames[t])' is not a finite number ≥ 0")
                continue
            }
            levels.append((t, value))
        }
        return levels
    }
}
