import Foundation

/// The historical annual series behind the demand forecast, read from long-format CSV files
/// `series,year,value,source,tag` (docs/FORMATS.md, "history files").
public struct ForecastHistory: Sendable, Equatable {
    /// The series a history file may hold.
    public enum Series: String, Sendable, CaseIterable {
        /// Annual electricity (generation or sales; one definition per history), GWh, by fiscal year.
        case energyGWh = "energy_gwh"
        /// Real GDP growth, percent, by fiscal year.
        case gdpGrowthPercent = "gdp_growth_percent"
        /// Mid-year population (persons), by calendar year.
        case population

        /// Whether values must be positive (the series enters the model through its logarithm).
        var mustBePositive: Bool { self != .gdpGrowthPercent }
    }

    /// How calendar-year (mid-year) populations map onto fiscal years ending in June.
    public enum PopulationAlignment: String, Sendable, CaseIterable {
        /// POP(FY t) = (POP(t − 1) + POP(t)) / 2: the fiscal year's middle is 1 January t.
        case fiscalMidpoint = "fiscal_midpoint"
        /// POP(FY t) = POP(t).
        case sameYear = "same_year"
    }

    /// The values of each series by year.
    public var values: [Series: [Int: Double]]
    /// One source note per value (file, key `series.year`), sorted by file and key.
    public var sources: [SourceNote]

    /// Creates a history from values (sources optional, for tests).
    public init(values: [Series: [Int: Double]], sources: [SourceNote] = []) {
        self.values = values
        self.sources = sources
    }

    /// The real GDP index chained from the growth rates: 100 in the year before the first growth
    /// rate, then I(t) = I(t − 1)(1 + gₜ/100). The chain stops at the first missing year.
    public var gdpIndex: [Int: Double] {
        guard let growth = values[.gdpGrowthPercent], let first = growth.keys.min() else { return [:] }
        var index: [Int: Double] = [first - 1: 100]
        var year = first
        var level: Double = 100
        while let rate = growth[year] {
            level *= 1 + rate / 100
            index[year] = level
            year += 1
        }
        return index
    }

    /// The fiscal-year population of `year`, or nil if a needed calendar year is missing.
    public func fiscalPopulation(_ year: Int, alignment: PopulationAlignment) -> Double? {
        guard let population = values[.population] else { return nil }
        switch alignment {
        case .sameYear:
            return population[year]
        case .fiscalMidpoint:
            guard let previous = population[year - 1], let current = population[year] else { return nil }
            return (previous + current) / 2
        }
    }

    /// The observation of `year`, or the names of the series it lacks.
    public func observation(_ year: Int, alignment: PopulationAlignment) -> Result<ForecastObservation, MissingSeries> {
        let energy = values[.energyGWh]?[year]
        let gdp = gdpIndex[year]
        let population = fiscalPopulation(year, alignment: alignment)
        guard let energy, let gdp, let population else {
            var missing: [String] = []
            if energy == nil { missing.append(Series.energyGWh.rawValue) }
            if gdp == nil { missing.append("\(Series.gdpGrowthPercent.rawValue) (the GDP chain)") }
            if population == nil {
                missing.append(alignment == .fiscalMidpoint ? "population of \(year - 1) and \(year)" : "population")
            }
            return .failure(MissingSeries(year: year, series: missing))
        }
        return .success(ForecastObservation(year: year, energyGWh: energy, gdpIndex: gdp, population: population))
    }

    /// The series a fitted year lacks.
    public struct MissingSeries: Error, Sendable, Equatable {
        /// The year.
        public var year: Int
        /// What is missing.
        public var series: [String]
    }
}

extension ForecastHistory {
    /// Reads one history file into `values`/`sources`; records every problem (missing columns,
    /// unknown series, non-numbers, non-positive values of logged series, untagged rows, duplicates).
    static func read(file: String, in folder: URL, into history: inout ForecastHistory,
                     firstLines: inout [String: (path: String, line: Int)], log: IssueLog) {
        guard let text = TextFile.read(file, in: folder, required: true, log: log),
              let table = CSVTable(path: folder.appendingPathComponent(file).path, text: text, log: log) else { return }
        table.checkColumns(required: ["series", "year", "value"], optional: ["source", "tag", "unit"], log: log)
        guard table.has("series"), table.has("year"), table.has("value") else { return }
        let names = Series.allCases.map(\.rawValue)
        for row in table.rows {
            guard let name = table.string(row, "series", required: true, log: log),
                  let year = table.int(row, "year", log: log) else { continue }
            guard let series = Series(rawValue: name) else {
                table.issue(row, "series", "unknown series '\(name)'", suggestion: Suggestion.advice(for: name, among: names), log: log)
                continue
            }
            let key = "\(name).\(year)"
            let note = table.note(row, file: file, key: key, log: log)
            guard let value = table.double(row, "value", log: log) else { continue }
            if series.mustBePositive, value <= 0 {
                table.issue(row, "value", "\(name) must be positive (the model takes its logarithm), found \(table.field(row, "value") ?? "")",
                            suggestion: "leave the year out if it is unknown", log: log)
                continue
            }
            if series == .gdpGrowthPercent, value <= -100 {
                table.issue(row, "value", "a GDP growth of \(value) % would make GDP non-positive", log: log)
                continue
            }
            if let first = firstLines[key] {
                let place = first.path == table.path ? "line \(first.line)" : "\(first.path):\(first.line)"
                table.issue(row, "year", "\(name) of \(year) is given twice (first on \(place))", suggestion: "keep one row per series and year", log: log)
                continue
            }
            firstLines[key] = (table.path, row.line)
            guard let note else { continue }
            history.values[series, default: [:]][year] = value
            history.sources.append(note)
        }
    }
}
