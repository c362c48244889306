import LinearProgramming

/// The **HYDRO** family: monthly energy budget of reservoir hydro.
struct HYDROFamily: ConstraintFamily {
    static let traits = FamilyTraits(id: .HYDRO, meaning: "monthly hydro budgets", stage: .operating, timeScope: .month, rowUnit: "GWh", rowScale: 1e-3,
                                     shadowPriceUnit: "USD/MWh", reportsBinding: true, policy: nil)

    static func sentence(_ indices: [String], shadowPrice: Double) -> String {
        "The water budget of \(indices[0]) in \(BindingText.month(indices[2])) \(indices[1]) binds: one more MWh of inflow saves \(BindingText.number(abs(shadowPrice))) USD."
    }

    static func pypsa(_ system: EnergySystem, year: Int, time: TimeSlices) -> PyPSAMapping {
        system.generators.contains(where: \.hasHydroBudget)
            ? .refused(component: "generators", reason: "monthly hydro budgets (HYDRO) have no PyPSA equivalent") : .absent
    }

    static func build(_ builder: inout FormulationBuilder) {
        builder.addHydroBudgets()
    }
}

extension FormulationBuilder {
    /// **HYDRO** — `Σ_{t∈m} w_t p[g,y,t] ≤ H[g,y,m]`: the monthly energy budget (inflow) of
    /// reservoir hydro, for every generator with `hasHydroBudget`, period and modelled month.
    mutating func addHydroBudgets() {
        var budgets: [String: Double] = [:]
        for budget in system.hydroBudgets { budgets["\(budget.generator)|\(budget.year)|\(budget.month)"] = budget.energyMWh }
        for (g, generator) in system.generators.enumerated() where generator.hasHydroBudget {
            for (y, period) in periods.enumerated() {
                for (month, monthSteps) in stepsByMonth {
                    guard let budget = budgets["\(generator.id)|\(period.year)|\(month)"] else {
                        problems.append("hydro generator '\(generator.id)' has no budget for \(period.year) month \(month)")
                        continue
                    }
                    let groups = monthSteps.map { t in [Term(steps[t].weight, variables.generation[g, y, t])] }
                    addSum(.HYDRO, [generator.id, String(period.year), monthName(month)], year: period.year,
                           groups: groups, bounds: .atMost(budget), scale: HYDROFamily.traits.rowScale)  // GWh
                }
            }
        }
    }
}
