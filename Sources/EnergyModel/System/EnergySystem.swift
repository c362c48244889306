/// A described power system and the data it runs on: what `Models/<model>/` and
/// `Inputs/<model>/` hold, loaded and validated, with every reference still by id.
///
/// Units are in the names (`capacityMW`, `priceUSDPerMMBtu`). Hourly series have 8760 values
/// (a 365-day year, hour 0 = 1 January 00:00–01:00). Periods are identified by their year.
public struct EnergySystem: Sendable, Equatable {
    /// The model's name (the folder name under `Models/`).
    public var name: String
    /// Discount rate, base year, value of lost load, exchange rate.
    public var settings: Settings
    /// Planning periods in increasing year order.
    public var periods: [Period]
    /// Regions (nodes of the transport model).
    public var regions: [Region]
    /// Transmission corridors between two regions.
    public var corridors: [Corridor]
    /// Fuels with their carbon content, origin, prices and supply limits.
    public var fuels: [Fuel]
    /// Generating resources, existing and candidate.
    public var generators: [Generator]
    /// Storage resources, existing and candidate.
    public var storages: [StorageUnit]
    /// Policy constraints; each is off unless it has values.
    public var policies: Policies
    /// Hourly demand by region and period.
    public var demand: [RegionalDemand]
    /// Hourly availability profiles (fractions in [0, 1], 8760 values) by id.
    public var profiles: [String: [Double]]
    /// Monthly energy budgets of reservoir hydro.
    public var hydroBudgets: [HydroBudget]
    /// Where each number came from (file, key, tag, source), for reports.
    public var sources: [SourceNote]
    /// Availability set by disruption overlays, replacing the profile or `1 − FOR` of a period:
    /// generator id → period year → 8760 values in [0, 1].
    public var availabilityOverrides: [String: [Int: [Double]]] = [:]

    /// The availability of a generator in every hour of a period, before any cut-off: the
    /// override, else its profile, else `1 − FOR`.
    public func availability(of generator: Generator, year: Int) -> [Double] {
        if let override = availabilityOverrides[generator.id]?[year] { return override }
        if let id = generator.availabilityProfile, let profile = profiles[id], profile.count == Self.hoursPerYear { return profile }
        return Array(repeating: 1 - generator.forcedOutageRate, count: Self.hoursPerYear)
    }
    /// Hour-by-hour factors on both directions of a corridor's capacity: corridor id → period
    /// year → 8760 factors.
    public var corridorFactors: [String: [Int: [Double]]] = [:]
    /// The dated tariff file whose prices were applied (``applying(_:)``), or nil when the fuel
    /// prices are `fuel_prices.csv`'s alone.
    public var tariff: AppliedTariff?
    /// The case's own time steps (`Inputs/<model>/snapshots.csv`): N weighted hours forming one
    /// cyclic block, as a PyPSA network's snapshots. `nil`: the run chooses (hourly, repdays:N).
    public var snapshots: TimeSlices?
    /// Capacity payments of existing contracts (`capacity_payments.csv`): fixed costs outside the
    /// decision, reported in the cost of supply, never in the objective.
    public var capacityPayments: [CapacityPayment] = []
    /// How the reserve margin is divided by season and zone (`reserve` in `model.yaml`,
    /// `capacity_credits.csv`); the default is one system-wide row per period.
    public var reserve = ReserveStructure()
    /// What the scenarios laid on the system changed, in words (set by the scenario library; each
    /// scenario's name and description, then its overlays indented by two spaces), for reports.
    public var scenarioChanges: [String] = []

    /// Creates a system.
    public init(name: String, settings: Settings, periods: [Period], regions: [Region], corridors: [Corridor] = [],
                fuels: [Fuel] = [], generators: [Generator] = [], storages: [StorageUnit] = [],
                policies: Policies = Policies(), demand: [RegionalDemand], profiles: [String: [Double]] = [:],
                hydroBudgets: [HydroBudget] = [], sources: [SourceNote] = []) {
        self.name = name
        self.settings = settings
        self.periods = periods
        self.regions = regions
        self.corridors = corridors
        self.fuels = fuels
        self.generators = generators
        self.storages = storages
        self.policies = policies
        self.demand = demand
        self.profiles = profiles
        self.hydroBudgets = hydroBudgets
        self.sources = sources
    }

    /// Hours in a modelled year.
    public static let hoursPerYear = 8760
}

/// System-wide economic settings.
public struct Settings: Sendable, Equatable {
    /// Real discount rate per year, e.g. 0.10.
    public var discountRate: Double
    /// The year to which costs are discounted (y0).
    public var baseYear: Int
    /// Value of lost load: the price of unserved energy, USD/MWh (with tiered load shedding, the
    /// price of the deepest segment: the demand left after ``sheddingSegments``).
    public var vollUSDPerMWh: Double
    /// The shallow segments of tiered load shedding (`load_shedding_segments`), shallowest first,
    /// each a share of demand with its own, lower price; empty: one segment, all demand at VoLL.
    /// ``Economics/unservedSegments(_:)`` gives the full list with the VoLL segment.
    public var sheddingSegments: [SheddingSegment]
    /// Exchange rate, PKR per USD (for reports and PKR-priced inputs).
    public var exchangeRatePKRPerUSD: Double
    /// The demand variant in use (`low`, `medium`, `high`, ...) when `demand.csv` has variants.
    public var demandVariant: String?
    /// Availabilities below this are taken as 0 (`availability_cutoff`, default
    /// ``Economics/minimumAvailability``); a case imported from PyPSA uses 0, keeping PyPSA's values.
    public var availabilityCutoff: Double = Economics.minimumAvailability
    /// USD per unit of the program's objective (`objective_unit_usd`): `nil` for the default of
    /// ``FormulationOptions/costScale`` (one million USD). A small system (an objective of a few
    /// million USD, marginal costs of a few USD per MWh) states its costs in smaller units so
    /// that the simplex's reduced-cost tolerance stays small beside them (docs/MODEL.md).
    public var objectiveUnitUSD: Double? = nil

    /// Creates settings.
    public init(discountRate: Double, baseYear: Int, vollUSDPerMWh: Double, exchangeRatePKRPerUSD: Double = 280,
                demandVariant: String? = nil, sheddingSegments: [SheddingSegment] = []) {
        self.discountRate = discountRate
        self.baseYear = baseYear
        self.vollUSDPerMWh = vollUSDPerMWh
        self.exchangeRatePKRPerUSD = exchangeRatePKRPerUSD
        self.demandVariant = demandVariant
        self.sheddingSegments = sheddingSegments
    }
}

/// One segment of tiered load shedding: a share of each region's demand in each step that can be
/// shed at its own price (GenX's demand segments).
public struct SheddingSegment: Sendable, Equatable, Codable {
    /// The segment's share of demand, a fraction in (0, 1].
    public var shareOfDemand: Double
    /// The price of a MWh shed in this segment, USD/MWh.
    public var costUSDPerMWh: Double

    /// Creates a segment.
    public init(shareOfDemand: Double, costUSDPerMWh: Double) {
        self.shareOfDemand = shareOfDemand
        self.costUSDPerMWh = costUSDPerMWh
    }

    private enum CodingKeys: String, CodingKey {
        case shareOfDemand = "share_of_demand", costUSDPerMWh = "cost_usd_per_mwh"
    }
}

/// A planning period, standing for `yearsRepresented` years.
public struct Period: Sendable, Equatable {
    /// The modelled year, e.g. 2030.
    public var year: Int
    /// How many years it stands for (n_y), e.g. 5.
    public var yearsRepresented: Double

    /// Creates a period.
    public init(year: Int, yearsRepresented: Double) {
        self.year = year
        self.yearsRepresented = yearsRepresented
    }
}

/// A region: a node of the transport model.
public struct Region: Sendable, Equatable {
    /// Identifier used in references and LP names, e.g. `north`.
    public var id: String
    /// A readable name, e.g. "North (Punjab, KP, Islamabad)".
    public var name: String

    /// Creates a region.
    public init(id: String, name: String = "") {
        self.id = id
        self.name = name
    }
}

/// A transmission corridor between two regions (transport model, losses on arrival).
public struct Corridor: Sendable, Equatable {
    /// Identifier, e.g. `hvdc_matiari_lahore`.
    public var id: String
    /// Region the forward direction leaves.
    public var from: String
    /// Region the forward direction reaches.
    public var to: String
    /// Capacity from `from` to `to`, MW.
    public var capacityMW: Double
    /// Capacity from `to` to `from`, MW.
    public var reverseCapacityMW: Double
    /// Fraction of the flow lost on the way (λ), in [0, 1).
    public var lossFraction: Double
    /// How the corridor can be expanded (**LINKX**), or `nil` when it cannot: capital cost per kW
    /// of forward capacity, life, the most forward capacity in service (existing + builds),
    /// committed builds and the first period a build may be made, as for generators.
    public var investment: Investment?
    /// Fixed O&M of the forward capacity in service, USD/kW-year: of a fixed corridor, a constant
    /// of the objective (as a fixed plant's); of an expandable one, its builds' and existing part's.
    public var fixedOMUSDPerKWYear: Double
    /// Reverse capacity each MW of expansion adds, in [0, 1]: 1 for a line that carries power
    /// both ways at its rating (an AC circuit, an LCC bipole), 0 for a one-way link.
    public var reverseFraction: Double
    /// The AC line or transformer this corridor is (`lines.csv`), whose flow also obeys
    /// Kirchhoff's voltage law (**KVL**); `nil` for a transport corridor (`model.yaml`).
    public var line: LineFlow? = nil
    /// Cost of each MWh sent, in either direction (a wheeling charge; PyPSA's link
    /// `marginal_cost`), USD/MWh.
    public var flowCostUSDPerMWh: Double = 0
    /// Share of the rating that may flow in any hour, in (0, 1] (PyPSA's link `p_max_pu`; a
    /// security margin), for a transport corridor; a line has its own `s_max_pu`.
    public var usableShare: Double = 1

    /// Creates a corridor; the reverse capacity defaults to the forward one.
    public init(id: String, from: String, to: String, capacityMW: Double, reverseCapacityMW: Double? = nil, lossFraction: Double = 0,
                investment: Investment? = nil, fixedOMUSDPerKWYear: Double = 0, reverseFraction: Double = 1) {
        self.id = id
        self.from = from
        self.to = to
        self.capacityMW = capacityMW
        self.reverseCapacityMW = reverseCapacityMW ?? capacityMW
        self.lossFraction = lossFraction
        self.investment = investment
        self.fixedOMUSDPerKWYear = fixedOMUSDPerKWYear
        self.reverseFraction = reverseFraction
    }

    /// Reverse capacity when the forward capacity in service is `forwardMW` (existing + builds).
    public func reverseCapacity(forward forwardMW: Double) -> Double {
        reverseCapacityMW + reverseFraction * (forwardMW - capacityMW)
    }
}

/// What makes a corridor an AC line or transformer (`Models/<model>/lines.csv`): its reactance,
/// for the linearised (DC) power flow of **KVL**, and the usable share of its rating. The corridor
/// itself is lossless, has the rating `s_nom` both ways (``Corridor/capacityMW``) and, when it can
/// be expanded, a reverse fraction of 1; its flow limits are **LINK** rows scaled by ``maxPU``.
public struct LineFlow: Sendable, Equatable {
    /// A line or a transformer: the same equations, told apart for the PyPSA export.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case line, transformer
    }

    /// Line or transformer.
    public var kind: Kind
    /// Series reactance in per unit on a 1 MVA base (PyPSA's `x_pu_eff`: `x / v_nom²` for a
    /// line of `x` ohm at `v_nom` kV, `x · tap_ratio / s_nom` for a transformer). Only ratios
    /// within a cycle matter. The resistance is not used: the linearised flow is lossless.
    public var reactancePU: Double
    /// The share of the rating that may flow (`s_max_pu`, e.g. 0.7 for an N-1 margin).
    public var maxPU: Double
    /// A profile of `profiles.csv` giving the share hour by hour instead of ``maxPU``.
    public var maxPUProfile: String?

    /// Creates the line data of a corridor.
    public init(kind: Kind = .line, reactancePU: Double, maxPU: Double = 1, maxPUProfile: String? = nil) {
        self.kind = kind
        self.reactancePU = reactancePU
        self.maxPU = maxPU
        self.maxPUProfile = maxPUProfile
    }
}

extension EnergySystem {
    /// The share of a corridor's rating usable in an hour: 1 for a transport corridor; a line's
    /// `s_max_pu` (its profile's value, else the constant).
    public func ratingShare(of corridor: Corridor, hour: Int) -> Double {
        guard let line = corridor.line else { return corridor.usableShare }
        if let id = line.maxPUProfile, let profile = profiles[id], hour < profile.count { return profile[hour] }
        return line.maxPU
    }
}

/// A value by period and month (1...12); a missing month means "no value" (no limit, or price 0).
public struct MonthlyValues: Sendable, Equatable {
    /// Values keyed by period year, then month 1...12.
    public var values: [Int: [Int: Double]]

    /// Creates monthly values.
    public init(_ values: [Int: [Int: Double]] = [:]) {
        self.values = values
    }

    /// The value for a period year and month, if given.
    public subscript(year: Int, month: Int) -> Double? {
        values[year]?[month]
    }

    /// Whether no value is given at all.
    public var isEmpty: Bool { values.values.allSatisfy(\.isEmpty) }
}

/// A fuel.
public struct Fuel: Sendable, Equatable {
    /// Identifier, e.g. `rlng`.
    public var id: String
    /// Whether the fuel is imported (import dependence, FX bill).
    public var imported: Bool
    /// Carbon dioxide per unit of heat, t/MMBtu.
    public var co2TonnesPerMMBtu: Double
    /// Price by period and month, USD/MMBtu.
    public var priceUSDPerMMBtu: MonthlyValues
    /// Supply limit by period and month, MMBtu per month (absent: unlimited).
    public var supplyLimitMMBtu: MonthlyValues
    /// Minimum off-take by period and month, MMBtu per month (take-or-pay contracts; absent: none).
    /// What is not burned of it is paid for all the same (``EquationID/FUELMIN``).
    public var minimumOfftakeMMBtu: MonthlyValues

    /// Creates a fuel.
    public init(id: String, imported: Bool, co2TonnesPerMMBtu: Double, priceUSDPerMMBtu: MonthlyValues = MonthlyValues(),
                supplyLimitMMBtu: MonthlyValues = MonthlyValues(), minimumOfftakeMMBtu: MonthlyValues = MonthlyValues()) {
        self.minimumOfftakeMMBtu = minimumOfftakeMMBtu
        self.id = id
        self.imported = imported
        self.co2TonnesPerMMBtu = co2TonnesPerMMBtu
        self.priceUSDPerMMBtu = priceUSDPerMMBtu
        self.supplyLimitMMBtu = supplyLimitMMBtu
    }
}

/// Investment data of a resource that can be built.
public struct Investment: Sendable, Equatable {
    /// Overnight capital cost, USD/kW (storage: per kW of power).
    public var capexUSDPerKW: Double
    /// Economic lifetime, years (annuity and retirement of builds).
    public var lifetimeYears: Double
    /// Upper bound on capacity in service (existing + builds), MW; `nil` for none.
    public var maxCapacityMW: Double?
    /// Builds forced in a period (committed projects), MW by period year.
    public var committedMW: [Int: Double]
    /// The first period year in which building is allowed (`nil`: any).
    public var firstBuildYear: Int?

    /// Creates investment data.
    public init(capexUSDPerKW: Double, lifetimeYears: Double, maxCapacityMW: Double? = nil,
                committedMW: [Int: Double] = [:], firstBuildYear: Int? = nil) {
        self.capexUSDPerKW = capexUSDPerKW
        self.lifetimeYears = lifetimeYears
        self.maxCapacityMW = maxCapacityMW
        self.committedMW = committedMW
        self.firstBuildYear = firstBuildYear
    }
}

/// A generating resource: a plant or a fleet of alike plants in one region.
public struct Generator: Sendable, Equatable {
    /// Identifier, e.g. `tarbela`.
    public var id: String
    /// Region id.
    public var region: String
    /// Technology, e.g. `hydro_reservoir`, `ccgt`, `solar_pv`.
    public var technology: String
    /// Carrier, e.g. `hydro`, `rlng`, `solar`, `wind`, `nuclear` (which count as renewable is policy data).
    public var carrier: String
    /// Fuel id, if it burns one.
    public var fuel: String?
    /// Capacity in service at the start, MW.
    public var existingCapacityMW: Double
    /// Year from which the existing capacity is retired (absent in periods with year ≥ this).
    public var retirementYear: Int?
    /// Heat rate, MMBtu/MWh (0 without fuel).
    public var heatRateMMBtuPerMWh: Double
    /// Variable O&M, USD/MWh.
    public var variableOMUSDPerMWh: Double
    /// Fixed O&M, USD/kW-year (on all capacity in service).
    public var fixedOMUSDPerKWYear: Double
    /// Forced-outage rate (thermal derate `1 − FOR` when there is no profile), in [0, 1].
    public var forcedOutageRate: Double
    /// Hourly availability profile id (solar, wind, run-of-river); overrides `1 − FOR`.
    public var availabilityProfile: String?
    /// Minimum generation as a fraction of available capacity (MINGEN μ), in [0, 1].
    public var minimumGenerationFraction: Double
    /// Hourly minimum generation as a fraction of capacity (a profile id), instead of μ: MINGEN's
    /// coefficient is then `min(m_t, a_t)` (PyPSA's time-varying `p_min_pu`).
    public var minimumGenerationProfile: String? = nil
    /// Firm capacity credit for the reserve margin (κ), in [0, 1].
    public var capacityCredit: Double
    /// Whether a monthly hydro energy budget applies (HYDRO).
    public var hasHydroBudget: Bool
    /// Investment data, if the resource can be built.
    public var investment: Investment?

    /// Creates a generator.
    public init(id: String, region: String, technology: String, carrier: String, fuel: String? = nil,
                existingCapacityMW: Double, retirementYear: Int? = nil, heatRateMMBtuPerMWh: Double = 0,
                variableOMUSDPerMWh: Double = 0, fixedOMUSDPerKWYear: Double = 0, forcedOutageRate: Double = 0,
                availabilityProfile: String? = nil, minimumGenerationFraction: Double = 0, capacityCredit: Double = 1,
                hasHydroBudget: Bool = false, investment: Investment? = nil) {
        self.id = id
        self.region = region
        self.technology = technology
        self.carrier = carrier
        self.fuel = fuel
        self.existingCapacityMW = existingCapacityMW
        self.retirementYear = retirementYear
        self.heatRateMMBtuPerMWh = heatRateMMBtuPerMWh
        self.variableOMUSDPerMWh = variableOMUSDPerMWh
        self.fixedOMUSDPerKWYear = fixedOMUSDPerKWYear
        self.forcedOutageRate = forcedOutageRate
        self.availabilityProfile = availabilityProfile
        self.minimumGenerationFraction = minimumGenerationFraction
        self.capacityCredit = capacityCredit
        self.hasHydroBudget = hasHydroBudget
        self.investment = investment
    }
}

/// A storage resource (battery, pumped hydro) with a fixed energy-to-power ratio.
public struct StorageUnit: Sendable, Equatable {
    /// Identifier.
    public var id: String
    /// Region id.
    public var region: String
    /// Technology, e.g. `battery_4h`.
    public var technology: String
    /// Power capacity in service at the start, MW.
    public var existingPowerMW: Double
    /// Energy capacity per MW of power, hours (E = duration · P, for existing and new capacity).
    public var durationHours: Double
    /// Charging efficiency η_c, in (0, 1].
    public var chargeEfficiency: Double
    /// Discharging efficiency η_d, in (0, 1].
    public var dischargeEfficiency: Double
    /// Self-discharge per hour σ, in [0, 1).
    public var selfDischargePerHour: Double
    /// Variable O&M per MWh discharged, USD/MWh.
    public var variableOMUSDPerMWh: Double
    /// Fixed O&M, USD/kW-year of power.
    public var fixedOMUSDPerKWYear: Double
    /// Firm capacity credit for the reserve margin (κ_s), in [0, 1].
    public var capacityCredit: Double
    /// Year from which the existing capacity is retired.
    public var retirementYear: Int?
    /// Investment data (capex per kW of power, including the energy part), if it can be built.
    public var investment: Investment?
    /// Natural inflow (a reservoir's, as PyPSA's storage units have): the shape, a column of
    /// `profiles.csv` (fractions), scaled by ``inflowMW``; what cannot be stored is spilled.
    public var inflowProfile: String?
    /// The inflow in an hour whose profile value is 1, MW.
    public var inflowMW: Double
    /// The state of charge before the first step, MWh, for storage that is not cyclic (PyPSA's
    /// `cyclic_state_of_charge` False with `state_of_charge_initial`); `nil`: cyclic per block.
    public var initialStateMWh: Double?
    /// Levels the state of charge must hold at given hours (`storage_levels.csv`, PyPSA's
    /// `state_of_charge_set`), MWh, by hour of the year; a level with a year applies in that
    /// period only.
    public var levels: [StorageLevel] = []

    /// Creates a storage unit.
    public init(id: String, region: String, technology: String, existingPowerMW: Double, durationHours: Double,
                chargeEfficiency: Double, dischargeEfficiency: Double, selfDischargePerHour: Double = 0,
                variableOMUSDPerMWh: Double = 0, fixedOMUSDPerKWYear: Double = 0, capacityCredit: Double = 1,
                retirementYear: Int? = nil, investment: Investment? = nil, inflowProfile: String? = nil, inflowMW: Double = 0,
                initialStateMWh: Double? = nil) {
        self.initialStateMWh = initialStateMWh
        self.inflowProfile = inflowProfile
        self.inflowMW = inflowMW
        self.id = id
        self.region = region
        self.technology = technology
        self.existingPowerMW = existingPowerMW
        self.durationHours = durationHours
        self.chargeEfficiency = chargeEfficiency
        self.dischargeEfficiency = dischargeEfficiency
        self.selfDischargePerHour = selfDischargePerHour
        self.variableOMUSDPerMWh = variableOMUSDPerMWh
        self.fixedOMUSDPerKWYear = fixedOMUSDPerKWYear
        self.capacityCredit = capacityCredit
        self.retirementYear = retirementYear
        self.investment = investment
    }
}

/// A policy target by period, hard or soft.
public struct PolicyTarget: Sendable, Equatable {
    /// Target by period year; periods without a value have no constraint.
    public var valuesByYear: [Int: Double]
    /// Price of each unit of violation (soft policy), or `nil` for a hard constraint.
    /// Units: USD per MW (RESERVE), per MWh (RESHARE, IMPORT), per t (CO2), per USD (FXBILL).
    public var penalty: Double?

    /// Creates a target.
    public init(_ valuesByYear: [Int: Double], penalty: Double? = nil) {
        self.valuesByYear = valuesByYear
        self.penalty = penalty
    }
}

/// The policy constraints of MODEL.md; each is off unless set.
public struct Policies: Sendable, Equatable {
    /// RESERVE: margin ρ_y over peak demand (e.g. 0.15).
    public var reserveMargin: PolicyTarget?
    /// RESHARE: minimum renewable share θ_y of served demand.
    public var renewableShare: PolicyTarget?
    /// Carriers that count as renewable for RESHARE and the indicators.
    public var renewableCarriers: [String]
    /// Carriers that count as clean (renewable + hydro + nuclear) for the indicators.
    public var cleanCarriers: [String]
    /// CO2: cap on emissions, t per year.
    public var co2CapTonnes: PolicyTarget?
    /// IMPORT: cap φ_y on the share of demand met from imported fuels.
    public var importShareCap: PolicyTarget?
    /// FXBILL: budget for imported fuel, USD per year.
    public var fxBudgetUSD: PolicyTarget?

    /// Creates policies (all off by default).
    public init(reserveMargin: PolicyTarget? = nil, renewableShare: PolicyTarget? = nil,
                renewableCarriers: [String] = ["solar", "wind", "hydro", "bagasse"],
                cleanCarriers: [String] = ["solar", "wind", "hydro", "bagasse", "nuclear"],
                co2CapTonnes: PolicyTarget? = nil, importShareCap: PolicyTarget? = nil, fxBudgetUSD: PolicyTarget? = nil) {
        self.reserveMargin = reserveMargin
        self.renewableShare = renewableShare
        self.renewableCarriers = renewableCarriers
        self.cleanCarriers = cleanCarriers
        self.co2CapTonnes = co2CapTonnes
        self.importShareCap = importShareCap
        self.fxBudgetUSD = fxBudgetUSD
    }
}

/// Hourly demand of one region in one period, MW (8760 values).
public struct RegionalDemand: Sendable, Equatable {
    /// Region id.
    public var region: String
    /// Period year.
    public var year: Int
    /// Demand in each hour of the year, MW.
    public var hourlyMW: [Double]

    /// Creates a demand series.
    public init(region: String, year: Int, hourlyMW: [Double]) {
        self.region = region
        self.year = year
        self.hourlyMW = hourlyMW
    }
}

/// A level the state of charge of a storage unit must hold at the end of one hour.
public struct StorageLevel: Sendable, Equatable {
    /// Period year, or `nil` for every period.
    public var year: Int?
    /// Hour of the year, 0...8759 (the step that reads this hour).
    public var hour: Int
    /// State of charge, MWh.
    public var levelMWh: Double

    /// Creates a level.
    public init(year: Int?, hour: Int, levelMWh: Double) {
        self.year = year
        self.hour = hour
        self.levelMWh = levelMWh
    }
}

/// The energy a reservoir hydro resource may release in one month, MWh.
public struct HydroBudget: Sendable, Equatable {
    /// Generator id.
    public var generator: String
    /// Period year.
    public var year: Int
    /// Month 1...12.
    public var month: Int
    /// Energy budget, MWh.
    public var energyMWh: Double

    /// Creates a budget.
    public init(generator: String, year: Int, month: Int, energyMWh: Double) {
        self.generator = generator
        self.year = year
        self.month = month
        self.energyMWh = energyMWh
    }
}

/// The capacity payment of an existing contract (a PPA's capacity charge, a tariff's fixed
/// part): a fixed annual cost of the named generators' existing capacity, paid whatever they
/// generate, in every period up to the contract's last year. It covers their fixed O&M, which
/// the cost of supply then leaves out for that capacity (docs/MODEL.md, cost of supply).
public struct CapacityPayment: Sendable, Equatable {
    /// Contract id.
    public var id: String
    /// The generators whose existing capacity the payment is for.
    public var generators: [String]
    /// USD per year.
    public var paymentUSDPerYear: Double
    /// The last year paid: the payment counts in periods whose year is at most this; nil: every period.
    public var lastYear: Int?

    /// Creates a payment.
    public init(id: String, generators: [String], paymentUSDPerYear: Double, lastYear: Int? = nil) {
        self.id = id
        self.generators = generators
        self.paymentUSDPerYear = paymentUSDPerYear
        self.lastYear = lastYear
    }

    /// Whether the payment is made in a period's year.
    public func isPaid(in year: Int) -> Bool { lastYear.map { year <= $0 } ?? true }
}

/// Where a number came from.
public struct SourceNote: Sendable, Equatable, Codable {
    /// How a number is known.
    public enum Tag: String, Sendable, Codable, CaseIterable {
        /// Taken from a cited source.
        case sourced = "SOURCED"
        /// Computed from sourced numbers.
        case derived = "DERIVED"
        /// An assumption, with its reasoning.
        case assumption = "ASSUMPTION"
    }

    /// The file, relative to the model or inputs folder.
    public var file: String
    /// The key or row the note is about (e.g. `generators.tarbela.existing_capacity_mw`).
    public var key: String
    /// The tag.
    public var tag: Tag
    /// The source key or citation, and for assumptions the reasoning.
    public var source: String

    /// Creates a note.
    public init(file: String, key: String, tag: Tag, source: String) {
        self.file = file
        self.key = key
        self.tag = tag
        self.source = source
    }
}
