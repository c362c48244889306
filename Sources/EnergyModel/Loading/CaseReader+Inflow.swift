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
        let present = FileManager.default.fileExists(atPath: inputsPath("profiles.csv"))
        for reference in inflowReferences where profiles[reference.profile] == nil {
            if present && profiles.isEmpty { continue }  // profiles.csv itself is broken (reported)
            log.add(modelPath("storage.csv"), line: reference.line, column: reference.column,
                    "storage '\(reference.storage)': unknown inflow profile '\(reference.profile)'",
                    suggestion: present ? Suggestion.advice(for: reference.profile, among: profiles.keys.sorted()) : "add a '\(reference.profile)' column to profiles.csv")
        }
    }
}
