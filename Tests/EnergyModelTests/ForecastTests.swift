import Foundation
import Statistics
import Testing
@testable import EnergyModel

/// `bijli forecast`'s library side: the log-linear fit, the variant arithmetic, the input checks
/// and demand.csv (docs/FORECAST.md).
@Suite struct ForecastTests {
    // MARK: - Fit

    /// Observations on an exact log-linear law: ln E = a + b ln G + c ln P + d t.
    static func exactObservations(a: Double, b: Double, c: Double, d: Double = 0) -> [ForecastObservation] {
        // GDP and population move independently (not collinear), so every coefficient is identified.
        let gdp: [Double] = [100, 104, 103, 109, 115, 114, 121, 130, 128, 137, 145, 150]
        let population: [Double] = [50, 53, 54, 55.5, 56, 59, 60, 60.5, 63, 64, 66.5, 67]
        return gdp.indices.map { i in
            let year = 2010 + i
            let lnE: Double = a + b * Foundation.log(gdp[i]) + c * Foundation.log(population[i]) + d * Double(i)
            return ForecastObservation(year: year, energyGWh: Foundation.exp(lnE), gdpIndex: gdp[i], population: population[i] * 1e6)
        }
    }

    @Test func exactLogLinearSeriesGivesItsCoefficientsBack() throws {
        let observations = Self.exactObservations(a: 2.5, b: 0.8, c: 1.3)
        // ln E = a + b ln G + c ln(P·1e6) − c ln 1e6: the intercept absorbs the unit.
        let spec = DemandModelSpec(name: "m", dependent: .energy, regressors: [.lnGDP, .lnPopulation])
        let fit = try DemandFit(spec: spec, observations: observations)
        let intercept: Double = 2.5 - 1.3 * Foundation.log(1e6)
        #expect(abs(fit.coefficients[0] - intercept) < 1e-9)
        #expect(abs(fit.coefficients[1] - 0.8) < 1e-9)
        #expect(abs(fit.coefficients[2] - 1.3) < 1e-9)
        #expect(abs((fit.fit.rSquared ?? 0) - 1) < 1e-12)
        #expect(fit.fit.residuals.allSatisfy { abs($0) < 1e-9 })
    }

    @Test func exactPerCapitaAndTrendSeriesGiveTheirCoefficientsBack() throws {
        // ln(E/P) = a + b ln(G/P) + d t  ⇔  ln E = a + b ln G + (1 − b) ln P + d t.
        let b = 0.7, d = 0.015
        let observations = Self.exactObservations(a: 1.0, b: b, c: 1 - b, d: d)
        let spec = DemandModelSpec(name: "m", dependent: .energyPerCapita, regressors: [.lnGDPPerCapita, .trend])
        let fit = try DemandFit(spec: spec, observations: observations)
        #expect(abs(fit.coefficients[1] - b) < 1e-9)
        #expect(abs(fit.coefficients[2] - d) < 1e-9)
    }

    @Test func standardErrorsAndRSquaredFollowTheTextbookFormulas() throws {
        // A noisy fit: check R² = 1 − SSR/SST and t = β / se against the fit's own numbers.
        var observations = Self.exactObservations(a: 3, b: 1.1, c: 0)
        let noise: [Double] = [0.02, -0.01, 0.015, -0.03, 0.0, 0.01, -0.02, 0.025, -0.005, 0.01, -0.015, 0.0]
        for i in observations.indices { observations[i].energyGWh *= Foundation.exp(noise[i]) }
        let fit = try DemandFit(spec: DemandModelSpec(name: "m", dependent: .energy, regressors: [.lnGDP]), observations: observations)
        let y = fit.observed
        let mean = y.reduce(0, +) / Double(y.count)
        let sst = y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        let ssr = fit.fit.residuals.reduce(0) { $0 + $1 * $1 }
        #expect(abs((fit.fit.rSquared ?? 0) - (1 - ssr / sst)) < 1e-12)
        let t = try #require(fit.tStatistics), se = try #require(fit.fit.standardErrors)
        #expect(abs(t[1] - fit.coefficients[1] / se[1]) < 1e-12)
        #expect(fit.fit.rSquared ?? 1 < 1)
    }

    @Test func collinearRegressorsAreWarnedAndExactDependenceIsAnError() throws {
        // Population grows exactly geometrically: ln P is a linear trend, so ln P and trend are dependent.
        let observations = (0..<10).map { i in
            ForecastObservation(year: 2010 + i, energyGWh: 100 * Foundation.exp(0.03 * Double(i) + 0.01 * Double(i % 3)),
                                gdpIndex: 100 * Foundation.pow(1.04, Double(i)) * (1 + 0.01 * Double(i % 2)),
                                population: 1e6 * Foundation.pow(1.02, Double(i)))
        }
        let dependent = DemandModelSpec(name: "m", dependent: .energy, regressors: [.lnPopulation, .trend])
        #expect(throws: StatisticsError.self) { try DemandFit(spec: dependent, observations: observations) }
        let nearly = DemandModelSpec(name: "m", dependent: .energy, regressors: [.lnGDP, .trend])
        let fit = try DemandFit(spec: nearly, observations: observations)
        #expect(fit.varianceInflation.count == 2)
        #expect(fit.varianceInflation.allSatisfy { $0 > DemandFit.collinearityThreshold })
        #expect(fit.warnings.contains { $0.contains("nearly collinear") })
    }

    // MARK: - Variant arithmetic (hand-derived numbers)

    static func handSettings(shares: [RegionShare] = [RegionShare(region: "north", share: 0.5), RegionShare(region: "south", share: 0.3),
                                                      RegionShare(region: "karachi", share: 0.2)]) -> ForecastSettings {
        ForecastSettings(firstYear: 2010, lastYear: 2021,
                         model: DemandModelSpec(name: "model", dependent: .energyPerCapita, regressors: [.lnGDPPerCapita]),
                         baseYear: 2025, baseEnergyGWh: 100, basePeakMW: 20, periods: [2025, 2027],
                         variants: [ForecastVariant(name: "only", gdpGrowthPercent: 21, populationGrowthPercent: 44)],
                         regions: shares)
    }

    @Test func growthCompoundsByHand() {
        // Per capita, elasticity 0.5: E grows by (1+g)^0.5 (1+m)^0.5 = 1.1 × 1.2 = 1.32 a year.
        let spec = DemandModelSpec(name: "m", dependent: .energyPerCapita, regressors: [.lnGDPPerCapita])
        #expect(abs(spec.growthFactor(coefficients: [9, 0.5], years: 1, gdpGrowth: 0.21, populationGrowth: 0.44) - 1.32) < 1e-12)
        #expect(abs(spec.growthFactor(coefficients: [9, 0.5], years: 2, gdpGrowth: 0.21, populationGrowth: 0.44) - 1.7424) < 1e-12)
        // Total energy on ln GDP with elasticity 0.5 and 21 % growth: 1.1 a year; population does not enter.
        let total = DemandModelSpec(name: "m", dependent: .energy, regressors: [.lnGDP])
        #expect(abs(total.growthFactor(coefficients: [0, 0.5], years: 3, gdpGrowth: 0.21, populationGrowth: 0.44) - 1.331) < 1e-12)
        // A trend of 0.1 a year over 2 years: e^0.2.
        let trend = DemandModelSpec(name: "m", dependent: .energy, regressors: [.trend])
        #expect(abs(trend.growthFactor(coefficients: [0, 0.1], years: 2, gdpGrowth: 0, populationGrowth: 0) - Foundation.exp(0.2)) < 1e-12)
        // Zero years: the base.
        #expect(spec.growthFactor(coefficients: [9, 0.5], years: 0, gdpGrowth: 0.21, populationGrowth: 0.44) == 1)
    }

    @Test func projectionsStartAtTheBaseAndSplitByRegion() throws {
        let settings = Self.handSettings()
        let projections = DemandForecast.project(settings: settings, spec: settings.model, coefficients: [9, 0.5])
        #expect(projections.count == 2)
        #expect(projections[0] == DemandForecast.Projection(variant: "only", year: 2025, energyGWh: 100, peakMW: 20))
        #expect(abs(projections[1].energyGWh - 174.24) < 1e-9)   // 100 × 1.32²
        #expect(abs(projections[1].peakMW - 34.848) < 1e-9)      // 20 × 1.32²: the base load factor held
    }

    @Test func regionalRowsUseTheShares() throws {
        let settings = Self.handSettings()
        let observations = Self.exactObservations(a: 1, b: 0.5, c: 0.5)
        let forecast = try DemandForecast(settings: settings, history: ForecastHistory(values: [:]), observations: observations)
        // The fit recovers the elasticity 0.5, so the hand numbers hold.
        #expect(abs(forecast.fit.coefficients[1] - 0.5) < 1e-9)
        let rows = forecast.regionalRows
        #expect(rows.map(\.region) == ["north", "south", "karachi", "north", "south", "karachi"])
        #expect(rows[0].energyGWh == 50 && rows[1].energyGWh == 30 && rows[2].energyGWh == 20)
        #expect(abs(rows[3].energyGWh - 87.12) < 1e-6 && abs(rows[4].energyGWh - 52.272) < 1e-6 && abs(rows[5].energyGWh - 34.848) < 1e-6)
        #expect(abs(rows[5].peakMW - 6.9696) < 1e-6)
        #expect(abs(rows.suffix(3).reduce(0) { $0 + $1.energyGWh } - 174.24) < 1e-6)
    }

    // MARK: - Input files

    /// A complete, small forecast folder; `edit` may change it before loading.
    struct Folder {
        let root: URL

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("bijli-forecast-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root.appendingPathComponent("history"), withIntermediateDirectories: true)
            try write("forecast.yaml", Self.yaml)
            try write("history/energy.csv", Self.energy)
            try write("history/drivers.csv", Self.drivers)
        }

        func write(_ name: String, _ text: String) throws {
            try text.write(to: root.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }

        func replace(_ name: String, _ old: String, _ new: String) throws {
            let text = try String(contentsOf: root.appendingPathComponent(name), encoding: .utf8)
            #expect(text.contains(old), "'\(old)' not in \(name)")
            try write(name, text.replacingOccurrences(of: old, with: new))
        }

        func path(_ name: String) -> String { root.appendingPathComponent(name).path }

        func remove() { try? FileManager.default.removeItem(at: root) }

        func issues() -> [CaseIssue] {
            let result: Result<DemandForecast, CaseLoadError> = Result { () throws(CaseLoadError) in
                try DemandForecast.load(inputs: root)
            }
            if case .failure(let error) = result { return error.issues }
            return []
        }

        static let yaml = """
            history:
              files: [history/energy.csv, history/drivers.csv]
              population_alignment: same_year
              first_year: 2011
              last_year: 2018
            model:
              dependent: energy_per_capita
              regressors: [ln_gdp_per_capita]
              source: test
              tag: ASSUMPTION
            diagnostics:
              - {name: total, dependent: energy, regressors: [ln_gdp, ln_population]}
            base:
              year: 2025
              source: test base
              tag: ASSUMPTION
              energy_gwh: 13140
              peak_mw: 1580
            periods: [2025, 2030]
            variants:
              low: {gdp_growth_percent: 3, population_growth_percent: 1, source: test, tag: ASSUMPTION}
              medium: {gdp_growth_percent: 4.5, population_growth_percent: 1.5, source: test, tag: ASSUMPTION}
              high: {gdp_growth_percent: 6, population_growth_percent: 2, source: test, tag: ASSUMPTION}
            regions:
              north: {share: 0.6, source: test, tag: ASSUMPTION}
              south: {share: 0.4, source: test, tag: ASSUMPTION}

            """

        static let energy = """
            # test energy
            series,year,value,source,tag
            energy_gwh,2011,1000,test,SOURCED
            energy_gwh,2012,1045,test,SOURCED
            energy_gwh,2013,1070,test,SOURCED
            energy_gwh,2014,1130,test,SOURCED
            energy_gwh,2015,1160,test,SOURCED
            energy_gwh,2016,1230,test,SOURCED
            energy_gwh,2017,1290,test,SOURCED
            energy_gwh,2018,1320,test,SOURCED

            """

        static let drivers = """
            series,year,value,source,tag
            gdp_growth_percent,2011,3.0,test,SOURCED
            gdp_growth_percent,2012,4.0,test,SOURCED
            gdp_growth_percent,2013,2.5,test,SOURCED
            gdp_growth_percent,2014,5.0,test,SOURCED
            gdp_growth_percent,2015,3.5,test,SOURCED
            gdp_growth_percent,2016,5.5,test,SOURCED
            gdp_growth_percent,2017,4.5,test,SOURCED
            gdp_growth_percent,2018,3.0,test,SOURCED
            population,2011,100,test,SOURCED
            population,2012,102,test,SOURCED
            population,2013,103.5,test,SOURCED
            population,2014,106,test,SOURCED
            population,2015,107.5,test,SOURCED
            population,2016,110,test,SOURCED
            population,2017,111.5,test,SOURCED
            population,2018,114,test,SOURCED

            """
    }

    @Test func theSmallFolderLoads() throws {
        let folder = try Folder()
        defer { folder.remove() }
        #expect(folder.issues().isEmpty)
        let forecast = try DemandForecast.load(inputs: folder.root)
        #expect(forecast.observations.map(\.year) == Array(2011...2018))
        #expect(forecast.diagnostics.map(\.spec.name) == ["total"])
        #expect(forecast.settings.variants.map(\.name) == ["low", "medium", "high"])
        // Same-year alignment: the 2014 population is the 2014 value; the GDP chain is 100 in 2010.
        #expect(forecast.observations[3].population == 106)
        #expect(abs(forecast.observations[0].gdpIndex - 103) < 1e-12)
        #expect(abs(forecast.observations[1].gdpIndex - 107.12) < 1e-9)
        #expect(forecast.history.sources.count == 24)
    }

    /// The single issue of a folder edited by `edit`, which must be in `file` at `line` (and column, if given).
    func expectIssue(file: String, line: Int?, column: Int? = nil, containing text: String,
                     _ edit: (Folder) throws -> Void) throws {
        let folder = try Folder()
        defer { folder.remove() }
        try edit(folder)
        let issues = folder.issues()
        let match = issues.first { $0.message.contains(text) }
        #expect(match != nil, "no issue containing '\(text)' in \(issues.map(\.description))")
        guard let match else { return }
        #expect(match.file == folder.path(file))
        #expect(match.line == line, "\(match)")
        if let column { #expect(match.column == column, "\(match)") }
    }

    @Test func missingColumnIsReportedAtTheHeader() throws {
        try expectIssue(file: "history/energy.csv", line: 2, containing: "missing column 'value'") { folder in
            try folder.write("history/energy.csv", "# test\nseries,year,amount,source,tag\nenergy_gwh,2011,1000,test,SOURCED\n")
        }
    }

    @Test func nonPositiveValueOfALoggedSeriesIsAnError() throws {
        try expectIssue(file: "history/energy.csv", line: 5, column: 17, containing: "must be positive") { folder in
            try folder.replace("history/energy.csv", "energy_gwh,2013,1070,", "energy_gwh,2013,0,")
        }
        try expectIssue(file: "history/drivers.csv", line: 12, column: 17, containing: "population must be positive") { folder in
            try folder.replace("history/drivers.csv", "population,2013,103.5,", "population,2013,-3,")
        }
    }

    @Test func untaggedNumberIsAnError() throws {
        try expectIssue(file: "history/drivers.csv", line: 4, column: 34, containing: "no tag for this row") { folder in
            try folder.replace("history/drivers.csv", "gdp_growth_percent,2013,2.5,test,SOURCED", "gdp_growth_percent,2013,2.5,test,")
        }
        try expectIssue(file: "forecast.yaml", line: 22, containing: "no tag for 'variants.medium.gdp_growth_percent'") { folder in
            try folder.replace("forecast.yaml", "medium: {gdp_growth_percent: 4.5, population_growth_percent: 1.5, source: test, tag: ASSUMPTION}",
                               "medium: {gdp_growth_percent: 4.5, population_growth_percent: 1.5, source: test}")
        }
    }

    @Test func duplicateYearIsAnError() throws {
        try expectIssue(file: "history/energy.csv", line: 10, column: 12, containing: "energy_gwh of 2012 is given twice (first on line 4)") { folder in
            try folder.replace("history/energy.csv", "energy_gwh,2018,1320,", "energy_gwh,2012,1320,")
        }
        // Across files the first place names the other file.
        try expectIssue(file: "history/drivers.csv", line: 18, containing: "given twice (first on") { folder in
            try folder.replace("history/drivers.csv", "population,2018,114,test,SOURCED\n", "population,2018,114,test,SOURCED\nenergy_gwh,2011,999,test,SOURCED\n")
        }
    }

    @Test func unknownSeriesGetsASuggestion() throws {
        let folder = try Folder()
        defer { folder.remove() }
        try folder.replace("history/energy.csv", "energy_gwh,2013,", "energy_gw,2013,")
        let issue = try #require(folder.issues().first)
        #expect(issue.message == "unknown series 'energy_gw'")
        #expect(issue.suggestion?.contains("energy_gwh") == true)
        #expect(issue.line == 5 && issue.column == 1)
    }

    @Test func sharesThatDoNotSumToOneAreAnError() throws {
        try expectIssue(file: "forecast.yaml", line: 25, containing: "the regional shares sum to 0.9, not 1") { folder in
            try folder.replace("forecast.yaml", "south: {share: 0.4,", "south: {share: 0.3,")
        }
    }

    @Test func aMissingFittedYearIsNamed() throws {
        try expectIssue(file: "forecast.yaml", line: 2, containing: "fitted year 2019 has no energy_gwh") { folder in
            try folder.replace("forecast.yaml", "last_year: 2018", "last_year: 2019")
        }
    }

    @Test func aRankDeficientModelIsAnErrorAtItsLine() throws {
        // ln_gdp_per_capita = ln_gdp − ln_population: three regressors, rank two.
        try expectIssue(file: "forecast.yaml", line: 7, containing: "model 'model' (ln(energy) ~ 1 + ln_gdp + ln_population + ln_gdp_per_capita) cannot be fitted: rank deficient: 'ln_gdp_per_capita'") { folder in
            try folder.replace("forecast.yaml", "dependent: energy_per_capita\n  regressors: [ln_gdp_per_capita]",
                               "dependent: energy\n  regressors: [ln_gdp, ln_population, ln_gdp_per_capita]")
        }
    }

    @Test func aRankDeficientDiagnosticIsAWarningOnly() throws {
        let folder = try Folder()
        defer { folder.remove() }
        try folder.replace("forecast.yaml", "{name: total, dependent: energy, regressors: [ln_gdp, ln_population]}",
                           "{name: total, dependent: energy, regressors: [ln_gdp, ln_population, ln_gdp_per_capita]}")
        let forecast = try DemandForecast.load(inputs: folder.root)
        #expect(forecast.diagnostics.isEmpty)
        #expect(forecast.unfittedDiagnostics == ["diagnostic 'total' (ln(energy) ~ 1 + ln_gdp + ln_population + ln_gdp_per_capita) cannot be fitted: "
            + "rank deficient: 'ln_gdp_per_capita' is a linear combination of the columns before it"])
        #expect(forecast.projections.count == 6)
    }

    @Test func unknownKeysAndRegressorsGetSuggestions() throws {
        let folder = try Folder()
        defer { folder.remove() }
        try folder.replace("forecast.yaml", "regressors: [ln_gdp_per_capita]", "regressors: [ln_gdp_percapita]")
        try folder.replace("forecast.yaml", "periods: [2025, 2030]", "period: [2025, 2030]")
        let messages = folder.issues().map(\.description)
        #expect(messages.contains { $0.contains("unknown regressor 'ln_gdp_percapita'") && $0.contains("ln_gdp_per_capita") })
        #expect(messages.contains { $0.contains("unknown key 'period'") })
        #expect(messages.contains { $0.contains("missing key 'periods'") })
    }

    // MARK: - demand.csv

    @Test func writesDemandCSVThatStartsAtTheBaseInEveryVariant() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let forecast = try DemandForecast.load(inputs: folder.root)
        let url = folder.root.appendingPathComponent("demand.csv")
        try forecast.writeDemandCSV(to: url)
        let text = try String(contentsOf: url, encoding: .utf8)
        let lines = text.split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(lines.first == Substring(DemandForecast.csvHeader))
        #expect(lines.count == 1 + 3 * 2 * 2)   // variants × periods × regions
        for variant in ["low", "medium", "high"] {
            let base = lines.filter { $0.hasPrefix("north,2025,\(variant),") || $0.hasPrefix("south,2025,\(variant),") }
            let energies = base.compactMap { Double($0.split(separator: ",")[3]) }
            #expect(energies.count == 2 && abs(energies.reduce(0, +) - 13140) < 0.11)
        }
        #expect(lines.dropFirst().allSatisfy { $0.hasSuffix(",DERIVED") })
        let high2030 = try #require(forecast.projection(variant: "high", year: 2030))
        let low2030 = try #require(forecast.projection(variant: "low", year: 2030))
        #expect(high2030.energyGWh > low2030.energyGWh)
        // Re-running gives the same bytes (deterministic).
        #expect(try DemandForecast.load(inputs: folder.root).demandCSV() == text)
    }

    @Test func theWrittenFileLoadsIntoTheTinyCaseInEveryVariant() throws {
        // The tiny case has regions north and south and periods 2025 and 2030, like the small folder.
        let folder = try Folder()
        defer { folder.remove() }
        let forecast = try DemandForecast.load(inputs: folder.root)
        let csv = forecast.demandCSV()
        for variant in ["low", "medium", "high"] {
            let issues = try TinyCase.issues { copy in
                try copy.write("inputs/demand.csv", csv)
                let settings = try String(contentsOf: copy.url("inputs/settings.yaml"), encoding: .utf8)
                try copy.write("inputs/settings.yaml", settings + "demand_variant: \(variant)\n")
            }
            #expect(issues.isEmpty, "\(variant): \(issues.map(\.description))")
        }
        // Loaded, the chosen variant's hourly demand adds up to its annual energy.
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("bijli-forecast-tiny-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: TinyCase.folder, to: root)
        defer { try? FileManager.default.removeItem(at: root) }
        try csv.write(to: root.appendingPathComponent("inputs/demand.csv"), atomically: true, encoding: .utf8)
        let settingsURL = root.appendingPathComponent("inputs/settings.yaml")
        try (try String(contentsOf: settingsURL, encoding: .utf8) + "demand_variant: high\n").write(to: settingsURL, atomically: true, encoding: .utf8)
        let system = try CaseLoader.load(model: root.appendingPathComponent("model"), inputs: root.appendingPathComponent("inputs"))
        let high2030 = try #require(forecast.projection(variant: "high", year: 2030))
        let loaded = system.demand.filter { $0.year == 2030 }.reduce(0.0) { $0 + $1.hourlyMW.reduce(0, +) } / 1000
        #expect(abs(loaded - high2030.energyGWh) < 0.2)   // one-decimal rounding of two regional rows
    }

    @Test func thePakistanInputsForecastLoadsAndMatchesItsDemandFile() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let inputs = repository.appendingPathComponent("Inputs/pakistan")
        let forecast = try DemandForecast.load(inputs: inputs)
        #expect(forecast.observations.count >= 15)
        #expect(forecast.settings.regions.map(\.region) == ["north", "south", "karachi"])
        for variant in ["low", "medium", "high"] {
            #expect(forecast.projection(variant: variant, year: 2025)?.energyGWh == 127_158)
        }
        // The committed demand.csv is what the command writes now (re-run `bijli forecast --write` after a change).
        let committed = try String(contentsOf: inputs.appendingPathComponent("demand.csv"), encoding: .utf8)
        #expect(committed == forecast.demandCSV())
    }
}
