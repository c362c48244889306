import EnergyModel
import Foundation

extension PyPSAConverter {
    /// Carriers counted as renewable in Bijli's indicators (the LP does not use them unless a
    /// renewable-share policy is set, which an import never sets).
    static let renewableHints = ["solar", "wind", "hydro", "ror", "biomass", "geothermal"]

    /// The value of lost load of the converted case: PyPSA has no unserved energy, so Bijli's is
    /// set far above any cost of serving a MWh (ten times the largest marginal cost plus capital
    /// cost per weighted hour, rounded up to a power of ten, at least 1e5), so that it is never
    /// used where PyPSA is feasible. It stays within the loader's ceiling for a price per MWh
    /// (``Magnitude/pricePerMWh``, 1e6) whenever that ceiling is still above every such cost: a
    /// full-year network with capital costs of 1e5-1e6 per MW and year would otherwise get 1e7
    /// and be refused by the loader. Only a cost per weighted hour of 1e6 or more goes beyond it
    /// (and the loader then names the value).
    var valueOfLostLoad: Double {
        let floor = 1e5
        let above = 10 * maxCost
        guard above > floor else { return floor }
        let rounded = Foundation.pow(10, (Foundation.log10(above)).rounded(.up))
        let ceiling = Magnitude.pricePerMWh.limit
        return rounded > ceiling && maxCost < ceiling ? ceiling : rounded
    }

    /// The Bijli case files.
    func caseFiles() -> BijliCaseFiles {
        let origin = "PyPSA network '\(folderURL.lastPathComponent)' imported by bijli import-pypsa (docs/PYPSA.md)"
        let y = String(year)
        let n = InteropText.number
        let line = InteropText.line

        // The objective's unit: 1000 times the median marginal cost per snapshot, as a power of ten in
        // [1, 1e6] (docs/PYPSA.md): a network whose marginal costs are a few USD per MWh gets 1000 USD.
        let weight = objectiveWeights.sorted()[objectiveWeights.count / 2]
        let costs = generators.map(\.variableOM).filter { $0 > 0 }.sorted()
        let typical = costs.isEmpty ? 1e3 : costs[costs.count / 2] * weight
        let objectiveUnit = Foundation.pow(10, min(6, max(0, (Foundation.log10(typical) + 3).rounded())))
        // model.yaml
        var yaml = "# Converted from a PyPSA CSV folder by `bijli import-pypsa`; see docs/PYPSA.md for the mapping.\n"
        yaml += "name: \(name)\nsource: \(InteropText.yamlString(origin))\ntag: DERIVED\n"
        yaml += "settings:\n  discount_rate: 0\n  base_year: \(y)\n  voll_usd_per_mwh: \(n(valueOfLostLoad))\n"
        // PyPSA's p_max_pu as it is: no value is cut to 0 (Bijli's default cut-off is 0.001).
        yaml += "  availability_cutoff: 0\n"
        yaml += "  objective_unit_usd: \(n(objectiveUnit))\n"
        yaml += "  source: \(InteropText.yamlString("one period standing for one year, undiscounted, so Bijli's objective is PyPSA's (annualised capital_cost + weighted marginal costs); PyPSA has no unserved energy, so the value of lost load is set far above any cost of serving a MWh (10 x the largest marginal plus capital cost per weighted hour, at least 1e5) and is never used where PyPSA is feasible; availability_cutoff 0 keeps PyPSA's p_max_pu as they are, however small; objective_unit_usd: a power of ten 1000 times the network's median marginal cost per snapshot (generators with a marginal cost, times the median objective weighting), at most 1e6, so the simplex's reduced-cost tolerance stays small beside the costs"))\n"
        yaml += "  tag: ASSUMPTION\nregions:\n"
        for id in busOrder { yaml += "  - {id: \(id)}\n" }
        let transport = corridors.filter { $0.line == nil }, lines = corridors.filter { $0.line != nil }
        if !transport.isEmpty {
            yaml += "corridors:\n"
            for c in transport {
                var expansion = ""
                if let e = c.expansion {
                    expansion = ", expansion: {capex_usd_per_kw: \(n(e.capexPerKW)), lifetime_years: 1"
                        + (e.maxMW.map { ", max_capacity_mw: \(n($0))" } ?? "")
                        + (e.committedMW > 0 ? ", committed_mw: {\(y): \(n(e.committedMW))}" : "")
                        + ", reverse_fraction: \(n(e.reverseFraction))}"
                }
                yaml += "  - {id: \(c.id), from: \(c.from), to: \(c.to), capacity_mw: \(n(c.capacityMW)), reverse_capacity_mw: \(n(c.reverseMW)), loss_fraction: \(n(c.loss))"
                    + (c.flowCost != 0 ? ", flow_cost_usd_per_mwh: \(n(c.flowCost))" : "")
                    + (c.usableShare != 1 ? ", usable_share: \(n(c.usableShare))" : "")
                    + (c.fixedOMPerKW != 0 ? ", fixed_om_usd_per_kw_year: \(n(c.fixedOMPerKW))" : "") + "\(expansion)}  # PyPSA \(c.kind)\n"
            }
        }
        let fuels = Array(Set(generators.compactMap(\.fuel))).sorted()
        if !fuels.isEmpty {
            yaml += "fuels:\n"
            for fuel in fuels {
                let pypsaCarrier = carrierIDs.first(where: { $0.value == fuel })?.key ?? fuel
                let co2 = (carrierCO2[pypsaCarrier] ?? 0) / PyPSAImport.mmbtuPerMWh
                yaml += "  - {id: \(fuel), imported: false, co2_t_per_mmbtu: \(n(co2))}  # co2_emissions \(n(carrierCO2[pypsaCarrier] ?? 0)) t/MWh_th\n"
            }
        }
        let carriers = Set(generators.map(\.carrier))
        let renewable = carriers.filter { c in Self.renewableHints.contains { c.lowercased().contains($0) } }.sorted()
        let clean = (renewable + carriers.filter { $0.lowercased().contains("nuclear") }).sorted()
        yaml += "policies:\n  renewable_carriers: [\(renewable.joined(separator: ", "))]\n  clean_carriers: [\(clean.joined(separator: ", "))]\n"
        if let co2Cap {
            if fuels.isEmpty {
                // Bijli refuses a cap without an emitting generator; PyPSA's constraint is then 0 ≤ cap.
            } else {
                yaml += "  co2_cap_t: {values: {\(y): \(n(co2Cap))}}\n"
            }
        }

        // generators.csv, storage.csv
        var generatorsCSV = line(["id", "region", "technology", "carrier", "fuel", "existing_capacity_mw", "heat_rate_mmbtu_per_mwh",
                                  "variable_om_usd_per_mwh", "fixed_om_usd_per_kw_year", "availability_profile", "min_generation_fraction",
                                  "capex_usd_per_kw", "lifetime_years", "max_capacity_mw", "committed_mw", "min_generation_profile", "source", "tag"])
        for g in generators {
            let build = g.capexPerKW != nil
            generatorsCSV += line([g.id, g.region, g.carrier, g.carrier, g.fuel ?? "", n(g.existingMW), n(g.heatRate), n(g.variableOM),
                                   n(g.fixedOMPerKW), g.profile == nil ? "" : g.id, n(g.minimumFraction),
                                   g.capexPerKW.map(n) ?? "", build ? "1" : "", g.maxMW.map(n) ?? "",
                                   build && g.committedMW > 0 ? "\(y):\(n(g.committedMW))" : "", g.minimumProfile == nil ? "" : g.id + ".min",
                                   origin + ", generators.csv", "DERIVED"])
        }
        var modelFiles = ["model.yaml": yaml, "generators.csv": generatorsCSV]
        if !lines.isEmpty {
            var linesCSV = line(["id", "from", "to", "kind", "x_pu", "s_nom_mw", "s_max_pu", "s_max_pu_profile", "capex_usd_per_kw", "lifetime_years",
                                 "max_capacity_mw", "committed_mw", "fixed_om_usd_per_kw_year", "source", "tag"])
            for c in lines {
                let l = c.line!, e = c.expansion
                linesCSV += line([c.id, c.from, c.to, l.kind, n(l.reactancePU), n(c.capacityMW), l.maxPUSeries == nil ? n(l.maxPU) : "",
                                  l.maxPUSeries == nil ? "" : c.id + ".s_max_pu", e.map { n($0.capexPerKW) } ?? "", e == nil ? "" : "1",
                                  e?.maxMW.map(n) ?? "", e.map { $0.committedMW > 0 ? "\(y):\(n($0.committedMW))" : "" } ?? "",
                                  c.fixedOMPerKW != 0 ? n(c.fixedOMPerKW) : "",
                                  origin + ", \(l.kind)s.csv (x_pu = PyPSA's x_pu_eff: x / v_nom² of bus0 for a line, x · tap_ratio / s_nom for a transformer)", "DERIVED"])
            }
            modelFiles["lines.csv"] = linesCSV
        }
        if !storages.isEmpty {
            var storageCSV = line(["id", "region", "technology", "existing_power_mw", "duration_hours", "charge_efficiency", "discharge_efficiency",
                                   "self_discharge_per_hour", "variable_om_usd_per_mwh", "fixed_om_usd_per_kw_year", "capex_usd_per_kw",
                                   "lifetime_years", "max_capacity_mw", "committed_mw", "inflow_profile", "inflow_mw", "initial_state_mwh", "source", "tag"])
            for s in storages {
                let build = s.capexPerKW != nil
                let peak = s.inflow?.max() ?? 0
                storageCSV += line([s.id, s.region, s.carrier == "none" ? "storage" : s.carrier, n(s.existingMW), n(s.durationHours),
                                    n(s.chargeEfficiency), n(s.dischargeEfficiency), n(s.standingLoss), n(s.variableOM), n(s.fixedOMPerKW),
                                    s.capexPerKW.map(n) ?? "", build ? "1" : "", s.maxMW.map(n) ?? "",
                                    build && s.committedMW > 0 ? "\(y):\(n(s.committedMW))" : "",
                                    s.inflow == nil ? "" : s.id + ".inflow", s.inflow == nil ? "" : n(peak), s.initialState.map(n) ?? "",
                                    origin + ", storage_units.csv", "DERIVED"])
            }
            modelFiles["storage.csv"] = storageCSV
        }

        // Inputs
        let hours = EnergySystem.hoursPerYear
        let count = snapshotNames.count
        func hourly(_ columns: [(String, [Double])], source: String) -> String {
            var text = "# source: \(source)\n# tag: DERIVED\n" + line(["hour"] + columns.map(\.0))
            text.reserveCapacity(hours * (8 + 4 * columns.count))
            for h in 0..<hours {
                text += String(h)
                for (_, values) in columns { text += "," + (h < count ? n(values[h]) : "0") }
                text += "\n"
            }
            return text
        }
        var inputFiles: [String: String] = [:]
        inputFiles["settings.yaml"] = "exchange_rate_pkr_per_usd: 1\nsource: \(InteropText.yamlString("not used: PyPSA costs are in the network's currency, which Bijli reports as USD"))\ntag: ASSUMPTION\n"
        inputFiles["periods.csv"] = line(["year", "years_represented", "source", "tag"])
            + line([y, "1", "the PyPSA network is one period standing for one year; its year is the first snapshot's, else \(PyPSAImport.defaultYear)", "ASSUMPTION"])
        var demandCSV = line(["region", "year", "annual_energy_gwh", "source", "tag"])
        for id in busOrder {
            let total = demand[id]!.reduce(0.0, +)
            demandCSV += line([id, y, n(total / 1000), origin + ", loads.csv and loads-p_set.csv (sum over the snapshots; the shape is in demand_profile.csv)", "DERIVED"])
        }
        inputFiles["demand.csv"] = demandCSV
        inputFiles["demand_profile.csv"] = hourly(busOrder.map { ($0, demand[$0]!) },
                                                  source: origin + ": load of each bus (MW) in snapshot order, hour = snapshot position; 0 after the last snapshot")
        let profiled = generators.filter { $0.profile != nil }
        // Inflows as a shape (inflow / its peak; the peak is `inflow_mw` in storage.csv).
        let inflows = storages.compactMap { s in s.inflow.map { values -> (String, [Double]) in
            let peak = values.max() ?? 1
            return (s.id + ".inflow", values.map { $0 / peak })
        } }
        let minimums = generators.compactMap { g in g.minimumProfile.map { (g.id + ".min", $0) } }
        let ratings = lines.compactMap { c in c.line!.maxPUSeries.map { (c.id + ".s_max_pu", $0) } }
        if !profiled.isEmpty || !inflows.isEmpty || !minimums.isEmpty || !ratings.isEmpty {
            inputFiles["profiles.csv"] = hourly(profiled.map { ($0.id, $0.profile!) } + inflows + minimums + ratings,
                                                source: origin + ": generators' p_max_pu, storage units' inflow / its peak, generators' p_min_pu (<id>.min) where it is not a constant share of p_max_pu, and lines' and transformers' s_max_pu series (<id>.s_max_pu), in snapshot order; 0 after the last snapshot")
        }
        if !fuels.isEmpty {
            var prices = line(["fuel", "year", "month", "price_usd_per_mmbtu", "source", "tag"])
            for fuel in fuels { prices += line([fuel, y, "all", "0", "PyPSA prices generation by marginal_cost (variable_om_usd_per_mwh here); the fuel only carries CO2", "DERIVED"]) }
            inputFiles["fuel_prices.csv"] = prices
        }
        // A step's duration for storage is the `stores` weighting (written only where one is not 1).
        let durations = storeWeights.contains { $0 != 1 }
        var snapshots = "# source: \(origin): snapshots.csv (hour = snapshot position, weight = objective weighting"
            + (durations ? ", hours = stores weighting" : "") + "); names: "
            + snapshotNames.prefix(3).joined(separator: ", ") + (count > 3 ? ", ..." : "") + "\n# tag: DERIVED\n"
            + line(["hour", "weight"] + (durations ? ["hours"] : []))
        for t in 0..<count { snapshots += line([String(t), n(objectiveWeights[t])] + (durations ? [n(storeWeights[t])] : [])) }
        inputFiles["snapshots.csv"] = snapshots
        if storages.contains(where: { !$0.levels.isEmpty }) {
            var levels = "# source: \(origin): storage_units state_of_charge_set (hour = snapshot position)\n# tag: DERIVED\n"
                + line(["storage", "year", "hour", "level_mwh"])
            for s in storages { for (t, level) in s.levels { levels += line([s.id, "all", String(t), n(level)]) } }
            inputFiles["storage_levels.csv"] = levels
        }
        return BijliCaseFiles(name: name, modelFiles: modelFiles, inputFiles: inputFiles, notes: notes)
    }
}
