import Foundation
import Testing
@testable import EnergyModel

/// The Pakistan tariff files (`Inputs/pakistan/tariffs/`): they read cleanly, carry honest tags
/// and listed dossier keys like every other input, the FY2024-25 file reproduces the 2025 prices
/// of `fuel_prices.csv`, and the run date picks the file.
@Suite struct PakistanTariffTests {
    static let folder = PakistanModelTests.inputs.appendingPathComponent("tariffs")
    static let fuels = Array(PakistanModelTests.fuels)

    /// Every tariff file with its date, oldest first.
    static func files() -> [(date: CalendarDate, url: URL)] {
        let log = IssueLog()
        let files = TariffLibrary.files(in: folder, log: log)
        #expect(log.isEmpty, "\(log.issues)")
        return files
    }

    /// A file read on its own effective date with settings.yaml's rate (279).
    static func read(_ entry: (date: CalendarDate, url: URL)) throws -> TariffFile {
        try TariffFile.read(entry.url, fuels: fuels, exchangeRatePKRPerUSD: 279, runDate: entry.date)
    }

    @Test func everyFileReadsAndIsHonest() throws {
        let files = Self.files()
        #expect(files.count >= 2)
        let listed = try PakistanModelTests.listedKeys()
        for entry in files {
            let file = try Self.read(entry)
            #expect(file.effectiveDate == entry.date)
            #expect(Set(file.rows.map(\.fuel)) == PakistanModelTests.fuels, "\(entry.url.lastPathComponent) prices every fuel")
            let notes = file.rows.map(\.note) + (file.exchangeRateNote.map { [$0] } ?? [])
            for note in notes {
                #expect(!note.source.trimmingCharacters(in: .whitespaces).isEmpty)
                if note.tag == .sourced || note.tag == .derived {
                    #expect(!PakistanModelTests.keys(in: note.source).isEmpty, "\(note.file) \(note.key): \(note.tag.rawValue) without a source key")
                }
                // An assumption inside a sourced row must be said: a SOURCED row names no ASSUMPTION.
                if note.tag == .sourced { #expect(!note.source.contains("ASSUMPTION"), "\(note.file) \(note.key)") }
                let missing = PakistanModelTests.keys(in: note.source).subtracting(listed)
                #expect(missing.isEmpty, "\(note.file) \(note.key) cites \(missing.sorted()) not listed in SOURCES.md")
            }
        }
    }

    @Test func theFirstFileReproducesThe2025PricesOfFuelPrices() throws {
        let first = try #require(Self.files().first)
        let file = try Self.read(first)
        let system = try #require(PakistanModelTests.system())
        let tags = Dictionary(uniqueKeysWithValues: system.sources.filter { $0.file == "fuel_prices.csv" }.map { ($0.key, $0.tag) })
        for row in file.rows {
            let old = try #require(system.fuels.first { $0.id == row.fuel }?.priceUSDPerMMBtu[2025, 1])
            // fuel_prices.csv writes two decimals; RFO's 12.5553 is written 12.55, hence 0.006.
            #expect(abs(row.usdPerMMBtu - old) < 0.006, "\(row.fuel): \(row.usdPerMMBtu) vs fuel_prices.csv \(old)")
            #expect(row.note.tag == tags["fuel_prices.\(row.fuel).2025.all"], "\(row.fuel): same tag as fuel_prices.csv")
        }
    }

    @Test func theRunDatePicksTheFileAndTheLoadedCaseStaysHonest() throws {
        let model = PakistanModelTests.model, inputs = PakistanModelTests.inputs
        let files = Self.files()
        let before = CalendarDate(year: files[0].date.year, month: files[0].date.month, day: 1)!
        let dayBefore = CalendarDate(year: before.year - 1, month: 12, day: 31)!
        let none = try CaseLoader.load(model: model, inputs: inputs, tariffs: .newest(runDate: dayBefore))
        #expect(none.tariff == nil)
        let latest = try #require(files.last)
        let system = try CaseLoader.load(model: model, inputs: inputs, tariffs: .newest(runDate: latest.date))
        #expect(system.tariff?.name == "tariffs/\(latest.url.lastPathComponent)")
        // The later file's HSD price (PKR 284.35/l [S86]) is in the 2025 prices and moves 2030 by the same ratio.
        let hsd = try #require(system.fuels.first { $0.id == "hsd" }?.priceUSDPerMMBtu)
        let old = try #require(none.fuels.first { $0.id == "hsd" }?.priceUSDPerMMBtu)
        let row = try #require(try Self.read(latest).rows.first { $0.fuel == "hsd" })
        #expect(hsd[2025, 6] == row.usdPerMMBtu)
        #expect(abs(hsd[2030, 6]! / old[2030, 6]! - row.usdPerMMBtu / old[2025, 6]!) < 1e-12)
        // Every source note of the loaded case, the tariff's included, passes the honesty checks.
        let listed = try PakistanModelTests.listedKeys()
        #expect(system.sources.contains { $0.file.hasPrefix("tariffs/") })
        for note in system.sources where note.file.hasPrefix("tariffs/") {
            #expect(PakistanModelTests.keys(in: note.source).isSubset(of: listed))
        }
    }
}
