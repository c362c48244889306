import Foundation

extension ShapeTables {
    /// How far a 24-hour multiplier set's mean may be from 1 before it is an error. Within it the
    /// set is divided by its mean (so published multipliers rounded to 4 decimals keep sums exact).
    public static let multiplierMeanTolerance = 0.001

    /// Reads the shape tables of a folder (formats: docs/FORMATS.md, "Shape tables").
    ///
    /// Every problem is collected (missing files, months or columns; numbers that are blank, not
    /// finite or out of range; capacity factors outside [0, 1]; multiplier sets whose mean is not 1;
    /// unknown seasons, shapes and parameters; numbers without a tag or source) and reported at once,
    /// each as `file:line:column: message; what to do`, in the loader's style.
    /// - Throws: ``CaseLoadError`` with every issue found.
    public static func read(from folder: URL, files: ShapeTableFiles = .pakistan) throws(CaseLoadError) -> ShapeTables {
        let reader = ShapeReader(folder: folder, files: files)
        let tables = reader.read()
        guard reader.log.isEmpty, let tables else { throw CaseLoadError(issues: reader.log.issues) }
        return tables
    }
}

/// The state of one read of a shapes folder (the shape tables' counterpart of `CaseReader`).
final class ShapeReader {
    let folder: URL
    let files: ShapeTableFiles
    let log = IssueLog()
    var sources: [SourceNote] = []

    init(folder: URL, files: ShapeTableFiles) {
        self.folder = folder
        self.files = files
    }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                             "October", "November", "December"]

    /// Reads every table; the result is meaningful only when the log is empty.
    func read() -> ShapeTables? {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            log.add(folder.path, "no such folder", suggestion: "pass the shapes folder, e.g. Inputs/pakistan/shapes")
            return nil
        }
        let seasons = readDayShapes(files.hourlyDemandShape, required: true, what: "demand multipliers")
        let months = readMonthlyDemand(seasons: seasons)
        let (profiles, firstLines) = readCapacityFactors()
        let clearSky = readClearSky(required: profiles.contains { $0.shape == .clearSky })
        let diurnalNeeded = profiles.contains { $0.shape == .diurnal }
        let diurnal = readDayShapes(files.diurnal, required: diurnalNeeded, what: "diurnal multipliers")
        if let diurnal {
            for profile in profiles where profile.shape == .diurnal && diurnal[profile.id] == nil {
                log.add(path(files.capacityFactors), line: firstLines[profile.id],
                        "profile '\(profile.id)' has shape 'diurnal' but \(files.diurnal) has no '\(profile.id)' column",
                        suggestion: "add a '\(profile.id)' column of 24 multipliers to \(files.diurnal)")
            }
        }
        guard let seasons, let months else { return nil }
        sources.sort { ($0.file, $0.key) < ($1.file, $1.key) }
        return ShapeTables(monthlyDemand: months, seasonMultipliers: seasons, profiles: profiles, clearSky: clearSky,
                           diurnalMultipliers: diurnal ?? [:], sources: sources)
    }

    func path(_ file: String) -> String { folder.appendingPathComponent(file).path }

    func table(_ file: String, required: Bool) -> CSVTable? {
        guard let text = TextFile.read(file, in: folder, required: required, log: log) else { return nil }
        return CSVTable(path: path(file), text: text, log: log)
    }

    /// A table of 24 hourly multipliers per column (`hour` 0...23, then one column per set), with
    /// `# source:`/`# tag:` lines. Each set must be non-negative with a mean of 1 (within
    /// ``ShapeTables/multiplierMeanTolerance``; it is then divided by its mean).
    func readDayShapes(_ file: String, required: Bool, what: String) -> [String: [Double]]? {
        guard let table = table(file, required: required) else { return nil }
        guard table.has("hour") else {
            log.add(table.path, line: table.headerLine, "missing column 'hour'", suggestion: "the first column must be 'hour' (0 to 23, local time)")
            return nil
        }
        if let note = table.fileNote(file: file, log: log) { sources.append(note) }
        let names = table.header.filter { $0 != "hour" && !$0.isEmpty }
        if names.isEmpty { log.add(table.path, line: table.headerLine, "no columns of \(what)", suggestion: "add one column of 24 values per set") }
        guard table.rows.count == 24 else {
            log.add(table.path, line: table.rows.last?.line ?? table.headerLine, "\(table.rows.count) hourly rows, expected 24",
                    suggestion: "give one row per hour of the day, hour 0 to 23")
            return nil
        }
        var sets = Dictionary(uniqueKeysWithValues: names.map { ($0, [Double](repeating: 0, count: 24)) })
        var ok = true
        for (index, row) in table.rows.enumerated() {
            if table.field(row, "hour") != String(index) {
                table.issue(row, "hour", "hour should be \(index), found '\(table.field(row, "hour") ?? "")'", suggestion: "number the rows 0 to 23 in order", log: log)
                ok = false
            }
            for name in names {
                guard let value = table.double(row, name, log: log) else { ok = false; continue }
                if value < 0 {
                    table.issue(row, name, "\(what) '\(name)' must be non-negative, found \(value)", log: log)
                    ok = false
                }
                sets[name]![index] = value
            }
        }
        guard ok else { return nil }
        for name in names {
            let mean = sets[name]!.reduce(0, +) / 24
            if abs(mean - 1) > ShapeTables.multiplierMeanTolerance {
                let position = table.header.firstIndex(of: name) ?? 0
                log.add(table.path, line: table.headerLine, column: CSVTable.column(ofField: position, in: table.header.joined(separator: ",")),
                        "\(what) '\(name)' have mean \(mean), expected 1 (within \(ShapeTables.multiplierMeanTolerance))",
                        suggestion: "divide each value by \(mean) or correct the value that is wrong")
                ok = false
            } else {
                sets[name] = sets[name]!.map { $0 / mean }
            }
        }
        return ok ? sets : nil
    }

    /// Records, at the header, every month 1...12 that has no row.
    func checkAllMonths(_ seen: [Int: Int], table: CSVTable, what: String) {
        let missing = (1...12).filter { seen[$0] == nil }
        if !missing.isEmpty {
            let names = missing.map { "\($0) (\(Self.monthNames[$0 - 1]))" }.joined(separator: ", ")
            log.add(table.path, line: table.headerLine, "\(what) has no row for month\(missing.count == 1 ? "" : "s") \(names)",
                    suggestion: "give one row for each calendar month 1 to 12")
        }
    }

    /// A month field 1...12 (records anything else).
    func month(_ table: CSVTable, _ row: CSVTable.Row) -> Int? {
        guard let month = table.int(row, "month", log: log) else { return nil }
        guard (1...12).contains(month) else {
            table.issue(row, "month", "'month' must be 1 to 12, found \(month)", suggestion: "write the calendar month number", log: log)
            return nil
        }
        return month
    }

    /// `month,year,energy_gwh,season,source,tag`: one row per calendar month.
    func readMonthlyDemand(seasons: [String: [Double]]?) -> [ShapeTables.MonthlyDemand]? {
        let file = files.monthlyDemand
        guard let table = table(file, required: true) else { return nil }
        table.checkColumns(required: ["month", "year", "energy_gwh", "season"], optional: ["source", "tag"], log: log)
        var byMonth: [Int: ShapeTables.MonthlyDemand] = [:]
        var seen: [Int: Int] = [:]
        for row in table.rows {
            let month = month(table, row)
            let year = table.int(row, "year", log: log)
            var energy = table.double(row, "energy_gwh", log: log)
            if let value = energy, value <= 0 {
                table.issue(row, "energy_gwh", "'energy_gwh' must be positive, found \(value)", suggestion: "give the month's energy in GWh", log: log)
                energy = nil
            }
            var season = table.string(row, "season", required: true, log: log)
            if let name = season, let seasons, seasons[name] == nil {
                table.issue(row, "season", "unknown season '\(name)' (not a column of \(files.hourlyDemandShape))",
                            suggestion: Suggestion.advice(for: name, among: seasons.keys), log: log)
                season = nil
            }
            if let note = table.note(row, file: file, key: "monthly_demand.\(month.map(String.init) ?? "?")", log: log) { sources.append(note) }
            guard let month else { continue }
            if let first = seen[month] {
                table.issue(row, "month", "month \(month) is given twice (first on line \(first))", suggestion: "remove one of the rows", log: log)
                continue
            }
            seen[month] = row.line
            if let year, let energy, let season {
                byMonth[month] = ShapeTables.MonthlyDemand(month: month, year: year, energyGWh: energy, season: season)
            }
        }
        checkAllMonths(seen, table: table, what: "the monthly demand")
        let months = (1...12).compactMap { byMonth[$0] }
        return months.count == 12 ? months : nil
    }

    /// `profile,month,capacity_factor,shape,source,tag`: twelve rows per profile. Returns the
    /// complete profiles in order of first appearance, and each profile's first line.
    func readCapacityFactors() -> ([ShapeTables.AvailabilityProfile], [String: Int]) {
        let file = files.capacityFactors
        guard let table = table(file, required: true) else { return ([], [:]) }
        table.checkColumns(required: ["profile", "month", "capacity_factor", "shape"], optional: ["source", "tag"], log: log)
        var order: [String] = []
        var firstLine: [String: Int] = [:]
        var shapes: [String: ShapeTables.HourlyShape] = [:]
        var values: [String: [Int: Double]] = [:]
        var seen: [String: [Int: Int]] = [:]
        var broken: Set<String> = []
        let shapeNames = ShapeTables.HourlyShape.allCases.map(\.rawValue)
        for row in table.rows {
            guard let id = table.string(row, "profile", required: true, log: log) else { continue }
            if firstLine[id] == nil {
                order.append(id)
                firstLine[id] = row.line
            }
            if !isValidID(id) {
                table.issue(row, "profile", "profile id '\(id)' may contain only ASCII letters, digits, '_', '-' and '.'", log: log)
                broken.insert(id)
            }
            let month = month(table, row)
            var factor = table.double(row, "capacity_factor", log: log)
            if let value = factor, !(0...1).contains(value) {
                table.issue(row, "capacity_factor", "capacity factor of '\(id)' must be in [0, 1], found \(value)",
                            suggestion: "write a fraction of installed capacity (18 % is 0.18)", log: log)
                factor = nil
            }
            var shape: ShapeTables.HourlyShape?
            if let text = table.string(row, "shape", required: true, log: log) {
                shape = ShapeTables.HourlyShape(rawValue: text)
                if shape == nil {
                    table.issue(row, "shape", "unknown shape '\(text)'", suggestion: Suggestion.advice(for: text, among: shapeNames), log: log)
                } else if let first = shapes[id], first != shape {
                    table.issue(row, "shape", "profile '\(id)' has shape '\(text)' here but '\(first.rawValue)' on line \(firstLine[id] ?? 0)",
                                suggestion: "give every month of a profile the same shape", log: log)
                    shape = nil
                }
            }
            if let note = table.note(row, file: file, key: "capacity_factors.\(id).\(month.map(String.init) ?? "?")", log: log) { sources.append(note) }
            if shapes[id] == nil, let shape { shapes[id] = shape }
            guard let month else { broken.insert(id); continue }
            if let first = seen[id]?[month] {
                table.issue(row, "month", "'\(id)' month \(month) is given twice (first on line \(first))", suggestion: "remove one of the rows", log: log)
                continue
            }
            seen[id, default: [:]][month] = row.line
            if let factor, shape != nil { values[id, default: [:]][month] = factor } else { broken.insert(id) }
        }
        var profiles: [ShapeTables.AvailabilityProfile] = []
        for id in order {
            let months = seen[id] ?? [:]
            let missing = (1...12).filter { months[$0] == nil }
            if !missing.isEmpty {
                log.add(table.path, line: firstLine[id], "profile '\(id)' has no row for month\(missing.count == 1 ? "" : "s") "
                        + missing.map { "\($0) (\(Self.monthNames[$0 - 1]))" }.joined(separator: ", "),
                        suggestion: "give one row for each calendar month 1 to 12")
                continue
            }
            guard !broken.contains(id), let shape = shapes[id], let byMonth = values[id] else { continue }
            profiles.append(ShapeTables.AvailabilityProfile(id: id, shape: shape, monthlyCapacityFactor: (1...12).map { byMonth[$0]! }))
        }
        if order.isEmpty { log.add(table.path, line: table.headerLine, "no capacity factors", suggestion: "add twelve rows per profile") }
        return (profiles, firstLine)
    }

    /// `parameter,value,source,tag`: the clear-sky parameters.
    func readClearSky(required: Bool) -> ShapeTables.ClearSky? {
        let file = files.clearSky
        guard let table = table(file, required: required) else { return nil }
        table.checkColumns(required: ["parameter", "value"], optional: ["source", "tag"], log: log)
        let ranges: [(name: String, range: ClosedRange<Double>, advice: String)] = [
            ("latitude_deg", -66...66, "give degrees north between -66 and 66 (no polar day or night)"),
            ("longitude_deg", -180...180, "give degrees east between -180 and 180"),
            ("utc_offset_hours", -12...14, "give the clock's offset from UTC in hours, e.g. 5 for PKT"),
            ("transmittance", 0.01...1, "give a clear-sky transmittance in (0, 1], e.g. 0.7"),
            ("air_mass_exponent", 0.01...5, "give a positive exponent, e.g. 0.678"),
        ]
        let names = ranges.map(\.name)
        var values: [String: Double] = [:]
        var seen: [String: Int] = [:]
        for row in table.rows {
            guard let name = table.string(row, "parameter", required: true, log: log) else { continue }
            if let note = table.note(row, file: file, key: "clear_sky.\(name)", log: log) { sources.append(note) }
            guard let entry = ranges.first(where: { $0.name == name }) else {
                table.issue(row, "parameter", "unknown parameter '\(name)'", suggestion: Suggestion.advice(for: name, among: names), log: log)
                continue
            }
            if let first = seen[name] {
                table.issue(row, "parameter", "'\(name)' is given twice (first on line \(first))", suggestion: "remove one of the rows", log: log)
                continue
            }
            seen[name] = row.line
            guard let value = table.double(row, "value", log: log) else { continue }
            guard entry.range.contains(value) else {
                table.issue(row, "value", "'\(name)' must be in [\(entry.range.lowerBound), \(entry.range.upperBound)], found \(value)",
                            suggestion: entry.advice, log: log)
                continue
            }
            values[name] = value
        }
        for name in names where seen[name] == nil {
            log.add(table.path, line: table.headerLine, "missing parameter '\(name)'", suggestion: "add a row '\(name),VALUE,SOURCE,TAG'")
        }
        guard let latitude = values["latitude_deg"], let longitude = values["longitude_deg"], let offset = values["utc_offset_hours"],
              let transmittance = values["transmittance"], let exponent = values["air_mass_exponent"] else { return nil }
        return ShapeTables.ClearSky(latitudeDeg: latitude, longitudeDeg: longitude, utcOffsetHours: offset,
                                    transmittance: transmittance, airMassExponent: exponent)
    }

    /// Whether an id is usable as a column name (letters, digits, `_`, `-`, `.`; ASCII).
    func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "_-.".unicodeScalars.contains($0)) }
    }
}
