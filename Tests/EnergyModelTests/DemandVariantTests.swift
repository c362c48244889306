import Foundation
import Testing
@testable import EnergyModel

/// `demand.csv` with a `variant` column: the chosen variant's rows are used, every variant is
/// checked, and a missing or unknown choice is a clear error.
@Suite("Loading: demand variants")
struct DemandVariantTests {
    /// The tiny demand file with a low and a high variant (high = 1.5 × low).
    static let variants = """
        # source: illustrative test fixture
        # tag: ASSUMPTION
        region,year,variant,annual_energy_gwh,peak_mw,source,tag
        north,2025,low,8760,,,
        north,2030,low,10512,,,
        south,2025,low,4380,800,,
        south,2030,low,5256,,,
        north,2025,high,13140,,,
        north,2030,high,15768,,,
        south,2025,high,6570,1200,,
        south,2030,high,7884,,,
        """

    /// Loads a copy of the tiny case with `demand.csv` replaced and `settings.yaml` edited.
    static func load(settingsLine: String? = nil, variant: String? = nil, demand: String = variants) throws -> Result<EnergySystem, CaseLoadError> {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("bijli-variants-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: TinyCase.folder, to: root)
        defer { try? FileManager.default.removeItem(at: root) }
        let copy = TinyCase.Variant(root: root)
        try copy.write("inputs/demand.csv", demand)
        if let settingsLine { try copy.replace("inputs/settings.yaml", "exchange_rate_pkr_per_usd: 280", "exchange_rate_pkr_per_usd: 280\n\(settingsLine)") }
        return Result { () throws(CaseLoadError) in try CaseLoader.load(model: copy.model, inputs: copy.inputs, demandVariant: variant) }
    }

    /// Annual demand (MWh) of a region and year.
    static func energy(_ system: EnergySystem, _ region: String, _ year: Int) -> Double {
        system.demand.first { $0.region == region && $0.year == year }!.hourlyMW.reduce(0, +)
    }

    @Test func settingsChoosesTheVariant() throws {
        let system = try Self.load(settingsLine: "demand_variant: low").get()
        #expect(system.settings.demandVariant == "low")
        #expect(abs(Self.energy(system, "north", 2030) - 10_512_000) < 1e-6)
        #expect(system.demand.count == 4)
        #expect(system.sources.contains { $0.key == "demand.low.south.2030" })
        #expect(!system.sources.contains { $0.key.hasPrefix("demand.high") })
    }

    @Test func commandLineOverridesSettings() throws {
        let system = try Self.load(settingsLine: "demand_variant: low", variant: "high").get()
        #expect(system.settings.demandVariant == "high")
        #expect(abs(Self.energy(system, "north", 2030) - 15_768_000) < 1e-6)
        let south = system.demand.first { $0.region == "south" && $0.year == 2025 }!
        #expect(abs((south.hourlyMW.max() ?? 0) - 1200) < 1e-6)
    }

    @Test func noChoiceIsAnError() throws {
        guard case .failure(let error) = try Self.load() else { Issue.record("loaded without a variant"); return }
        #expect(has(error.issues, file: "demand.csv", "has a 'variant' column, but no variant is chosen", line: 3))
    }

    @Test func unknownVariantGetsASuggestion() throws {
        guard case .failure(let error) = try Self.load(settingsLine: "demand_variant: hihg") else { Issue.record("loaded"); return }
        let issue = try #require(error.issues.first { $0.message.contains("no variant 'hihg'") })
        #expect(issue.file.hasSuffix("settings.yaml") && issue.line == 2)
        #expect(issue.suggestion?.contains("did you mean 'high'") == true)
    }

    @Test func variantWithoutColumnIsAnError() throws {
        let plain = try String(contentsOf: TinyCase.folder.appendingPathComponent("inputs/demand.csv"), encoding: .utf8)
        guard case .failure(let error) = try Self.load(variant: "high", demand: plain) else { Issue.record("loaded"); return }
        #expect(has(error.issues, file: "demand.csv", "demand variant 'high' was asked for, but demand.csv has no 'variant' column"))
        guard case .failure(let fromSettings) = try Self.load(settingsLine: "demand_variant: high", demand: plain) else { Issue.record("loaded"); return }
        #expect(has(fromSettings.issues, file: "settings.yaml", "'demand_variant' is set, but demand.csv has no 'variant' column", line: 2))
    }

    @Test func everyVariantIsChecked() throws {
        var demand = Self.variants.replacingOccurrences(of: "south,2030,high,7884,,,", with: "south,2030,high,-1,,,")
        demand = demand.replacingOccurrences(of: "north,2025,high,13140,,,\n", with: "")
        guard case .failure(let error) = try Self.load(settingsLine: "demand_variant: low", demand: demand) else { Issue.record("loaded"); return }
        #expect(has(error.issues, file: "demand.csv", "'annual_energy_gwh' must not be negative"))
        #expect(has(error.issues, file: "demand.csv", "no demand for region 'north' in 2025 (variant 'high')"))
    }

    @Test func duplicateRowsWithinAVariant() throws {
        let demand = Self.variants + "\nnorth,2030,low,1,,,"
        guard case .failure(let error) = try Self.load(settingsLine: "demand_variant: high", demand: demand) else { Issue.record("loaded"); return }
        #expect(has(error.issues, file: "demand.csv", "demand of 'north' in 2030 (variant 'low') is given twice (first on line 5)"))
    }
}
