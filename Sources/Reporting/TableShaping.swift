import Foundation

/// What `bijli table` does to a report table before printing it for a paper (docs/REPORTS.md,
/// "Tables for papers"): keep one period, leave out rows that are zero, show display names, group
/// the rows of a table with a `Carrier` column by carrier with subtotals and a total.
public struct TableShaping: Sendable, Equatable {
    /// Keep only this period's columns (or rows, in a table with a `Period` column); nil for all.
    public var period: Int?
    /// Keep rows whose numbers are all zero (as shown at their decimals).
    public var allRows: Bool

    /// Creates the shaping.
    public init(period: Int? = nil, allRows: Bool = false) {
        self.period = period
        self.allRows = allRows
    }
}

/// Why a table cannot be shaped as asked.
public struct TableShapingError: Error, Equatable, CustomStringConvertible {
    /// The message.
    public var description: String
}

extension ReportTable {
    /// The table shaped for a paper: ``TableShaping/period`` kept, zero rows left out (unless
    /// ``TableShaping/allRows``), ids replaced by display names (``CarrierStyle``), and, in a table
    /// with a `Carrier` column, rows grouped by carrier (in their order of first appearance) with
    /// a subtotal for every carrier of two rows or more and a total of all rows at the end.
    public func shaped(_ shaping: TableShaping) throws(TableShapingError) -> ReportTable {
        var table = self
        if let period = shaping.period { table = try table.keeping(period: period) }
        if !shaping.allRows { table.rows = table.rows.filter { !Self.isZero($0) } }
        let resource = table.columns.firstIndex { $0.title == "Resource" && $0.alignment == .left }
        let carrier = table.columns.firstIndex { $0.title == "Carrier" && $0.alignment == .left }
        table.rows = table.rows.map { row in
            var row = row
            if let r = resource, case .text(let id) = row[r] { row[r] = .text(CarrierStyle.resourceName(id)) }
            if let c = carrier, case .text(let id) = row[c] { row[c] = .text(CarrierStyle.name(id)) }
            return row
        }
        if let carrier, totalRows == nil { table = table.grouped(by: carrier, nameColumn: resource) }
        return table
    }

    /// The columns of `period` only (and those of no period); in a table with a `Period` column,
    /// its rows of `period` without that column.
    func keeping(period: Int) throws(TableShapingError) -> ReportTable {
        let periods = Set(columns.compactMap(\.period))
        var table = self
        if !periods.isEmpty {
            guard periods.contains(period) else {
                throw TableShapingError(description: "table '\(name)' has no period \(period); it has \(periods.sorted().map(String.init).joined(separator: ", "))")
            }
            let kept = columns.indices.filter { columns[$0].period == nil || columns[$0].period == period }
            table.columns = kept.map { columns[$0] }
            table.rows = rows.map { row in kept.map { row[$0] } }
            return table
        }
        guard let column = columns.firstIndex(where: { $0.title == "Period" }) else {
            throw TableShapingError(description: "table '\(name)' is not by period: --period does not apply")
        }
        let texts = rows.compactMap { if case .text(let t) = $0[column] { t } else { nil } }
        guard texts.contains(String(period)) else {
            throw TableShapingError(description: "table '\(name)' has no period \(period); it has \(Array(Set(texts)).sorted().joined(separator: ", "))")
        }
        table.columns.remove(at: column)
        table.rows = rows.filter { $0[column] == .text(String(period)) }.map { row in
            var row = row
            row.remove(at: column)
            return row
        }
        table.totalRows = nil
        return table
    }

    /// Rows with numbers that all show as zero at their decimals (empty cells count as zero);
    /// a row without numbers is never zero.
    static func isZero(_ row: [ReportCell]) -> Bool {
        var numbers = 0
        for cell in row {
            switch cell {
            case .number(let value, let decimals):
                numbers += 1
                if !value.isFinite || abs(value) >= 0.5 * pow(10, Double(-max(0, decimals))) { return false }
            case .empty: continue
            case .text: continue
            }
        }
        return numbers > 0
    }

    /// Rows grouped by the text of column `key`, a subtotal row after each group of two rows or
    /// more ("<carrier> subtotal" in `nameColumn`, `key` left blank) and a "Total" row (in
    /// `nameColumn`, or in `key` without one).
    func grouped(by key: Int, nameColumn: Int?) -> ReportTable {
        var order: [String] = [], groups: [String: [[ReportCell]]] = [:]
        for row in rows {
            let label = if case .text(let t) = row[key] { t } else { "" }
            if groups[label] == nil { order.append(label) }
            groups[label, default: []].append(row)
        }
        func sum(_ rows: [[ReportCell]], label: String) -> [ReportCell] {
            columns.indices.map { i -> ReportCell in
                if i == (nameColumn ?? key) { return .text(label) }
                if i == key { return .text("") }
                guard columns[i].alignment == .right else { return .empty }
                var total = 0.0, decimals = 0, any = false
                for row in rows { if case .number(let v, let d) = row[i] { total += v; decimals = max(decimals, d); any = true } }
                return any ? .number(total, decimals: decimals) : .empty
            }
        }
        var table = self, out: [[ReportCell]] = [], totals: [Int] = [], ends: [Int] = []
        for (k, label) in order.enumerated() {
            let members = groups[label]!
            out += members
            if members.count > 1, nameColumn != nil {
                totals.append(out.count)
                out.append(sum(members, label: "\(label) subtotal"))
            } else if k < order.count - 1 {
                ends.append(out.count - 1)
            }
        }
        table.groupEnds = ends.isEmpty ? nil : ends
        guard !rows.isEmpty else { return table }
        totals.append(out.count)
        out.append(sum(rows, label: "Total"))
        table.rows = out
        table.totalRows = totals
        return table
    }
}
