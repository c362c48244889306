import LinearProgramming

extension FormulationBuilder {
    /// **LINK** — `q[l,y,t] ≤ Q_l`, `q'[l,y,t] ≤ Q'_l`: corridor flows in each direction, as
    /// variable bounds (the capacity may differ by direction). Losses `λ_l` are taken on arrival
    /// in the energy balance. A disruption factor (``EnergySystem/corridorFactors``) scales both
    /// directions hour by hour.
    mutating func addCorridors() {
        for corridor in system.corridors {
            var forward: [[Variable]] = [], backward: [[Variable]] = []
            for period in periods {
                var f: [Variable] = [], b: [Variable] = []
                let factors = system.corridorFactors[corridor.id]?[period.year]
                for (t, step) in steps.enumerated() {
                    let suffix = "\(corridor.id),\(period.year),\(stepName(t))"
                    let factor = factors?[step.hour] ?? 1
                    f.append(lp.addVariable("q[\(suffix)]", bounds: .between(0, factor * corridor.capacityMW)))
                    b.append(lp.addVariable("qr[\(suffix)]", bounds: .between(0, factor * corridor.reverseCapacityMW)))
                }
                forward.append(f)
                backward.append(b)
            }
            variables.flowForward.append(forward)
            variables.flowBackward.append(backward)
        }
    }

    /// Unserved energy `u[r,y,t] ∈ [0, D[r,y,t]]`, charged `δ_y n_y · w_t · VoLL`.
    mutating func addUnserved() {
        for (r, region) in system.regions.enumerated() {
            var byPeriod: [[Variable]] = []
            for (y, period) in periods.enumerated() {
                byPeriod.append(steps.enumerated().map { t, step in
                    lp.addVariable("u[\(region.id),\(period.year),\(stepName(t))]",
                                   bounds: .between(0, demand[r][y][step.hour]),
                                   cost: costWeights[y] * step.weight * system.settings.vollUSDPerMWh)
                })
            }
            variables.unserved.append(byPeriod)
        }
    }
}
