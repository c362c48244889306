import LinearProgramming

extension EnergyLP {
    /// Total unserved energy `U = Σ_y Σ_r Σ_t w_t Σ_k u[r,y,t,k]` (MWh, summed over the modelled
    /// years of each period, not multiplied by `n_y`) as terms.
    var unservedTerms: [Term] {
        var terms: [Term] = []
        for segment in variables.unserved.segments {
            for byPeriod in segment {
                for series in byPeriod {
                    for (t, u) in series.enumerated() { terms.append(Term(options.time.steps[t].weight, u)) }
                }
            }
        }
        return terms
    }

    /// Renewable energy over the horizon, `Σ_y n_y Σ_{g renewable} Σ_t w_t p` (MWh), as terms.
    var renewableTerms: [Term] {
        let carriers = Set(system.policies.renewableCarriers)
        var terms: [Term] = []
        for (g, generator) in system.generators.enumerated() where carriers.contains(generator.carrier) {
            for (y, series) in variables.generation[g].enumerated() {
                for (t, p) in series.enumerated() {
                    terms.append(Term(periods[y].yearsRepresented * options.time.steps[t].weight, p))
                }
            }
        }
        return terms
    }

    /// Demand over the horizon, `Σ_y n_y Σ_r Σ_t w_t D` (MWh).
    var horizonDemandMWh: Double {
        var total = 0.0
        let regions = Set(system.regions.map(\.id))
        for period in periods {
            for series in system.demand where series.year == period.year && regions.contains(series.region) {
                for step in options.time.steps { total += period.yearsRepresented * step.weight * series.hourlyMW[step.hour] }
            }
        }
        return total
    }
}
