import ArgumentParser
import EnergyModel
import Foundation

/// `bijli forecast --inputs DIR [--write]`: fit the log-linear demand model of forecast.yaml on
/// the history files, print the fit statistics and the variant table, and with `--write` write
/// `DIR/demand.csv` atomically.
struct Forecast: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fit the demand model of forecast.yaml and print (or --write) the low/medium/high demand variants.",
        discussion: """
            Reads DIR/forecast.yaml and the history files it names (docs/FORMATS.md), fits the log-linear \
            model by least squares (LAPACK dgels) and prints coefficients, standard errors, R², residuals \
            and warnings, then national energy and peak per variant and period. With --write it also \
            writes DIR/demand.csv (region,year,variant,annual_energy_gwh,peak_mw,source,tag). \
            Exit codes: 0 done, 2 problems in the inputs (listed on standard error as file:line:column), \
            73 demand.csv cannot be written, 64 usage. Method: docs/FORECAST.md.
            """)

    @Option(help: "The inputs folder, e.g. Inputs/pakistan (forecast.yaml, history/...).")
    var inputs: String

    @Flag(help: "Write DIR/demand.csv (atomically; the previous file is replaced).")
    var write = false

    func run() throws {
        let folder = URL(fileURLWithPath: inputs)
        let result: Result<DemandForecast, CaseLoadError> = Result { () throws(CaseLoadError) in
            try DemandForecast.load(inputs: folder)
        }
        let forecast: DemandForecast
        switch result {
        case .success(let value): forecast = value
        case .failure(let error):
            for issue in error.issues { printError(issue.description) }
            printError(error.issues.count == 1 ? "1 problem found" : "\(error.issues.count) problems found")
            throw ExitCode.badInput
        }
        print(ForecastReport.text(forecast, inputs: inputs), terminator: "")
        guard write else { return }
        let target = folder.appendingPathComponent("demand.csv")
        let written: Result<Void, ForecastWriteError> = Result { () throws(ForecastWriteError) in
            try forecast.writeDemandCSV(to: target)
        }
        switch written {
        case .success:
            print("wrote \(target.path) (\(forecast.regionalRows.count) rows)")
        case .failure(let error):
            printError("error: \(error)")
            throw ExitCode.cannotWrite
        }
    }
}

/// The text `bijli forecast` prints: fit statistics of every model, then the variant table.
enum ForecastReport {
    static func text(_ forecast: DemandForecast, inputs: String) -> String {
        let settings = forecast.settings
        var out = "Demand forecast: \(inputs)/\(DemandForecast.settingsFile)\n"
        out += "History: FY\(settings.firstYear)-FY\(settings.lastYear), \(forecast.observations.count) years, "
            + "from \(settings.historyFiles.joined(separator: ", ")); population aligned by \(settings.populationAlignment.rawValue)\n\n"
        out += fitText(forecast.fit, title: "Model used for the variants", residuals: true)
        for fit in forecast.diagnostics {
            out += "\n" + fitText(fit, title: "Diagnostic '\(fit.spec.name)' (not used)", residuals: false)
            if let last = settings.periods.max() {
                let projections = DemandForecast.project(settings: settings, spec: fit.spec, coefficients: fit.coefficients)
                let values = settings.variants.compactMap { variant in
                    projections.first { $0.variant == variant.name && $0.year == last }.map { "\(variant.name) \(format($0.energyGWh, 0))" }
                }
                out += "  \(last) GWh if this model were used: " + values.joined(separator: ", ") + "\n"
            }
        }
        for message in forecast.unfittedDiagnostics { out += "\nwarning: \(message)\n" }
        out += "\nVariants (national; base FY\(settings.baseYear) = \(format(settings.baseEnergyGWh, 0)) GWh, "
            + "\(format(settings.basePeakMW, 0)) MW; peak at the base load factor "
            + "\(format(settings.baseEnergyGWh * 1000 / 8760 / settings.basePeakMW * 100, 1)) %)\n"
        var header = pad("variant", 9) + pad("GDP %/yr", 10, right: true) + pad("POP %/yr", 10, right: true)
        for year in settings.periods { header += pad("\(year) GWh", 12, right: true) }
        for year in settings.periods { header += pad("\(year) MW", 10, right: true) }
        header += pad("growth %/yr", 13, right: true)
        out += "  " + header + "\n"
        for variant in settings.variants {
            var line = pad(variant.name, 9) + pad(format(variant.gdpGrowthPercent, 2), 10, right: true)
                + pad(format(variant.populationGrowthPercent, 2), 10, right: true)
            for year in settings.periods {
                line += pad(format(forecast.projection(variant: variant.name, year: year)?.energyGWh ?? 0, 0), 12, right: true)
            }
            for year in settings.periods {
                line += pad(format(forecast.projection(variant: variant.name, year: year)?.peakMW ?? 0, 0), 10, right: true)
            }
            line += pad(forecast.energyGrowthRate(variant: variant.name).map { format($0 * 100, 2) } ?? "-", 13, right: true)
            out += "  " + line + "\n"
        }
        out += "Regional shares: " + settings.regions.map { "\($0.region) \(format($0.share, 4))" }.joined(separator: ", ") + "\n"
        return out
    }

    static func fitText(_ fit: DemandFit, title: String, residuals: Bool) -> String {
        var out = "\(title): \(fit.spec.formula)\n"
        out += "  " + pad("coefficient", 20) + pad("estimate", 12, right: true) + pad("std. error", 12, right: true) + pad("t", 9, right: true)
        if !fit.varianceInflation.isEmpty { out += pad("VIF", 10, right: true) }
        out += "\n"
        let errors = fit.fit.standardErrors, t = fit.tStatistics
        for (index, name) in fit.spec.coefficientNames.enumerated() {
            out += "  " + pad(name, 20) + pad(format(fit.coefficients[index], 4), 12, right: true)
            out += pad(errors.map { format($0[index], 4) } ?? "-", 12, right: true)
            out += pad(t.map { format($0[index], 2) } ?? "-", 9, right: true)
            if !fit.varianceInflation.isEmpty {
                out += pad(index == 0 ? "" : format(fit.varianceInflation[index - 1], 1), 10, right: true)
            }
            out += "\n"
        }
        out += "  n = \(fit.years.count), R² = \(fit.fit.rSquared.map { format($0, 4) } ?? "-"), adjusted R² = "
            + "\(fit.fit.adjustedRSquared.map { format($0, 4) } ?? "-"), residual s.e. = \(fit.residualStandardError.map { format($0, 4) } ?? "-")\n"
        if residuals {
            let pairs = zip(fit.years, fit.fit.residuals).map { "\($0) \(format($1, 4, sign: true))" }
            out += "  residuals (log points): " + pairs.joined(separator: ", ") + "\n"
        }
        for warning in fit.warnings { out += "  warning: \(warning)\n" }
        return out
    }

    static func format(_ value: Double, _ decimals: Int, sign: Bool = false) -> String {
        String(format: sign ? "%+.\(decimals)f" : "%.\(decimals)f", value)
    }

    static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let count = text.count
        guard count < width else { return text + " " }
        let spaces = String(repeating: " ", count: width - count)
        return right ? spaces + text : text + spaces
    }
}
