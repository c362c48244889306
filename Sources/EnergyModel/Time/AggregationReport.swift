/// Why representative days could not be chosen.
public enum TimeAggregationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The requested day count is zero, negative or not a multiple of 12 (one share per month).
    case countNotPositiveMultipleOfTwelve(Int)
    /// The requested day count exceeds the 365 days of the modelled year.
    case countExceedsDaysInYear(Int)
    /// No series was given to drive the choice.
    case noSeries
    /// A series does not have one value per hour of the year (8760).
    case wrongSeriesLength(series: String, count: Int)
    /// A series holds NaN or an infinite value (the first such hour is named).
    case nonFiniteValue(series: String, hour: Int)

    /// A readable message naming the offending value.
    public var description: String {
        switch self {
        case .countNotPositiveMultipleOfTwelve(let count):
            "representative days: count \(count) must be a positive multiple of 12 (the same number of days in every month)"
        case .countExceedsDaysInYear(let count):
            "representative days: count \(count) exceeds the \(TimeSlices.daysPerMonth.reduce(0, +)) days of the year"
        case .noSeries:
            "representative days: no series given to choose the days from"
        case .wrongSeriesLength(let series, let count):
            "representative days: series '\(series)' has \(count) values, expected \(EnergySystem.hoursPerYear)"
        case .nonFiniteValue(let series, let hour):
            "representative days: series '\(series)' is not finite (NaN or infinity) at hour \(hour)"
        }
    }
}

/// How well a set of representative days reproduces the hourly series it was chosen from.
///
/// Relative errors are signed: (represented − full year) / full year. When the full-year figure is
/// zero the denominator falls back to the series' largest absolute hourly value (and an all-zero
/// series has zero error).
public struct AggregationReport: Sendable, Equatable, Codable {
    /// One chosen day and the days of its month it stands for.
    public struct ChosenDay: Sendable, Equatable, Codable {
        /// 0-based day of the year (0 = 1 January); its hours are `24 * dayIndex ..< 24 * dayIndex + 24`.
        public var dayIndex: Int
        /// Calendar month 1...12.
        public var month: Int
        /// Days of the month this day represents (the weight of each of its 24 steps).
        public var weight: Int

        /// Creates a chosen day.
        public init(dayIndex: Int, month: Int, weight: Int) {
            self.dayIndex = dayIndex
            self.month = month
            self.weight = weight
        }
    }

    /// The full-year and represented figures of one series, with their relative errors.
    public struct SeriesError: Sendable, Equatable, Codable {
        /// The series name (key of the input dictionary).
        public var name: String
        /// Σ x over the 8760 hours.
        public var annualSum: Double
        /// Σ w·x over the steps.
        public var representedAnnualSum: Double
        /// The largest hourly value of the year.
        public var peak: Double
        /// The largest value over the steps.
        public var representedPeak: Double
        /// The mean hourly value (the capacity factor for an availability profile).
        public var mean: Double
        /// The weighted mean over the steps, Σ w·x / Σ w.
        public var representedMean: Double

        /// The largest absolute hourly value, the fallback denominator of the relative errors.
        public var scale: Double
        /// Relative error of the annual sum (energy).
        public var annualSumError: Double
        /// Relative error of the peak (never positive: the steps are a subset of the hours).
        public var peakError: Double
        /// Relative error of the mean (capacity factor); equals `annualSumError` when the weights sum to 8760.
        public var meanError: Double

        /// Creates the figures of one series; the relative errors are computed from them.
        public init(name: String, annualSum: Double, representedAnnualSum: Double, peak: Double,
                    representedPeak: Double, mean: Double, representedMean: Double, scale: Double) {
            self.name = name
            self.annualSum = annualSum
            self.representedAnnualSum = representedAnnualSum
            self.peak = peak
            self.representedPeak = representedPeak
            self.mean = mean
            self.representedMean = representedMean
            self.scale = scale
            annualSumError = AggregationReport.relativeError(representedAnnualSum, annualSum, scale: scale)
            peakError = AggregationReport.relativeError(representedPeak, peak, scale: scale)
            meanError = AggregationReport.relativeError(representedMean, mean, scale: scale)
        }
    }

    /// The number of days asked for (the chosen days may be fewer when a month is shorter than its share).
    public var requestedCount: Int
    /// The seed that broke ties between equally good days.
    public var seed: UInt64
    /// The chosen days, by month then day of year.
    public var days: [ChosenDay]
    /// One entry per series, by name.
    public var series: [SeriesError]

    /// Creates a report.
    public init(requestedCount: Int, seed: UInt64, days: [ChosenDay], series: [SeriesError]) {
        self.requestedCount = requestedCount
        self.seed = seed
        self.days = days
        self.series = series
    }

    /// The entry of the named series, if any.
    public func error(of name: String) -> SeriesError? { series.first { $0.name == name } }

    /// The largest absolute annual-sum error over the series.
    public var maxAbsAnnualSumError: Double { series.map { abs($0.annualSumError) }.max() ?? 0 }

    /// The largest absolute peak error over the series.
    public var maxAbsPeakError: Double { series.map { abs($0.peakError) }.max() ?? 0 }

    /// Measures how `slices` reproduce each series (series of 8760 finite values, names sorted).
    public static func measure(_ slices: TimeSlices, series: [String: [Double]], requestedCount: Int,
                               seed: UInt64, days: [ChosenDay]) -> AggregationReport {
        let totalWeight = slices.totalWeight
        var errors: [SeriesError] = []
        for name in series.keys.sorted() {
            let values = series[name]!
            var annual = 0.0
            var peak = -Double.infinity
            var scale = 0.0
            for value in values {
                annual += value
                peak = max(peak, value)
                scale = max(scale, abs(value))
            }
            var represented = 0.0
            var representedPeak = -Double.infinity
            for step in slices.steps {
                let value = values[step.hour]
                represented += step.weight * value
                representedPeak = max(representedPeak, value)
            }
            let hours = Double(values.count)
            let mean: Double = values.isEmpty ? 0 : annual / hours
            let representedMean: Double = totalWeight > 0 ? represented / totalWeight : 0
            errors.append(SeriesError(
                name: name, annualSum: annual, representedAnnualSum: represented,
                peak: values.isEmpty ? 0 : peak, representedPeak: slices.steps.isEmpty ? 0 : representedPeak,
                mean: mean, representedMean: representedMean, scale: scale))
        }
        return AggregationReport(requestedCount: requestedCount, seed: seed, days: days, series: errors)
    }

    /// (approx − reference) / |reference|, or / `scale` when the reference is zero; 0 when both are zero.
    static func relativeError(_ approx: Double, _ reference: Double, scale: Double) -> Double {
        let difference = approx - reference
        if difference == 0 { return 0 }
        if reference != 0 { return difference / abs(reference) }
        return scale > 0 ? difference / scale : difference
    }
}
