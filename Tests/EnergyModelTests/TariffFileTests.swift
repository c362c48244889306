import Foundation
import Testing
@testable import EnergyModel

/// A copy of the tiny fixture with tariff files, loaded with a tariff choice.
struct TariffCase {
    let root: URL
    var model: URL { root.appendingPathComponent("model") }
    var inputs: URL { root.appendingPathComponent("inputs") }
    var folder: URL { inputs.appendingPathComponent("tariffs") }

    /// A fresh copy (removed by ``remove()``).
    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("bijli-tariffs-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: TinyCase.folder, to: root)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// Removes the copy.
    func remove() { try? FileManager.default.removeItem(at: root) }

    /// Writes `tariffs/<name>` and returns its URL.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    /// Writes raw bytes as `tariffs/<name>`.
    @discardableResult
    func write(_ name: String, bytes: [UInt8]) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }

    /// Loads the case with a choice.
    func load(_ choice: TariffChoice) -> Result<EnergySystem, CaseLoadError> {
        Result(catching: { () throws(CaseLoadError) in try CaseLoader.load(model: model, inputs: inputs, tariffs: choice) })
    }

    /// The issues of loading with a choice (empty if it loads).
    func issues(_ choice: TariffChoice) -> [CaseIssue] {
        CaseLoader.validate(model: model, inputs: inputs, tariffs: choice)
    }

    static let header = "fuel,price,unit,effective_date,basis,ncv_per_gcv,calorific_value,calorific_unit,heat_rate_mmbtu_per_mwh,source,tag\n"

    /// A valid file effective on `date`: rlng at `rlng` USD/MMBtu, and an exchange rate row.
    static func file(_ date: String, rlng: Double = 15, rate: Double = 300) -> String {
        header + "pkr_per_usd,\(rate),PKR/USD,\(date),,,,,,test rate,ASSUMPTION\n"
            + "rlng,\(rlng),USD/MMBtu,\(date),,,,,,test price,ASSUMPTION\n"
    }
}

/// Dated tariff files: selection by run date, application to the fuel price path, provenance.
@Suite struct TariffFileTests {
    static func date(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }

    @Test func theNewestFileEffectiveOnTheRunDateIsSelected() throws {
        let tariffs = try TariffCase()
        defer { tariffs.remove() }
        try tariffs.write("2025-01-01-a.csv", TariffCase.file("2025-01-01"))
        try tariffs.write("2025-07-01-b.csv", TariffCase.file("2025-07-01"))
        // A future file is not read, so its errors do not matter until its date.
        try tariffs.write("2026-01-01-c.csv", "not a tariff file")
        try tariffs.write("README.md", "notes")
        for (run, expected) in [("2024-12-31", nil), ("2025-01-01", "2025-01-01-a.csv"), ("2025-06-30", "2025-01-01-a.csv"),
                                ("2025-07-01", "2025-07-01-b.csv"), ("2025-12-31", "2025-07-01-b.csv")] as [(String, String?)] {
            let chosen = try TariffLibrary.select(folder: tariffs.folder, runDate: Self.date(run))
            #expect(chosen?.lastPathComponent == expected, "run date \(run)")
        }
        #expect(try TariffLibrary.select(folder: tariffs.folder, runDate: Self.date("2026-01-01"))?.lastPathComponent == "2026-01-01-c.csv")
        #expect(try TariffLibrary.select(folder: tariffs.root.appendingPathComponent("absent"), runDate: Self.date("2030-01-01")) == nil)
    }

    @Test func misnamedAndClashingFilesAreErrors() throws {
        let tariffs = try TariffCase()
        defer { tariffs.remove() }
        try tariffs.write("2025-01-01-a.csv", TariffCase.file("2025-01-01"))
        try tariffs.write("2025-01-01-b.csv", TariffCase.file("2025-01-01"))
        try tariffs.write("ogra-latest.csv", TariffCase.file("2025-01-01"))
        let issues = tariffs.issues(.newest(runDate: Self.date("2025-02-01")))
        #expect(issues.contains { $0.file.hasSuffix("2025-01-01-b.csv") && $0.message.contains("two tariff files are effective on 2025-01-01") })
        #expect(issues.contains { $0.file.hasSuffix("ogra-latest.csv") && $0.message.contains("does not start with its effective date") })
    }

    @Test func theTariffMovesTheWholePathByTheSameRatio() throws {
        let tariffs = try TariffCase()
        defer { tariffs.remove() }
        try tariffs.write("2025-01-01-a.csv", TariffCase.file("2025-01-01", rlng: 15, rate: 300))
        let before = try #require(try? tariffs.load(.none).get())
        let after = try tariffs.load(.newest(runDate: Self.date("2025-03-01"))).get()
        let old = try #require(before.fuels.first { $0.id == "rlng" }).priceUSDPerMMBtu
        let new = try #require(after.fuels.first { $0.id == "rlng" }).priceUSDPerMMBtu
        // fixture: rlng 12 in 2025, 11 in 2030, 14 in July 2030. Tariff 15 -> ratio 15/12 = 1.25.
        #expect(old[2025, 1] == 12 && old[2030, 1] == 11 && old[2030, 7] == 14)
        for month in 1...12 { #expect(new[2025, month] == 15) }
        #expect(abs(new[2030, 1]! - 13.75) < 1e-12)
        #expect(abs(new[2030, 7]! - 17.5) < 1e-12)
        // Fuels the file does not price keep fuel_prices.csv's path.
        #expect(after.fuels.first { $0.id == "gas" }?.priceUSDPerMMBtu == before.fuels.first { $0.id == "gas" }?.priceUSDPerMMBtu)
        // The file's exchange rate becomes the system's.
        #expect(before.settings.exchangeRatePKRPerUSD != 300)
        #expect(after.settings.exchangeRatePKRPerUSD == 300)
        // Before and after are kept, per fuel, period and month.
        let tariff = try #require(after.tariff)
        #expect(tariff.name == "tariffs/2025-01-01-a.csv")
        #expect(tariff.effectiveDate == Self.date("2025-01-01"))
        #expect(tariff.changes.count == 24)
        let july = try #require(tariff.changes.first { $0.year == 2030 && $0.month == 7 })
        #expect(july.fuel == "rlng" && july.oldUSDPerMMBtu == 14 && abs(july.newUSDPerMMBtu - 17.5) < 1e-12)
        // The file's rows are source notes of the system.
        #expect(after.sources.contains { $0.file == "tariffs/2025-01-01-a.csv" && $0.key == "tariffs.rlng" && $0.tag == .assumption })
        #expect(after.sources.contains { $0.key == "tariffs.pkr_per_usd" })
        #expect(before.tariff == nil)
    }

    @Test func aFuelWithoutAFirstPeriodPriceGetsTheTariffFlat() throws {
        let tariffs = try TariffCase()
        defer { tariffs.remove() }
        let system = try tariffs.load(.none).get()
        var emptied = system
        let index = try #require(emptied.fuels.firstIndex { $0.id == "gas" })
        emptied.fuels[index].priceUSDPerMMBtu = MonthlyValues()
        let url = try tariffs.write("2025-01-01-a.csv", TariffCase.header + "gas,3,PKR/MMBtu,2025-01-01,,,,,,test,ASSUMPTION\n")
        let file = try TariffFile.read(url, fuels: ["gas", "rlng"], exchangeRatePKRPerUSD: 2, runDate: nil)
        #expect(file.rows.first?.usdPerMMBtu == 1.5)  // 3 PKR / 2 PKR per USD, the fallback rate
        let (applied, changes) = emptied.applying(file)
        #expect(changes.count == 24 && changes.allSatisfy { $0.oldUSDPerMMBtu == nil && $0.newUSDPerMMBtu == 1.5 })
        #expect(applied.fuels[index].priceUSDPerMMBtu[2030, 12] == 1.5)
    }

    @Test func anotherFolderCanBeSelectedIn() throws {
        let tariffs = try TariffCase()
        defer { tariffs.remove() }
        let other = tariffs.root.appendingPathComponent("published")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try TariffCase.file("2025-01-01", rlng: 16).write(to: other.appendingPathComponent("2025-01-01-x.csv"), atomically: true, encoding: .utf8)
        try tariffs.write("2025-01-01-a.csv", TariffCase.file("2025-01-01", rlng: 15))
        let system = try tariffs.load(.folder(other, runDate: Self.date("2025-02-01"))).get()
        #expect(system.tariff?.path == other.appendingPathComponent("2025-01-01-x.csv").path)
        #expect(system.fuels.first { $0.id == "rlng" }?.priceUSDPerMMBtu[2025, 1] == 16)
        let missing = tariffs.root.appendingPathComponent("absent")
        let issues = tariffs.issues(.folder(missing, runDate: Self.date("2025-02-01")))
        #expect(issues.map(\.description) == ["\(missing.path): no such tariffs folder; pass a folder of YYYY-MM-DD-<publisher>.csv files, or a tariff file"])
    }

    @Test func anExplicitFileIsUsedAndItsDateChecked() throws {
        let tariffs = try TariffCase()
        defer { tariffs.remove() }
        let url = try tariffs.write("2025-07-01-b.csv", TariffCase.file("2025-07-01", rlng: 18))
        let system = try tariffs.load(.file(url, runDate: Self.date("2025-07-01"))).get()
        #expect(system.fuels.first { $0.id == "rlng" }?.priceUSDPerMMBtu[2025, 3] == 18)
        let issues = tariffs.issues(.file(url, runDate: Self.date("2025-06-30")))
        #expect(issues.count == 1)
        let issue = try #require(issues.first)
        #expect(issue.file == url.path && issue.line == 2 && issue.column != nil)
        #expect(issue.message == "effective date 2025-07-01 is in the future (the run date is 2025-06-30)")
    }
}
