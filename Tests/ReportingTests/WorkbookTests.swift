import Foundation
import Testing
@testable import Reporting

/// The Excel workbook: one sheet per table, runs side by side, a valid zip, read back by a real
/// reader (openpyxl) when one is installed.
@Suite struct WorkbookTests {
    static func runs() throws -> [(label: String, document: ReportDocument)] {
        let base = try ReportFixtures.shortfallRun()
        var dry = base
        // A second run: less hydro, more gas.
        for k in dry.results.periods.indices {
            dry.results.periods[k].capacityMW["north_hydro"] = 1000
            dry.results.periods[k].capacityMW["south_gas", default: 0] += 500
        }
        return [("base", ReportBuilder.build(base)), ("dry-year", ReportBuilder.build(dry))]
    }

    @Test func runsSitSideBySideOnEachSheet() throws {
        let sheets = try Workbook.sheets(try Self.runs(), shaping: TableShaping(period: 2030))
        #expect(sheets.map(\.name).prefix(3) == ["stages", "capacity", "new_capacity"])
        let capacity = try #require(sheets.first { $0.name == "capacity" })
        #expect(capacity.columns.map(\.title) == ["Resource", "Carrier", "base: 2030", "dry-year: 2030"])
        let hydro = try #require(capacity.rows.first { $0[0] == .text("North Hydro") })
        #expect(hydro[2...] == [.number(1500, decimals: 0), .number(1000, decimals: 0)])
        let total = try #require(capacity.rows.last)
        #expect(total[0] == .text("Total") && capacity.isTotal(capacity.rows.count - 1))
        if case .number(let a, _) = total[2], case .number(let b, _) = total[3] { #expect(b - a == 0) } else { Issue.record("no totals") }
        // Tables not by period (stages) are kept whole; a period no run has is an error.
        #expect(sheets.first?.rows.isEmpty == false)
        #expect(throws: TableShapingError.self) { try Workbook.sheets(try Self.runs(), shaping: TableShaping(period: 2040)) }
    }

    @Test func theArchiveIsAValidZipWithTheSheetsAndMatchesItsSnapshot() throws {
        let sheets = try Workbook.sheets(try Self.runs(), shaping: TableShaping(period: 2030))
        let data = try Workbook.xlsx(sheets)
        #expect(data == (try Workbook.xlsx(sheets)))
        let bytes = [UInt8](data)
        #expect(bytes.prefix(4) == [0x50, 0x4B, 0x03, 0x04])
        // The end record counts every part: content types, two relationships, workbook, styles, sheets.
        let end = bytes.count - 22
        #expect(bytes[end..<(end + 4)] == [0x50, 0x4B, 0x05, 0x06])
        #expect(Int(bytes[end + 10]) | Int(bytes[end + 11]) << 8 == 5 + sheets.count)
        let capacity = try #require(sheets.firstIndex { $0.name == "capacity" })
        let sheet = Workbook.worksheet(sheets[capacity])
        #expect(sheet.contains("<c r=\"C3\" t=\"inlineStr\"><is><t xml:space=\"preserve\">MW</t></is></c>"))
        let file = ReportFixtures.snapshots.appendingPathComponent("workbook-capacity.xml")
        if ProcessInfo.processInfo.environment["BIJLI_RECORD_SNAPSHOTS"] != nil {
            try sheet.write(to: file, atomically: true, encoding: .utf8)
            Issue.record("recorded workbook-capacity.xml; unset BIJLI_RECORD_SNAPSHOTS and run again")
            return
        }
        #expect(sheet == (try String(contentsOf: file, encoding: .utf8)), "workbook-capacity.xml differs from its snapshot; if intended, re-record")
    }

    /// Debian's python3-openpyxl (installed by .ci/run).
    static var openpyxl: Bool {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"),
              let (status, _) = try? ReportOutputTests.run(URL(fileURLWithPath: "/usr/bin/python3"), ["-c", "import openpyxl"],
                                                           in: FileManager.default.temporaryDirectory) else { return false }
        return status == 0
    }

    @Test(.enabled(if: openpyxl, "openpyxl is not installed for /usr/bin/python3 (Debian: python3-openpyxl)"))
    func openpyxlReadsTheWorkbookBack() throws {
        let folder = try ReportOutputTests.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sheets = try Workbook.sheets(try Self.runs(), shaping: TableShaping())
        try (try Workbook.xlsx(sheets)).write(to: folder.appendingPathComponent("book.xlsx"))
        let script = """
            import openpyxl
            book = openpyxl.load_workbook("book.xlsx")
            print("|".join(book.sheetnames))
            sheet = book["capacity"]
            for row in sheet.iter_rows(min_row=1, max_row=sheet.max_row, values_only=True):
                print(row)
            cell = sheet["C4"]
            print("format", cell.number_format, type(cell.value).__name__)
            """
        let (status, output) = try ReportOutputTests.run(URL(fileURLWithPath: "/usr/bin/python3"), ["-c", script], in: folder)
        #expect(status == 0, "openpyxl cannot read the workbook: \(output)")
        let lines = output.split(separator: "\n").map(String.init)
        #expect(lines.first == sheets.map(\.name).joined(separator: "|"))
        #expect(lines.contains("('Resource', 'Carrier', 'base: 2025', 'base: 2030', 'dry-year: 2025', 'dry-year: 2030')"), "\(lines)")
        #expect(lines.contains("('North Hydro', 'Hydro', 1500, 1500, 1000, 1000)"), "\(lines)")
        #expect(lines.contains("format #,##0 int") || lines.contains("format #,##0 float"), "\(lines)")
    }
}
