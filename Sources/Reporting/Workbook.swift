import Foundation
import ZIPFoundation

/// An Excel workbook of report tables (docs/REPORTS.md, "Excel workbooks"): one sheet per table,
/// several runs side by side in each, the tables shaped as for `bijli table` (``TableShaping``).
public enum Workbook {
    /// One sheet per table name, in the order of the first run's tables (then tables only later
    /// runs have). With one run a sheet is the shaped table; with several, rows are matched on
    /// their text cells (resource, carrier, region...) and each run's number columns follow,
    /// headed `<run>: <column>`; a row a run does not have is empty in its columns.
    public static func sheets(_ runs: [(label: String, document: ReportDocument)], shaping: TableShaping) throws(TableShapingError) -> [ReportTable] {
        var names: [String] = []
        for run in runs { for table in run.document.tables where !names.contains(table.name) { names.append(table.name) } }
        var sheets: [ReportTable] = []
        for name in names {
            var tables: [(label: String, table: ReportTable)] = []
            for run in runs {
                guard let table = run.document.table(named: name) else { continue }
                var own = shaping
                if !table.isByPeriod { own.period = nil }
                tables.append((run.label, try table.shaped(own)))
            }
            sheets.append(runs.count == 1 ? tables[0].table : sideBySide(tables))
        }
        return sheets
    }

    /// Tables of the same name set side by side, rows matched on their text cells.
    static func sideBySide(_ tables: [(label: String, table: ReportTable)]) -> ReportTable {
        let first = tables[0].table
        let keys = first.columns.indices.filter { first.columns[$0].alignment == .left }
        var columns = keys.map { first.columns[$0] }
        var order: [[ReportCell]] = [], rows: [String: [ReportCell]] = [:], totals: Set<String> = []
        func id(_ key: [ReportCell]) -> String { key.map(MarkdownRenderer.text).joined(separator: "\u{1F}") }
        var width = 0
        for (label, table) in tables {
            let own = table.columns.indices.filter { table.columns[$0].alignment == .left }
            let values = table.columns.indices.filter { table.columns[$0].alignment == .right }
            columns += values.map { var c = table.columns[$0]; c.title = "\(label): \(c.title)"; return c }
            for (index, row) in table.rows.enumerated() {
                let key = keys.indices.map { own.indices.contains($0) ? row[own[$0]] : .empty }
                if rows[id(key)] == nil { order.append(key); rows[id(key)] = [ReportCell](repeating: .empty, count: width) }
                rows[id(key)]! += values.map { row[$0] }
                if table.isTotal(index) { totals.insert(id(key)) }
            }
            width += values.count
            for key in order where rows[id(key)]!.count < width { rows[id(key)]! += [ReportCell](repeating: .empty, count: width - rows[id(key)]!.count) }
        }
        let body = order.map { $0 + rows[id($0)]! }
        return ReportTable(name: first.name, title: first.title + " (" + tables.map(\.label).joined(separator: ", ") + ")", columns: columns,
                           rows: body, footnotes: first.footnotes,
                           totalRows: totals.isEmpty ? nil : order.indices.filter { totals.contains(id(order[$0])) })
    }

    // MARK: the .xlsx file

    /// The date of every zip entry (the zip format's first day, in UTC), so that the bytes depend on the contents only.
    static let zipEpoch: Date = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: DateComponents(year: 1980, month: 1, day: 1, hour: 0))!
    }()

    /// The workbook as the bytes of an .xlsx file (Office Open XML in a zip archive): a sheet per
    /// table with its caption in the first row, column titles in the second, units in the third
    /// (when any), the rows (numbers as numbers, full precision, shown with their decimals and a
    /// thousands separator; subtotals and totals bold), then the footnotes. Deterministic bytes:
    /// the zip (ZIPFoundation, entries deflated) dates every entry 1 January 1980.
    /// - Throws: ZIPFoundation's error if the archive cannot be written.
    public static func xlsx(_ sheets: [ReportTable]) throws -> Data {
        var entries: [(String, Data)] = [
            ("[Content_Types].xml", xml(
                "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
                + sheets.indices.map { "<Override PartName=\"/xl/worksheets/sheet\($0 + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>" }.joined()
                + "</Types>")),
            ("_rels/.rels", xml(
                "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
                + "</Relationships>")),
            ("xl/workbook.xml", xml(
                "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
                + sheets.enumerated().map { "<sheet name=\"\(escape(sheetName($0.element.name)))\" sheetId=\"\($0.offset + 1)\" r:id=\"rId\($0.offset + 1)\"/>" }.joined()
                + "</sheets></workbook>")),
            ("xl/_rels/workbook.xml.rels", xml(
                "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + sheets.indices.map { "<Relationship Id=\"rId\($0 + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\($0 + 1).xml\"/>" }.joined()
                + "<Relationship Id=\"rId\(sheets.count + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
                + "</Relationships>")),
            ("xl/styles.xml", xml(styles)),
        ]
        for (k, sheet) in sheets.enumerated() { entries.append(("xl/worksheets/sheet\(k + 1).xml", xml(worksheet(sheet)))) }
        let archive = try Archive(data: Data(), accessMode: .create)
        for (name, data) in entries {
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), modificationDate: zipEpoch,
                                 compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<(Int(position) + size))
            }
        }
        return archive.data ?? Data()
    }

    /// Decimals 0–4 get their own number format (`#,##0`, `#,##0.0`...): style 1 + decimals;
    /// bold ones follow at 6 + decimals; style 11 is a bold text cell, 0 plain.
    static let styles: String = {
        let formats = (0...4).map { d in "<numFmt numFmtId=\"\(164 + d)\" formatCode=\"#,##0\(d > 0 ? "." + String(repeating: "0", count: d) : "")\"/>" }
        let plain = (0...4).map { "<xf numFmtId=\"\(164 + $0)\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>" }
        let bold = (0...4).map { "<xf numFmtId=\"\(164 + $0)\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\" applyFont=\"1\"/>" }
        return "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
            + "<numFmts count=\"5\">" + formats.joined() + "</numFmts>"
            + "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font><font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>"
            + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
            + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
            + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
            + "<cellXfs count=\"12\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>" + plain.joined() + bold.joined()
            + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/></cellXfs>"
            + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
            + "</styleSheet>"
    }()

    /// One sheet's XML.
    static func worksheet(_ table: ReportTable) -> String {
        var rows: [[String]] = [[text(table.title, bold: true)], table.columns.map { text($0.title, bold: true) }]
        if table.columns.contains(where: { !$0.unit.isEmpty }) { rows.append(table.columns.map { text($0.unit, bold: false) }) }
        for (index, row) in table.rows.enumerated() {
            let bold = table.isTotal(index)
            rows.append(row.map { cell in
                switch cell {
                case .text(let t): text(t, bold: bold)
                case .number(let x, let d) where x.isFinite: "<c s=\"\((bold ? 6 : 1) + max(0, min(4, d)))\"><v>\(NumberText.full(x))</v></c>"
                case .number: text("n/a", bold: bold)
                case .empty: ""
                }
            })
        }
        if !table.footnotes.isEmpty {
            rows.append([])
            rows += table.footnotes.enumerated().map { [text("\($0.offset + 1). \($0.element)", bold: false)] }
        }
        let body = rows.enumerated().map { r, cells in
            "<row r=\"\(r + 1)\">" + cells.enumerated().compactMap { c, cell in
                cell.isEmpty ? nil : cell.replacingOccurrences(of: "<c ", with: "<c r=\"\(column(c))\(r + 1)\" ", options: [.anchored])
            }.joined() + "</row>"
        }
        return "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>" + body.joined() + "</sheetData></worksheet>"
    }

    static func text(_ value: String, bold: Bool) -> String {
        value.isEmpty ? "" : "<c \(bold ? "s=\"11\" " : "")t=\"inlineStr\"><is><t xml:space=\"preserve\">\(escape(value))</t></is></c>"
    }

    /// A column's letters: 0 → A, 25 → Z, 26 → AA.
    static func column(_ index: Int) -> String {
        var n = index + 1, out = ""
        while n > 0 {
            let r = (n - 1) % 26
            out = String(UnicodeScalar(UInt8(65 + r))) + out
            n = (n - 1) / 26
        }
        return out
    }

    /// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`.
    static func sheetName(_ name: String) -> String {
        String(name.map { "[]:*?/\\".contains($0) ? "_" : $0 }.prefix(31))
    }

    static func xml(_ body: String) -> Data {
        Data(("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" + body).utf8)
    }

    /// XML escaping, and the control characters XML 1.0 forbids left out.
    static func escape(_ text: String) -> String {
        SVGChart.escape(String(text.unicodeScalars.filter { $0.value >= 0x20 || $0 == "\t" || $0 == "\n" }.map(Character.init)))
    }
}

extension ReportTable {
    /// Whether `--period` applies: the table has columns of a period or a `Period` column.
    public var isByPeriod: Bool { columns.contains { $0.period != nil || $0.title == "Period" } }
}
