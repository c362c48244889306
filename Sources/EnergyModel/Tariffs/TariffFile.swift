import Foundation

/// One dated tariff and fuel-price file, `Inputs/<model>/tariffs/YYYY-MM-DD-<publisher>.csv`:
/// the prices one publication (OGRA, NEPRA, a supplier) makes effective on a date, each in the
/// unit it was published in and converted to USD per MMBtu (net). Format: docs/FORMATS.md,
/// "Tariff and fuel-price files".
public struct TariffFile: Sendable, Equatable {
    /// One fuel price of the file.
    public struct Row: Sendable, Equatable {
        /// The fuel id of `model.yaml`.
        public var fuel: String
        /// The price as written, in `parameters.unit`.
        public var price: Double
        /// The unit and the conversion parameters of the row.
        public var parameters: FuelPriceConversion.Parameters
        /// The price converted to USD per MMBtu (net calorific value).
        public var usdPerMMBtu: Double
        /// The row's tag and source.
        public var note: SourceNote
        /// 1-based line of the row.
        public var line: Int
    }

    /// The path of the file as given.
    public var path: String
    /// The file as named in source notes: `tariffs/<name>` inside a tariffs folder, else the path.
    public var name: String
    /// The date from which the prices apply (one per file).
    public var effectiveDate: CalendarDate
    /// The file's exchange rate row (`pkr_per_usd`), if any; rupee prices were converted at it.
    public var exchangeRatePKRPerUSD: Double?
    /// The exchange rate row's note.
    public var exchangeRateNote: SourceNote?
    /// Fuel prices in file order.
    public var rows: [Row]

    /// The fuel id of the exchange rate row.
    public static let exchangeRateKey = "pkr_per_usd"
    /// Required columns.
    static let required = ["fuel", "price", "unit", "effective_date", "source", "tag"]
    /// Optional columns (conversion parameters, a free note).
    static let optional = ["basis", "ncv_per_gcv", "calorific_value", "calorific_unit", "heat_rate_mmbtu_per_mwh", "note"]

    /// Reads and checks a tariff file; every problem is collected.
    /// - Parameters:
    ///   - url: the file.
    ///   - fuels: the fuel ids of the model (unknown fuels are errors, with a "did you mean").
    ///   - exchangeRatePKRPerUSD: the rate for rupee prices when the file has no `pkr_per_usd` row
    ///     (settings.yaml's), or nil for none.
    ///   - runDate: the date of the run; an effective date after it is an error (nil: no check).
    /// - Throws: ``CaseLoadError`` naming the file, line, column and what to do.
    public static func read(_ url: URL, fuels: [String], exchangeRatePKRPerUSD: Double?, runDate: CalendarDate?) throws(CaseLoadError) -> TariffFile {
        let log = IssueLog()
        let file = read(url, fuels: fuels, exchangeRatePKRPerUSD: exchangeRatePKRPerUSD, runDate: runDate, log: log)
        guard log.isEmpty, let file else { throw CaseLoadError(issues: log.issues) }
        return file
    }

    /// The date a file name starts with (`2025-07-01-ogra.csv` → 2025-07-01), or nil.
    public static func date(inName name: String) -> CalendarDate? {
        guard name.count >= 10 else { return nil }
        return CalendarDate(iso: String(name.prefix(10)))
    }

    /// Reads a tariff file into `log` (nil when it is unusable).
    package static func read(_ url: URL, fuels: [String], exchangeRatePKRPerUSD fallbackRate: Double?, runDate: CalendarDate?,
                             log: IssueLog) -> TariffFile? {
        let path = url.path
        let fileName = url.lastPathComponent
        let name = url.deletingLastPathComponent().lastPathComponent == "tariffs" ? "tariffs/\(fileName)" : path
        let issuesBefore = log.issues.count
        guard let text = TextFile.read(fileName, in: url.deletingLastPathComponent(), required: true, log: log) else { return nil }
        if let open = unterminatedQuote(in: text) {
            log.add(path, line: open.line, column: open.column, "unterminated quote: the field opened here never closes",
                    suggestion: "close the quote; if the file was cut short (an interrupted download or copy), fetch it again")
            return nil
        }
        guard let table = CSVTable(path: path, text: text, log: log) else { return nil }
        table.checkColumns(required: required, optional: optional, log: log)
        guard required.allSatisfy(table.has) else { return nil }
        if let last = table.rows.last, last.fields.count < table.header.count, !text.hasSuffix("\n") {
            log.add(path, line: last.line, "the last line is short and has no line end: the file looks cut short",
                    suggestion: "fetch or copy the file again; every row needs \(table.header.count) fields")
        }
        guard !table.rows.isEmpty else {
            log.add(path, line: table.headerLine, "no price rows after the header", suggestion: "add rows 'fuel,price,unit,effective_date,...,source,tag'")
            return nil
        }
        let nameDate = date(inName: fileName)
        var effective: (date: CalendarDate, line: Int)?
        var seen: [String: Int] = [:]
        var rate: (value: Double, note: SourceNote?)?
        var pending: [(row: CSVTable.Row, fuel: String, price: Double, parameters: FuelPriceConversion.Parameters, note: SourceNote?)] = []
        let known = fuels + [exchangeRateKey]
        for row in table.rows where row.fields.count == table.header.count {
            guard let fuel = table.string(row, "fuel", required: true, log: log) else { continue }
            var ok = true
            if !known.contains(fuel) {
                table.issue(row, "fuel", "unknown fuel '\(fuel)'", suggestion: Suggestion.advice(for: fuel, among: known), log: log)
                ok = false
            }
            if let first = seen[fuel] {
                table.issue(row, "fuel", "fuel '\(fuel)' is given twice (first on line \(first))", suggestion: "one price per fuel and file; remove one of the rows", log: log)
                ok = false
            } else {
                seen[fuel] = row.line
            }
            // Effective date: one per file, not after the run date, matching the file name.
            if let text = table.string(row, "effective_date", required: true, log: log) {
                if let date = CalendarDate(iso: text) {
                    if let effective, effective.date != date {
                        table.issue(row, "effective_date", "effective date \(date) differs from \(effective.date) on line \(effective.line)",
                                    suggestion: "one effective date per file: put prices effective on another date in their own file", log: log)
                    } else if effective == nil {
                        effective = (date, row.line)
                        if let runDate, date > runDate {
                            table.issue(row, "effective_date", "effective date \(date) is in the future (the run date is \(runDate))",
                                        suggestion: "use this file only on or after \(date) (--run-date), or correct the date", log: log)
                        }
                        if let nameDate, nameDate != date {
                            table.issue(row, "effective_date", "effective date \(date) does not match the file name's date \(nameDate)",
                                        suggestion: "name the file \(date)-<publisher>.csv, or correct the date", log: log)
                        }
                    }
                } else {
                    table.issue(row, "effective_date", "'effective_date' is not a date YYYY-MM-DD: '\(text)'", suggestion: "write an ISO date such as 2025-07-01", log: log)
                }
            }
            let price = table.double(row, "price", log: log)
            if let price, price <= 0 {
                table.issue(row, "price", "'price' must be positive, found \(price)", suggestion: "give the published price (a zero or negative price would make the fuel free or paid-for)", log: log)
                ok = false
            }
            var unit: FuelPriceUnit?
            if let text = table.string(row, "unit", required: true, log: log) {
                unit = FuelPriceUnit(text: text)
                if unit == nil {
                    table.issue(row, "unit", "unknown unit '\(text)'", suggestion: Suggestion.advice(for: text, among: FuelPriceUnit.allCases.map(\.rawValue)), log: log)
                }
            }
            let note = table.note(row, file: name, key: "tariffs.\(fuel)", log: log)
            guard let parameters = parameters(table, row, unit: unit, log: log), ok, let price else { continue }
            if fuel == exchangeRateKey {
                if parameters.unit != .pkrPerUSD {
                    table.issue(row, "unit", "the exchange rate row has unit '\(parameters.unit.rawValue)'", suggestion: "write PKR/USD", log: log)
                } else if let problem = Magnitude.problem(price, ceiling: Magnitude.exchangeRate, name: "price") {
                    table.issue(row, "price", problem, suggestion: Magnitude.suggestion, log: log)
                } else {
                    rate = (price, note)
                }
                continue
            }
            pending.append((row, fuel, price, parameters, note))
        }
        var rows: [Row] = []
        for entry in pending {
            var parameters = entry.parameters
            if parameters.unit.isInRupees { parameters.exchangeRatePKRPerUSD = rate?.value ?? fallbackRate }
            switch FuelPriceConversion.usdPerMMBtu(entry.price, parameters) {
            case .success(let value):
                if let problem = Magnitude.problem(value, ceiling: Magnitude.fuelPrice, name: "price") {
                    // Checked after the conversion, in USD/MMBtu, whatever the published unit.
                    table.issue(entry.row, "price", "fuel '\(entry.fuel)': \(entry.price) \(parameters.unit.rawValue) is \(value) USD/MMBtu; \(problem)",
                                suggestion: Magnitude.suggestion, log: log)
                    continue
                }
                if let note = entry.note {
                    rows.append(Row(fuel: entry.fuel, price: entry.price, parameters: parameters, usdPerMMBtu: value, note: note, line: entry.row.line))
                }
            case .failure(let problem):
                table.issue(entry.row, problem.column, "fuel '\(entry.fuel)': unit mismatch: \(problem.message)", suggestion: problem.suggestion, log: log)
            }
        }
        guard log.issues.count == issuesBefore, let effective else { return nil }
        return TariffFile(path: path, name: name, effectiveDate: effective.date, exchangeRatePKRPerUSD: rate?.value,
                          exchangeRateNote: rate?.note ?? nil, rows: rows)
    }

    /// The unit and conversion parameters of a row (nil after recording a problem).
    private static func parameters(_ table: CSVTable, _ row: CSVTable.Row, unit: FuelPriceUnit?, log: IssueLog) -> FuelPriceConversion.Parameters? {
        var ok = unit != nil
        var basis = HeatBasis.ncv
        if let text = table.field(row, "basis") {
            if let parsed = HeatBasis(rawValue: text.lowercased()) {
                basis = parsed
            } else {
                table.issue(row, "basis", "unknown basis '\(text)'", suggestion: "write ncv (net, the model's basis) or gcv (gross)", log: log)
                ok = false
            }
        }
        var calorificUnit: CalorificUnit?
        if let text = table.field(row, "calorific_unit") {
            calorificUnit = CalorificUnit(text: text)
            if calorificUnit == nil {
                table.issue(row, "calorific_unit", "unknown calorific unit '\(text)'", suggestion: Suggestion.advice(for: text, among: CalorificUnit.allCases.map(\.rawValue)), log: log)
                ok = false
            }
        }
        let before = log.issues.count
        let ratio = table.double(row, "ncv_per_gcv", required: false, log: log)
        let calorific = table.double(row, "calorific_value", required: false, log: log)
        let heatRate = table.double(row, "heat_rate_mmbtu_per_mwh", required: false, log: log)
        guard ok, log.issues.count == before, let unit else { return nil }
        return FuelPriceConversion.Parameters(unit: unit, basis: basis, ncvPerGCV: ratio, calorificValue: calorific,
                                              calorificUnit: calorificUnit, heatRateMMBtuPerMWh: heatRate)
    }

    /// Where a quoted field opens that never closes (line, column), or nil: a sign of a file cut short.
    static func unterminatedQuote(in text: String) -> (line: Int, column: Int)? {
        var quoted = false, line = 1, column = 1
        var opened = (line: 1, column: 1)
        for character in text {
            if character == "\"" {
                if !quoted { opened = (line, column) }
                quoted.toggle()  // an escaped quote "" toggles twice
            }
            if character == "\n" || character == "\r\n" { line += 1; column = 1 } else { column += 1 }
        }
        return quoted ? opened : nil
    }
}
