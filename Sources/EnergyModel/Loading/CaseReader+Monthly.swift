import Foundation

extension CaseReader {
    /// `Inputs/<model>/fuel_prices.csv` (optional): price by fuel, period and month, USD/MMBtu.
    func readFuelPrices() {
        for entry in monthlyFile("fuel_prices.csv", keyColumn: "fuel", valueColumn: "price_usd_per_mmbtu", known: declaredFuels, what: "fuel") {
            if let index = fuels.firstIndex(where: { $0.id == entry.key }) {
                fuels[index].priceUSDPerMMBtu.values[entry.year, default: [:]][entry.month] = entry.value
            }
        }
    }

    /// `Inputs/<model>/fuel_supply.csv` (optional): supply limit by fuel, period and month, MMBtu per month.
    func readFuelSupply() {
        for entry in monthlyFile("fuel_supply.csv", keyColumn: "fuel", valueColumn: "limit_mmbtu", known: declaredFuels, what: "fuel") {
            if let index = fuels.firstIndex(where: { $0.id == entry.key }) {
                fuels[index].supplyLimitMMBtu.values[entry.year, default: [:]][entry.month] = entry.value
            }
        }
    }

    /// `Inputs/<model>/fuel_offtake.csv` (optional): minimum off-take (take-or-pay) by fuel, period
    /// and month, MMBtu per month.
    func readFuelOfftake() {
        for entry in monthlyFile("fuel_offtake.csv", keyColumn: "fuel", valueColumn: "minimum_mmbtu", known: declaredFuels, what: "fuel") {
            if let index = fuels.firstIndex(where: { $0.id == entry.key }) {
                fuels[index].minimumOfftakeMMBtu.values[entry.year, default: [:]][entry.month] = entry.value
            }
        }
    }

    /// `Inputs/<model>/hydro_budgets.csv` (optional): monthly energy of reservoir hydro, GWh (stored as MWh).
    func readHydroBudgets() {
        let entries = monthlyFile("hydro_budgets.csv", keyColumn: "generator", valueColumn: "energy_gwh", known: declaredGenerators, what: "generator",
                                  allowedKeys: declaredHydro, notAllowed: "has 'hydro_budget' false in generators.csv")
        for entry in entries.sorted(by: { ($0.key, $0.year, $0.month) < ($1.key, $1.year, $1.month) }) {
            hydroBudgets.append(HydroBudget(generator: entry.key, year: entry.year, month: entry.month, energyMWh: entry.value * 1000))
        }
    }

    /// One value of a monthly file.
    struct MonthlyEntry {
        var key: String
        var year: Int
        var month: Int
        var value: Double
    }

    /// Reads a file of `key, year, month, value, source, tag` rows; `month` is 1...12 or `all`
    /// (every month; a row for a single month overrides it). Records unknown keys, years that
    /// are not periods, bad months, negative values and duplicates.
    func monthlyFile(_ file: String, keyColumn: String, valueColumn: String, known: [String], what: String,
                     allowedKeys: [String]? = nil, notAllowed: String = "") -> [MonthlyEntry] {
        guard let text = TextFile.read(file, in: inputs, required: false, log: log),
              let table = CSVTable(path: inputsPath(file), text: text, log: log) else { return [] }
        table.checkColumns(required: [keyColumn, "year", "month", valueColumn], optional: ["source", "tag"], log: log)
        var specific: [String: (entry: MonthlyEntry, line: Int)] = [:]
        var general: [String: (entry: MonthlyEntry, line: Int)] = [:]
        for row in table.rows {
            guard let key = table.string(row, keyColumn, required: true, log: log), let year = table.int(row, "year", log: log) else { continue }
            var ok = true
            if !known.contains(key) {
                table.issue(row, keyColumn, "unknown \(what) '\(key)'", suggestion: Suggestion.advice(for: key, among: known), log: log)
                ok = false
            } else if let allowedKeys, !allowedKeys.contains(key) {
                table.issue(row, keyColumn, "\(what) '\(key)' \(notAllowed)", suggestion: "set 'hydro_budget' to true for '\(key)' or remove these rows", log: log)
                ok = false
            }
            if !periods.isEmpty, !periodYears.contains(year) {
                table.issue(row, "year", "\(year) is not a period", suggestion: Suggestion.advice(for: String(year), among: periodYears.map(String.init)), log: log)
                ok = false
            }
            let monthText = table.string(row, "month", required: true, log: log) ?? ""
            let month: Int? = monthText.lowercased() == "all" ? 0 : Int(monthText).flatMap { (1...12).contains($0) ? $0 : nil }
            if month == nil, !monthText.isEmpty {
                table.issue(row, "month", "'month' must be 1 to 12 or 'all', found '\(monthText)'", log: log)
                ok = false
            }
            let value = amount(table, row, valueColumn)
            if let note = table.note(row, file: file, key: "\(file.replacingOccurrences(of: ".csv", with: "")).\(key).\(year).\(monthText)", log: log) {
                sources.append(note)
            }
            guard ok, let month, let value else { continue }
            let id = "\(key)|\(year)|\(month)"
            let entry = MonthlyEntry(key: key, year: year, month: month, value: value)
            if let first = (month == 0 ? general : specific)[id] {
                let when = month == 0 ? "all months" : "month \(month)"
                table.issue(row, "month", "'\(key)' \(year) \(when) is given twice (first on line \(first.line))", suggestion: "remove one of the rows", log: log)
                continue
            }
            if month == 0 { general[id] = (entry, row.line) } else { specific[id] = (entry, row.line) }
        }
        var result: [MonthlyEntry] = specific.values.map(\.entry)
        for (entry, _) in general.values {
            for month in 1...12 where specific["\(entry.key)|\(entry.year)|\(month)"] == nil {
                result.append(MonthlyEntry(key: entry.key, year: entry.year, month: month, value: entry.value))
            }
        }
        return result.sorted { ($0.key, $0.year, $0.month) < ($1.key, $1.year, $1.month) }
    }
}
