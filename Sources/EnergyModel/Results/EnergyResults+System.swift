import Foundation
import LinearProgramming

/// What a report needs to know about the system a run solved, beyond the numbers: resources with
/// their carriers, policy targets and the source notes of the inputs (`system` in `results.json`).
public struct SystemSummary: Sendable, Equatable, Codable {
    /// One generator or storage unit.
    public struct Resource: Sendable, Equatable, Codable {
        /// Resource id.
        public var id: String
        /// `generator` or `storage`.
        public var kind: String
        /// Region id.
        public var region: String
        /// Carrier (`storage` for storage units).
        public var carrier: String
        /// Technology.
        public var technology: String

        /// Creates a resource summary.
        public init(id: String, kind: String, region: String, carrier: String, technology: String) {
            self.id = id
            self.kind = kind
            self.region = region
            self.carrier = carrier
            self.technology = technology
        }
    }

    /// The system's name (the model, e.g. `pakistan`).
    public var name: String
    /// Region ids and names, in the system's order.
    public var regions: [String: String]
    /// Region ids in order.
    public var regionOrder: [String]
    /// Generators, then storage units, in the system's order.
    public var resources: [Resource]
    /// Renewable-share targets by year (fraction), when the policy exists.
    public var renewableShareTarget: [String: Double]
    /// Carriers counted as renewable.
    public var renewableCarriers: [String]
    /// Value of lost load, USD/MWh.
    public var vollUSDPerMWh: Double
    /// The shallow segments of tiered load shedding (``Settings/sheddingSegments``); absent without tiers.
    public var loadSheddingSegments: [SheddingSegment]? = nil
    /// Exchange rate, PKR per USD.
    public var exchangeRatePKRPerUSD: Double
    /// Where the input numbers came from.
    public var sources: [SourceNote]

    enum CodingKeys: String, CodingKey {
        case name, regions, regionOrder = "region_order", resources, renewableShareTarget = "renewable_share_target"
        case renewableCarriers = "renewable_carriers", vollUSDPerMWh = "voll_usd_per_mwh", loadSheddingSegments = "load_shedding_segments"
        case exchangeRatePKRPerUSD = "exchange_rate_pkr_per_usd", sources
    }

    /// Creates a summary.
    public init(name: String, regions: [String: String], regionOrder: [String], resources: [Resource],
                renewableShareTarget: [String: Double], renewableCarriers: [String], vollUSDPerMWh: Double,
                exchangeRatePKRPerUSD: Double, sources: [SourceNote]) {
        self.name = name
        self.regions = regions
        self.regionOrder = regionOrder
        self.resources = resources
        self.renewableShareTarget = renewableShareTarget
        self.renewableCarriers = renewableCarriers
        self.vollUSDPerMWh = vollUSDPerMWh
        self.exchangeRatePKRPerUSD = exchangeRatePKRPerUSD
        self.sources = sources
    }

    /// Summarises a system.
    public init(_ system: EnergySystem) {
        name = system.name
        regions = Dictionary(system.regions.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        regionOrder = system.regions.map(\.id)
        resources = system.generators.map {
            Resource(id: $0.id, kind: "generator", region: $0.region, carrier: $0.carrier, technology: $0.technology)
        } + system.storages.map {
            Resource(id: $0.id, kind: "storage", region: $0.region, carrier: "storage", technology: $0.technology)
        }
        renewableShareTarget = Dictionary(
            (system.policies.renewableShare?.valuesByYear ?? [:]).map { (String($0.key), $0.value) }, uniquingKeysWith: { a, _ in a })
        renewableCarriers = system.policies.renewableCarriers
        vollUSDPerMWh = system.settings.vollUSDPerMWh
        loadSheddingSegments = system.settings.sheddingSegments.isEmpty ? nil : system.settings.sheddingSegments
        exchangeRatePKRPerUSD = system.settings.exchangeRatePKRPerUSD
        sources = system.sources
    }
}

extension SolutionReader {
    /// The annual cost of a period by component, USD of the period's year: `capital` (annuities of
    /// the builds alive), `fixed_om`, `fuel`, `variable_om`, `unserved` (at VoLL, or at each segment's
    /// price with tiered load shedding), and with take-or-pay minimums `take_or_pay_surplus` (fuel
    /// paid for and not burned).
    func costBreakdown(_ y: Int) -> [String: Double] {
        let period = lp.periods[y]
        var capital = 0.0, fixed = 0.0, fuelCost = 0.0, variable = 0.0
        for (g, generator) in system.generators.enumerated() {
            let k = capacity(generator: g, period: y)
            fixed += generator.fixedOMUSDPerKWYear * 1000 * k
            capital += annuities(generator.investment, builds: lp.variables.build[g], period: y)
            let fuel = fuel(of: generator)
            for (t, step) in steps.enumerated() {
                let mwh: Double = step.weight * value(lp.variables.generation[g, y, t])
                variable += mwh * generator.variableOMUSDPerMWh
                fuelCost += mwh * generator.heatRateMMBtuPerMWh * (fuel?.priceUSDPerMMBtu[period.year, step.month] ?? 0)
            }
        }
        for (s, storage) in system.storages.enumerated() {
            fixed += storage.fixedOMUSDPerKWYear * 1000 * capacity(storage: s, period: y)
            capital += annuities(storage.investment, builds: lp.variables.storageBuild[s], period: y)
            variable += energy(lp.variables.discharge.series(s, period: y)) * storage.variableOMUSDPerMWh
        }
        variable += corridorFlowCost(y)
        let corridors = corridorCapacities(y)
        capital += corridors.capital
        fixed += corridors.fixedCost - corridors.capital
        let unserved = zip(unservedBySegment(y), Economics.unservedSegments(system.settings)).reduce(0.0) { $0 + $1.0 * $1.1.costUSDPerMWh }
        var breakdown = ["capital": capital, "fixed_om": fixed, "fuel": fuelCost, "variable_om": variable, "unserved": unserved]
        if let surplus = takeOrPaySurplus(y) { breakdown["take_or_pay_surplus"] = surplus.usd }
        return breakdown
    }

    /// What the take-or-pay surplus of a period costs (FUELMIN: fuel paid for and not burned, at the
    /// month's price), USD of the period's year, in all and for imported fuels; nil when no fuel
    /// has a minimum (and nothing is read). At an optimum the surplus of a month is the minimum less
    /// the fuel burned, or 0 (it is a cost); months without a step have no row and no surplus.
    func takeOrPaySurplus(_ y: Int) -> (usd: Double, importedUSD: Double)? {
        guard system.fuels.contains(where: { !$0.minimumOfftakeMMBtu.isEmpty }) else { return nil }
        let year = lp.periods[y].year
        let burnt = fuelUse(y).byMonth
        let months = Set(steps.map(\.month))
        var usd = 0.0, imported = 0.0
        for fuel in system.fuels where !fuel.minimumOfftakeMMBtu.isEmpty {
            for month in 1...12 where months.contains(month) {
                guard let minimum = fuel.minimumOfftakeMMBtu[year, month], minimum > 0 else { continue }
                let paid = max(0, minimum - (burnt[fuel.id]?[month - 1] ?? 0)) * (fuel.priceUSDPerMMBtu[year, month] ?? 0)
                usd += paid
                if fuel.imported { imported += paid }
            }
        }
        return (usd, imported)
    }
}

extension SolutionReader {
    /// Fuel burnt (MMBtu, in the year and by month) and its cost (USD) by fuel in a period's year, generators in order.
    func fuelUse(_ y: Int) -> (use: [String: Double], cost: [String: Double], byMonth: [String: [Double]]) {
        let period = lp.periods[y]
        var use: [String: Double] = [:], cost: [String: Double] = [:], byMonth: [String: [Double]] = [:]
        for (g, generator) in system.generators.enumerated() {
            guard let fuel = fuel(of: generator) else { continue }
            var mmbtu = 0.0, usd = 0.0
            var months = byMonth[fuel.id] ?? Array(repeating: 0.0, count: 12)
            for (t, step) in steps.enumerated() {
                let burnt: Double = step.weight * value(lp.variables.generation[g, y, t]) * generator.heatRateMMBtuPerMWh
                mmbtu += burnt
                months[step.month - 1] += burnt
                usd += burnt * (fuel.priceUSDPerMMBtu[period.year, step.month] ?? 0)
            }
            use[fuel.id, default: 0] += mmbtu
            cost[fuel.id, default: 0] += usd
            byMonth[fuel.id] = months
        }
        return (use, cost, byMonth)
    }
}

extension EnergyResults {
    /// Fills the report-oriented keys (`system`, `periods[].cost_breakdown_usd`) from a run.
    mutating func addSummaries(_ run: Optimization) {
        system = SystemSummary(run.lp.system)
        if !run.lp.system.scenarioChanges.isEmpty { scenarioChanges = run.lp.system.scenarioChanges }
        guard let solution = run.result.solution else { return }
        let reader = SolutionReader(lp: run.lp, solution: solution)
        for y in periods.indices where y < run.lp.periods.count {
            periods[y].costBreakdownUSD = reader.costBreakdown(y)
            (periods[y].fuelUseMMBtu, periods[y].fuelCostUSD, periods[y].fuelUseByMonthMMBtu) = reader.fuelUse(y)
        }
    }
}
