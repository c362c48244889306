import LinearProgramming

/// The **CO2** family: emission cap.
struct CO2Family: ConstraintFamily {
    static let traits = FamilyTraits(id: .CO2, meaning: "the CO2 cap", stage: .operating, timeScope: .period, rowUnit: "kt", rowScale: 1e-3,
                                     shadowPriceUnit: "USD/t", reportsBinding: true, policy: \Policies.co2CapTonnes)

    static func sentence(_ indices: [String], shadowPrice: Double) -> String {
        "The CO2 cap of \(indices[0]) binds: the implied carbon price is \(BindingText.number(abs(shadowPrice))) USD/t."
    }

    static func pypsa(_ system: EnergySystem, year: Int, time: TimeSlices) -> PyPSAMapping {
        guard let co2 = system.policies.co2CapTonnes, co2.valuesByYear[year] != nil else { return .absent }
        if co2.penalty != nil {
            return .refused(component: "policies", reason: "a soft CO2 cap (with a penalty) is not exported; PyPSA's global constraints are hard")
        }
        return .exported(as: "global_constraints.csv: co2_cap (primary_energy, co2_emissions ≤ cap)")
    }

    static func build(_ builder: inout FormulationBuilder) {
        builder.addEmissionCap()
    }
}

extension FormulationBuilder {
    /// **CO2** — `Σ_g Σ_t w_t · ef_g · p ≤ CO2max_y`, with `ef_g = hr_g · co2(fuel)` in t/MWh.
    mutating func addEmissionCap() {
        guard let target = system.policies.co2CapTonnes else { return }
        let emitters = system.generators.indices.filter { emissionFactor(system.generators[$0]) > 0 }
        for (y, period) in periods.enumerated() {
            guard let cap = target.valuesByYear[period.year] else { continue }
            let groups = steps.indices.map { t in
                emitters.map { Term(steps[t].weight * emissionFactor(system.generators[$0]), variables.generation[$0, y, t]) }
            }
            addSum(.CO2, [String(period.year)], year: period.year, groups: groups, bounds: .atMost(cap),
                   scale: CO2Family.traits.rowScale, slack: slack(target, sign: -1, period: y))  // kt
        }
    }
}
