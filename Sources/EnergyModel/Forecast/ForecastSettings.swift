import Foundation

/// The driver assumptions of a demand forecast, read from `Inputs/<model>/forecast.yaml`
/// (docs/FORMATS.md): which history to fit, which model, the base year, the variants and the
/// regional shares.
public struct ForecastSettings: Sendable, Equatable {
    /// History files, relative to the inputs folder.
    public var historyFiles: [String]
    /// How calendar-year populations map onto fiscal years.
    public var populationAlignment: ForecastHistory.PopulationAlignment
    /// The first and last fitted (fiscal) years.
    public var firstYear: Int, lastYear: Int
    /// The model used for the variants.
    public var model: DemandModelSpec
    /// Further models fitted and reported, not used.
    public var diagnostics: [DemandModelSpec]
    /// The base (back-cast) year, its observed energy (GWh) and peak (MW).
    public var baseYear: Int, baseEnergyGWh: Double, basePeakMW: Double
    /// The period years written to demand.csv (each ≥ the base year).
    public var periods: [Int]
    /// The variants in file order.
    public var variants: [ForecastVariant]
    /// Regional shares of national demand in file order (they sum to 1).
    public var regions: [RegionShare]
    /// One source note per number, sorted by key.
    public var sources: [SourceNote]

    /// Creates settings (for tests and programmatic use).
    public init(historyFiles: [String] = [], populationAlignment: ForecastHistory.PopulationAlignment = .fiscalMidpoint,
                firstYear: Int, lastYear: Int, model: DemandModelSpec, diagnostics: [DemandModelSpec] = [],
                baseYear: Int, baseEnergyGWh: Double, basePeakMW: Double, periods: [Int],
                variants: [ForecastVariant], regions: [RegionShare], sources: [SourceNote] = []) {
        self.historyFiles = historyFiles
        self.populationAlignment = populationAlignment
        self.firstYear = firstYear
        self.lastYear = lastYear
        self.model = model
        self.diagnostics = diagnostics
        self.baseYear = baseYear
        self.baseEnergyGWh = baseEnergyGWh
        self.basePeakMW = basePeakMW
        self.periods = periods
        self.variants = variants
        self.regions = regions
        self.sources = sources
    }

    /// The tolerance on the sum of the regional shares.
    public static let shareSumTolerance: Double = 1e-6
}

/// One growth variant: constant annual GDP and population growth from the base year on.
public struct ForecastVariant: Sendable, Equatable {
    /// The variant id written in demand.csv's `variant` column (`low`, `medium`, `high`).
    public var name: String
    /// Real GDP growth, percent per year.
    public var gdpGrowthPercent: Double
    /// Population growth, percent per year.
    public var populationGrowthPercent: Double

    /// Creates a variant.
    public init(name: String, gdpGrowthPercent: Double, populationGrowthPercent: Double) {
        self.name = name
        self.gdpGrowthPercent = gdpGrowthPercent
        self.populationGrowthPercent = populationGrowthPercent
    }
}

/// A region's share of national demand (energy and peak).
public struct RegionShare: Sendable, Equatable {
    /// The region id.
    public var region: String
    /// The share, in (0, 1].
    public var share: Double

    /// Creates a share.
    public init(region: String, share: Double) {
        self.region = region
        self.share = share
    }
}
