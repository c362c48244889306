import Foundation

extension CaseReader {
    /// `Models/<model>/lines.csv` (optional): AC lines and transformers, each a lossless corridor
    /// of rating `s_nom_mw` both ways whose flow also obeys Kirchhoff's voltage law (**KVL**).
    /// Ids share the corridors' namespace; expansion columns as for generators (**LINKX**).
    func readLines() {
        let file = "lines.csv"
        guard let text = TextFile.read(file, in: model, required: false, log: log),
              let table = CSVTable(path: modelPath(file), text: text, log: log) else { return }
        table.checkColumns(
            required: ["id", "from", "to", "x_pu", "s_nom_mw"],
            optional: ["kind", "s_max_pu", "s_max_pu_profile", "fixed_om_usd_per_kw_year", "source", "tag"] + Self.investmentColumns, log: log)
        let regionIDs = regions.map(\.id)
        var entries: [(id: String, line: Int?, column: Int?)] = corridors.map { ($0.id, nil, nil) }
        let corridorIDs = Set(corridors.map(\.id))
        for row in table.rows {
            guard let id = table.string(row, "id", required: true, log: log) else { continue }
            if !isValidID(id) { table.issue(row, "id", "line id '\(id)' has characters other than letters, digits, '_', '-', '.'", log: log) }
            if corridorIDs.contains(id) {
                table.issue(row, "id", "duplicate id '\(id)': a corridor of model.yaml has it", suggestion: "ids must be unique across corridors and lines", log: log)
            } else {
                entries.append((id, row.line, table.column(row, "id")))
            }
            let from = table.string(row, "from", required: true, log: log)
            let to = table.string(row, "to", required: true, log: log)
            for (column, region) in [("from", from), ("to", to)] {
                if let region, !regions.isEmpty, !regionIDs.contains(region) {
                    table.issue(row, column, "line '\(id)': unknown region '\(region)'", suggestion: Suggestion.advice(for: region, among: regionIDs), log: log)
                }
            }
            if let from, from == to { table.issue(row, "to", "line '\(id)' joins region '\(from)' to itself", log: log) }
            var kind: LineFlow.Kind? = .line
            if let text = table.string(row, "kind", required: false, log: log) {
                kind = LineFlow.Kind(rawValue: text)
                if kind == nil {
                    table.issue(row, "kind", "line '\(id)': 'kind' must be 'line' or 'transformer', found '\(text)'",
                                suggestion: Suggestion.advice(for: text, among: LineFlow.Kind.allCases.map(\.rawValue)), log: log)
                }
            }
            let reactance = amount(table, row, "x_pu")
            let rating = amount(table, row, "s_nom_mw")
            let share = amount(table, row, "s_max_pu", default: 1)
            let profile = table.string(row, "s_max_pu_profile", required: false, log: log)
            if let profile {
                lineProfileReferences.append((id, profile, row.line, table.column(row, "s_max_pu_profile")))
                if table.field(row, "s_max_pu") != nil {
                    table.issue(row, "s_max_pu_profile", "line '\(id)' has both 's_max_pu' and 's_max_pu_profile'",
                                suggestion: "give one: the constant share of the rating, or its hourly profile", log: log)
                }
            }
            // A fixed line's fixed O&M is a constant of the objective, as a fixed plant's.
            let fom = amount(table, row, "fixed_om_usd_per_kw_year", default: 0)
            let investment = readInvestment(table, row, id: id, existing: rating ?? 0)
            if let note = table.note(row, file: file, key: "lines.\(id)", log: log) { sources.append(note) }
            guard let from, let to, let kind, let reactance, let rating, let share, let fom, let investment else { continue }
            var corridor = Corridor(id: id, from: from, to: to, capacityMW: rating, reverseCapacityMW: rating, lossFraction: 0,
                                    investment: investment, fixedOMUSDPerKWYear: fom, reverseFraction: 1)
            corridor.line = LineFlow(kind: kind, reactancePU: reactance, maxPU: profile == nil ? share : 1, maxPUProfile: profile)
            corridors.append(corridor)
        }
        checkDuplicates(entries, path: table.path, what: "line")
    }

    /// Every `s_max_pu_profile` must be a column of `profiles.csv`.
    func checkLineProfiles() {
        checkProfiles(lineProfileReferences.map { ($0.line, $0.profile, $0.row, $0.column) }, file: "lines.csv") { "line '\($0)': unknown s_max_pu profile '\($1)'" }
    }
}
