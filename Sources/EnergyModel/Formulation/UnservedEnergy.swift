import LinearProgramming

/// Unserved energy is a component of the energy balance (EB), not a family: its variables are
/// added by ``EBFamily`` just before the EB rows.
extension FormulationBuilder {
    /// Unserved energy by segment of the demand (``Economics/unservedSegments(_:)``):
    /// `u[r,y,t,k] ∈ [0, share_k · D[r,y,t]]`, charged `δ_y n_y · w_t · cost_k`. Without tiers there
    /// is one segment, `u[r,y,t] ∈ [0, D[r,y,t]]` at VoLL; with tiers the names end in the
    /// segment, `u[r,y,t,k1]` (shallowest) ... `u[r,y,t,kK]` (the rest of demand, at VoLL).
    mutating func addUnserved() {
        let segments = Economics.unservedSegments(system.settings)
        for (r, region) in system.regions.enumerated() {
            var bySegment = [[[Variable]]](repeating: [], count: segments.count)
            for (y, period) in periods.enumerated() {
                var byStep = [[Variable]](repeating: [], count: segments.count)
                for (t, step) in steps.enumerated() {
                    let name = "u[\(region.id),\(period.year),\(stepName(t))"
                    let demandMW = demand[r][y][step.hour]
                    for (k, segment) in segments.enumerated() {
                        byStep[k].append(lp.addVariable(segments.count == 1 ? name + "]" : name + ",k\(k + 1)]",
                                                        bounds: .between(0, segment.shareOfDemand * demandMW),
                                                        cost: costWeights[y] * step.weight * segment.costUSDPerMWh))
                    }
                }
                for k in segments.indices { bySegment[k].append(byStep[k]) }
            }
            variables.unserved.append(id: region.id, bySegment)
        }
    }
}
