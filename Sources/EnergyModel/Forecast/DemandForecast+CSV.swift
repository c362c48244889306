import Foundation

/// Why demand.csv could not be written (nothing partial is left behind).
public struct ForecastWriteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file that was to be written.
    public var path: String
    /// What went wrong.
    public var reason: String

    /// `cannot write <path>: <reason>`.
    public var description: String { "cannot write \(path): \(reason)" }
}

extension DemandForecast {
    /// The header of demand.csv as the forecast writes it.
    public static let csvHeader = "region,year,variant,annual_energy_gwh,peak_mw,source,tag"

    /// demand.csv: a comment naming the command, the header, and one DERIVED row per region,
    /// variant and period (energy and peak with one decimal, `.` as separator, deterministic).
    public func demandCSV() -> String {
        var lines = [
            "# Written by `bijli forecast --inputs <this folder> --write` from forecast.yaml and "
                + settings.historyFiles.joined(separator: ", ") + "; do not edit by hand (docs/FORECAST.md).",
            Self.csvHeader,
        ]
        let growth = Dictionary(uniqueKeysWithValues: settings.variants.map { ($0.name, $0) })
        let fittedYears = "FY\(settings.firstYear)-FY\(settings.lastYear)"
        for row in regionalRows {
            let share = settings.regions.first { $0.region == row.region }?.share ?? 0
            var source: String
            if row.year == settings.baseYear {
                source = "bijli forecast: base FY\(settings.baseYear) observed \(Self.number(settings.baseEnergyGWh)) GWh"
                    + " / \(Self.number(settings.basePeakMW)) MW (forecast.yaml base)"
            } else {
                let variant = growth[row.variant]
                source = "bijli forecast \(row.variant): \(settings.model.formula) fitted \(fittedYears);"
                    + " GDP \(Self.number(variant?.gdpGrowthPercent ?? 0)) %/yr; population \(Self.number(variant?.populationGrowthPercent ?? 0)) %/yr"
                    + " from base FY\(settings.baseYear) \(Self.number(settings.baseEnergyGWh)) GWh / \(Self.number(settings.basePeakMW)) MW"
            }
            source += "; share \(Self.number(share)) (forecast.yaml regions)"
            // The dossier keys behind the base year and the regional share, so the row names its evidence.
            let keys = Self.citations(in: settings.sources.filter { $0.key.hasPrefix("base.") || $0.key == "regions.\(row.region).share" })
            if !keys.isEmpty { source += "; sources \(keys)" }
            let fields = [row.region, String(row.year), row.variant, Self.fixed(row.energyGWh), Self.fixed(row.peakMW),
                          Self.quoted(source), SourceNote.Tag.derived.rawValue]
            lines.append(fields.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The distinct `[S…]` keys cited in some source notes, in order of first appearance.
    static func citations(in notes: [SourceNote]) -> String {
        var seen: [String] = []
        for note in notes {
            var rest = Substring(note.source)
            while let open = rest.firstIndex(of: "["), let close = rest[open...].firstIndex(of: "]") {
                let key = String(rest[open...close])
                if key.hasPrefix("[S"), !seen.contains(key) { seen.append(key) }
                rest = rest[rest.index(after: close)...]
            }
        }
        return seen.joined()
    }

    /// Writes demand.csv atomically (a temporary file in the same folder, then a rename).
    public func writeDemandCSV(to url: URL) throws(ForecastWriteError) {
        let data = Data(demandCSV().utf8)
        do {
            try data.write(to: url, options: .atomic)
        } catch {
            throw ForecastWriteError(path: url.path, reason: error.localizedDescription)
        }
    }

    /// A number with one decimal.
    static func fixed(_ value: Double) -> String { String(format: "%.1f", value) }

    /// A number without trailing zeros (e.g. 4.75, 127158).
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        var text = String(format: "%.6f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// A CSV field quoted when it holds a comma, a quote or a line break.
    static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
