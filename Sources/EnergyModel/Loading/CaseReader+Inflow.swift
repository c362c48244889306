import Foundation

extension CaseReader {
    /// The `inflow_profile` and `inflow_mw` columns of a storage row: both or neither; `nil`
    /// when a field is wrong (reported).
    func readInflow(_ table: CSVTable, _ row: CSVTable.Row, id: String) -> (profile: String?, mw: Double)? {
        let profile = table.string(row, "inflow_profile", required: false, log: log)
        let mw = amount(table, row, "inflow_mw", required: false)
        switch (profile, table.field(row, "inflow_mw")) {
        case (nil, nil): return (nil, 0)
        case (.some, nil):
            table.issue(row, "inflow_profile", "storage '\(id)' has 'inflow_profile' but no 'inflow_mw'", suggestion: "give the inflow in MW of an hour whose profile value is 1", log: log)
            return nil
        case (nil, .some):
            table.issue(row, "inflow_mw", "storage '\(id)' has 'inflow_mw' but no 'inflow_profile'", suggestion: "name a column of profiles.csv", log: log)
            return nil
        case (.some(let name), .some):
            guard let mw else { return nil }
            inflowReferences.append((id, name, row.line, table.column(row, "inflow_profile")))
            return (name, mw)
        }
    }

    /// Every inflow profile must be a column of `profiles.csv`.
    func checkInflowProfiles() {
        checkProfiles(inflowReferences.map { ($0.storage, $0.profile, $0.line, $0.column) }, file: "storage.csv") { "storage '\($0)': unknown inflow profile '\($1)'" }
    }

    /// Profiles named in a model file (`file`), each `(owner, profile, line, column)`, must be
    /// columns of `profiles.csv`; `message(owner, profile)` says what is missing.
    func checkProfiles(_ references: [(String, String, Int, Int?)], file: String, message: (String, String) -> String) {
        let present = FileManager.default.fileExists(atPath: inputsPath("profiles.csv"))
        for (owner, profile, line, column) in references where profiles[profile] == nil {
            if present && profiles.isEmpty { continue }  // profiles.csv itself is broken (reported)
            log.add(modelPath(file), line: line, column: column, message(owner, profile),
                    suggestion: present ? Suggestion.advice(for: profile, among: profiles.keys.sorted()) : "add a '\(profile)' column to profiles.csv")
        }
    }

    /// `Inputs/<model>/storage_levels.csv` (optional): levels a storage unit's state of charge must
    /// hold, `storage,year,hour,level_mwh,source,tag`; `year` a period or `all`, `hour` 0...8759,
    /// the level ≥ 0; one row per storage, year and hour (an `all` row and a period's row for the
    /// same hour are a conflict too).
    func readStorageLevels() {
        let file = "storage_levels.csv"
        guard let text = TextFile.read(file, in: inputs, required: false, log: log),
              let table = CSVTable(path: inputsPath(file), text: text, log: log) else { return }
        table.checkColumns(required: ["storage", "year", "hour", "level_mwh"], optional: ["source", "tag"], log: log)
        let ids = storages.map(\.id)
        var seen: [String: Int] = [:]
        for row in table.rows {
            guard let id = table.string(row, "storage", required: true, log: log) else { continue }
            var ok = true
            if !ids.contains(id) {
                table.issue(row, "storage", "unknown storage '\(id)'", suggestion: Suggestion.advice(for: id, among: ids), log: log)
                ok = false
            }
            let yearText = table.string(row, "year", required: true, log: log) ?? ""
            let year: Int? = yearText.lowercased() == "all" ? nil : Int(yearText)
            if yearText.lowercased() != "all" {
                if year == nil, !yearText.isEmpty {
                    table.issue(row, "year", "'year' must be a period or 'all', found '\(yearText)'", log: log); ok = false
                } else if let year, !periods.isEmpty, !periodYears.contains(year) {
                    table.issue(row, "year", "\(year) is not a period", suggestion: Suggestion.advice(for: String(year), among: periodYears.map(String.init)), log: log)
                    ok = false
                }
            }
            let hour = table.int(row, "hour", log: log)
            if let hour, !(0..<EnergySystem.hoursPerYear).contains(hour) {
                table.issue(row, "hour", "hour \(hour) is outside 0...8759", log: log); ok = false
            }
            let level = amount(table, row, "level_mwh")
            if let note = table.note(row, file: file, key: "storage_levels.\(id).\(yearText).\(hour.map(String.init) ?? "")", log: log) { sources.append(note) }
            guard ok, let hour, let level, let index = storages.firstIndex(where: { $0.id == id }), yearText.isEmpty == false else { continue }
            for key in (year.map { ["\(id)|\($0)|\(hour)"] } ?? periodYears.map { "\(id)|\($0)|\(hour)" }) {
                if let first = seen[key] {
                    table.issue(row, "hour", "storage '\(id)' has a level for hour \(hour) of \(key.split(separator: "|")[1]) twice (first on line \(first))",
                                suggestion: "remove one of the rows", log: log)
                    ok = false
                    break
                }
                seen[key] = row.line
            }
            if ok { storages[index].levels.append(StorageLevel(year: year, hour: hour, levelMWh: level)) }
        }
    }
}
