import Foundation

extension CaseReader {
    /// `Models/<model>/capacity_payments.csv` (optional): capacity payments of existing contracts,
    /// one row per contract, read after the generators it names.
    func readCapacityPayments() {
        let file = "capacity_payments.csv"
        guard let text = TextFile.read(file, in: model, required: false, log: log),
              let table = CSVTable(path: modelPath(file), text: text, log: log) else { return }
        table.checkColumns(required: ["id", "generators", "payment_musd_per_year"], optional: ["last_year", "source", "tag"], log: log)
        var entries: [(id: String, line: Int?, column: Int?)] = []
        var paidFor: [String: (contract: String, line: Int)] = [:]
        for row in table.rows {
            guard let id = table.string(row, "id", required: true, log: log) else { continue }
            entries.append((id, row.line, table.column(row, "id")))
            let names = (table.string(row, "generators", required: true, log: log) ?? "")
                .split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            var ok = !names.isEmpty
            for name in names {
                if generatorLines[name] == nil {
                    table.issue(row, "generators", "contract '\(id)': unknown generator '\(name)'",
                                suggestion: Suggestion.advice(for: name, among: generators.map(\.id)), log: log)
                    ok = false
                } else if let earlier = paidFor[name] {
                    table.issue(row, "generators", "contract '\(id)': generator '\(name)' is already paid for by '\(earlier.contract)' (line \(earlier.line))",
                                suggestion: "name each generator in one contract; add the payments of several contracts together", log: log)
                    ok = false
                } else {
                    paidFor[name] = (id, row.line)
                }
            }
            if names.isEmpty {
                table.issue(row, "generators", "contract '\(id)' names no generator", suggestion: "list generator ids separated by ';'", log: log)
            }
            let payment = amount(table, row, "payment_musd_per_year")
            let lastYear = table.int(row, "last_year", required: false, log: log)
            if let note = table.note(row, file: file, key: "capacity_payments.\(id)", log: log) { sources.append(note) }
            guard ok, let payment else { continue }
            capacityPayments.append(CapacityPayment(id: id, generators: names, paymentUSDPerYear: payment * 1e6, lastYear: lastYear))
        }
        checkDuplicates(entries, path: table.path, what: "contract")
    }
}
