import Foundation
import Testing
@testable import EnergyModel

/// Every class of bad tariff file gives a clear error naming the file, the line, the column
/// and what to do (issue 7), and the case does not load.
@Suite struct TariffErrorTests {
    static let runDate = CalendarDate(iso: "2025-03-01")!
    static let name = "2025-01-01-test.csv"

    /// The issues of a case whose only tariff file is `text`.
    func issues(_ text: String) throws -> (issues: [CaseIssue], path: String) {
        let tariffs = try TariffCase()
        defer { tariffs.remove() }
        let url = try tariffs.write(Self.name, text)
        let issues = tariffs.issues(.newest(runDate: Self.runDate))
        #expect(!issues.isEmpty, "expected the file to be rejected")
        #expect(throws: CaseLoadError.self) { try tariffs.load(.newest(runDate: Self.runDate)).get() }
        return (issues, url.path)
    }

    /// The one issue at `line` of the file (records a failure if there is not exactly one).
    func issue(_ text: String, line: Int?) throws -> CaseIssue? {
        let (issues, path) = try issues(text)
        let matching = issues.filter { $0.file == path && $0.line == line }
        #expect(matching.count == 1, "issues: \(issues.map(\.description))")
        return matching.first
    }

    let header = TariffCase.header

    @Test func missingColumn() throws {
        let text = "fuel,price,effective_date,source,tag\nrlng,15,2025-01-01,test,ASSUMPTION\n"
        let issue = try issue(text, line: 1)
        #expect(issue?.message == "missing column 'unit'")
        #expect(issue?.suggestion?.contains("docs/FORMATS.md") == true)
    }

    @Test func negativePrice() throws {
        let issue = try issue(header + "rlng,-3,USD/MMBtu,2025-01-01,,,,,,test,ASSUMPTION\n", line: 2)
        #expect(issue?.message == "'price' must be positive, found -3.0")
        #expect(issue?.column == 6)
    }

    @Test func notANumberPrice() throws {
        for text in ["nan", "NaN", "abc", "12,5"] {
            let row = text.contains(",") ? "rlng,\"\(text)\"" : "rlng,\(text)"
            let issue = try issue(header + row + ",USD/MMBtu,2025-01-01,,,,,,test,ASSUMPTION\n", line: 2)
            #expect(issue?.message == "'price' is not a finite number: '\(text)'")
            #expect(issue?.column == 6)
        }
    }

    @Test func unknownFuelSuggestsTheClosest() throws {
        let issue = try issue(header + "rlgn,15,USD/MMBtu,2025-01-01,,,,,,test,ASSUMPTION\n", line: 2)
        #expect(issue?.message == "unknown fuel 'rlgn'")
        #expect(issue?.suggestion == "did you mean 'rlng'?")
        #expect(issue?.column == 1)
    }

    @Test func unknownUnitSuggestsTheClosest() throws {
        let issue = try issue(header + "rlng,15,USD/MBtu,2025-01-01,,,,,,test,ASSUMPTION\n", line: 2)
        #expect(issue?.message == "unknown unit 'USD/MBtu'")
        #expect(issue?.suggestion == "did you mean 'USD/MMBtu'?")
    }

    @Test func unitMismatches() throws {
        // A mass price without its calorific value.
        var issue = try self.issue(header + "rlng,130,USD/t,2025-01-01,,,,,,test,ASSUMPTION\n", line: 2)
        #expect(issue?.message == "fuel 'rlng': unit mismatch: unit 'USD/t' needs a calorific value")
        #expect(issue?.column == 29)  // the calorific_value field
        // A litre price with a calorific value per mass.
        issue = try self.issue(header + "gas,250,PKR/litre,2025-01-01,,,5500,kcal/kg,,test,ASSUMPTION\n", line: 2)
        #expect(issue?.message.contains("calorific unit 'kcal/kg' is per mass but 'PKR/litre' is per volume") == true)
        // A fuel-cost reference without a heat rate.
        issue = try self.issue(header + "gas,12.39,PKR/kWh,2025-01-01,,,,,,test,ASSUMPTION\n", line: 2)
        #expect(issue?.message == "fuel 'gas': unit mismatch: unit 'PKR/kWh' needs a heat rate")
        // A gross-basis price without the NCV/GCV ratio.
        issue = try self.issue(header + "rlng,12.39,USD/MMBtu,2025-01-01,gcv,,,,,test,ASSUMPTION\n", line: 2)
        #expect(issue?.message.contains("basis 'gcv' needs the ratio of net to gross calorific value") == true)
        // The exchange rate's unit on a fuel, and a fuel unit on the exchange rate.
        issue = try self.issue(header + "rlng,279,PKR/USD,2025-01-01,,,,,,test,ASSUMPTION\n", line: 2)
        #expect(issue?.message.contains("'PKR/USD' is the exchange rate's unit") == true)
        issue = try self.issue(header + "pkr_per_usd,279,USD/MMBtu,2025-01-01,,,,,,test,ASSUMPTION\n", line: 2)
        #expect(issue?.message == "the exchange rate row has unit 'USD/MMBtu'")
    }

    @Test func duplicateFuel() throws {
        let text = header + "rlng,15,USD/MMBtu,2025-01-01,,,,,,test,ASSUMPTION\nrlng,16,USD/MMBtu,2025-01-01,,,,,,test,ASSUMPTION\n"
        let issue = try issue(text, line: 3)
        #expect(issue?.message == "fuel 'rlng' is given twice (first on line 2)")
    }

    @Test func effectiveDateInTheFutureOrInconsistent() throws {
        // The selected file (named for 2025-01-01) says its prices start after the run date.
        var issues = try issues(header + "rlng,15,USD/MMBtu,2025-06-01,,,,,,test,ASSUMPTION\n").issues
        #expect(issues.contains { $0.line == 2 && $0.message == "effective date 2025-06-01 is in the future (the run date is 2025-03-01)" })
        #expect(issues.contains { $0.line == 2 && $0.message == "effective date 2025-06-01 does not match the file name's date 2025-01-01" })
        // Two dates in one file.
        issues = try self.issues(header + "rlng,15,USD/MMBtu,2025-01-01,,,,,,test,ASSUMPTION\ngas,5,USD/MMBtu,2024-12-01,,,,,,test,ASSUMPTION\n").issues
        #expect(issues.contains { $0.line == 3 && $0.message == "effective date 2024-12-01 differs from 2025-01-01 on line 2" })
        // Not a date.
        issues = try self.issues(header + "rlng,15,USD/MMBtu,1/1/2025,,,,,,test,ASSUMPTION\n").issues
        #expect(issues.contains { $0.line == 2 && $0.message == "'effective_date' is not a date YYYY-MM-DD: '1/1/2025'" })
    }

    @Test func emptyFile() throws {
        let (issues, path) = try issues("")
        #expect(issues.contains { $0.file == path && $0.message == "empty file" })
        let headerOnly = try issue(header, line: 1)
        #expect(headerOnly?.message == "no price rows after the header")
    }

    @Test func truncatedFile() throws {
        // The last line cut in the middle: fewer fields than the header, no line end.
        let text = header + "rlng,15,USD/MMBtu,2025-01-01,,,,,,test,ASSUMPTION\ngas,5,USD/MM"
        let (issues, path) = try issues(text)
        #expect(issues.contains { $0.file == path && $0.line == 3 && $0.message == "row has 3 fields, the header has 11" })
        #expect(issues.contains { $0.file == path && $0.line == 3 && $0.message.contains("looks cut short") })
        // Cut inside a quoted source.
        let quoted = header + "rlng,15,USD/MMBtu,2025-01-01,,,,,,\"OGRA notification of"
        let issue = try issue(quoted, line: 2)
        #expect(issue?.message == "unterminated quote: the field opened here never closes")
        #expect(issue?.column == 35)
    }

    @Test func invalidUTF8() throws {
        let tariffs = try TariffCase()
        defer { tariffs.remove() }
        let bytes = Array((header + "rlng,15,USD/MMBtu,2025-01-01,,,,,,OGRA ").utf8) + [0xC3, 0x28] + Array(",ASSUMPTION\n".utf8)
        let url = try tariffs.write(Self.name, bytes: bytes)
        let issues = tariffs.issues(.newest(runDate: Self.runDate))
        #expect(issues.count == 1)
        #expect(issues.first?.file == url.path)
        #expect(issues.first?.line == 2)
        #expect(issues.first?.message == "invalid UTF-8 (byte 0xC3)")
    }

    @Test func missingTagOrSource() throws {
        let issue = try issue(header + "rlng,15,USD/MMBtu,2025-01-01,,,,,,test,GUESS\n", line: 2)
        #expect(issue?.message == "unknown tag 'GUESS'")
    }

    @Test func everyProblemIsReportedAtOnce() throws {
        let text = header + "rlgn,15,USD/MMBtu,2025-01-01,,,,,,test,ASSUMPTION\ngas,-1,USD/MMBtu,2025-01-01,,,,,,test,ASSUMPTION\n"
            + "coal,130,USD/t,2025-01-01,,,,,,test,ASSUMPTION\n"
        let (issues, _) = try issues(text)
        #expect(Set(issues.compactMap(\.line)) == [2, 3, 4])
    }
}
