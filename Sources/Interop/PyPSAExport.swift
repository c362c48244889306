import EnergyModel
import Foundation

/// Writes a Bijli case as a PyPSA CSV folder (one period), so that PyPSA's optimum equals
/// Bijli's (docs/PYPSA.md): snapshot weightings carry `w_t · δ_y n_y` for the objective and
/// `w_t` for CO2 sums, capital costs are Bijli's annuity plus fixed O&M times `δ_y n_y`, and
/// unserved energy is a generator per bus priced at the value of lost load.
public enum PyPSAExport {
    /// The files of the PyPSA folder (name → text).
    ///
    /// - Parameters:
    ///   - system: the case.
    ///   - year: the period to write; `nil` when the case has one period.
    ///   - time: the steps; `nil` for the case's snapshots, else every hour of the year.
    /// - Throws: ``PyPSAError`` for everything PyPSA's CSV folder cannot express exactly.
    public static func files(_ system: EnergySystem, year: Int? = nil, time: TimeSlices? = nil) throws(PyPSAError) -> [String: String] {
        var writer = PyPSAWriter(system: system, time: time ?? system.snapshots ?? .hourly)
        return try writer.write(year: year)
    }

    /// Writes the folder (created if missing).
    public static func write(_ files: [String: String], to folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files.sorted(by: { $0.key < $1.key }) {
            try Data(text.utf8).write(to: folder.appendingPathComponent(name), options: .atomic)
        }
    }
}

/// The state of one export.
struct PyPSAWriter {
    let system: EnergySystem
    let time: TimeSlices
    var problems: [PyPSAError.Problem] = []
    var seriesColumns: [String: [(String, [Double])]] = [:]

    init(system: EnergySystem, time: TimeSlices) {
        self.system = system
        self.time = time
    }

    mutating func refuse(_ what: String, _ message: String) {
        problems.append(PyPSAError.Problem(file: "", component: what, attribute: "", message))
    }

    /// `[value]*n` written as a static attribute, or the series kept for `<component>-<attribute>.csv`.
    mutating func attribute(_ values: [Double], component: String, attribute: String, name: String) -> String {
        if let first = values.first, values.allSatisfy({ $0 == first }) { return InteropText.number(first) }
        seriesColumns["\(component)-\(attribute)", default: []].append((name, values))
        return ""
    }

    mutating func write(year requested: Int?) throws(PyPSAError) -> [String: String] {
        let n = InteropText.number
        let line = InteropText.line
        guard let period = requested.map({ y in system.periods.first { $0.year == y } }) ?? (system.periods.count == 1 ? system.periods.first : nil) else {
            throw PyPSAError([PyPSAError.Problem(file: "", requested == nil
                ? "the case has \(system.periods.count) periods; choose one with --period (PyPSA's network is one period)"
                : "period \(requested!) is not in the case")])
        }
        let y = period.year
        let periodWeight = Economics.periodWeight(period, settings: system.settings)
        let steps = time.steps

        // What PyPSA cannot express exactly: each constraint family says (``EquationID/pypsaMapping``).
        for id in EquationID.buildOrder {
            if case .refused(let component, let reason) = id.pypsaMapping(system, year: y, time: time) { refuse(component, reason) }
        }
        guard problems.isEmpty else { throw PyPSAError(problems) }

        var files: [String: String] = [:]
        files["network.csv"] = line(["name", "_multi_invest", "pypsa_version", "srid"]) + line([system.name, "0", "1.4.0", "4326"])
        var snapshots = line(["", "snapshot", "objective", "stores", "generators"])
        for (t, step) in steps.enumerated() {
            snapshots += line([String(t), String(t), n(step.weight * periodWeight), n(step.hours), n(step.weight)])
        }
        files["snapshots.csv"] = snapshots
        var buses = line(["name", "carrier"])
        for region in system.regions { buses += line([region.id, "AC"]) }
        files["buses.csv"] = buses

        // Loads, and unserved energy as a generator per bus.
        var loads = line(["name", "bus"])
        var demandByRegion: [String: [Double]] = [:]
        for region in system.regions {
            guard let series = system.demand.first(where: { $0.region == region.id && $0.year == y }) else { continue }
            let values = steps.map { series.hourlyMW[$0.hour] }
            demandByRegion[region.id] = values
            guard values.contains(where: { $0 > 0 }) else { continue }
            loads += line([region.id, region.id])
            seriesColumns["loads-p_set", default: []].append((region.id, values))
        }
        files["loads.csv"] = loads

        // Carriers: fuels carry CO2 (t/MWh_th); other carriers none.
        let fuelIDs = Set(system.fuels.map(\.id))
        var carriers: [String: Double] = [:]
        for fuel in system.fuels { carriers[fuel.id] = fuel.co2TonnesPerMMBtu * PyPSAImport.mmbtuPerMWh }
        func carrier(of generator: Generator) -> String {
            if let fuel = generator.fuel, generator.heatRateMMBtuPerMWh > 0 { return fuel }
            return fuelIDs.contains(generator.carrier) ? generator.carrier + "_nofuel" : generator.carrier
        }

        var generators = line(["name", "bus", "carrier", "p_nom", "p_nom_extendable", "p_nom_min", "p_nom_max", "p_min_pu", "p_max_pu",
                               "marginal_cost", "capital_cost", "efficiency"])
        var resourceNames = Set(system.generators.map(\.id) + system.storages.map(\.id))
        for generator in system.generators {
            let c = carrier(of: generator)
            if carriers[c] == nil { carriers[c] = 0 }
            let availability = system.availability(of: generator, year: y)
            let a = steps.map { (step: TimeStep) -> Double in
                Economics.cutOff(availability[step.hour], below: system.settings.availabilityCutoff)
            }
            var costs: [Double] = []
            for step in steps {
                var price = 0.0
                if let fuelID = generator.fuel, let fuel = system.fuels.first(where: { $0.id == fuelID }) {
                    guard let p = fuel.priceUSDPerMMBtu[y, step.month] else {
                        throw PyPSAError([PyPSAError.Problem(file: "", component: "fuel '\(fuelID)'", attribute: "", "no price in \(y) month \(step.month)")])
                    }
                    price = p
                }
                costs.append(generator.variableOMUSDPerMWh + generator.heatRateMMBtuPerMWh * price)
            }
            let efficiency = generator.heatRateMMBtuPerMWh > 0 && generator.fuel != nil ? PyPSAImport.mmbtuPerMWh / generator.heatRateMMBtuPerMWh : 1
            let existing = Economics.existing(generator.existingCapacityMW, retirementYear: generator.retirementYear, year: y)
            let fixedOM = generator.fixedOMUSDPerKWYear * 1000
            var parts: [(name: String, pNom: Double, extendable: Bool, minimum: Double, maximum: Double, capital: Double)] = []
            if existing > 0 || generator.investment == nil { parts.append((generator.id, existing, false, 0, .infinity, periodWeight * fixedOM)) }
            if let investment = generator.investment {
                let committed = investment.committedMW[y] ?? 0
                if Economics.buildAllowed(investment, year: y) {
                    let name = parts.isEmpty ? generator.id : InteropText.id(generator.id + "_build", taken: &resourceNames)
                    let maximum = investment.maxCapacityMW.map { max(0, $0 - existing) } ?? .infinity
                    let capital = periodWeight * (annuity(investment) + fixedOM)
                    parts.append((name, 0, true, committed, maximum, capital))
                }
            }
            for part in parts where part.extendable || part.pNom > 0 {
                let maxPU = attribute(a, component: "generators", attribute: "p_max_pu", name: part.name)
                let minimum = zip(steps, a).map { step, a in Economics.minimumGeneration(of: generator, in: system, availability: a, hour: step.hour) }
                let minPU = attribute(minimum, component: "generators", attribute: "p_min_pu", name: part.name)
                let cost = attribute(costs, component: "generators", attribute: "marginal_cost", name: part.name)
                generators += line([part.name, generator.region, c, n(part.pNom), part.extendable ? "True" : "False", n(part.minimum),
                                    part.maximum.isFinite ? n(part.maximum) : "inf", minPU, maxPU, cost, n(part.capital), n(efficiency)])
            }
        }
        // Unserved energy: one generator per bus and segment of the demand. Without tiers, one at VoLL
        // of the peak's size (a relaxation of u ≤ D_t, docs/PYPSA.md); with tiers, segment k is
        // `share_k · peak` with p_max_pu = D_t / peak, so that it is exactly u_k ≤ share_k D_t.
        let segments = Economics.unservedSegments(system.settings)
        for region in system.regions {
            guard let demand = demandByRegion[region.id], let peak = demand.max(), peak > 0 else { continue }
            carriers["load_shedding"] = 0
            for (k, segment) in segments.enumerated() {
                let name = InteropText.id("unserved_" + region.id + (segments.count == 1 ? "" : "_k\(k + 1)"), taken: &resourceNames)
                let maxPU = segments.count == 1 ? "1" : attribute(demand.map { $0 / peak }, component: "generators", attribute: "p_max_pu", name: name)
                generators += line([name, region.id, "load_shedding", n(segment.shareOfDemand * peak), "False", "0", "inf", "0", maxPU,
                                    n(segment.costUSDPerMWh), "0", "1"])
            }
        }
        files["generators.csv"] = generators

        if !system.storages.isEmpty {
            var storage = line(["name", "bus", "carrier", "p_nom", "p_nom_extendable", "p_nom_min", "p_nom_max", "max_hours", "efficiency_store",
                                "efficiency_dispatch", "standing_loss", "cyclic_state_of_charge", "state_of_charge_initial", "marginal_cost", "capital_cost"])
            for unit in system.storages {
                carriers[unit.technology] = carriers[unit.technology] ?? 0
                let existing = Economics.existing(unit.existingPowerMW, retirementYear: unit.retirementYear, year: y)
                let fixedOM = unit.fixedOMUSDPerKWYear * 1000
                var parts: [(name: String, pNom: Double, extendable: Bool, minimum: Double, maximum: Double, capital: Double)] = []
                if existing > 0 { parts.append((unit.id, existing, false, 0, .infinity, periodWeight * fixedOM)) }
                if let investment = unit.investment {
                    let committed = investment.committedMW[y] ?? 0
                    if Economics.buildAllowed(investment, year: y) {
                        let name = parts.isEmpty ? unit.id : InteropText.id(unit.id + "_build", taken: &resourceNames)
                        let maximum = investment.maxCapacityMW.map { max(0, $0 - existing) } ?? .infinity
                        parts.append((name, 0, true, committed, maximum, periodWeight * (annuity(investment) + fixedOM)))
                    }
                }
                // An existing and a buildable part behave as one unit (every limit scales with the
                // power), but an inflow cannot be shared between two PyPSA storage units.
                let inflow = unit.inflowProfile.flatMap { system.profiles[$0] }.map { profile in steps.map { unit.inflowMW * profile[$0.hour] } }
                if let inflow, inflow.contains(where: { $0 > 0 }) {
                    guard parts.count == 1 else {
                        throw PyPSAError([PyPSAError.Problem(file: "", component: "storage '\(unit.id)'", attribute: "",
                                                             "an inflow on a unit with both existing and buildable power cannot be written as one PyPSA storage unit")])
                    }
                    seriesColumns["storage_units-inflow", default: []].append((parts[0].name, inflow))
                }
                // Levels (storage_levels.csv) as `state_of_charge_set`, NaN where the state is free.
                let levels = Dictionary(unit.levels.filter { $0.year == nil || $0.year == y }.map { ($0.hour, $0.levelMWh) }, uniquingKeysWith: { _, last in last })
                if !levels.isEmpty {
                    guard parts.count == 1 else {
                        throw PyPSAError([PyPSAError.Problem(file: "", component: "storage '\(unit.id)'", attribute: "",
                                                             "levels on a unit with both existing and buildable power cannot be written as one PyPSA storage unit")])
                    }
                    seriesColumns["storage_units-state_of_charge_set", default: []].append((parts[0].name, steps.map { levels[$0.hour] ?? .nan }))
                }
                if unit.initialStateMWh != nil, parts.count > 1 {
                    throw PyPSAError([PyPSAError.Problem(file: "", component: "storage '\(unit.id)'", attribute: "",
                                                         "an initial state of charge on a unit with both existing and buildable power cannot be written as one PyPSA storage unit")])
                }
                for part in parts {
                    storage += line([part.name, unit.region, unit.technology, n(part.pNom), part.extendable ? "True" : "False", n(part.minimum),
                                     part.maximum.isFinite ? n(part.maximum) : "inf", n(unit.durationHours), n(unit.chargeEfficiency),
                                     n(unit.dischargeEfficiency), n(unit.selfDischargePerHour), unit.initialStateMWh == nil ? "True" : "False",
                                     n(unit.initialStateMWh ?? 0), n(unit.variableOMUSDPerMWh), n(part.capital)])
                }
            }
            files["storage_units.csv"] = storage
        }

        try writeLines(into: &files, year: y, periodWeight: periodWeight)

        if system.corridors.contains(where: { $0.line == nil }) {
            var links = line(["name", "bus0", "bus1", "p_nom", "p_nom_extendable", "p_nom_min", "p_nom_max", "p_min_pu", "p_max_pu", "efficiency",
                              "capital_cost", "marginal_cost"])
            var linkNames = Set(system.corridors.map(\.id))
            for corridor in system.corridors where corridor.line == nil {
                let eta = 1 - corridor.lossFraction
                // PyPSA charges a link's marginal cost on p0, which is negative backwards: a corridor
                // with a flow cost is written as one-way links.
                let flowCost = corridor.flowCostUSDPerMWh
                // The usable share scales both directions (p_max_pu, and p_min_pu with it).
                let share = corridor.usableShare
                func link(_ name: String, _ from: String, _ to: String, _ pNom: Double, minPU: Double, eta: Double, capital: Double,
                          extendable: (minimum: Double, maximum: Double)? = nil) {
                    links += line([name, from, to, n(pNom), extendable == nil ? "False" : "True", n(extendable?.minimum ?? 0),
                                   extendable.map { $0.maximum.isFinite ? n($0.maximum) : "inf" } ?? "inf", n(share * minPU), n(share), n(eta),
                                   n(capital), n(flowCost)])
                }
                if flowCost != 0, let investment = corridor.investment, Economics.buildAllowed(investment, year: y), corridor.reverseFraction > 0 {
                    throw PyPSAError([PyPSAError.Problem(file: "", component: "corridor '\(corridor.id)'", attribute: "flow_cost_usd_per_mwh",
                                                         "an expansion that adds reverse capacity with a flow cost cannot be one PyPSA link (PyPSA's cost is negative backwards)")])
                }
                // A fixed corridor's fixed O&M (Bijli's constant) is the forward link's capital cost,
                // outside PyPSA's n.objective as in Bijli's decision; an expandable corridor's existing
                // part's is left out (PYPSA.md).
                let fixedCost = corridor.investment == nil ? periodWeight * corridor.fixedOMUSDPerKWYear * 1000 : 0
                if corridor.lossFraction == 0 && corridor.capacityMW > 0 && flowCost == 0 {
                    link(corridor.id, corridor.from, corridor.to, corridor.capacityMW, minPU: -corridor.reverseCapacityMW / corridor.capacityMW, eta: 1,
                         capital: fixedCost)
                } else {
                    if corridor.capacityMW > 0 { link(corridor.id, corridor.from, corridor.to, corridor.capacityMW, minPU: 0, eta: eta, capital: fixedCost) }
                    if corridor.reverseCapacityMW > 0 {
                        let name = corridor.capacityMW > 0 ? InteropText.id(corridor.id + "_reverse", taken: &linkNames) : corridor.id
                        link(name, corridor.to, corridor.from, corridor.reverseCapacityMW, minPU: 0, eta: eta, capital: 0)
                    }
                }
                // LINKX: the expansion is an extendable link of its own (named as the corridor when
                // nothing exists yet), charged the annuity and fixed O&M per MW; backwards at the
                // reverse fraction (lossless only: LINKX refuses the rest).
                if let investment = corridor.investment, Economics.buildAllowed(investment, year: y) {
                    let existing = corridor.capacityMW > 0 || corridor.reverseCapacityMW > 0
                    let name = existing ? InteropText.id(corridor.id + "_build", taken: &linkNames) : corridor.id
                    let maximum = investment.maxCapacityMW.map { max(0, $0 - corridor.capacityMW) } ?? .infinity
                    link(name, corridor.from, corridor.to, 0, minPU: -corridor.reverseFraction, eta: eta,
                         capital: periodWeight * (annuity(investment) + corridor.fixedOMUSDPerKWYear * 1000),
                         extendable: (investment.committedMW[y] ?? 0, maximum))
                }
            }
            files["links.csv"] = links
        }

        var carrierCSV = line(["name", "co2_emissions"])
        for (name, co2) in carriers.sorted(by: { $0.key < $1.key }) { carrierCSV += line([name, n(co2)]) }
        files["carriers.csv"] = carrierCSV
        if let cap = system.policies.co2CapTonnes?.valuesByYear[y] {
            files["global_constraints.csv"] = line(["name", "type", "carrier_attribute", "sense", "constant"])
                + line(["co2_cap", "primary_energy", "co2_emissions", "<=", n(cap)])
        }
        for (file, columns) in seriesColumns {
            var text = line([""] + columns.map(\.0))
            for t in steps.indices { text += line([String(t)] + columns.map { n($0.1[t]) }) }
            files[file + ".csv"] = text
        }
        return files
    }

    /// Lines and transformers (`lines.csv`): `lines.csv` and `transformers.csv` with buses at
    /// PyPSA's default `v_nom` of 1, so a line's `x` is its `x_pu` and a transformer's is
    /// `x_pu · s_nom`. An expandable one is one extendable branch (its reactance cannot be split
    /// between an existing and a new part without changing KVL): `s_nom` = existing,
    /// `s_nom_min` = existing + committed, `s_nom_max` = the maximum, `capital_cost` = `δ_y n_y`
    /// (annuity + fixed O&M). PyPSA then charges the existing part nothing (`s_nom` is its
    /// objective constant), so `n.objective` is Bijli's objective less its constant.
    mutating func writeLines(into files: inout [String: String], year y: Int, periodWeight: Double) throws(PyPSAError) {
        let n = InteropText.number
        let line = InteropText.line
        let lines = system.corridors.filter { $0.line != nil }
        guard !lines.isEmpty else { return }
        let header = ["name", "bus0", "bus1", "x", "s_nom", "s_nom_extendable", "s_nom_min", "s_nom_max", "s_max_pu", "capital_cost"]
        var tables: [LineFlow.Kind: String] = [:]
        for corridor in lines {
            let flow = corridor.line!
            let component = flow.kind == .line ? "lines" : "transformers"
            var existing = corridor.capacityMW
            let expansion = corridor.investment.flatMap { Economics.buildAllowed($0, year: y) ? $0 : nil }
            if flow.kind == .transformer && existing == 0 {
                // PyPSA's transformer reactance is per unit of s_nom (x_pu = x / s_nom): s_nom must
                // be positive. For an extendable one s_nom is only its objective constant's base.
                guard expansion != nil else {
                    refuse("transformer '\(corridor.id)'", "a rating of 0: PyPSA's transformer reactance is per unit of s_nom, which must be positive")
                    continue
                }
                existing = 1
            }
            let shares = time.steps.map { system.ratingShare(of: corridor, hour: $0.hour) }
            let share = attribute(shares, component: component, attribute: "s_max_pu", name: corridor.id)
            let x = flow.kind == .line ? flow.reactancePU : flow.reactancePU * existing
            var fields = [corridor.id, corridor.from, corridor.to, n(x), n(existing)]
            if let investment = expansion {
                let maximum = investment.maxCapacityMW.map(n) ?? "inf"
                fields += ["True", n(corridor.capacityMW + (investment.committedMW[y] ?? 0)), maximum, share,
                           n(periodWeight * (annuity(investment) + corridor.fixedOMUSDPerKWYear * 1000))]
            } else {
                // A fixed line's fixed O&M (Bijli's constant) as its capital cost, outside n.objective.
                fields += ["False", "0", "inf", share, n(periodWeight * corridor.fixedOMUSDPerKWYear * 1000)]
            }
            tables[flow.kind, default: line(header)] += line(fields)
        }
        guard problems.isEmpty else { throw PyPSAError(problems) }
        for (kind, text) in tables { files[kind == .line ? "lines.csv" : "transformers.csv"] = text }
    }

    /// Annualised capital cost per MW-year, as Bijli's BUILD family computes it.
    func annuity(_ investment: Investment) -> Double {
        Economics.annuityPerMW(investment, rate: system.settings.discountRate)
    }
}
