import LinearProgramming

// Helpers shared by several families (HYDRO, FUEL and the policy targets).

extension FormulationBuilder {
    /// The step indices of each month 1...12 that has steps.
    var stepsByMonth: [(month: Int, steps: [Int])] {
        var byMonth = [[Int]](repeating: [], count: 13)
        for (t, step) in steps.enumerated() { byMonth[step.month].append(t) }
        return (1...12).compactMap { byMonth[$0].isEmpty ? nil : ($0, byMonth[$0]) }
    }

    /// The soft-policy slack of a target: `(sign, discounted penalty)` or `nil` for a hard target.
    func slack(_ target: PolicyTarget, sign: Double, period y: Int) -> (sign: Double, cost: Double)? {
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
}
