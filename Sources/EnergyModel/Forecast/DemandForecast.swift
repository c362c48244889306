import Foundation
import Statistics

/// The demand forecast of an inputs folder: the history fitted with the log-linear model of
/// `forecast.yaml`, and national and regional demand per variant and period (docs/FORECAST.md).
public struct DemandForecast: Sendable, Equatable {
    /// The settings file name inside the inputs folder.
    public static let settingsFile = "forecast.yaml"

    /// National energy and peak of one variant in one period.
    public struct Projection: Sendable, Equatable {
        /// The variant id.
        public var variant: String
        /// The period year.
        public var year: Int
        /// Annual energy, GWh.
        public var energyGWh: Double
        /// Annual peak, MW.
        public var peakMW: Double
    }

    /// One row of demand.csv: a region's energy and peak in one variant and period.
    public struct RegionalRow: Sendable, Equatable {
        /// The region id.
        public var region: String
        /// The period year.
        public var year: Int
        /// The variant id.
        public var variant: String
        /// Annual energy, GWh.
        public var energyGWh: Double
        /// Annual peak, MW.
        public var peakMW: Double
    }

    /// The settings.
    public let settings: ForecastSettings
    /// The history.
    public let history: ForecastHistory
    /// The fitted observations (first to last year).
    public let observations: [ForecastObservation]
    /// The model used for the variants.
    public let fit: DemandFit
    /// The diagnostic models (fitted, reported, not used).
    public let diagnostics: [DemandFit]
    /// Diagnostic models that could not be fitted, with the reason (e.g. rank deficient).
    public let unfittedDiagnostics: [String]
    /// National projections, variant by variant (file order), period by period.
    public let projections: [Projection]

    /// Fits and projects from settings and history already in memory.
    ///
    /// A diagnostic that cannot be fitted is listed in ``unfittedDiagnostics`` instead.
    ///
    /// - Throws: ``StatisticsError`` if the model used cannot be fitted (too few years, rank deficiency).
    public init(settings: ForecastSettings, history: ForecastHistory, observations: [ForecastObservation]) throws(StatisticsError) {
        self.settings = settings
        self.history = history
        self.observations = observations
        let fit = try DemandFit(spec: settings.model, observations: observations)
        self.fit = fit
        var diagnostics: [DemandFit] = []
        var unfitted: [String] = []
        for spec in settings.diagnostics {
            let result: Result<DemandFit, StatisticsError> = Result { () throws(StatisticsError) in
                try DemandFit(spec: spec, observations: observations)
            }
            switch result {
            case .success(let diagnostic): diagnostics.append(diagnostic)
            case .failure(let error):
                unfitted.append("diagnostic '\(spec.name)' (\(spec.formula)) cannot be fitted: "
                    + Self.describe(error, spec: spec, count: observations.count))
            }
        }
        self.diagnostics = diagnostics
        self.unfittedDiagnostics = unfitted
        self.projections = Self.project(settings: settings, spec: settings.model, coefficients: fit.coefficients)
    }

    /// National energy and peak per variant and period: E_t = E_base · growthFactor(t − base),
    /// P_t = P_base · E_t / E_base (the base year's load factor held). The base year returns the
    /// base values exactly.
    public static func project(settings: ForecastSettings, spec: DemandModelSpec, coefficients: [Double]) -> [Projection] {
        var result: [Projection] = []
        for variant in settings.variants {
            for year in settings.periods {
                let factor: Double = spec.growthFactor(
                    coefficients: coefficients, years: year - settings.baseYear,
                    gdpGrowth: variant.gdpGrowthPercent / 100, populationGrowth: variant.populationGrowthPercent / 100)
                let energy: Double = year == settings.baseYear ? settings.baseEnergyGWh : settings.baseEnergyGWh * factor
                let peak: Double = year == settings.baseYear ? settings.basePeakMW : settings.basePeakMW * factor
                result.append(Projection(variant: variant.name, year: year, energyGWh: energy, peakMW: peak))
            }
        }
        return result
    }

    /// The rows of demand.csv: each projection split by the regional shares (energy and peak),
    /// ordered by variant (file order), year, then region (file order).
    public var regionalRows: [RegionalRow] {
        var rows: [RegionalRow] = []
        for projection in projections {
            for share in settings.regions {
                rows.append(RegionalRow(region: share.region, year: projection.year, variant: projection.variant,
                                        energyGWh: projection.energyGWh * share.share, peakMW: projection.peakMW * share.share))
            }
        }
        return rows
    }

    /// The projection of a variant and year, if any.
    public func projection(variant: String, year: Int) -> Projection? {
        projections.first { $0.variant == variant && $0.year == year }
    }

    /// The compound annual growth rate of a variant's energy between the first and last period.
    public func energyGrowthRate(variant: String) -> Double? {
        guard let first = settings.periods.min(), let last = settings.periods.max(), last > first,
              let start = projection(variant: variant, year: first), let end = projection(variant: variant, year: last) else { return nil }
        return Foundation.pow(end.energyGWh / start.energyGWh, 1 / Double(last - first)) - 1
    }
}

extension DemandForecast {
    /// Loads `forecast.yaml` and its history files from `inputs`, fits the models and projects
    /// the variants.
    ///
    /// - Throws: ``CaseLoadError`` with every problem found, as `file:line:column` issues: in
    ///   forecast.yaml, in the history files, missing fitted years, and fits that fail (too few
    ///   years, a regressor that is a linear combination of the others).
    public static func load(inputs: URL) throws(CaseLoadError) -> DemandForecast {
        let log = IssueLog()
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: inputs.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw CaseLoadError(issues: [CaseIssue(file: inputs.path, message: "no such folder", suggestion: "pass the inputs folder, e.g. Inputs/pakistan")])
        }
        guard let (settings, nodes) = ForecastSettings.read(file: settingsFile, in: inputs, log: log) else {
            throw CaseLoadError(issues: log.issues)
        }
        var history = ForecastHistory(values: [:])
        var firstLines: [String: (path: String, line: Int)] = [:]
        for file in settings.historyFiles {
            ForecastHistory.read(file: file, in: inputs, into: &history, firstLines: &firstLines, log: log)
        }
        history.sources.sort { ($0.file, $0.key) < ($1.file, $1.key) }
        guard log.isEmpty else { throw CaseLoadError(issues: log.issues) }

        let path = inputs.appendingPathComponent(settingsFile).path
        let at = nodes.history?.mark
        var observations: [ForecastObservation] = []
        for year in settings.firstYear...max(settings.firstYear, settings.lastYear) {
            switch history.observation(year, alignment: settings.populationAlignment) {
            case .success(let observation): observations.append(observation)
            case .failure(let missing):
                log.add(path, line: at?.line, column: at?.column, "fitted year \(year) has no \(missing.series.joined(separator: ", "))",
                        suggestion: "add the values to a history file or narrow first_year/last_year")
            }
        }
        guard log.isEmpty else { throw CaseLoadError(issues: log.issues) }

        let result: Result<DemandForecast, StatisticsError> = Result { () throws(StatisticsError) in
            try DemandForecast(settings: settings, history: history, observations: observations)
        }
        switch result {
        case .success(let forecast): return forecast
        case .failure(let error):
            let model = settings.model
            throw CaseLoadError(issues: [CaseIssue(file: path, line: model.line, message: "model '\(model.name)' (\(model.formula)) cannot be fitted: \(describe(error, spec: model, count: observations.count))",
                                                   suggestion: "drop a regressor or fit more years")])
        }
    }

    /// A plain-language reason for a failed fit.
    static func describe(_ error: StatisticsError, spec: DemandModelSpec, count: Int) -> String {
        switch error {
        case .rankDeficient(let column):
            let name = column < spec.coefficientNames.count ? spec.coefficientNames[column] : "column \(column)"
            return "rank deficient: '\(name)' is a linear combination of the columns before it"
        case .underdetermined(let rows, let columns):
            return "\(rows) fitted years for \(columns) coefficients"
        default:
            return "\(error) (\(count) fitted years)"
        }
    }
}
