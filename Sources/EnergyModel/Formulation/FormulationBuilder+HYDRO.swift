import LinearProgramming

extension FormulationBuilder {
    /// The step indices of each month 1...12 that has steps.
    var stepsByMonth: [(month: Int, steps: [Int])] {
        var byMonth = [[Int]](repeating: [], count: 13)
        for (t, step) in steps.enumerated() { byMonth[step.month].append(t) }
        return (1...12).compactMap { byMonth[$0].isEmpty ? nil : ($0, byMonth[$0]) }
    }

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
                    let groups = monthSteps.map { t in [Term(steps[t].weight, variables.generation[g][y][t])] }
                    addSum(.HYDRO, [generator.id, String(period.year), monthName(month)], year: period.year,
                           groups: groups, bounds: .atMost(budget), scale: 1e-3)  // GWh
                }
            }
        }
    }

    /// **FUEL** — `Σ_{g: fuel f} Σ_{t∈m} w_t · hr_g · p[g,y,t] ≤ Fmax[f,y,m]`: monthly fuel supply
    /// (LNG cargoes, domestic gas allocation), for every fuel, period and month with a limit.
    mutating func addFuelLimits() {
        for fuel in system.fuels where !fuel.supplyLimitMMBtu.isEmpty {
            let users = system.generators.indices.filter { system.generators[$0].fuel == fuel.id }
            for (y, period) in periods.enumerated() {
                for (month, monthSteps) in stepsByMonth {
                    guard let limit = fuel.supplyLimitMMBtu[period.year, month] else { continue }
                    let groups = monthSteps.map { t in
                        users.map { g in Term(steps[t].weight * system.generators[g].heatRateMMBtuPerMWh, variables.generation[g][y][t]) }
                    }
                    addSum(.FUEL, [fuel.id, String(period.year), monthName(month)], year: period.year,
                           groups: groups, bounds: .atMost(limit), scale: 1e-3)  // thousand MMBtu
                }
            }
        }
    }
}
