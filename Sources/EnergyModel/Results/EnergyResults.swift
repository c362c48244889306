import LinearProgramming

/// What a run found, in the stable shape of `results.json` (docs/RESULTS.md, schema 1).
/// Energies are per year of the period (MWh), money in USD per year unless named otherwise.
public struct EnergyResults: Sendable, Equatable, Codable {
    /// The schema of this structure; bumped when a key changes meaning or disappears.
    public var schemaVersion = 2
    /// The final solve's status code (`optimal`, `infeasible` ...).
    public var status: SolveStatus.Code
    /// The objective mode, e.g. `cost`, `deficit`.
    public var objectiveMode: String
    /// Total discounted cost over the horizon, USD, **including** the constant.
    public var objectiveUSD: Double?
    /// The constant part: fixed O&M of capacity that is not a decision.
    public var objectiveConstantUSD: Double
    /// Time resolution, e.g. `hourly`, `repdays:24`.
    public var resolution: String
    /// Results by period.
    public var periods: [PeriodResults]
    /// Marginal prices (dual of EB) by region and period.
    public var marginalPrice: [MarginalPriceSummary]
    /// Binding policy and supply constraints with their shadow prices, in words.
    public var bindingConstraints: [BindingConstraint]
    /// The stages of the objective mode.
    public var stages: [Stage]
    /// The Pareto frontier (pareto mode only).
    public var frontier: [ParetoPoint]
    /// Where the run came from: versions, inputs, options, timings.
    public var provenance: Provenance
    /// The system the run solved: resources and carriers, targets, source notes (absent in
    /// results written before reports existed).
    public var system: SystemSummary? = nil
    /// How the solver reached the answer (absent in results written before it was recorded).
    public var solver: SolverSummary? = nil
    /// What the run's scenario changed, in words (absent without one): each scenario applied,
    /// then its overlays indented by two spaces.
    public var scenarioChanges: [String]? = nil

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version", status, objectiveMode = "objective_mode", objectiveUSD = "objective_usd"
        case objectiveConstantUSD = "objective_constant_usd", resolution, periods, marginalPrice = "marginal_price"
        case bindingConstraints = "binding_constraints", stages, frontier, provenance, system, solver
        case scenarioChanges = "scenario_changes"
    }
}

/// Results of one period.
public struct PeriodResults: Sendable, Equatable, Codable {
    /// The period's year.
    public var period: Int
    /// Capacity in service by resource (generators and storage power), MW.
    public var capacityMW: [String: Double]
    /// Capacity built in this period by resource, MW.
    public var newCapacityMW: [String: Double]
    /// Generation by generator, MWh per year (storage: discharge).
    public var generationMWh: [String: Double]
    /// Generation by carrier, MWh per year (storage discharge under `storage`).
    public var generationByCarrierMWh: [String: Double]
    /// Demand, MWh per year.
    public var demandMWh: Double
    /// Unserved energy, MWh per year.
    public var unservedMWh: Double
    /// Unserved energy by region, MWh per year.
    public var unservedByRegionMWh: [String: Double]
    /// Unserved energy by segment of the demand (tiered load shedding, shallowest first, the last
    /// at VoLL), summed over the regions, MWh per year; absent without tiers.
    public var unservedBySegmentMWh: [Double]? = nil
    /// Unserved energy by month (12 values, January first), summed over the regions, MWh; absent
    /// when no step sheds more than ``Indicators/shortageThresholdMW`` (no shortage hours).
    public var unservedByMonthMWh: [Double]? = nil
    /// Energy-security indicators.
    public var indicators: Indicators
    /// Annual cost by component, USD (`capital`, `fixed_om`, `fuel`, `variable_om`, `unserved`).
    public var costBreakdownUSD: [String: Double]? = nil
    /// Fuel burnt by fuel id, MMBtu in the year (fuels no generator burns are left out).
    public var fuelUseMMBtu: [String: Double]? = nil
    /// Its cost by fuel id, USD in the year (sums to `cost_breakdown_usd.fuel`).
    public var fuelCostUSD: [String: Double]? = nil
    /// Fuel burnt by fuel id and month (12 values, January first), MMBtu.
    public var fuelUseByMonthMMBtu: [String: [Double]]? = nil
    /// Forward capacity in service of the corridors that can be expanded (**LINKX**), MW; absent
    /// when none can.
    public var corridorCapacityMW: [String: Double]? = nil
    /// Forward capacity added to those corridors in this period, MW.
    public var newCorridorCapacityMW: [String: Double]? = nil
    /// Capacity payments of existing contracts made in the period, USD per year
    /// (`capacity_payments.csv`); absent without contracts.
    public var capacityPaymentsUSD: Double? = nil
    /// The fixed O&M of the existing capacity those payments are for, USD per year: counted in
    /// `cost_breakdown_usd.fixed_om`, replaced by the payments in the cost of supply.
    public var fixedOMInPaymentsUSD: Double? = nil

    enum CodingKeys: String, CodingKey {
        case period, indicators
        case capacityMW = "capacity_mw", newCapacityMW = "new_capacity_mw", generationMWh = "generation_mwh"
        case generationByCarrierMWh = "generation_by_carrier_mwh", demandMWh = "demand_mwh", unservedMWh = "unserved_mwh"
        case unservedByRegionMWh = "unserved_by_region_mwh", unservedBySegmentMWh = "unserved_by_segment_mwh", unservedByMonthMWh = "unserved_by_month_mwh"
        case costBreakdownUSD = "cost_breakdown_usd"
        case fuelUseMMBtu = "fuel_use_mmbtu", fuelCostUSD = "fuel_cost_usd", fuelUseByMonthMMBtu = "fuel_use_by_month_mmbtu"
        case corridorCapacityMW = "corridor_capacity_mw", newCorridorCapacityMW = "new_corridor_capacity_mw"
        case capacityPaymentsUSD = "capacity_payments_usd", fixedOMInPaymentsUSD = "fixed_om_in_payments_usd"
    }
}

/// The security indicators of MODEL.md for one period.
public struct Indicators: Sendable, Equatable, Codable {
    /// Renewable generation / served demand.
    public var renewableShare: Double
    /// (Renewable + hydro + nuclear, per the clean carriers) generation / served demand.
    public var cleanShare: Double
    /// Share of generation from imported fuels.
    public var importDependence: Double
    /// Herfindahl–Hirschman index of the generation mix by carrier, Σ s².
    public var hhi: Double
    /// Shannon–Wiener index of the generation mix by carrier, −Σ s ln s.
    public var shannon: Double
    /// CO2 emissions, t per year.
    public var co2T: Double
    /// CO2 per MWh generated, t/MWh.
    public var co2IntensityTPerMWh: Double
    /// Fuel import bill, USD per year.
    public var fuelImportBillUSD: Double
    /// Fuel import bill, PKR per year (at the run's exchange rate).
    public var fuelImportBillPKR: Double
    /// Annual cost of supply (capital annuities, fixed O&M, fuel and variable O&M; unserved energy
    /// excluded) per MWh served, USD/MWh.
    public var averageCostUSDPerMWh: Double
    /// The same in PKR/kWh.
    public var averageCostPKRPerKWh: Double
    /// The average cost with the capacity payments of existing contracts: (the average cost's
    /// annual cost − the fixed O&M of the contracted capacity + the payments) per MWh served,
    /// USD/MWh; absent when the model has no `capacity_payments.csv`.
    public var costOfSupplyUSDPerMWh: Double? = nil
    /// The same in PKR/kWh.
    public var costOfSupplyPKRPerKWh: Double? = nil
    /// Firm capacity (credits) over peak demand, minus 1.
    public var reserveMargin: Double
    /// Unserved energy / demand.
    public var unservedShare: Double
    /// Hours with unserved energy above ``shortageThresholdMW`` system-wide (weighted), per year.
    public var shortageHours: Double
    /// The unserved power above which a step counts as a shortage hour: 1 kW. Interior-point
    /// solutions leave about 1e-5 MW of unserved energy in every step (a point inside the optimal
    /// face, not a vertex); counted from 1e-6 MW, the Pakistan 2035 stress dispatch had 8,760
    /// shortage hours by the interior point and 776 by the simplex (docs/RESULTS.md).
    public static let shortageThresholdMW = 1e-3
    /// Largest system-wide shortfall in any step, MW: where load is shed, the least of any dispatch
    /// as cheap as the answer (``Optimization/leastPeakShortfallMW``), which is unique; the
    /// answer's own largest shortfall otherwise (a Benders run, or the stage found no optimum).
    public var peakShortfallMW: Double

    enum CodingKeys: String, CodingKey {
        case renewableShare = "renewable_share", cleanShare = "clean_share", importDependence = "import_dependence"
        case hhi, shannon, co2T = "co2_t", co2IntensityTPerMWh = "co2_intensity_t_per_mwh"
        case fuelImportBillUSD = "fuel_import_bill_usd", fuelImportBillPKR = "fuel_import_bill_pkr"
        case averageCostUSDPerMWh = "average_cost_usd_per_mwh", averageCostPKRPerKWh = "average_cost_pkr_per_kwh"
        case reserveMargin = "reserve_margin", unservedShare = "unserved_share", shortageHours = "shortage_hours"
        case peakShortfallMW = "peak_shortfall_mw"
        case costOfSupplyUSDPerMWh = "cost_of_supply_usd_per_mwh", costOfSupplyPKRPerKWh = "cost_of_supply_pkr_per_kwh"
    }
}

/// Marginal prices of one region in one period (EB dual per MWh, undiscounted), USD/MWh.
public struct MarginalPriceSummary: Sendable, Equatable, Codable {
    /// Region id.
    public var region: String
    /// Period year.
    public var period: Int
    /// Demand-weighted mean.
    public var meanUSDPerMWh: Double
    /// Lowest.
    public var minUSDPerMWh: Double
    /// Highest.
    public var maxUSDPerMWh: Double

    enum CodingKeys: String, CodingKey {
        case region, period, meanUSDPerMWh = "mean_usd_per_mwh", minUSDPerMWh = "min_usd_per_mwh", maxUSDPerMWh = "max_usd_per_mwh"
    }
}

/// A binding constraint with its shadow price.
public struct BindingConstraint: Sendable, Equatable, Codable {
    /// The equation ID.
    public var equation: EquationID
    /// Its indices, e.g. `["rlng", "2030", "m07"]`.
    public var indices: [String]
    /// The shadow price per unit of the constraint, undiscounted to the period's year.
    public var shadowPrice: Double
    /// The unit of the shadow price, e.g. `USD/MMBtu`.
    public var unit: String
    /// For a soft policy: how far it is violated, in the constraint's unit.
    public var violation: Double?
    /// The finding in words.
    public var sentence: String

    enum CodingKeys: String, CodingKey {
        case equation, indices, shadowPrice = "shadow_price", unit, violation, sentence
    }
}

/// Where a run came from.
public struct Provenance: Sendable, Equatable, Codable {
    /// Bijli's version.
    public var bijliVersion: String
    /// GLPK's version.
    public var glpkVersion: String
    /// Input files (relative path → SHA-256 or another stated digest).
    public var inputHashes: [String: String]
    /// Options in words (resolution, method, mode, periods).
    public var options: [String: String]
    /// Seconds spent building the program (kept in memory and in run.json, not in results.json,
    /// so identical inputs give identical results files).
    public var buildSeconds: Double = 0
    /// Seconds spent in the solver, all stages (run.json only, as ``buildSeconds``).
    public var solveSeconds: Double = 0
    /// Program size.
    public var rows: Int
    /// Program size.
    public var columns: Int
    /// Program size (stored non-zeros).
    public var nonzeros: Int

    enum CodingKeys: String, CodingKey {
        case bijliVersion = "bijli_version", glpkVersion = "glpk_version", inputHashes = "input_hashes", options
        case rows, columns, nonzeros
    }

    /// Creates provenance.
    public init(bijliVersion: String, glpkVersion: String, inputHashes: [String: String], options: [String: String],
                buildSeconds: Double, solveSeconds: Double, rows: Int, columns: Int, nonzeros: Int) {
        self.bijliVersion = bijliVersion
        self.glpkVersion = glpkVersion
        self.inputHashes = inputHashes
        self.options = options
        self.buildSeconds = buildSeconds
        self.solveSeconds = solveSeconds
        self.rows = rows
        self.columns = columns
        self.nonzeros = nonzeros
    }
}
