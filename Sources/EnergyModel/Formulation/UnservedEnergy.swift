import LinearProgramming

/// Unserved energy is a component of the energy balance (EB), not a family: its variables are
/// added by ``EBFamily`` just before the EB rows.
extension FormulationBuilder {
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
            variables.unserved.append(id: region.id, byPeriod)
        }
    }
}
