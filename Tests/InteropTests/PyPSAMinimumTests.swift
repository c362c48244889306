import EnergyModel
import Foundation
import Interop
import Testing

/// PyPSA's `p_min_pu` when it is not a constant share of `p_max_pu`: Bijli's
/// `min_generation_profile` (MINGEN `p ≥ min(m_t, a_t) K`), fixture `several_loads_minimums`.
@Suite struct PyPSAMinimumTests {
    static var network: URL { PyPSAFixtures.folder("several_loads_minimums").appendingPathComponent("network") }

    @Test func aTimeVaryingMinimumBecomesAMinimumGenerationProfile() throws {
        let (system, files) = try PyPSAImport.load(folder: Self.network)
        let mustRun = try #require(system.generators.first { $0.id == "must_run" })
        #expect(mustRun.minimumGenerationProfile == "must_run.min")
        #expect(mustRun.minimumGenerationFraction == 0)
        #expect(system.profiles["must_run.min"].map { Array($0.prefix(5)) } == [0.2, 0.6, 0.1, 0.5, 0.3])
        #expect(files.modelFiles["generators.csv"]?.contains(",must_run.min,") == true)
        // A constant share stays MINGEN's μ.
        let bagasse = try #require(system.generators.first { $0.id == "bagasse" })
        #expect(bagasse.minimumGenerationFraction == 0.5 && bagasse.minimumGenerationProfile == nil)
        // The minimum binds: without it the optimum is cheaper than PyPSA's.
        var free = system
        free.generators[free.generators.firstIndex { $0.id == "must_run" }!].minimumGenerationProfile = nil
        let expected = try PyPSAFixtures.expected("several_loads_minimums").total_cost
        #expect(try SolvedCase(free).objectiveUSD < expected - 1000)
    }

    @Test func aFractionAndAProfileTogetherAreRefusedByTheLoader() throws {
        let scratch = try PyPSAFixtures.scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        var files = try PyPSAImport.convert(folder: Self.network)
        let generators = try #require(files.modelFiles["generators.csv"])
        let row = try #require(generators.split(separator: "\n").first { $0.hasPrefix("must_run,") })
        var fields = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        fields[10] = "0.3"  // min_generation_fraction
        files.modelFiles["generators.csv"] = generators.replacingOccurrences(of: String(row), with: fields.joined(separator: ","))
        let model = scratch.appendingPathComponent("model"), inputs = scratch.appendingPathComponent("inputs")
        try files.write(model: model, inputs: inputs)
        let issues = CaseLoader.validate(model: model, inputs: inputs)
        #expect(issues.contains { $0.message == "generator 'must_run' has both 'min_generation_fraction' and 'min_generation_profile'" }, "\(issues)")
        // An unknown profile is named as a minimum-generation profile.
        files.modelFiles["generators.csv"] = generators.replacingOccurrences(of: ",must_run.min,", with: ",nowhere,")
        try files.write(model: model, inputs: inputs)
        #expect(CaseLoader.validate(model: model, inputs: inputs).contains { $0.message.contains("generator 'must_run': unknown minimum generation profile 'nowhere'") })
    }
}
