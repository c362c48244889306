import LinearProgramming

extension FormulationBuilder {
    /// The availability `a[g,y,t]` of a generator in a step: its hourly profile, or `1 − FOR`.
    func availability(_ generator: Generator, step: TimeStep) -> Double {
        if let id = generator.availabilityProfile, let profile = system.profiles[id], profile.count == EnergySystem.hoursPerYear {
            return profile[step.hour]
        }
        return 1 - generator.forcedOutageRate
    }

    /// **CAP** `p[g,y,t] ≤ a[g,y,t] · K[g,y]` and **MINGEN** `p[g,y,t] ≥ μ_g · a[g,y,t] · K[g,y]`.
    ///
    /// Where the capacity is fixed (existing fleet, stress mode) both are variable bounds; where
    /// it is a decision they are rows against the per-step capacity reference. Generation is
    /// charged `δ_y n_y · w_t · (vom + hr · price[f,y,m(t)])`.
    mutating func addGeneration() {
        for g in system.generators.indices {
            let generator = system.generators[g]
            if let id = generator.availabilityProfile, system.profiles[id]?.count != EnergySystem.hoursPerYear {
                problems.append("generator '\(generator.id)': availability profile '\(id)' is missing or not 8760 values")
            }
            var byPeriod: [[Variable]] = []
            var references: [[Variable]] = []
            for (y, period) in periods.enumerated() {
                let fixed = fixedCapacityMW[generator.id]![y]
                let reference = variables.capacity[g][y].map { capacityReferences($0, name: "K[\(generator.id),\(period.year)]") } ?? []
                references.append(reference)
                var series: [Variable] = []
                series.reserveCapacity(steps.count)
                for (t, step) in steps.enumerated() {
                    let a = availability(generator, step: step)
                    let cost = periodWeights[y] * step.weight * marginalCost(generator, year: period.year, month: step.month)
                    let name = "p[\(generator.id),\(period.year),\(stepName(t))]"
                    if !fixed.isNaN {
                        let upper = a * fixed
                        series.append(lp.addVariable(name, bounds: .between(generator.minimumGenerationFraction * upper, upper), cost: cost))
                        continue
                    }
                    let p = lp.addVariable(name, cost: cost)
                    series.append(p)
                    let indices = [generator.id, String(period.year), stepName(t)]
                    let capTerms: [Term] = a > 0 ? [1 * p, -a * reference[t]] : [1 * p]
                    let cap = lp.addRow("CAP[\(indices.joined(separator: ","))]", capTerms, .atMost(0))
                    record(.CAP, indices, cap, year: period.year)
                    if generator.minimumGenerationFraction > 0 && a > 0 {
                        let mu = generator.minimumGenerationFraction * a
                        let row = lp.addRow("MINGEN[\(indices.joined(separator: ","))]", [1 * p, -mu * reference[t]], .atLeast(0))
                        record(.MINGEN, indices, row, year: period.year)
                    }
                }
                byPeriod.append(series)
            }
            variables.generation.append(byPeriod)
            capacityReference.append(references)
        }
    }
}
