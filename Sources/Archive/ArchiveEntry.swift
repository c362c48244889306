/// One scheduled run as the archive keeps it: its metadata and, for a run that got that far,
/// the hashes of its input files, the fuel prices it used, its fuel use and its indicators.
public struct ArchiveEntry: Sendable, Equatable, Codable {
    /// The run's metadata (one row of `runs`).
    public var run: ArchiveRun
    /// Input file → SHA-256, keyed like results.json's `input_hashes` (`inputs/settings.yaml` ...).
    public var inputs: [String: String]
    /// Fuel prices the run used, USD/MMBtu, per fuel, period and month.
    public var prices: [ArchivePrice]
    /// Fuel burnt per fuel, period and month in the base plan.
    public var fuels: [ArchiveFuel]
    /// Indicators: per scenario (`base` or a disruption id) and period.
    public var metrics: [ArchiveMetric]

    /// Creates an entry.
    public init(run: ArchiveRun, inputs: [String: String] = [:], prices: [ArchivePrice] = [],
                fuels: [ArchiveFuel] = [], metrics: [ArchiveMetric] = []) {
        self.run = run
        self.inputs = inputs
        self.prices = prices
        self.fuels = fuels
        self.metrics = metrics
    }

    /// The value of a metric, if recorded.
    public func metric(_ name: String, scenario: String = "base", period: Int) -> Double? {
        metrics.first { $0.name == name && $0.scenario == scenario && $0.period == period }?.value
    }

    /// The price of a fuel in a period: the mean over the months that have one, if any.
    public func price(_ fuel: String, period: Int) -> Double? {
        let months = prices.filter { $0.fuel == fuel && $0.period == period }.map(\.usdPerMMBtu)
        return months.isEmpty ? nil : months.reduce(0, +) / Double(months.count)
    }

    /// The price of a fuel in one month of a period, if recorded.
    public func price(_ fuel: String, period: Int, month: Int) -> Double? {
        prices.first { $0.fuel == fuel && $0.period == period && $0.month == month }?.usdPerMMBtu
    }
}

/// The metadata of one run (table `runs`).
public struct ArchiveRun: Sendable, Equatable, Codable {
    /// Row id, assigned by the archive.
    public var id: Int64?
    /// The run identifier, also the report folder's name, e.g. `20261129T144512Z`.
    public var runID: String
    /// The model's name.
    public var model: String
    /// When the run started and finished, ISO 8601 UTC.
    public var startedAt: String
    /// When the run finished, ISO 8601 UTC.
    public var finishedAt: String
    /// The date tariffs were selected for, `YYYY-MM-DD`.
    public var runDate: String
    /// `succeeded` or `failed`.
    public var status: String
    /// For a failed run: the stage that failed (`validate`, `plan`, `stress`, `report`, `archive`, `terminated`).
    public var failedStage: String?
    /// For a failed run: the error message.
    public var message: String?
    /// The process exit code (docs/CLI.md).
    public var exitCode: Int
    /// The tariff file applied, relative to the inputs folder, if any.
    public var tariffFile: String?
    /// The report folder written, if any.
    public var reportPath: String?
    /// The base plan's objective, USD (discounted total over the periods).
    public var objectiveUSD: Double?
    /// Bijli's version.
    public var bijliVersion: String

    /// A run that succeeded.
    public static let succeeded = "succeeded"
    /// A run that failed.
    public static let failed = "failed"

    /// Creates run metadata.
    public init(id: Int64? = nil, runID: String, model: String, startedAt: String, finishedAt: String, runDate: String,
                status: String, failedStage: String? = nil, message: String? = nil, exitCode: Int, tariffFile: String? = nil,
                reportPath: String? = nil, objectiveUSD: Double? = nil, bijliVersion: String) {
        self.id = id
        self.runID = runID
        self.model = model
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.runDate = runDate
        self.status = status
        self.failedStage = failedStage
        self.message = message
        self.exitCode = exitCode
        self.tariffFile = tariffFile
        self.reportPath = reportPath
        self.objectiveUSD = objectiveUSD
        self.bijliVersion = bijliVersion
    }
}

/// A fuel's price in one month of a period (table `prices`).
public struct ArchivePrice: Sendable, Equatable, Codable {
    /// The fuel id.
    public var fuel: String
    /// The period (year).
    public var period: Int
    /// The month, 1–12.
    public var month: Int
    /// USD/MMBtu (LHV).
    public var usdPerMMBtu: Double

    /// Creates a price row.
    public init(fuel: String, period: Int, month: Int, usdPerMMBtu: Double) {
        self.fuel = fuel
        self.period = period
        self.month = month
        self.usdPerMMBtu = usdPerMMBtu
    }
}

/// A fuel's use in one month of a period of the base plan (table `fuels`).
public struct ArchiveFuel: Sendable, Equatable, Codable {
    /// The fuel id.
    public var fuel: String
    /// The period (year).
    public var period: Int
    /// The month, 1–12.
    public var month: Int
    /// Fuel burnt in the month, MMBtu.
    public var useMMBtu: Double

    /// Creates a fuel row.
    public init(fuel: String, period: Int, month: Int, useMMBtu: Double) {
        self.fuel = fuel
        self.period = period
        self.month = month
        self.useMMBtu = useMMBtu
    }
}

/// One indicator value (table `metrics`).
public struct ArchiveMetric: Sendable, Equatable, Codable {
    /// `base` for the plan, otherwise the disruption id of the stress sweep.
    public var scenario: String
    /// The period (year).
    public var period: Int
    /// The metric's name, e.g. `unserved_gwh`, `annual_cost_musd` (docs/SCHEDULING.md lists them).
    public var name: String
    /// Its value.
    public var value: Double

    /// Creates a metric row.
    public init(scenario: String, period: Int, name: String, value: Double) {
        self.scenario = scenario
        self.period = period
        self.name = name
        self.value = value
    }
}
