import EnergyModel
import Foundation
import LinearProgramming
import Scenarios
import Testing

/// Monte Carlo stress on the one-plant system of ``ScenarioTests``.
@Suite("Monte Carlo")
struct MonteCarloTests {
    /// Writes a spec and reads it against the system.
    static func spec(_ text: String) throws -> Result<MonteCarloSpec, ScenarioError> {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bijli-mc-\(UUID().uuidString).yaml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        return Result { () throws(ScenarioError) in try MonteCarloSpec.read(url, system: ScenarioTests.system()) }
    }

    static let header = "source: hand-made test\ntag: ASSUMPTION\n"

    @Test func zeroVarianceEqualsTheDeterministicRun() throws {
        let spec = try Self.spec(Self.header + "shocks:\n  - {id: d, target: demand, sd: 0}\n").get()
        let plan: CapacityPlan = ["plant": [2030: 70.0]]
        let outcomes = try MonteCarlo.run(system: ScenarioTests.system(), plan: plan, spec: spec, samples: 3, seed: 7,
                                          options: FormulationOptions(time: RobustPlanTests.monthly), solver: GLPKSolver())
        // 80 MW demand, 70 MW in service: 10 MW short in every hour.
        #expect(outcomes.count == 3)
        for outcome in outcomes { #expect(abs(outcome.unservedGWh! - 87.6) < 1e-6 && abs(outcome.lossOfLoadHours! - 8760) < 1e-6) }
        let summary = MonteCarlo.summarize(outcomes).first { $0.metric == "unserved_gwh" }!
        #expect(abs(summary.mean! - 87.6) < 1e-6 && summary.standardDeviation! < 1e-9 && summary.unsolved == 0)
        #expect(MonteCarlo.convergence(outcomes, tolerance: 0.01).met)
    }

    @Test func sameSeedSameNumbers() throws {
        let spec = try Self.spec(Self.header + "shocks:\n  - {id: d, target: demand, sd: 0.2}\n").get()
        let run = { (seed: UInt64) in
            try MonteCarlo.run(system: ScenarioTests.system(), plan: ["plant": [2030: 90]], spec: spec, samples: 6, seed: seed,
                               options: FormulationOptions(time: RobustPlanTests.monthly), solver: GLPKSolver())
        }
        let first = try run(1), again = try run(1), other = try run(2)
        #expect(first == again)
        #expect(first != other)
        #expect(first.contains { ($0.unservedGWh ?? 0) > 0 })
    }

    @Test func shocksAreCorrelated() throws {
        let spec = try Self.spec(Self.header + """
            shocks:
              - {id: a, target: demand, sd: 0.1}
              - {id: b, target: availability, select: {resource: plant}, sd: 0.1}
            correlation: [[1, 0.9], [0.9, 1]]
            """).get()
        var a: [Double] = [], b: [Double] = []
        for k in 0..<800 {
            let factors = try MonteCarlo.sample(k, seed: 3, spec: spec, system: ScenarioTests.system(), fixedCapacityMW: [:]).2
            a.append(factors["a"]!)
            b.append(factors["b"]!)
        }
        let n = Double(a.count)
        let ma = a.reduce(0, +) / n, mb = b.reduce(0, +) / n
        let cov = zip(a, b).reduce(0) { $0 + ($1.0 - ma) * ($1.1 - mb) } / n
        let sa = (a.reduce(0) { $0 + ($1 - ma) * ($1 - ma) } / n).squareRoot(), sb = (b.reduce(0) { $0 + ($1 - mb) * ($1 - mb) } / n).squareRoot()
        #expect(abs(cov / (sa * sb) - 0.9) < 0.04)
        #expect(abs(sa - 0.1) < 0.01 && abs(ma - 1) < 0.01)
    }

    @Test func outagesHaveTheirForcedOutageRate() throws {
        let spec = try Self.spec(Self.header + "outages:\n  - {resource: plant, units: 40, repair_hours: 50, forced_outage_rate: 0.1}\n").get()
        let (system, _, _) = try MonteCarlo.sample(0, seed: 11, spec: spec, system: ScenarioTests.system(), fixedCapacityMW: [:])
        let availability = try #require(system.availabilityOverrides["plant"]?[2030])
        let mean = availability.reduce(0, +) / Double(availability.count)
        #expect(abs(mean - 0.9) < 0.02)
        #expect(availability.allSatisfy { $0 >= 0 && $0 <= 1 })
        #expect(Set(availability).count > 3)
    }

    @Test func summaryByHand() {
        let outcomes = [1.0, 2, 3, 4, 5].enumerated().map {
            MonteCarlo.Outcome(sample: $0.offset, period: 2030, unservedGWh: $0.element, lossOfLoadHours: 0, peakShortfallMW: 0, status: .optimal)
        }
        let s = MonteCarlo.summarize(outcomes).first { $0.metric == "unserved_gwh" }!
        let sd: Double = 1.5811388300841898
        let half: Double = 1.96 * sd / 5.0.squareRoot()
        #expect(s.mean == 3 && abs(s.standardDeviation! - sd) < 1e-12)
        #expect(abs(s.p5! - 1.2) < 1e-12 && s.p50 == 3 && abs(s.p95! - 4.8) < 1e-12)
        #expect(abs(s.confidenceHigh! - (3 + half)) < 1e-12)
        let convergence = MonteCarlo.convergence(outcomes, tolerance: 0.5)
        #expect(abs(convergence.relativeHalfWidth - half / 3) < 1e-12 && convergence.met)
    }

    @Test func badSpecsAreListed() throws {
        guard case .failure(let error) = try Self.spec(Self.header + """
            shocks:
              - {id: a, target: demand, sd: -0.1}
              - {id: b, target: fuel_pric, sd: 0.1}
            correlation: [[1, 0.5, 0], [0.5, 1, 0]]
            outages:
              - {resource: plnt, units: 2, repair_hours: 10}
            """) else { Issue.record("accepted"); return }
        let text = error.description
        #expect(text.contains("'sd' must not be negative"))
        #expect(text.contains("unknown target 'fuel_pric'; did you mean 'fuel_price'?"))
        #expect(text.contains("unknown resource 'plnt'; did you mean 'plant'?"))
        guard case .failure(let notPD) = try Self.spec(Self.header + """
            shocks:
              - {id: a, target: demand, sd: 0.1}
              - {id: b, target: demand, sd: 0.1}
            correlation: [[1, 1.5], [1.5, 1]]
            """) else { Issue.record("accepted"); return }
        #expect(notPD.description.contains("the correlation matrix cannot be used"))
    }

    /// Issue 19: a sample without a solution keeps its lines, with its status; the summary leaves
    /// it out and counts it.
    @Test func unsolvedSamplesStayWithTheirStatus() {
        let outcomes = [
            MonteCarlo.Outcome(sample: 0, period: 2030, unservedGWh: 1, lossOfLoadHours: 2, peakShortfallMW: 3, status: .optimal),
            MonteCarlo.Outcome(sample: 1, period: 2030, unservedGWh: nil, lossOfLoadHours: nil, peakShortfallMW: nil, status: .infeasible),
            MonteCarlo.Outcome(sample: 2, period: 2030, unservedGWh: 3, lossOfLoadHours: 2, peakShortfallMW: 3, status: .optimal),
        ]
        let s = MonteCarlo.summarize(outcomes).first { $0.metric == "unserved_gwh" }!
        #expect(s.mean == 2 && s.unsolved == 1)
        let none = MonteCarlo.summarize([outcomes[1]]).first!
        #expect(none.mean == nil && none.unsolved == 1)
    }

    @Test func anUnsolvedSampleEncodesNulls() throws {
        let outcome = MonteCarlo.Outcome(sample: 1, period: 2030, unservedGWh: nil, lossOfLoadHours: nil, peakShortfallMW: nil, status: .infeasible)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let text = String(decoding: try encoder.encode(outcome), as: UTF8.self)
        #expect(text == #"{"loss_of_load_hours":null,"peak_shortfall_mw":null,"period":2030,"sample":1,"status":"infeasible","unserved_gwh":null}"#)
    }

    /// Batches (memory) and shards (members) change neither a sample's draws nor the order.
    @Test func batchesAndMemberRangesGiveTheSameSamples() throws {
        let spec = try Self.spec(Self.header + "shocks:\n  - {id: d, target: demand, sd: 0.5}\n").get()
        let run = { (batch: Int, members: Range<Int>?) in
            try MonteCarlo.run(system: ScenarioTests.system(), plan: ["plant": [2030: 80]], spec: spec, samples: 7, seed: 9,
                               options: FormulationOptions(time: RobustPlanTests.monthly), solver: GLPKSolver(), members: members, batch: batch)
        }
        let whole = try run(64, nil)
        #expect(Set(whole.compactMap(\.unservedGWh)).count > 2)
        #expect(try run(1, nil) == whole && run(3, nil) == whole)
        #expect(try run(2, 0..<3) + run(2, 3..<5) + run(64, 5..<7) == whole)
        #expect(try run(2, 5..<9).map(\.sample) == [5, 6])
    }

    /// One line per sample and period, in sample order.
    @Test func everySampleHasALinePerPeriod() throws {
        let spec = try Self.spec(Self.header + "shocks:\n  - {id: d, target: demand, sd: 0.5}\n").get()
        let outcomes = try MonteCarlo.run(system: ScenarioTests.system(), plan: ["plant": [2030: 90]], spec: spec, samples: 4, seed: 5,
                                          options: FormulationOptions(time: RobustPlanTests.monthly), solver: GLPKSolver())
        #expect(outcomes.map(\.sample) == [0, 1, 2, 3])
    }

    @Test func hugeDeviationsAreRefusedWithTheirPlace() throws {
        guard case .failure(let error) = try Self.spec(Self.header + "shocks:\n  - {id: d, target: demand, sd: 1e300}\n") else {
            Issue.record("expected a failure"); return
        }
        #expect(error.issues.count == 1, "\(error.issues)")
        #expect(error.issues.first?.description.contains(":4:") == true)
        #expect(error.issues.first?.message.contains("'sd' is 1e+300") == true)
    }
}
