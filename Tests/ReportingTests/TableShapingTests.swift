import Foundation
import Testing
@testable import Reporting

/// `bijli table`'s shaping for papers: one period, no zero rows, display names, carrier groups with
/// subtotals and a total, one number format, LaTeX tables that break across pages.
@Suite struct TableShapingTests {
    /// A capacity table in the report's layout: resource, carrier, one column per period.
    static func capacity(_ rows: [(String, String, [Double])], periods: [Int] = [2025, 2030]) -> ReportTable {
        ReportTable(name: "capacity", title: "Capacity in service by resource",
                    columns: [.init("Resource", alignment: .left), .init("Carrier", alignment: .left)]
                        + periods.map { ReportTable.Column(String($0), unit: "MW", period: $0) },
                    rows: rows.map { id, carrier, mw in [.text(id), .text(carrier)] + mw.map { .number($0, decimals: 0) } },
                    footnotes: ["Generators and storage power."])
    }

    /// The Pakistan model's resources (Models/pakistan/generators.csv) with their existing capacity
    /// in 2025 and a made-up 2030 column, so the table is as long as the real one.
    static func pakistanCapacity() throws -> ReportTable {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Models/pakistan/generators.csv")
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").dropFirst()
        // id, region, technology, carrier, fuel, existing_capacity_mw come before any quoted field.
        let rows = lines.map { line -> (String, String, [Double]) in
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let existing = Double(f[5]) ?? 0
            return (f[0], f[3], [existing, existing == 0 && f[0].hasSuffix("south") ? 1234.5 : existing])
        }
        #expect(rows.count > 35)
        return capacity(rows.sorted { ($0.1, $0.0) < ($1.1, $1.0) })
    }

    @Test func thousandsAreSeparatedFromFourDigitsOnInEveryFormat() {
        #expect(NumberText.format(1234, decimals: 0) == "1,234")
        #expect(NumberText.format(999.5, decimals: 1) == "999.5")
        #expect(NumberText.format(-12345.67, decimals: 1) == "-12,345.7")
        let table = Self.capacity([("tarbela", "hydro", [4888, 4888])])
        #expect(MarkdownRenderer.table(table).contains("| 4,888 | 4,888 |"))
        #expect(LaTeXRenderer.table(table).contains("& 4,888 & 4,888 \\\\"))
        #expect(HTMLRenderer.table(table, number: 1).contains(">4,888</td>"))
    }

    @Test func periodKeepsItsColumnsOrItsRows() throws {
        let table = Self.capacity([("tarbela", "hydro", [4888, 4888]), ("solar_new_south", "solar", [0, 2500])])
        let one = try table.shaped(TableShaping(period: 2030))
        #expect(one.columns.map(\.title) == ["Resource", "Carrier", "2030"])
        #expect(one.rows.count == 3 && one.rows[1][2] == .number(2500, decimals: 0))
        #expect(throws: TableShapingError(description: "table 'capacity' has no period 2040; it has 2025, 2030")) {
            try table.shaped(TableShaping(period: 2040))
        }
        // A table with a Period column keeps that period's rows, without the column.
        let prices = ReportTable(name: "prices", title: "Prices", columns: [.init("Region", alignment: .left), .init("Period", alignment: .left), .init("Mean", unit: "USD/MWh")],
                                 rows: [[.text("North"), .text("2025"), .number(80, decimals: 1)], [.text("North"), .text("2030"), .number(90, decimals: 1)]])
        let shaped = try prices.shaped(TableShaping(period: 2030))
        #expect(shaped.columns.map(\.title) == ["Region", "Mean"] && shaped.rows == [[.text("North"), .number(90, decimals: 1)]])
        let stages = ReportTable(name: "stages", title: "Stages", columns: [.init("Stage", alignment: .left)], rows: [[.text("cost")]])
        #expect(throws: TableShapingError.self) { try stages.shaped(TableShaping(period: 2030)) }
    }

    @Test func zeroRowsAreLeftOutUnlessAllRows() throws {
        let table = Self.capacity([("battery_north", "storage", [0, 0.4]), ("battery_south", "storage", [0, 0.6]), ("wind_south", "wind", [100, 100])])
        // 0.4 and 0.6 show as 0 and 1 MW: the first row is zero as printed, the second is not.
        let shaped = try table.shaped(TableShaping())
        #expect(shaped.rows.map { $0[0] } == [.text("Battery South"), .text("Wind South"), .text("Total")])
        let all = try table.shaped(TableShaping(allRows: true))
        #expect(all.rows.map { $0[0] } == [.text("Battery North"), .text("Battery South"), .text("Storage subtotal"), .text("Wind South"), .text("Total")])
        // A table of text only keeps every row.
        let sources = ReportTable(name: "sources", title: "Sources", columns: [.init("File", alignment: .left)], rows: [[.text("a")], [.text("b")]])
        #expect(try sources.shaped(TableShaping()).rows.count == 2)
    }

    @Test func rowsAreGroupedByCarrierWithSubtotalsAndATotal() throws {
        let table = Self.capacity([("tarbela", "hydro", [4888, 4888]), ("mangla", "hydro", [1000, 1000]), ("k2_k3", "nuclear", [2200, 2200]),
                                   ("ke_bqps3", "rlng", [900, 900]), ("ccgt_new_north", "rlng", [0, 1200]),
                                   ("solar_rooftop_north", "solar_rooftop", [1500, 4000])])
        let shaped = try table.shaped(TableShaping())
        let names = shaped.rows.map { row in row[0...1].map { if case .text(let t) = $0 { t } else { "" } }.joined(separator: "|") }
        #expect(names == ["Tarbela|Hydro", "Mangla|Hydro", "Hydro subtotal|", "K2 K3|Nuclear", "KE BQPS3|RLNG", "CCGT New North|RLNG",
                          "RLNG subtotal|", "Solar Rooftop North|Rooftop solar", "Total|"])
        #expect(shaped.totalRows == [2, 6, 8])
        #expect(shaped.rows[2][2...] == [.number(5888, decimals: 0), .number(5888, decimals: 0)])
        #expect(shaped.rows[8][2...] == [.number(10488, decimals: 0), .number(14188, decimals: 0)])
        // A carrier table without resources (generation) gets a total only.
        let generation = ReportTable(name: "generation", title: "Generation", columns: [.init("Carrier", alignment: .left), .init("2030", unit: "GWh", period: 2030)],
                                     rows: [[.text("coal_import"), .number(10, decimals: 0)], [.text("hsd"), .number(5, decimals: 0)]])
        #expect(try generation.shaped(TableShaping()).rows == [[.text("Imported coal"), .number(10, decimals: 0)],
                                                            [.text("Diesel (HSD)"), .number(5, decimals: 0)],
                                                            [.text("Total"), .number(15, decimals: 0)]])
    }

    @Test func shapedPakistanCapacityMatchesItsSnapshots() throws {
        let shaped = try Self.pakistanCapacity().shaped(TableShaping(period: 2030))
        for (name, actual) in [("pakistan-capacity-2030.tex", LaTeXRenderer.table(shaped)), ("pakistan-capacity-2030.md", MarkdownRenderer.table(shaped) + "\n"),
                               ("pakistan-capacity-2030.csv", CSVRenderer.table(shaped))] {
            try ReportFixtures.expectSnapshot(name, actual)
        }
    }

    /// The Pakistan 2030 capacity table in a paper: it compiles and runs over two pages instead of
    /// overflowing one ("Float too large").
    @Test(.enabled(if: ReportOutputTests.executable("pdflatex") != nil, "pdflatex is not on PATH (Debian: texlive-latex-base, texlive-latex-recommended)"))
    func pakistanCapacityBreaksAcrossPagesInAPaper() throws {
        let pdflatex = try #require(ReportOutputTests.executable("pdflatex"))
        let folder = try ReportOutputTests.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let shaped = try Self.pakistanCapacity().shaped(TableShaping(period: 2030, allRows: true))
        try LaTeXRenderer.table(shaped).write(to: folder.appendingPathComponent("capacity.tex"), atomically: true, encoding: .utf8)
        let paper = ["\\documentclass{article}", "\\usepackage[T1]{fontenc}", "\\usepackage[utf8]{inputenc}",
                     "\\usepackage{booktabs,longtable,array}", "\\begin{document}", "Some text before the table.", "", "\\input{capacity.tex}",
                     "See Table~\\ref{tab:capacity}.", "\\end{document}"]
        try paper.joined(separator: "\n").write(to: folder.appendingPathComponent("paper.tex"), atomically: true, encoding: .utf8)
        // Twice, so that longtable settles its column widths and the reference resolves.
        var log = ""
        for _ in 0..<2 {
            let (status, output) = try ReportOutputTests.run(pdflatex, ["-interaction=nonstopmode", "-halt-on-error", "paper.tex"], in: folder)
            #expect(status == 0, "paper.tex does not compile: \(output.split(separator: "\n").filter { $0.hasPrefix("!") }.prefix(5))")
            log = output
        }
        let pages = log.firstMatch(of: #/Output written on paper\.pdf \((\d+) pages?/#).flatMap { Int($0.1) } ?? 0
        #expect(pages >= 2, "the table should break across pages: \(pages) page(s)")
        #expect(!log.contains("Float too large") && !log.contains("Overfull \\vbox"))
    }
}
