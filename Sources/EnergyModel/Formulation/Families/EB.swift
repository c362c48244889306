import LinearProgramming

/// The **EB** family: energy balance per region and step.
struct EBFamily: ConstraintFamily {
    static let traits = FamilyTraits(id: .EB, meaning: "energy balance per region and step", stage: .operating, timeScope: .step, rowUnit: "MW", rowScale: 1,
                                     shadowPriceUnit: "USD/MWh", reportsBinding: false, policy: nil)

    static func sentence(_ indices: [String], shadowPrice: Double) -> String {
        BindingText.generic(traits.id, indices, shadowPrice: shadowPrice)
    }

    static func pypsa(_ system: EnergySystem, year: Int, time: TimeSlices) -> PyPSAMapping {
        system.settings.sheddingSegments.isEmpty
            ? .exported(as: "buses and loads; unserved energy as a load_shedding generator per bus at VoLL")
            : .exported(as: "buses and loads; unserved energy as a load_shedding generator per bus and segment of the demand at its price, p_max_pu = D_t / peak")
    }

    static func build(_ builder: inout FormulationBuilder) {
        builder.addUnserved()
        builder.addEnergyBalance()
    }
}

extension FormulationBuilder {
    /// **EB** — `Σ_{g∈r} p + Σ_{s∈r} (d − c) + Σ_{into r} (1 − λ_l) flow − Σ_{out of r} flow + Σ_k u_k = D[r,y,t]`
    /// (`u_k` the unserved energy of segment k, one segment without tiers).
    /// Its dual, divided by `δ_y n_y w_t`, is the marginal price of the region and hour (USD/MWh).
    mutating func addEnergyBalance() {
        var generatorsByRegion = [[Int]](repeating: [], count: system.regions.count)
        for (g, generator) in system.generators.enumerated() {
            if let r = regionIndex[generator.region] { generatorsByRegion[r].append(g) } else {
                problems.append("generator '\(generator.id)' is in unknown region '\(generator.region)'")
            }
        }
        var storagesByRegion = [[Int]](repeating: [], count: system.regions.count)
        for (s, storage) in system.storages.enumerated() {
            if let r = regionIndex[storage.region] { storagesByRegion[r].append(s) } else {
                problems.append("storage '\(storage.id)' is in unknown region '\(storage.region)'")
            }
        }
        for corridor in system.corridors where regionIndex[corridor.from] == nil || regionIndex[corridor.to] == nil {
            problems.append("corridor '\(corridor.id)' joins unknown regions '\(corridor.from)' and '\(corridor.to)'")
        }
        for (r, region) in system.regions.enumerated() {
            var byPeriod: [[Row]] = []
            for (y, period) in periods.enumerated() {
                var rows: [Row] = []
                rows.reserveCapacity(steps.count)
                for (t, step) in steps.enumerated() {
                    var terms: [Term] = generatorsByRegion[r].map { 1 * variables.generation[$0, y, t] }
                    for s in storagesByRegion[r] {
                        terms.append(1 * variables.discharge[s, y, t])
                        terms.append(-1 * variables.charge[s, y, t])
                    }
                    for (l, corridor) in system.corridors.enumerated() {
                        let arrive = 1 - corridor.lossFraction
                        if regionIndex[corridor.to] == r {
                            terms.append(arrive * variables.flowForward[l, y, t])
                            terms.append(-1 * variables.flowBackward[l, y, t])
                        }
                        if regionIndex[corridor.from] == r {
                            terms.append(-1 * variables.flowForward[l, y, t])
                            terms.append(arrive * variables.flowBackward[l, y, t])
                        }
                    }
                    terms.append(contentsOf: variables.unserved.terms(r, y, t))
                    let indices = [region.id, String(period.year), stepName(t)]
                    let row = lp.addRow("EB[\(indices.joined(separator: ","))]", terms, .fixed(demand[r][y][step.hour]))
                    record(.EB, indices, row, year: period.year)
                    rows.append(row)
                }
                byPeriod.append(rows)
            }
            energyBalance.append(byPeriod)
        }
    }
}
