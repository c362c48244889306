import LinearProgramming

/// The linear program of an ``EnergySystem``, with the handles needed to read its solution.
public struct EnergyLP: Sendable {
    /// The program (objective: discounted total cost in USD, with the existing fleet's fixed
    /// cost as its constant).
    public var program: LinearProgram
    /// The system it was built from.
    public var system: EnergySystem
    /// The options it was built with.
    public var options: FormulationOptions
    /// The modelled periods, in order.
    public var periods: [Period]
    /// `δ_y · n_y` for each modelled period: the factor between one year's USD and the objective.
    public var periodWeights: [Double]
    /// Variable handles.
    public var variables: VariableMap
    /// Rows of every family with their indices.
    public var familyRows: [FamilyRow]
    /// Energy-balance rows `[region][period][step]` (their duals are marginal prices).
    public var energyBalance: [[[Row]]]
    /// Capacity in service of each generator, storage unit and expandable corridor (forward) by
    /// period, MW, where it is fixed (not a variable): existing fleet, or stress-mode capacities;
    /// `nil` where it is a decision.
    public var fixedCapacityMW: [String: [Double?]]
}

/// Variable handles of an ``EnergyLP``, keyed by (resource, period[, step]) in the order of the
/// system's arrays (``StepVariables``, ``PeriodVariables``).
public struct VariableMap: Sendable {
    /// `p[g,y,t]`, MW.
    public var generation = StepVariables()
    /// `K[g,y]` capacity in service, MW, for resources that can be built.
    public var capacity = PeriodVariables()
    /// `x[g,y]` new capacity built in period y, MW.
    public var build = PeriodVariables()
    /// `u[r,y,t,k]` unserved energy by segment of the demand, MW (one segment without tiers).
    public var unserved = UnservedVariables()
    /// `c[s,y,t]` charge, MW.
    public var charge = StepVariables()
    /// `d[s,y,t]` discharge, MW.
    public var discharge = StepVariables()
    /// `e[s,y,t]` state of charge, MWh.
    public var stateOfCharge = StepVariables()
    /// `P[s,y]` storage power in service, MW, for storage that can be built.
    public var storageCapacity = PeriodVariables()
    /// `xs[s,y]` storage power built, MW.
    public var storageBuild = PeriodVariables()
    /// `q[l,y,t]` flow from `from` to `to`, MW.
    public var flowForward = StepVariables()
    /// `q'[l,y,t]` flow from `to` to `from`, MW.
    public var flowBackward = StepVariables()
    /// `QL[l,y]` forward capacity in service of a corridor that can be expanded, MW (**LINKX**).
    public var corridorCapacity = PeriodVariables()
    /// `xl[l,y]` forward capacity added to a corridor in period y, MW.
    public var corridorBuild = PeriodVariables()

    /// No variables.
    public init() {}
}
