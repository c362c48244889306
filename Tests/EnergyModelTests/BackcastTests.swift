import Foundation
import LinearProgramming
import Testing
@testable import EnergyModel

/// The back-cast: dispatch-only systems, the share comparison, the observed-generation file.
@Suite("Back-cast")
struct BackcastTests {
    static let note = SourceNote(file: "observed.csv", key: "x", tag: .assumption, source: "test")

    @Test func comparisonByHand() {
        // 100 GWh in all: hydro 40 %, rlng + gas 60 %; observed 45 % and 55 % of 104 GWh.
        let rows = Backcast.compare(
            generationByCarrierMWh: ["hydro": 40_000, "rlng": 50_000, "gas": 10_000],
            observations: [Backcast.Observation(group: "Hydel", carriers: ["hydro"], observedGWh: 46.8, observedSharePercent: 45, note: Self.note),
                           Backcast.Observation(group: "Gas", carriers: ["rlng", "gas"], observedGWh: 57.2, observedSharePercent: 55, note: Self.note)])
        #expect(rows.map(\.group) == ["Hydel", "Gas", "Total"])
        #expect(abs(rows[0].modelSharePercent - 40) < 1e-12 && abs(rows[0].difference + 5) < 1e-12 && !rows[0].withinTarget)
        #expect(abs(rows[1].modelGWh - 60) < 1e-12 && abs(rows[1].difference - 5) < 1e-12 && !rows[1].withinTarget)
        // total: (100 − 104) / 104 = −3.846 %: outside ±2 %.
        #expect(abs(rows[2].difference - (-400.0 / 104.0)) < 1e-12 && !rows[2].withinTarget)
        #expect(abs(rows[2].observedGWh - 104) < 1e-12)
    }

    @Test func unobservedCarriersGetTheirOwnLine() {
        let rows = Backcast.compare(generationByCarrierMWh: ["hydro": 97_000, "solar": 3_000],
                                    observations: [Backcast.Observation(group: "Hydel", carriers: ["hydro"], observedGWh: 99, observedSharePercent: 99, note: Self.note)])
        #expect(rows.map(\.group) == ["Hydel", "(not observed)", "Total"])
        #expect(abs(rows[0].difference + 2) < 1e-12 && rows[0].withinTarget)
        #expect(abs(rows[1].modelSharePercent - 3) < 1e-12 && rows[1].withinTarget)
        #expect(abs(rows[2].difference - 100.0 / 99.0) < 1e-12 && rows[2].withinTarget)
        #expect(Backcast.table(rows).contains("OUTSIDE") == false)
    }

    @Test func dispatchOnlyBuildsNothingAndDropsPolicies() throws {
        let system = try TinyCase.load()
        let dispatch = Backcast.dispatchOnly(system)
        #expect(dispatch.generators.map(\.id) == system.generators.filter { $0.existingCapacityMW > 0 }.map(\.id))
        #expect(!dispatch.generators.map(\.id).contains("south_wind"))
        #expect(dispatch.generators.allSatisfy { $0.investment == nil } && dispatch.storages.allSatisfy { $0.investment == nil })
        #expect(dispatch.policies.renewableShare == nil && dispatch.policies.co2CapTonnes == nil && dispatch.policies.reserveMargin == nil)
        #expect(dispatch.policies.renewableCarriers == system.policies.renewableCarriers)

        let run = try Optimizer(solver: GLPKSolver()).optimize(dispatch, options: FormulationOptions(time: try TimeSlices.representativeDays(
            count: 12, series: dispatch.profiles, seed: 0).0, periodYears: [2025]), mode: .cost)
        #expect(run.result.status == .optimal)
        let results = EnergyResults(run, provenance: Provenance(bijliVersion: "t", glpkVersion: "t", inputHashes: [:], options: [:],
                                                                buildSeconds: 0, solveSeconds: 0, rows: 0, columns: 0, nonzeros: 0))
        let period = try #require(results.periods.first)
        for generator in dispatch.generators {
            let expected = generator.retirementYear.map { $0 <= 2025 ? 0 : generator.existingCapacityMW } ?? generator.existingCapacityMW
            #expect(abs((period.capacityMW[generator.id] ?? -1) - expected) < 1e-6, "\(generator.id)")
        }
    }

    /// Writes an observed-generation file and reads it against the tiny system.
    static func read(_ text: String) throws -> Result<[Backcast.Observation], Backcast.ObservationError> {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bijli-observed-\(UUID().uuidString).csv")
        try text.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let system = try TinyCase.load()
        return Result { () throws(Backcast.ObservationError) in try Backcast.observations(at: url, system: system) }
    }

    @Test func observationsAreRead() throws {
        let observations = try Self.read("""
            # source: made up for a test
            # tag: ASSUMPTION
            group,carriers,observed_gwh,observed_share_percent
            Hydel,hydro,40,40
            "Gas, all",rlng; gas,60,60
            """).get()
        #expect(observations.map(\.group) == ["Hydel", "Gas, all"])
        #expect(observations[1].carriers == ["rlng", "gas"])
        #expect(observations[1].note.tag == .assumption && observations[1].note.source == "made up for a test")
    }

    @Test func badObservationsAreListed() throws {
        guard case .failure(let error) = try Self.read("""
            group,carriers,observed_gwh,observed_share_percent,source,tag
            Hydel,hydr,40,40,x,SOURCED
            Gas,rlng;gas,-1,60,x,SOURCED
            More gas,gas,5,5,,
            """) else { Issue.record("accepted"); return }
        let messages = error.issues.map(\.description)
        #expect(messages.contains { $0.contains(":2:") && $0.contains("'hydr' is not the carrier of any generator; did you mean 'hydro'?") })
        #expect(messages.contains { $0.contains(":3:") && $0.contains("'observed_gwh' must not be negative") })
        #expect(messages.contains { $0.contains(":4:") && $0.contains("carrier 'gas' is already in group 'Gas'") })
        #expect(messages.contains { $0.contains(":4:") && $0.contains("no tag for this row") })
    }
}
