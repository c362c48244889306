import LinearProgramming

extension EnergyLP {
    /// The objective of a solution in USD (the program states costs times ``FormulationOptions/costScale``).
    public func objectiveUSD(_ solution: Solution) -> Double {
        solution.objective / options.costScale
    }

    /// An amount in objective units, in USD (the discounted, weighted total).
    public func usd(_ objectiveUnits: Double) -> Double {
        objectiveUnits / options.costScale
    }

    /// The marginal price of a region in one step, USD/MWh, undiscounted to the period's year:
    /// `dual(EB[r,y,t]) / (costScale · δ_y n_y · w_t)`.
    public func marginalPrice(region r: Int, period y: Int, step t: Int, in solution: Solution) -> Double {
        solution.dual(energyBalance[r][y][t]) / (options.costScale * periodWeights[y] * options.time.steps[t].weight)
    }

    /// The shadow price of a family row per unit of its original right-hand side (MWh, MMBtu, t,
    /// USD, MW), in USD of the row's period year: `dual · scale / (costScale · δ_y n_y)`.
    public func shadowPrice(_ family: FamilyRow, in solution: Solution) -> Double {
        let y = periods.firstIndex { $0.year == family.year } ?? 0
        return solution.dual(family.row) * family.scale / (options.costScale * periodWeights[y])
    }

    /// How far a soft policy is missed, in the row's original unit (0 for hard rows).
    public func violation(_ family: FamilyRow, in solution: Solution) -> Double {
        family.slack.map { solution.values[$0.index] / family.scale } ?? 0
    }
}
