import LinearProgramming

/// The **FUEL** family: monthly fuel supply limit.
struct FUELFamily: ConstraintFamily {
    static let traits = FamilyTraits(id: .FUEL, meaning: "monthly fuel supply limits", stage: .operating, timeScope: .month, rowUnit: "thousand MMBtu", rowScale: 1e-3,
                                     shadowPriceUnit: "USD/MMBtu", reportsBinding: true, policy: nil)

    static func sentence(_ indices: [String], shadowPrice: Double) -> String {
        let gain = abs(shadowPrice)
        let cargo = indices[0].lowercased().contains("lng")
            ? " (about \(BindingText.number(gain * 3.4)) million USD per LNG cargo of 3.4 million MMBtu)" : ""
        return "The \(indices[0]) supply limit of \(BindingText.month(indices[2])) \(indices[1]) binds: one more MMBtu saves \(BindingText.number(gain)) USD\(cargo)."
    }

    static func pypsa(_ system: EnergySystem, year: Int, time: TimeSlices) -> PyPSAMapping {
        system.fuels.contains(where: { !$0.supplyLimitMMBtu.isEmpty })
            ? .refused(component: "fuels", reason: "fuel supply limits (FUEL) have no PyPSA equivalent") : .absent
    }

    static func build(_ builder: inout FormulationBuilder) {
        builder.addFuelLimits()
    }
}

extension FormulationBuilder {
    /// **FUEL** — `Σ_{g: fuel f} Σ_{t∈m} w_t · hr_g · p[g,y,t] ≤ Fmax[f,y,m]`: monthly fuel supply
    /// (LNG cargoes, domestic gas allocation), for every fuel, period and month with a limit.
    mutating func addFuelLimits() {
        for fuel in system.fuels where !fuel.supplyLimitMMBtu.isEmpty {
            for (y, period) in periods.enumerated() {
                for (month, monthSteps) in stepsByMonth {
                    guard let limit = fuel.supplyLimitMMBtu[period.year, month] else { continue }
                    addSum(.FUEL, [fuel.id, String(period.year), monthName(month)], year: period.year,
                           groups: fuelBurn(fuel, period: y, steps: monthSteps), bounds: .atMost(limit), scale: FUELFamily.traits.rowScale)  // thousand MMBtu
                }
            }
        }
    }

    /// The heat a fuel's generators burn in some steps of a period, one group of terms per step:
    /// `w_t · hr_g · p[g,y,t]` (MMBtu per year of the period), shared by FUEL and FUELMIN.
    func fuelBurn(_ fuel: Fuel, period y: Int, steps chosen: [Int]) -> [[Term]] {
        let users = system.generators.indices.filter { system.generators[$0].fuel == fuel.id }
        return chosen.map { t in
            users.map { g in Term(steps[t].weight * system.generators[g].heatRateMMBtuPerMWh, variables.generation[g, y, t]) }
        }
    }
}
