import LinearProgramming

/// The **FXBILL** family: foreign-exchange budget for fuel imports.
struct FXBILLFamily: ConstraintFamily {
    static let traits = FamilyTraits(id: .FXBILL, meaning: "the foreign-exchange budget", stage: .operating, timeScope: .period, rowUnit: "million USD", rowScale: 1e-6,
                                     shadowPriceUnit: "USD/USD", reportsBinding: true, policy: \Policies.fxBudgetUSD)

    static func sentence(_ indices: [String], shadowPrice: Double) -> String {
        "The foreign-exchange budget of \(indices[0]) binds: each extra dollar of fuel imports would save \(BindingText.number(abs(shadowPrice))) USD of system cost."
    }

    static func pypsa(_ system: EnergySystem, year: Int, time: TimeSlices) -> PyPSAMapping {
        policyNotExported(system, year: year, name: "fx_budget_usd")
    }

    static func build(_ builder: inout FormulationBuilder) {
        builder.addFXBudget()
    }
}

extension FormulationBuilder {
    /// **FXBILL** — `Σ_{g on imported fuel} Σ_t w_t · hr_g · price[f,y,m(t)] · p ≤ B_y` (USD per year).
    mutating func addFXBudget() {
        guard let target = system.policies.fxBudgetUSD else { return }
        let importers = system.generators.indices.filter { isImported(system.generators[$0]) }
        for (y, period) in periods.enumerated() {
            guard let budget = target.valuesByYear[period.year] else { continue }
            var groups: [[Term]] = []
            for (t, step) in steps.enumerated() {
                var group: [Term] = []
                for g in importers {
                    let generator = system.generators[g]
                    let price = fuelPrice(generator, year: period.year, month: step.month)
                    group.append(Term(step.weight * generator.heatRateMMBtuPerMWh * price, variables.generation[g, y, t]))
                }
                groups.append(group)
            }
            addSum(.FXBILL, [String(period.year)], year: period.year, groups: groups, bounds: .atMost(budget),
                   scale: FXBILLFamily.traits.rowScale, slack: slack(target, sign: -1, period: y))  // million USD
        }
    }
}
