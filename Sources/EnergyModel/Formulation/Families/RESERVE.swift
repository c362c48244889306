import LinearProgramming

/// The **RESERVE** family: firm capacity ≥ (1 + margin) × peak.
struct RESERVEFamily: ConstraintFamily {
    static let traits = FamilyTraits(id: .RESERVE, meaning: "the reserve margin", stage: .planning, timeScope: .period, rowUnit: "MW", rowScale: 1,
                                     shadowPriceUnit: "USD/MW-year", reportsBinding: true, policy: \Policies.reserveMargin)

    static func sentence(_ indices: [String], shadowPrice: Double) -> String {
        "The reserve margin of \(indices[0]) binds: one MW less of required firm capacity saves \(BindingText.number(abs(shadowPrice))) USD per year."
    }

    static func pypsa(_ system: EnergySystem, year: Int, time: TimeSlices) -> PyPSAMapping {
        policyNotExported(system, year: year, name: "reserve_margin")
    }

    static func build(_ builder: inout FormulationBuilder) {
        builder.addReserveMargin()
    }
}

extension FormulationBuilder {
    /// **RESERVE** — `Σ_g κ_g K[g,y] + Σ_s κ_s P[s,y] ≥ (1 + ρ_y) · peak_y`, peak over the 8760 hours
    /// of the period's demand. Fixed capacities move to the right-hand side.
    mutating func addReserveMargin() {
        guard let target = system.policies.reserveMargin else { return }
        for (y, period) in periods.enumerated() {
            guard let margin = target.valuesByYear[period.year] else { continue }
            var rhs = (1 + margin) * peakDemand(period: y)
            var terms: [Term] = []
            for (g, generator) in system.generators.enumerated() {
                if let k = variables.capacity[g, y] { terms.append(Term(generator.capacityCredit, k)) } else {
                    rhs -= generator.capacityCredit * fixedCapacityMW[generator.id]![y]!
                }
            }
            for (s, storage) in system.storages.enumerated() {
                if let k = variables.storageCapacity[s, y] { terms.append(Term(storage.capacityCredit, k)) } else {
                    rhs -= storage.capacityCredit * fixedCapacityMW[storage.id]![y]!
                }
            }
            addSum(.RESERVE, [String(period.year)], year: period.year, groups: [terms], bounds: .atLeast(rhs),
                   slack: slack(target, sign: 1, period: y))
        }
    }
}
