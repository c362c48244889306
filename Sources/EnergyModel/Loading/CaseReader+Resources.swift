import Foundation

extension CaseReader {
    /// Investment columns shared by `generators.csv` and `storage.csv`.
    static let investmentColumns = ["capex_usd_per_kw", "lifetime_years", "max_capacity_mw", "committed_mw", "first_build_year"]

    /// `Models/<model>/generators.csv`: one row per generating resource.
    func readGenerators() {
        let file = "generators.csv"
        guard let text = TextFile.read(file, in: model, required: true, log: log),
              let table = CSVTable(path: modelPath(file), text: text, log: log) else { return }
        table.checkColumns(
            required: ["id", "region", "technology", "carrier", "existing_capacity_mw"],
            optional: ["source", "tag", "fuel", "retirement_year", "heat_rate_mmbtu_per_mwh", "variable_om_usd_per_mwh", "fixed_om_usd_per_kw_year",
                       "forced_outage_rate", "availability_profile", "min_generation_fraction", "min_generation_profile", "capacity_credit", "hydro_budget"]
                + Self.investmentColumns, log: log)
        if table.rows.isEmpty { log.add(table.path, line: table.headerLine, "no generators", suggestion: "add one row per generating resource") }
        let regionIDs = regions.map(\.id), fuelIDs = declaredFuels
        var entries: [(id: String, line: Int?, column: Int?)] = []
        for row in table.rows {
            guard let id = table.string(row, "id", required: true, log: log) else { continue }
            if !isValidID(id) { table.issue(row, "id", "generator id '\(id)' has characters other than letters, digits, '_', '-', '.'", log: log) }
            entries.append((id, row.line, table.column(row, "id")))
            generatorLines[id] = generatorLines[id] ?? row.line
            declaredGenerators.append(id)
            let region = table.string(row, "region", required: true, log: log)
            if let region, !regions.isEmpty, !regionIDs.contains(region) {
                table.issue(row, "region", "unknown region '\(region)'", suggestion: Suggestion.advice(for: region, among: regionIDs), log: log)
            }
            let technology = table.string(row, "technology", required: true, log: log)
            let carrier = table.string(row, "carrier", required: true, log: log)
            if let carrier { declaredCarriers.insert(carrier) }
            let fuel = table.string(row, "fuel", required: false, log: log)
            if let fuel, !fuelIDs.contains(fuel) {
                table.issue(row, "fuel", "unknown fuel '\(fuel)'", suggestion: Suggestion.advice(for: fuel, among: fuelIDs), log: log)
            }
            let existing = amount(table, row, "existing_capacity_mw")
            let heatRate = amount(table, row, "heat_rate_mmbtu_per_mwh", default: 0)
            if let heatRate {
                if fuel != nil, heatRate == 0 {
                    table.issue(row, "heat_rate_mmbtu_per_mwh", "generator '\(id)' burns fuel '\(fuel!)' but its heat rate is 0 (its fuel would be free and unlimited)",
                                suggestion: "give the heat rate in MMBtu/MWh, or leave 'fuel' blank", log: log)
                } else if fuel == nil, heatRate > 0 {
                    table.issue(row, "heat_rate_mmbtu_per_mwh", "generator '\(id)' has a heat rate but no fuel (the heat rate would be ignored)",
                                suggestion: "name its fuel, or set the heat rate to 0", log: log)
                }
            }
            let vom = amount(table, row, "variable_om_usd_per_mwh", default: 0)
            let fom = amount(table, row, "fixed_om_usd_per_kw_year", default: 0)
            let outage = fraction(table, row, "forced_outage_rate", default: 0)
            let minimum = fraction(table, row, "min_generation_fraction", default: 0)
            let credit = fraction(table, row, "capacity_credit", default: 1)
            let profile = table.string(row, "availability_profile", required: false, log: log)
            if let profile { profileReferences.append((id, profile, row.line, table.column(row, "availability_profile"), "availability")) }
            let minimumProfile = table.string(row, "min_generation_profile", required: false, log: log)
            if let minimumProfile {
                profileReferences.append((id, minimumProfile, row.line, table.column(row, "min_generation_profile"), "minimum generation"))
                if let minimum, minimum > 0 {
                    table.issue(row, "min_generation_profile", "generator '\(id)' has both 'min_generation_fraction' and 'min_generation_profile'",
                                suggestion: "give one: the fraction of available capacity, or the hourly fraction of capacity", log: log)
                }
            }
            let retirement = table.int(row, "retirement_year", required: false, log: log)
            let hydro = table.bool(row, "hydro_budget", default: false, log: log)
            if hydro { declaredHydro.append(id) }
            let investment = readInvestment(table, row, id: id, existing: existing ?? 0)
            if let note = table.note(row, file: file, key: "generators.\(id)", log: log) { sources.append(note) }
            guard let region, let technology, let carrier, let existing, let heatRate, let vom, let fom, let outage, let minimum, let credit,
                  let investment else { continue }
            if existing == 0, investment == nil {
                table.issue(row, "existing_capacity_mw", "generator '\(id)' has no existing capacity and cannot be built",
                            suggestion: "give 'existing_capacity_mw' or 'capex_usd_per_kw' and 'lifetime_years', or remove the row", log: log)
            }
            var generator = Generator(
                id: id, region: region, technology: technology, carrier: carrier, fuel: fuel, existingCapacityMW: existing,
                retirementYear: retirement, heatRateMMBtuPerMWh: heatRate, variableOMUSDPerMWh: vom, fixedOMUSDPerKWYear: fom,
                forcedOutageRate: outage, availabilityProfile: profile, minimumGenerationFraction: minimum, capacityCredit: credit,
                hasHydroBudget: hydro, investment: investment)
            generator.minimumGenerationProfile = minimumProfile
            generators.append(generator)
        }
        checkDuplicates(entries, path: table.path, what: "generator")
    }

    /// `Models/<model>/storage.csv` (optional): one row per storage resource.
    func readStorage() {
        let file = "storage.csv"
        guard let text = TextFile.read(file, in: model, required: false, log: log),
              let table = CSVTable(path: modelPath(file), text: text, log: log) else { return }
        table.checkColumns(
            required: ["id", "region", "technology", "existing_power_mw", "duration_hours", "charge_efficiency", "discharge_efficiency"],
            optional: ["source", "tag", "self_discharge_per_hour", "variable_om_usd_per_mwh", "fixed_om_usd_per_kw_year", "capacity_credit", "retirement_year",
                       "inflow_profile", "inflow_mw", "initial_state_mwh"]
                + Self.investmentColumns, log: log)
        let regionIDs = regions.map(\.id)
        var entries: [(id: String, line: Int?, column: Int?)] = generators.map { ($0.id, nil, nil) }
        for row in table.rows {
            guard let id = table.string(row, "id", required: true, log: log) else { continue }
            if !isValidID(id) { table.issue(row, "id", "storage id '\(id)' has characters other than letters, digits, '_', '-', '.'", log: log) }
            if generatorLines[id] != nil {
                table.issue(row, "id", "duplicate id '\(id)': a generator has it (generators.csv line \(generatorLines[id]!))", suggestion: "ids must be unique across generators and storage", log: log)
            } else {
                entries.append((id, row.line, table.column(row, "id")))
            }
            let region = table.string(row, "region", required: true, log: log)
            if let region, !regions.isEmpty, !regionIDs.contains(region) {
                table.issue(row, "region", "unknown region '\(region)'", suggestion: Suggestion.advice(for: region, among: regionIDs), log: log)
            }
            let technology = table.string(row, "technology", required: true, log: log)
            let power = amount(table, row, "existing_power_mw")
            var duration = amount(table, row, "duration_hours")
            if duration == 0 {
                table.issue(row, "duration_hours", "storage '\(id)': 'duration_hours' must be positive", log: log)
                duration = nil
            }
            let charge = efficiency(table, row, "charge_efficiency")
            let discharge = efficiency(table, row, "discharge_efficiency")
            var selfDischarge = fraction(table, row, "self_discharge_per_hour", default: 0)
            if selfDischarge == 1 {
                table.issue(row, "self_discharge_per_hour", "storage '\(id)': 'self_discharge_per_hour' must be below 1", log: log)
                selfDischarge = nil
            }
            let vom = amount(table, row, "variable_om_usd_per_mwh", default: 0)
            let fom = amount(table, row, "fixed_om_usd_per_kw_year", default: 0)
            let credit = fraction(table, row, "capacity_credit", default: 1)
            let retirement = table.int(row, "retirement_year", required: false, log: log)
            let investment = readInvestment(table, row, id: id, existing: power ?? 0)
            let inflow = readInflow(table, row, id: id)
            let initial = table.field(row, "initial_state_mwh") == nil ? nil : amount(table, row, "initial_state_mwh")
            if let note = table.note(row, file: file, key: "storage.\(id)", log: log) { sources.append(note) }
            guard let region, let technology, let power, let duration, let charge, let discharge, let selfDischarge, let vom, let fom,
                  let credit, let investment, let inflow else { continue }
            storages.append(StorageUnit(
                id: id, region: region, technology: technology, existingPowerMW: power, durationHours: duration,
                chargeEfficiency: charge, dischargeEfficiency: discharge, selfDischargePerHour: selfDischarge,
                variableOMUSDPerMWh: vom, fixedOMUSDPerKWYear: fom, capacityCredit: credit, retirementYear: retirement,
                investment: investment, inflowProfile: inflow.profile, inflowMW: inflow.mw, initialStateMWh: initial))
        }
        checkDuplicates(entries, path: table.path, what: "storage unit")
    }

    /// The investment columns of a row: `.some(nil)` when the resource cannot be built,
    /// `nil` when a field is wrong (already reported).
    func readInvestment(_ table: CSVTable, _ row: CSVTable.Row, id: String, existing: Double) -> Investment?? {
        let capex = amount(table, row, "capex_usd_per_kw", required: false)
        let lifetime = amount(table, row, "lifetime_years", required: false)
        let maximum = amount(table, row, "max_capacity_mw", required: false)
        let firstBuild = table.int(row, "first_build_year", required: false, log: log)
        let committed = committedBuilds(table, row)
        let hasCapex = table.field(row, "capex_usd_per_kw") != nil
        guard hasCapex else {
            for column in ["lifetime_years", "max_capacity_mw", "committed_mw", "first_build_year"] where table.field(row, column) != nil {
                table.issue(row, column, "'\(id)' has '\(column)' but no 'capex_usd_per_kw' (it cannot be built)",
                            suggestion: "give 'capex_usd_per_kw' (0 is allowed) or clear '\(column)'", log: log)
            }
            return .some(nil)
        }
        guard let capex, let committed else { return nil }
        guard let lifetime else {
            if table.field(row, "lifetime_years") == nil {
                table.issue(row, "capex_usd_per_kw", "'\(id)' can be built but has no 'lifetime_years'", suggestion: "give the economic lifetime in years", log: log)
            }
            return nil
        }
        if lifetime == 0 {
            table.issue(row, "lifetime_years", "'\(id)': 'lifetime_years' must be positive", log: log)
            return nil
        }
        if let firstBuild, !periods.isEmpty, firstBuild > periods.last!.year {
            table.issue(row, "first_build_year", "'\(id)': first build year \(firstBuild) is after the last period \(periods.last!.year) (it can never be built)", log: log)
        }
        if let maximum {
            if maximum < existing {
                table.issue(row, "max_capacity_mw", "'\(id)': 'max_capacity_mw' \(maximum) is below the existing capacity \(existing) (the model would be infeasible)", log: log)
            }
            let total: Double = committed.values.reduce(0, +)
            if existing + total > maximum {
                table.issue(row, "committed_mw", "'\(id)': existing + committed builds (\(existing + total) MW) exceed 'max_capacity_mw' \(maximum)", log: log)
            }
        }
        return .some(Investment(capexUSDPerKW: capex, lifetimeYears: lifetime, maxCapacityMW: maximum, committedMW: committed, firstBuildYear: firstBuild))
    }

    /// `committed_mw` as `2030:500;2035:1000` (period year : MW, separated by `;`).
    private func committedBuilds(_ table: CSVTable, _ row: CSVTable.Row) -> [Int: Double]? {
        guard let text = table.field(row, "committed_mw") else { return [:] }
        var result: [Int: Double] = [:]
        var ok = true
        for part in text.split(separator: ";") {
            let pieces = part.split(separator: ":").map { $0.trimmingCharacters(in: .whitespaces) }
            guard pieces.count == 2, let year = Int(pieces[0]), let mw = Double(pieces[1]), mw.isFinite else {
                table.issue(row, "committed_mw", "'committed_mw' entry '\(part)' is not YEAR:MW", suggestion: "write e.g. 2030:500;2035:1000", log: log)
                ok = false
                continue
            }
            if mw < 0 { table.issue(row, "committed_mw", "'committed_mw' for \(year) must not be negative, found \(mw)", log: log); ok = false }
            if let problem = Magnitude.problem(mw, name: "committed_mw") {
                table.issue(row, "committed_mw", problem, suggestion: Magnitude.suggestion, log: log); ok = false
            }
            if !periods.isEmpty, !periodYears.contains(year) {
                table.issue(row, "committed_mw", "'committed_mw': \(year) is not a period", suggestion: Suggestion.advice(for: String(year), among: periodYears.map(String.init)), log: log)
                ok = false
            }
            if result[year] != nil { table.issue(row, "committed_mw", "'committed_mw' gives \(year) twice", log: log); ok = false }
            result[year] = mw
        }
        return ok ? result : nil
    }

    /// A non-negative amount (capacity, cost, heat rate, lifetime).
    func amount(_ table: CSVTable, _ row: CSVTable.Row, _ column: String, required: Bool = true, default value: Double? = nil) -> Double? {
        guard let number = table.double(row, column, required: required, default: value, log: log) else { return nil }
        if number < 0 {
            table.issue(row, column, "'\(column)' must not be negative, found \(number)", log: log)
            return nil
        }
        return number
    }

    /// A fraction in [0, 1] (outage rate, minimum generation, capacity credit).
    func fraction(_ table: CSVTable, _ row: CSVTable.Row, _ column: String, default value: Double) -> Double? {
        guard let number = table.double(row, column, required: false, default: value, log: log) else { return nil }
        if !(0...1).contains(number) {
            table.issue(row, column, "'\(column)' must be in [0, 1], found \(number)", suggestion: "write a fraction, e.g. 0.05 for 5 %", log: log)
            return nil
        }
        return number
    }

    /// An efficiency in (0, 1].
    private func efficiency(_ table: CSVTable, _ row: CSVTable.Row, _ column: String) -> Double? {
        guard let number = table.double(row, column, log: log) else { return nil }
        if !(number > 0 && number <= 1) {
            table.issue(row, column, "'\(column)' must be in (0, 1], found \(number)", suggestion: "write a fraction, e.g. 0.92", log: log)
            return nil
        }
        return number
    }
}
