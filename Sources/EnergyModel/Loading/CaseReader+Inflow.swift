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
}
