import Foundation

extension CaseReader {
    /// `Inputs/<model>/periods.csv`: planning periods in increasing year order.
    func readPeriods() {
        let file = "periods.csv"
        guard let text = TextFile.read(file, in: inputs, required: true, log: log),
              let table = CSVTable(path: inputsPath(file), text: text, log: log) else { return }
        table.checkColumns(required: ["year", "years_represented"], optional: ["source", "tag"], log: log)
        if table.rows.isEmpty { log.add(table.path, line: table.headerLine, "no periods", suggestion: "add one row per planning period") }
        var previous: (year: Int, line: Int)?
        var firstLine: [Int: Int] = [:]
        for row in table.rows {
            guard let year = table.int(row, "year", log: log) else { continue }
            if let first = firstLine[year] {
                table.issue(row, "year", "period \(year) is given twice (first on line \(first))", suggestion: "remove one of them", log: log)
                continue
            }
            if let previous, year < previous.year {
                table.issue(row, "year", "period \(year) comes after \(previous.year): periods must be in increasing year order",
                            suggestion: "sort the rows by year", log: log)
            }
            previous = (year, row.line)
            firstLine[year] = row.line
            // A period with a bad length is still a period (reported once, not again by every file that names its year).
            var represented = table.double(row, "years_represented", log: log) ?? 1
            if represented <= 0 {
                table.issue(row, "years_represented", "'years_represented' must be positive, found \(represented)",
                            suggestion: "give the number of years the period stands for, e.g. 5", log: log)
                represented = 1
            }
            if let note = table.note(row, file: file, key: "periods.\(year)", log: log) { sources.append(note) }
            periods.append(Period(year: year, yearsRepresented: represented))
        }
    }

    /// `Inputs/<model>/profiles.csv` (optional): hourly availability profiles in [0, 1].
    func readProfiles() {
        let file = "profiles.csv"
        guard let text = TextFile.read(file, in: inputs, required: false, log: log),
              let table = CSVTable(path: inputsPath(file), text: text, log: log) else { return }
        guard let series = hourlySeries(table, file: file, range: 0...1, what: "availability") else { return }
        profiles = series
    }

    /// `Inputs/<model>/demand.csv` and `demand_profile.csv`: annual energy (and optional peak)
    /// per region and period, shaped by the region's hourly profile.
    func readDemand() {
        let file = "demand.csv"
        let profileFile = "demand_profile.csv"
        var shapes: [String: [Double]] = [:]
        var haveShapeFile = false
        var shapeHeaderLine: Int?
        var zeroShapes: Set<String> = []
        if let text = TextFile.read(profileFile, in: inputs, required: true, log: log),
           let table = CSVTable(path: inputsPath(profileFile), text: text, log: log),
           let series = hourlySeries(table, file: profileFile, range: 0...Magnitude.other.limit, what: "demand shape") {
            haveShapeFile = true
            shapeHeaderLine = table.headerLine
            let regionIDs = regions.map(\.id)
            for (column, values) in series.sorted(by: { $0.key < $1.key }) {
                if !regionIDs.isEmpty, !regionIDs.contains(column) {
                    let position = table.header.firstIndex(of: column) ?? 0
                    log.add(table.path, line: table.headerLine, column: CSVTable.column(ofField: position, in: table.header.joined(separator: ",")),
                            "column '\(column)' is not a region", suggestion: Suggestion.advice(for: column, among: regionIDs))
                    continue
                }
                // A shape summing to 0 is an error only for a region with demand (checked below).
                shapes[column] = values
            }
        }
        guard let text = TextFile.read(file, in: inputs, required: true, log: log),
              let table = CSVTable(path: inputsPath(file), text: text, log: log) else { return }
        table.checkColumns(required: ["region", "year", "annual_energy_gwh"], optional: ["variant", "peak_mw", "source", "tag"], log: log)
        let regionIDs = regions.map(\.id)
        let chosen = chooseDemandVariant(table)
        var seen: [String: Int] = [:]
        var variants: [String] = []
        for row in table.rows {
            guard let region = table.string(row, "region", required: true, log: log), let year = table.int(row, "year", log: log) else { continue }
            let variant = table.has("variant") ? table.string(row, "variant", required: true, log: log) : nil
            if table.has("variant"), variant == nil { continue }
            if let variant, !variants.contains(variant) { variants.append(variant) }
            var ok = true
            if !regionIDs.contains(region) {
                table.issue(row, "region", "unknown region '\(region)'", suggestion: Suggestion.advice(for: region, among: regionIDs), log: log)
                ok = false
            }
            if !periods.isEmpty, !periodYears.contains(year) {
                table.issue(row, "year", "\(year) is not a period", suggestion: Suggestion.advice(for: String(year), among: periodYears.map(String.init)), log: log)
                ok = false
            }
            let key = variant.map { "\($0).\(region).\(year)" } ?? "\(region).\(year)"
            if let first = seen[key] {
                let which = variant.map { " (variant '\($0)')" } ?? ""
                table.issue(row, "region", "demand of '\(region)' in \(year)\(which) is given twice (first on line \(first))", log: log)
                ok = false
            }
            seen[key] = seen[key] ?? row.line
            // 0 is allowed: a region without demand (a PyPSA bus without load, docs/PYPSA.md).
            let energy = amount(table, row, "annual_energy_gwh")
            let peak = amount(table, row, "peak_mw", required: false)
            // Every variant is checked; only the chosen one is used (and keeps its source notes).
            guard variant == chosen else { continue }
            if let note = table.note(row, file: file, key: "demand.\(key)", log: log) { sources.append(note) }
            guard ok, let energy, energy >= 0 else { continue }
            if table.has("peak_mw"), table.field(row, "peak_mw") != nil, peak == nil { continue }
            guard let shape = shapes[region] else {
                if haveShapeFile {
                    table.issue(row, "region", "region '\(region)' has no column in demand_profile.csv", suggestion: "add a '\(region)' column to demand_profile.csv", log: log)
                }
                continue
            }
            if energy == 0 {
                demand.append(RegionalDemand(region: region, year: year, hourlyMW: [Double](repeating: 0, count: shape.count)))
                continue
            }
            if shape.reduce(0, +) <= 0 {
                if !zeroShapes.contains(region) {
                    zeroShapes.insert(region)
                    log.add(inputsPath(profileFile), line: shapeHeaderLine, "demand shape of '\(region)' sums to 0", suggestion: "give positive hourly values")
                }
                continue
            }
            switch Self.scale(shape, energyGWh: energy, peakMW: peak) {
            case .success(let hourly): demand.append(RegionalDemand(region: region, year: year, hourlyMW: hourly))
            case .failure(let problem): table.issue(row, peak == nil ? "annual_energy_gwh" : "peak_mw", problem.message, suggestion: problem.suggestion, log: log)
            }
        }
        if let chosen, !variants.contains(chosen) {
            reportUnknownVariant(chosen, among: variants, table: table)
        }
        if !periods.isEmpty {
            for variant in table.has("variant") ? variants.map(Optional.some) : [nil] {
                for region in regionIDs {
                    for year in periodYears where seen[variant.map { "\($0).\(region).\(year)" } ?? "\(region).\(year)"] == nil {
                        let which = variant.map { " (variant '\($0)')" } ?? ""
                        let row = variant.map { "'\(region),\(year),\($0),...'" } ?? "'\(region),\(year),...'"
                        log.add(table.path, "no demand for region '\(region)' in \(year)\(which)", suggestion: "add a row \(row)")
                    }
                }
            }
        }
        settings.demandVariant = chosen
    }

    /// The demand variant to use: the caller's, else `settings.yaml`'s `demand_variant`; `nil`
    /// when `demand.csv` has no `variant` column (then asking for one is an error).
    private func chooseDemandVariant(_ table: CSVTable) -> String? {
        let settingsFile = inputsPath("settings.yaml")
        guard table.has("variant") else {
            if let requestedVariant {
                log.add(table.path, line: table.headerLine, "demand variant '\(requestedVariant)' was asked for, but demand.csv has no 'variant' column",
                        suggestion: "add a 'variant' column or run without a demand variant")
            } else if let settingsVariant {
                log.add(settingsFile, line: settingsVariant.line, column: settingsVariant.column,
                        "'demand_variant' is set, but demand.csv has no 'variant' column", suggestion: "remove 'demand_variant' or add a 'variant' column to demand.csv")
            }
            return nil
        }
        guard let chosen = requestedVariant ?? settingsVariant?.name else {
            log.add(table.path, line: table.headerLine, "demand.csv has a 'variant' column, but no variant is chosen",
                    suggestion: "set 'demand_variant: medium' (or another variant) in settings.yaml, or pass --demand-variant")
            return nil
        }
        return chosen
    }

    /// Reports a chosen demand variant that `demand.csv` does not have, where it was chosen.
    private func reportUnknownVariant(_ chosen: String, among variants: [String], table: CSVTable) {
        let advice = Suggestion.advice(for: chosen, among: variants)
        if requestedVariant != nil || settingsVariant == nil {
            log.add(table.path, "demand.csv has no variant '\(chosen)' (asked for on the command line)", suggestion: advice)
        } else {
            log.add(inputsPath("settings.yaml"), line: settingsVariant?.line, column: settingsVariant?.column,
                    "demand.csv has no variant '\(chosen)'", suggestion: advice)
        }
    }

    /// Why a demand shape cannot be scaled.
    struct ScalingProblem: Error {
        var message: String
        var suggestion: String?
    }

    /// Scales an hourly shape to annual energy `E` (GWh): `D_t = 1000·E · s_t / Σ s`; with a
    /// peak `P` (MW), the affine `D_t = a + b·s_t` with `Σ D = 1000·E` and `max D = P`, where
    /// `b = (P − Ē) / (max s − mean s)`, `a = P − b·max s`, `Ē = 1000·E / 8760`.
    static func scale(_ shape: [Double], energyGWh: Double, peakMW: Double?) -> Result<[Double], ScalingProblem> {
        let energyMWh: Double = energyGWh * 1000
        let total: Double = shape.reduce(0, +)
        guard let peak = peakMW else {
            return .success(shape.map { (value: Double) -> Double in energyMWh * value / total })
        }
        let hours = Double(shape.count)
        let average: Double = energyMWh / hours
        let maximum: Double = shape.max() ?? 0, minimum: Double = shape.min() ?? 0
        let mean: Double = total / hours
        if peak < average {
            return .failure(ScalingProblem(message: "peak \(peak) MW is below the average demand \(average.rounded()) MW",
                                           suggestion: "check 'peak_mw' and 'annual_energy_gwh'"))
        }
        guard maximum - mean > 0 else {
            return .failure(ScalingProblem(message: "the demand shape is flat, so no peak can be set", suggestion: "leave 'peak_mw' blank"))
        }
        let slope: Double = (peak - average) / (maximum - mean)
        let offset: Double = peak - slope * maximum
        if offset + slope * minimum < 0 {
            return .failure(ScalingProblem(message: "peak \(peak) MW is too high for this shape: the lowest hour would be negative",
                                           suggestion: "lower 'peak_mw' or leave it blank to scale by energy alone"))
        }
        return .success(shape.map { (value: Double) -> Double in offset + slope * value })
    }

    /// A pure hourly time series: an `hour` column 0...8759 in order and one value column per
    /// series; the file note comes from its `# source:` and `# tag:` lines.
    func hourlySeries(_ table: CSVTable, file: String, range: ClosedRange<Double>, what: String) -> [String: [Double]]? {
        guard table.has("hour") else {
            log.add(table.path, line: table.headerLine, "missing column 'hour'", suggestion: "the first column must be 'hour' (0 to 8759)")
            return nil
        }
        if let note = table.fileNote(file: file, log: log) { sources.append(note) }
        let names = table.header.filter { $0 != "hour" && !$0.isEmpty }
        if names.isEmpty { log.add(table.path, line: table.headerLine, "no series columns", suggestion: "add one column per \(what) series") }
        let hours = EnergySystem.hoursPerYear
        if table.rows.count != hours {
            log.add(table.path, line: table.rows.last?.line ?? table.headerLine, "\(table.rows.count) hourly rows, expected \(hours)",
                    suggestion: "give one row per hour of a 365-day year (hour 0 to 8759)")
            return nil
        }
        var series: [String: [Double]] = Dictionary(uniqueKeysWithValues: names.map { ($0, [Double](repeating: 0, count: hours)) })
        var bad = 0
        var hourOK = true
        for (index, row) in table.rows.enumerated() {
            if hourOK, table.field(row, "hour") != String(index) {
                table.issue(row, "hour", "hour should be \(index), found '\(table.field(row, "hour") ?? "")'", suggestion: "number the rows 0 to 8759 in order", log: log)
                hourOK = false
            }
            for name in names {
                guard bad < 20 else { break }
                guard let text = table.field(row, name) else {
                    table.issue(row, name, "empty value in '\(name)'", suggestion: "give a number", log: log); bad += 1; continue
                }
                guard let value = Double(text), value.isFinite else {
                    table.issue(row, name, "'\(name)' is not a finite number: '\(text)'", log: log); bad += 1; continue
                }
                if !range.contains(value) {
                    let bounds = range.upperBound == Magnitude.other.limit ? "non-negative and at most 1e+12" : "in [\(range.lowerBound), \(range.upperBound)]"
                    table.issue(row, name, "\(what) '\(name)' must be \(bounds), found \(value)", log: log); bad += 1; continue
                }
                series[name]![index] = value
            }
        }
        if bad >= 20 { log.add(table.path, "more bad values not listed (stopped at 20)") }
        return bad == 0 && hourOK ? series : nil
    }
}
