import Foundation
import LinearProgramming

/// The **STO** family: storage balance and limits.
struct STOFamily: ConstraintFamily {
    static let traits = FamilyTraits(id: .STO, meaning: "storage balance and limits", stage: .operating, timeScope: .step, rowUnit: "MWh", rowScale: 1,
                                     shadowPriceUnit: "USD/MWh", reportsBinding: false, policy: nil)

    static func sentence(_ indices: [String], shadowPrice: Double) -> String {
        BindingText.generic(traits.id, indices, shadowPrice: shadowPrice)
    }

    static func pypsa(_ system: EnergySystem, year: Int, time: TimeSlices) -> PyPSAMapping {
        if system.storages.isEmpty { return .absent }
        if time.blocks.count > 1 {
            return .refused(component: "storage", reason: "storage is cyclic per block (\(time.blocks.count) blocks) in Bijli but over all snapshots in PyPSA; export with hourly time or snapshots")
        }
        return .exported(as: "storage_units (cyclic state of charge, inflow)")
    }

    static func build(_ builder: inout FormulationBuilder) {
        builder.addStorage()
    }
}

extension FormulationBuilder {
    /// **STO** — `e[s,y,t] = (1 − σ_s)^h_t e[s,y,t−1] + h_t (η_c c[s,y,t] − d[s,y,t] / η_d)`, cyclic
    /// within each block of the time slices (the year, or each representative day: the first step
    /// follows the last), or from the unit's initial state `e_0` when it is not cyclic (one block
    /// only; `e_0` enters the first step without its standing loss, as in PyPSA 1.4); `c, d ≤ P_s`;
    /// `e ≤ duration_s · P_s`. A step lasts `h_t` hours (1 unless a case's snapshots say
    /// otherwise); its weight says how often it recurs, so it scales costs and sums, not the
    /// storage dynamics. A level of `storage_levels.csv` fixes `e` at the step of its hour.
    /// Discharge is charged `δ_y n_y · w_t · vom_s`. With a natural inflow `I[s,t]` (MW) the balance
    /// gains `+ h_t (I − sp)` on the right, with a spill `0 ≤ sp[s,y,t] ≤ I[s,t]` (as PyPSA's storage units).
    mutating func addStorage() {
        for s in system.storages.indices {
            let storage = system.storages[s]
            var charges: [[Variable]] = [], discharges: [[Variable]] = [], levels: [[Variable]] = []
            let inflow = inflowMW(storage)
            for (y, period) in periods.enumerated() {
                let fixed = fixedCapacityMW[storage.id]![y]
                let reference = variables.storageCapacity[s, y].map {
                    capacityReferences($0, name: "P[\(storage.id),\(period.year)]")
                } ?? []
                var c: [Variable] = [], d: [Variable] = [], e: [Variable] = []
                let targets = levelsMWh(storage, year: period.year)
                for (t, step) in steps.enumerated() {
                    let suffix = "\(storage.id),\(period.year),\(stepName(t))"
                    let power: Bounds = fixed.map { .between(0, $0) } ?? .atLeast(0)
                    var energy: Bounds = fixed.map { .between(0, $0 * storage.durationHours) } ?? .atLeast(0)
                    if let level = targets[step.hour] {
                        if let fixed, level > fixed * storage.durationHours * (1 + 1e-12) {
                            problems.append("storage '\(storage.id)': the level \(level) MWh at hour \(step.hour) of \(period.year) is above its energy capacity \(fixed * storage.durationHours) MWh")
                        }
                        energy = .fixed(level)
                    }
                    c.append(lp.addVariable("c[\(suffix)]", bounds: power))
                    d.append(lp.addVariable("d[\(suffix)]", bounds: power,
                                            cost: costWeights[y] * step.weight * storage.variableOMUSDPerMWh))
                    e.append(lp.addVariable("e[\(suffix)]", bounds: energy))
                    if fixed == nil {
                        let indices = [storage.id, String(period.year), stepName(t)]
                        for (label, variable, factor) in [("STO_C", c[t], 1.0), ("STO_D", d[t], 1.0), ("STO_E", e[t], storage.durationHours)] {
                            let row = lp.addRow("\(label)[\(suffix)]", [1 * variable, -factor * reference[t]], .atMost(0))
                            record(.STO, indices + [label], row, year: period.year)
                        }
                    }
                }
                if storage.initialStateMWh != nil, options.time.blocks.count > 1 {
                    problems.append("storage '\(storage.id)' is not cyclic (initial_state_mwh) but the time has \(options.time.blocks.count) blocks: run it with --resolution hourly or the case's own snapshots")
                }
                for block in options.time.blocks {
                    for t in block {
                        let first = t == block.lowerBound
                        let previous = first ? block.upperBound - 1 : t - 1
                        let indices = [storage.id, String(period.year), stepName(t)]
                        let hours = steps[t].hours
                        let kept = hours == 1 ? 1 - storage.selfDischargePerHour : pow(1 - storage.selfDischargePerHour, hours)
                        var terms = [1 * e[t], -hours * storage.chargeEfficiency * c[t], (hours / storage.dischargeEfficiency) * d[t]]
                        var constant = 0.0
                        if first, let initial = storage.initialStateMWh {
                            constant = initial   // without the step's standing loss, as PyPSA 1.4
                        } else {
                            terms.insert(-kept * e[previous], at: 1)
                        }
                        let natural = inflow.map { $0[steps[t].hour] } ?? 0
                        if natural > 0 {
                            terms.append(hours * lp.addVariable("sp[\(indices.joined(separator: ","))]", bounds: .between(0, natural)))
                        }
                        let row = lp.addRow("STO[\(indices.joined(separator: ","))]", terms, .fixed(hours * natural + constant))
                        record(.STO, indices, row, year: period.year)
                    }
                }
                charges.append(c)
                discharges.append(d)
                levels.append(e)
            }
            variables.charge.append(id: storage.id, charges)
            variables.discharge.append(id: storage.id, discharges)
            variables.stateOfCharge.append(id: storage.id, levels)
        }
    }

    /// The levels a storage unit must hold in a period, by hour; a level whose hour is not a
    /// step of the time slices is a problem (it would be silently dropped).
    mutating func levelsMWh(_ storage: StorageUnit, year: Int) -> [Int: Double] {
        var levels: [Int: Double] = [:]
        for level in storage.levels where level.year == nil || level.year == year { levels[level.hour] = level.levelMWh }
        let hours = Set(steps.map(\.hour))
        for hour in levels.keys.sorted() where !hours.contains(hour) {
            problems.append("storage '\(storage.id)': a level is set at hour \(hour) of \(year), which is not a modelled step (levels need that hour: run hourly or give the case's own snapshots)")
        }
        return levels
    }

    /// The natural inflow of a storage unit in every hour of the year, MW (`nil` without one).
    mutating func inflowMW(_ storage: StorageUnit) -> [Double]? {
        guard let id = storage.inflowProfile else { return nil }
        guard let profile = system.profiles[id], profile.count == EnergySystem.hoursPerYear else {
            problems.append("storage '\(storage.id)': inflow profile '\(id)' is missing or not 8760 values")
            return nil
        }
        return profile.map { storage.inflowMW * $0 }
    }
}
