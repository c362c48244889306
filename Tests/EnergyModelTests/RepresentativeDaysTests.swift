import Foundation
import Testing

@testable import EnergyModel

/// Hourly series built for the tests: deterministic, 8760 values each.
enum SyntheticYear {
    /// Uniform value in [0, 1) from a SplitMix64 stream.
    static func uniform(_ generator: inout RepresentativeDays.SplitMix64) -> Double {
        Double(generator.next() >> 11) / 9_007_199_254_740_992.0
    }

    /// A realistic-looking year: two regional demands (MW), a solar and a wind profile (fractions).
    ///
    /// Demand: summer-peaking season, evening daily peak, 8 % lower at weekends, ±3 % day-to-day and
    /// ±1 % hour-to-hour noise. Solar: day length and strength by season, daily clearness 0.55–1
    /// (lower in the July–August monsoon). Wind: a seasonal mean, an AR(1) daily level and a diurnal shape.
    static func realistic(seed: UInt64 = 42) -> [String: [Double]] {
        var generator = RepresentativeDays.SplitMix64(state: seed)
        var north: [Double] = []
        var south: [Double] = []
        var solar: [Double] = []
        var wind: [Double] = []
        var windLevel: Double = 0.35
        for day in 0..<365 {
            let season: Double = cos(2.0 * Double.pi * (Double(day) - 180.0) / 365.0)  // +1 mid-summer
            let weekend: Double = (day % 7 == 5 || day % 7 == 6) ? 0.92 : 1.0
            let dayNoiseNorth: Double = 1.0 + 0.03 * (2.0 * uniform(&generator) - 1.0)
            let dayNoiseSouth: Double = 1.0 + 0.03 * (2.0 * uniform(&generator) - 1.0)
            let month = TimeSlices.month(ofHour: day * 24)
            let monsoon: Bool = month == 7 || month == 8
            let clearness: Double = monsoon ? 0.55 + 0.3 * uniform(&generator) : 0.8 + 0.2 * uniform(&generator)
            let dayLength: Double = 12.0 + 2.0 * season  // hours of daylight
            let sunrise: Double = 12.0 - dayLength / 2.0
            let windMean: Double = 0.35 + 0.1 * season
            windLevel = windMean + 0.6 * (windLevel - windMean) + 0.08 * (2.0 * uniform(&generator) - 1.0)
            for hour in 0..<24 {
                let h = Double(hour)
                let evening: Double = exp(-((h - 20.0) * (h - 20.0)) / 8.0)
                let daytime: Double = 0.5 - 0.5 * cos(2.0 * Double.pi * (h - 4.0) / 24.0)
                let shape: Double = 0.75 + 0.15 * daytime + 0.2 * evening
                let hourNoiseNorth: Double = 1.0 + 0.01 * (2.0 * uniform(&generator) - 1.0)
                let hourNoiseSouth: Double = 1.0 + 0.01 * (2.0 * uniform(&generator) - 1.0)
                north.append(10_000.0 * (1.0 + 0.25 * season) * shape * weekend * dayNoiseNorth * hourNoiseNorth)
                south.append(6_000.0 * (1.0 + 0.35 * season) * shape * weekend * dayNoiseSouth * hourNoiseSouth)
                let sunAngle: Double = (h + 0.5 - sunrise) / dayLength
                let sun: Double = (sunAngle > 0 && sunAngle < 1) ? sin(Double.pi * sunAngle) : 0.0
                solar.append(min(1.0, sun * clearness * (0.85 + 0.1 * season)))
                let diurnal: Double = 1.0 + 0.25 * cos(2.0 * Double.pi * (h - 2.0) / 24.0)
                wind.append(min(1.0, max(0.0, windLevel * diurnal)))
            }
        }
        return ["demand.north": north, "demand.south": south, "solar": solar, "wind": wind]
    }

    /// A month-dependent profile that repeats identically on every day of each month.
    static func samePerMonth() -> [String: [Double]] {
        let values = (0..<EnergySystem.hoursPerYear).map { (hour: Int) -> Double in
            let month = Double(TimeSlices.month(ofHour: hour))
            let h = Double(hour % 24)
            return 100.0 * month + 10.0 * sin(2.0 * Double.pi * h / 24.0)
        }
        return ["demand": values]
    }

    /// Whether a day is a weekend day (days 5 and 6 of every week).
    static func isWeekend(_ day: Int) -> Bool { day % 7 == 5 || day % 7 == 6 }

    /// Two day types per month (weekday and weekend), each identical within the month.
    static func twoDayTypes() -> [String: [Double]] {
        var demand: [Double] = []
        var solar: [Double] = []
        for hour in 0..<EnergySystem.hoursPerYear {
            let day = hour / 24
            let month = Double(TimeSlices.month(ofHour: hour))
            let h = Double(hour % 24)
            let level: Double = isWeekend(day) ? 600.0 : 1_000.0
            demand.append(level * (1.0 + 0.02 * month) + 50.0 * sin(2.0 * Double.pi * h / 24.0))
            let sun: Double = (h >= 6 && h <= 18) ? sin(Double.pi * (h - 6.0) / 12.0) : 0.0
            solar.append(sun * (isWeekend(day) ? 0.5 : 0.9))
        }
        return ["demand": demand, "solar": solar]
    }
}

@Suite("RepresentativeDays")
struct RepresentativeDaysTests {
    @Test("weights sum to 8760", arguments: [12, 24, 48, 120, 360])
    func weightsSumToYear(count: Int) throws {
        let (slices, report) = try TimeSlices.representativeDays(count: count, series: SyntheticYear.realistic())
        #expect(slices.totalWeight == 8760)
        #expect(report.days.reduce(0) { $0 + $1.weight } == 365)
        #expect(slices.resolution == .representativeDays(count: count, seed: 0))
        #expect(report.requestedCount == count)
    }

    @Test("blocks are 24 steps, contiguous, in range, ordered by month then day")
    func blocksShape() throws {
        let (slices, report) = try TimeSlices.representativeDays(count: 48, series: SyntheticYear.realistic())
        #expect(slices.blocks.count == 48)
        #expect(slices.steps.count == 48 * 24)
        var expectedStart = 0
        for (block, day) in zip(slices.blocks, report.days) {
            #expect(block.count == 24)
            #expect(block.lowerBound == expectedStart)
            #expect(block.lowerBound >= 0 && block.upperBound <= slices.steps.count)
            for (offset, index) in block.enumerated() {
                let step = slices.steps[index]
                #expect(step.hour == day.dayIndex * 24 + offset)
                #expect(step.month == day.month)
                #expect(step.month == TimeSlices.month(ofHour: step.hour))
                #expect(step.weight == Double(day.weight))
            }
            expectedStart = block.upperBound
        }
        let order = report.days.map { [$0.month, $0.dayIndex] }
        #expect(order == order.sorted { $0.lexicographicallyPrecedes($1) })
        for month in 1...12 {
            let days = report.days.filter { $0.month == month }
            #expect(days.count == 4)
            #expect(days.reduce(0) { $0 + $1.weight } == TimeSlices.daysPerMonth[month - 1])
        }
    }

    @Test("same input and seed give the same days and report")
    func deterministic() throws {
        let series = SyntheticYear.realistic()
        let first = try TimeSlices.representativeDays(count: 24, series: series, seed: 7)
        let second = try TimeSlices.representativeDays(count: 24, series: series, seed: 7)
        #expect(first.0 == second.0)
        #expect(first.1 == second.1)
        #expect(first.1.seed == 7)
    }

    @Test("a profile identical every day of a month has zero annual-energy and peak error")
    func identicalDaysZeroError() throws {
        for count in [12, 36] {
            let (_, report) = try TimeSlices.representativeDays(count: count, series: SyntheticYear.samePerMonth())
            let error = try #require(report.error(of: "demand"))
            #expect(abs(error.annualSumError) < 1e-12)
            #expect(abs(error.meanError) < 1e-12)
            #expect(error.peakError == 0)
        }
    }

    @Test("two day types per month and 24 days: one of each, exact annual sums")
    func twoDayTypes() throws {
        let series = SyntheticYear.twoDayTypes()
        let (_, report) = try TimeSlices.representativeDays(count: 24, series: series)
        var firstDay = 0
        for month in 1...12 {
            let monthDays = firstDay..<(firstDay + TimeSlices.daysPerMonth[month - 1])
            let chosen = report.days.filter { $0.month == month }
            #expect(chosen.count == 2)
            let weekend = chosen.filter { SyntheticYear.isWeekend($0.dayIndex) }
            let weekday = chosen.filter { !SyntheticYear.isWeekend($0.dayIndex) }
            #expect(weekend.count == 1 && weekday.count == 1)
            #expect(weekend.first?.weight == monthDays.filter { SyntheticYear.isWeekend($0) }.count)
            #expect(weekday.first?.weight == monthDays.filter { !SyntheticYear.isWeekend($0) }.count)
            firstDay = monthDays.upperBound
        }
        for error in report.series {
            #expect(abs(error.annualSumError) < 1e-12, "\(error.name)")
            #expect(error.peakError == 0, "\(error.name)")
        }
    }

    @Test("the seed only breaks ties: identical days may differ, weights and errors do not")
    func seedBreaksTiesOnly() throws {
        let series = SyntheticYear.twoDayTypes()
        let (_, a) = try TimeSlices.representativeDays(count: 24, series: series, seed: 1)
        let (_, b) = try TimeSlices.representativeDays(count: 24, series: series, seed: 2)
        // Within a month the identical days may come in another order, so compare (month, weight) sets.
        let weights = { (report: AggregationReport) in report.days.map { [$0.month, $0.weight] }.sorted { $0.lexicographicallyPrecedes($1) } }
        #expect(weights(a) == weights(b))
        #expect(a.days.map(\.dayIndex) != b.days.map(\.dayIndex))
        for (x, y) in zip(a.series, b.series) {
            #expect(abs(x.annualSumError - y.annualSumError) < 1e-12)
        }
        #expect(a.seed == 1 && b.seed == 2)
    }

    @Test("count not a positive multiple of 12 is rejected", arguments: [365, 0, 13, -12, 1, 366])
    func countNotMultipleOfTwelve(count: Int) {
        #expect(throws: TimeAggregationError.countNotPositiveMultipleOfTwelve(count)) {
            try TimeSlices.representativeDays(count: count, series: SyntheticYear.samePerMonth())
        }
    }

    @Test("count above 365 is rejected")
    func countAboveYear() {
        #expect(throws: TimeAggregationError.countExceedsDaysInYear(372)) {
            try TimeSlices.representativeDays(count: 372, series: SyntheticYear.samePerMonth())
        }
    }

    @Test("bad series are rejected: none, wrong length, NaN, infinity")
    func badSeries() {
        #expect(throws: TimeAggregationError.noSeries) {
            try TimeSlices.representativeDays(count: 12, series: [:])
        }
        var series = SyntheticYear.samePerMonth()
        series["short"] = Array(repeating: 1.0, count: 8759)
        #expect(throws: TimeAggregationError.wrongSeriesLength(series: "short", count: 8759)) {
            try TimeSlices.representativeDays(count: 12, series: series)
        }
        var nan = Array(repeating: 1.0, count: 8760)
        nan[100] = .nan
        #expect(throws: TimeAggregationError.nonFiniteValue(series: "wind", hour: 100)) {
            try TimeSlices.representativeDays(count: 12, series: ["wind": nan])
        }
        var infinite = Array(repeating: 1.0, count: 8760)
        infinite[8759] = -.infinity
        #expect(throws: TimeAggregationError.nonFiniteValue(series: "solar", hour: 8759)) {
            try TimeSlices.representativeDays(count: 12, series: ["solar": infinite])
        }
    }

    @Test("error messages name the problem")
    func messages() {
        #expect(TimeAggregationError.countNotPositiveMultipleOfTwelve(13).description.contains("13"))
        #expect(TimeAggregationError.countNotPositiveMultipleOfTwelve(13).description.contains("multiple of 12"))
        #expect(TimeAggregationError.countExceedsDaysInYear(372).description.contains("365"))
        #expect(TimeAggregationError.noSeries.description.contains("no series"))
        #expect(TimeAggregationError.wrongSeriesLength(series: "wind", count: 10).description.contains("'wind' has 10"))
        #expect(TimeAggregationError.nonFiniteValue(series: "wind", hour: 3).description.contains("hour 3"))
    }

    @Test("360 days: 30 per month, February keeps its 28 days, 31-day months weight one day twice")
    func threeHundredSixty() throws {
        let (slices, report) = try TimeSlices.representativeDays(count: 360, series: SyntheticYear.realistic())
        #expect(report.days.count == 30 * 11 + 28)
        #expect(slices.totalWeight == 8760)
        for month in 1...12 {
            let days = report.days.filter { $0.month == month }
            let length = TimeSlices.daysPerMonth[month - 1]
            #expect(days.count == min(30, length))
            #expect(days.reduce(0) { $0 + $1.weight } == length)
            #expect(days.filter { $0.weight == 2 }.count == (length == 31 ? 1 : 0))
        }
        for error in report.series {
            #expect(abs(error.annualSumError) < 0.005, "\(error.name)")
        }
    }

    @Test("synthetic year: errors at 12, 24, 48 days stay within bounds and shrink")
    func syntheticErrors() throws {
        let series = SyntheticYear.realistic()
        var worstEnergy: [Int: Double] = [:]
        for count in [12, 24, 48] {
            let (_, report) = try TimeSlices.representativeDays(count: count, series: series)
            for error in report.series {
                let line = String(
                    format: "repdays %2d  %-13@ energy %+7.3f %%  peak %+7.3f %%  mean %.4f -> %.4f",
                    count, error.name as NSString, 100.0 * error.annualSumError, 100.0 * error.peakError,
                    error.mean, error.representedMean)
                print(line)
            }
            worstEnergy[count] = report.maxAbsAnnualSumError
            #expect(report.maxAbsAnnualSumError <= 0.05)
            #expect(report.maxAbsPeakError <= 0.20)
            if count == 48 {
                for name in ["demand.north", "demand.south"] {
                    #expect(try #require(report.error(of: name)).peakError >= -0.03, "\(name)")
                }
            }
        }
        #expect(worstEnergy[48]! <= 0.02)
        #expect(worstEnergy[48]! <= worstEnergy[12]!)
    }

    @Test("the report round-trips through JSON")
    func reportCodable() throws {
        let (_, report) = try TimeSlices.representativeDays(
            count: 24, series: SyntheticYear.realistic(), seed: 0xFEED_FACE_CAFE_BEEF)
        let data = try JSONEncoder().encode(report)
        let decoded = try JSONDecoder().decode(AggregationReport.self, from: data)
        #expect(decoded == report)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("annualSumError"))
        #expect(text.contains("dayIndex"))
    }

    @Test("SplitMix64 gives the published reference values")
    func splitMixReference() {
        var generator = RepresentativeDays.SplitMix64(state: 1_234_567)
        #expect(generator.next() == 6_457_827_717_110_365_317)
        #expect(generator.next() == 3_203_168_211_198_807_973)
        #expect(generator.next() == 9_817_491_932_198_370_423)
    }
}
