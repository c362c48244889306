import LinearProgramming

extension FormulationBuilder {
    /// The soft-policy slack of a target: `(sign, discounted penalty)` or `nil` for a hard target.
    private func slack(_ target: PolicyTarget, sign: Double, period y: Int) -> (sign: Double, cost: Double)? {
        target.penalty.map { (sign, costWeights[y] * $0) }
    }

    /// Peak of total demand over the 8760 hours of a period, MW.
    func peakDemand(period y: Int) -> Double {
        var peak = 0.0
        for hour in 0..<EnergySystem.hoursPerYear {
            var total = 0.0
            for r in system.regions.indices { total += demand[r][y][hour] }
            peak = max(peak, total)
        }
        return peak
    }

    /// Weighted demand `Σ_t w_t Σ_r D[r,y,t]` of a period over the modelled steps, MWh.
    func weightedDemand(period y: Int) -> Double {
        var total = 0.0
        for step in steps {
            for r in system.regions.indices { total += step.weight * demand[r][y][step.hour] }
        }
        return total
    }

    /// **RESERVE** — `Σ_g κ_g K[g,y] + Σ_s κ_s P[s,y] ≥ (1 + ρ_y) · peak_y`, peak over the 8760 hours
    /// of the period's demand. Fixed capacities move to the right-hand side.
    mutating func addReserveMargin() {
        guard let target = system.policies.reserveMargin else { return }
        for (y, period) in periods.enumerated() {
            guard let margin = target.valuesByYear[period.year] else { continue }
            var rhs = (1 + margin) * peakDemand(period: y)
            var terms: [Term] = []
            for (g, generator) in system.generators.enumerated() {
                if let k = variables.capacity[g][y] { terms.append(Term(generator.capacityCredit, k)) } else {
                    rhs -= generator.capacityCredit * fixedCapacityMW[generator.id]![y]
                }
            }
            for (s, storage) in system.storages.enumerated() {
                if let k = variables.storageCapacity[s][y] { terms.append(Term(storage.capacityCredit, k)) } else {
                    rhs -= storage.capacityCredit * fixedCapacityMW[storage.id]![y]
                }
            }
            addSum(.RESERVE, [String(period.year)], year: period.year, groups: [terms], bounds: .atLeast(rhs),
                   slack: slack(target, sign: 1, period: y))
        }
    }

    /// **RESHARE** — `Σ_{g renewable} Σ_t w_t p ≥ θ_y · Σ_r Σ_t w_t (D − u)`, written as
    /// `Σ_t w_t (Σ_{g renewable} p + θ_y Σ_r u) ≥ θ_y Σ_t w_t Σ_r D`. Which carriers count is data.
    mutating func addRenewableShare() {
        guard let target = system.policies.renewableShare else { return }
        let carriers = Set(system.policies.renewableCarriers)
        let renewable = system.generators.indices.filter { carriers.contains(system.generators[$0].carrier) }
        for (y, period) in periods.enumerated() {
            guard let share = target.valuesByYear[period.year] else { continue }
            let groups = steps.indices.map { t in
                renewable.map { Term(steps[t].weight, variables.generation[$0][y][t]) }
                    + system.regions.indices.map { Term(share * steps[t].weight, variables.unserved[$0][y][t]) }
            }
            addSum(.RESHARE, [String(period.year)], year: period.year, groups: groups,
                   bounds: .atLeast(share * weightedDemand(period: y)), scale: 1e-3, slack: slack(target, sign: 1, period: y))  // GWh
        }
    }

    /// **CO2** — `Σ_g Σ_t w_t · ef_g · p ≤ CO2max_y`, with `ef_g = hr_g · co2(fuel)` in t/MWh.
    mutating func addEmissionCap() {
        guard let target = system.policies.co2CapTonnes else { return }
        let emitters = system.generators.indices.filter { emissionFactor(system.generators[$0]) > 0 }
        for (y, period) in periods.enumerated() {
            guard let cap = target.valuesByYear[period.year] else { continue }
            let groups = steps.indices.map { t in
                emitters.map { Term(steps[t].weight * emissionFactor(system.generators[$0]), variables.generation[$0][y][t]) }
            }
            addSum(.CO2, [String(period.year)], year: period.year, groups: groups, bounds: .atMost(cap),
                   scale: 1e-3, slack: slack(target, sign: -1, period: y))  // kt
        }
    }

    /// **IMPORT** — `Σ_{g on imported fuel} Σ_t w_t p ≤ φ_y · Σ_t w_t Σ_r D`.
    mutating func addImportCap() {
        guard let target = system.policies.importShareCap else { return }
        let importers = system.generators.indices.filter { isImported(system.generators[$0]) }
        for (y, period) in periods.enumerated() {
            guard let share = target.valuesByYear[period.year] else { continue }
            let groups = steps.indices.map { t in importers.map { Term(steps[t].weight, variables.generation[$0][y][t]) } }
            addSum(.IMPORT, [String(period.year)], year: period.year, groups: groups,
                   bounds: .atMost(share * weightedDemand(period: y)), scale: 1e-3, slack: slack(target, sign: -1, period: y))  // GWh
        }
    }

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
                    group.append(Term(step.weight * generator.heatRateMMBtuPerMWh * price, variables.generation[g][y][t]))
                }
                groups.append(group)
            }
            addSum(.FXBILL, [String(period.year)], year: period.year, groups: groups, bounds: .atMost(budget),
                   scale: 1e-6, slack: slack(target, sign: -1, period: y))  // million USD
        }
    }
}
