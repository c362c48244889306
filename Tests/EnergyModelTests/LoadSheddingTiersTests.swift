import Foundation
import Testing
import LinearProgramming
@testable import EnergyModel

/// Tiered load shedding (MODEL.md, EB): unserved energy in segments of the demand, each at its own
/// price. The cases are built so that a single VoLL has many optima (shedding can move between
/// hours at no cost) and the answer with tiers is derived by hand. Tolerances: 1e-7 relative for
/// GLPK's simplex vertices (as the reference cases); the optimal face is taken as the points whose
/// objective is within 1e-9 relative of the optimum.
@Suite struct LoadSheddingTiersTests {
    /// One region, two hours (weight 1, January) of 100 MW; a reservoir of 100 MW at no cost whose
    /// January budget is `budgetMWh`, so that `200 − budget` MWh must be shed, in either hour.
    static func tieCase(budgetMWh: Double, segments: [SheddingSegment]) -> EnergySystem {
        var dam = Tiny.thermal("dam", 100, cost: 0, carrier: "hydro")
        dam.hasHydroBudget = true
        var system = Tiny.system(generators: [dam], demand: [Tiny.demand("r", 2030, 100)],
                                 hydro: [HydroBudget(generator: "dam", year: 2030, month: 1, energyMWh: budgetMWh)], discountRate: 0)
        system.settings.sheddingSegments = segments
        return system
    }

    /// The range of each step's unserved power `u[r,y,t] = Σ_k u[r,y,t,k]` (region 0, period 0)
    /// over the optimal face: minimised and maximised with the objective held within 1e-9 relative
    /// of the optimum. Also the optimum, USD.
    static func optimalFaceRanges(_ system: EnergySystem, _ time: TimeSlices) throws -> (optimumUSD: Double, ranges: [ClosedRange<Double>]) {
        let lp = try EnergyLP.build(system, options: FormulationOptions(time: time))
        let result = try GLPKSolver().solve(lp.program)
        #expect(result.status == .optimal)
        let solution = try #require(result.solution)
        let optimum = try #require(result.objective) - lp.program.objectiveConstant
        var held = lp
        held.program.addRow("OPTIMUM_HOLD", lp.program.objectiveTerms, .atMost(optimum + 1e-9 * max(1, abs(optimum))))
        var ranges: [ClosedRange<Double>] = []
        for t in time.steps.indices {
            var extremes: [Double] = []
            for sign in [1.0, -1.0] {
                var program = held.program
                program.replaceObjective(with: lp.variables.unserved.terms(0, 0, t, coefficient: sign))
                let face = try GLPKSolver().solve(program)
                #expect(face.status == .optimal)
                extremes.append(sign * (try #require(face.objective)))
            }
            ranges.append(extremes[0]...extremes[1])
        }
        return (lp.objectiveUSD(solution), ranges)
    }

    func matches(_ range: ClosedRange<Double>, _ expected: ClosedRange<Double>) -> Bool {
        close(range.lowerBound, expected.lowerBound) && close(range.upperBound, expected.upperBound)
    }

    @Test func aSingleVoLLLeavesTheShortageHoursAndPeakOpen() throws {
        // 60 MWh short at VoLL 1000: any split of 60 between the two hours costs 60,000 USD, so
        // each hour's shedding ranges over [0, 60]: 1 or 2 shortage hours, a peak of 30 to 60 MW.
        let (optimum, ranges) = try Self.optimalFaceRanges(Self.tieCase(budgetMWh: 140, segments: []), Tiny.hours(2))
        #expect(close(optimum, 60_000))
        for range in ranges { #expect(matches(range, 0...60), "\(range)") }
    }

    @Test func tiersFixTheShortageHoursAndNarrowThePeakToOneSegment() throws {
        // The first 25 % of demand at 200 USD/MWh, the rest at VoLL 1000. The cheap segment holds
        // 25 MW in each hour, 50 MWh in all: both hours fill it (a MWh moved from one hour's
        // segment 1 to the other's segment 2 costs 800 more), and the last 10 MWh go to segment 2
        // of either hour. Cost 50 · 200 + 10 · 1000 = 20,000 USD; each hour sheds 25 to 35 MW:
        // 2 shortage hours in every optimum, a peak of 30 to 35 MW (open within the VoLL segment).
        let tiers = [SheddingSegment(shareOfDemand: 0.25, costUSDPerMWh: 200)]
        let (optimum, ranges) = try Self.optimalFaceRanges(Self.tieCase(budgetMWh: 140, segments: tiers), Tiny.hours(2))
        #expect(close(optimum, 20_000))
        for range in ranges { #expect(matches(range, 25...35), "\(range)") }
    }

    @Test func tiersGiveOneOptimumWhenTheShortfallEndsOnASegmentBoundary() throws {
        // 50 MWh short fills the 25 % segment of both hours exactly: one optimum, 25 MW in each
        // hour (2 shortage hours, peak 25 MW), cost 50 · 200 = 10,000 USD. A single VoLL leaves
        // each hour anywhere in [0, 50].
        let tiers = [SheddingSegment(shareOfDemand: 0.25, costUSDPerMWh: 200)]
        let tiered = try Self.optimalFaceRanges(Self.tieCase(budgetMWh: 150, segments: tiers), Tiny.hours(2))
        #expect(close(tiered.optimumUSD, 10_000))
        for range in tiered.ranges { #expect(matches(range, 25...25), "\(range)") }
        let single = try Self.optimalFaceRanges(Self.tieCase(budgetMWh: 150, segments: []), Tiny.hours(2))
        for range in single.ranges { #expect(matches(range, 0...50), "\(range)") }
    }

    @Test func segmentsAreBoundedByTheirShareOfEachStepsDemand() throws {
        // Demand 40 then 120 MW, no generation: everything is shed. Segments 10 % at 100, 20 % at
        // 300, the rest at 1000: hour 0 sheds 4 + 8 + 28, hour 1 sheds 12 + 24 + 84 MW.
        let tiers = [SheddingSegment(shareOfDemand: 0.1, costUSDPerMWh: 100), SheddingSegment(shareOfDemand: 0.2, costUSDPerMWh: 300)]
        var system = Tiny.system(generators: [Tiny.thermal("off", 0, cost: 1)], demand: [Tiny.demand("r", 2030, hours: [40, 120])],
                                 discountRate: 0)
        system.settings.sheddingSegments = tiers
        let lp = try EnergyLP.build(system, options: FormulationOptions(time: Tiny.hours(2)))
        let result = try GLPKSolver().solve(lp.program)
        let s = try #require(result.solution)
        #expect(lp.variables.unserved.segments.count == 3)
        let expected: [[Double]] = [[4, 8, 28], [12, 24, 84]]
        let totals: [Double] = [40, 120]
        for t in 0..<2 {
            for k in 0..<3 { #expect(close(s[lp.variables.unserved.segments[k][0, 0, t]], expected[t][k])) }
            #expect(close(lp.variables.unserved.value(0, 0, t, in: s.values), totals[t]))
        }
        let cost: Double = 16 * 100 + 32 * 300 + 112 * 1000
        #expect(close(lp.objectiveUSD(s), cost))
        // The marginal price is the dearest segment in use: VoLL here.
        #expect(close(lp.marginalPrice(region: 0, period: 0, step: 1, in: s), 1000))
    }

    @Test func resultsReportUnservedEnergyBySegmentAndPriceItBySegment() throws {
        // The case of tiersFixTheShortageHours...: 50 MWh in segment 1, 10 in segment 2 (VoLL).
        let tiers = [SheddingSegment(shareOfDemand: 0.25, costUSDPerMWh: 200)]
        let optimization = try Optimizer().optimize(Self.tieCase(budgetMWh: 140, segments: tiers),
                                                    options: FormulationOptions(time: Tiny.hours(2)), mode: .cost)
        let provenance = Provenance(bijliVersion: "test", glpkVersion: GLPKLibrary.version, inputHashes: [:], options: [:],
                                    buildSeconds: 0, solveSeconds: 0, rows: 0, columns: 0, nonzeros: 0)
        let results = EnergyResults(optimization, provenance: provenance)
        let period = try #require(results.periods.first)
        let bySegment = try #require(period.unservedBySegmentMWh)
        #expect(bySegment.count == 2)
        #expect(close(bySegment[0], 50))
        #expect(close(bySegment[1], 10))
        #expect(close(period.unservedMWh, 60))
        #expect(close(period.indicators.shortageHours, 2))
        let unservedCost = try #require(period.costBreakdownUSD?["unserved"])
        #expect(close(unservedCost, 20_000))
        #expect(results.system?.loadSheddingSegments == tiers)
        let json = try #require(try JSONSerialization.jsonObject(with: results.json()) as? [String: Any])
        let first = try #require((json["periods"] as? [[String: Any]])?.first)
        #expect((first["unserved_by_segment_mwh"] as? [Double])?.count == 2)
        let data = try #require(results.csvTables()["indicators.csv"])
        let csv = String(decoding: data, as: UTF8.self)
        #expect(csv.contains("2030,unserved_segment_1_mwh,50"))
    }

    @Test func withoutTiersResultsHaveNoSegmentKeys() throws {
        let optimization = try Optimizer().optimize(Self.tieCase(budgetMWh: 140, segments: []),
                                                    options: FormulationOptions(time: Tiny.hours(2)), mode: .cost)
        let provenance = Provenance(bijliVersion: "test", glpkVersion: GLPKLibrary.version, inputHashes: [:], options: [:],
                                    buildSeconds: 0, solveSeconds: 0, rows: 0, columns: 0, nonzeros: 0)
        let results = EnergyResults(optimization, provenance: provenance)
        #expect(results.periods.first?.unservedBySegmentMWh == nil)
        #expect(results.system?.loadSheddingSegments == nil)
        #expect(Economics.unservedSegments(Settings(discountRate: 0, baseYear: 2030, vollUSDPerMWh: 700))
                == [SheddingSegment(shareOfDemand: 1, costUSDPerMWh: 700)])
    }

    @Test func tieredEnergyBalanceMatchesItsGoldenFile() throws {
        // The EB golden case (two regions, a lossy corridor) with two shallow segments.
        var (system, time, _) = GoldenLPTests.goldenCase(.EB)
        system.settings.sheddingSegments = [SheddingSegment(shareOfDemand: 0.05, costUSDPerMWh: 250),
                                            SheddingSegment(shareOfDemand: 0.15, costUSDPerMWh: 600)]
        let lp = try EnergyLP.build(system, options: FormulationOptions(time: time, sumForm: .direct, capacityCopies: false))
        try GoldenLPTests.expectGolden(lp, "EB-tiers.lp")
    }
}

/// `settings.load_shedding_segments` in `model.yaml`: read, sourced, and checked.
@Suite("Loading: tiered load shedding")
struct LoadSheddingSegmentsLoadingTests {
    static let voll = "voll_usd_per_mwh: 5000"

    static func segments(_ yaml: String) -> String {
        voll + "\n  load_shedding_segments:\n" + yaml
    }

    @Test func segmentsAreReadWithTheirSources() throws {
        let system = try TinyCase.system {
            try $0.replace("model/model.yaml", Self.voll, Self.segments("""
                    - {share_of_demand: 0.02, cost_usd_per_mwh: 400, tag: DERIVED, source: "self-generation cost"}
                    - {share_of_demand: 0.08, cost_usd_per_mwh: 2000}
                """))
        }
        #expect(system.settings.sheddingSegments == [SheddingSegment(shareOfDemand: 0.02, costUSDPerMWh: 400),
                                                     SheddingSegment(shareOfDemand: 0.08, costUSDPerMWh: 2000)])
        let all = Economics.unservedSegments(system.settings)
        #expect(all.count == 3 && all[2].costUSDPerMWh == 5000 && close(all[2].shareOfDemand, 0.9))
        let first = try #require(system.sources.first { $0.key == "settings.load_shedding_segments.1" })
        #expect(first.tag == .derived && first.source == "self-generation cost")
        // The second inherits the settings' (here the file's) source and tag.
        #expect(system.sources.first { $0.key == "settings.load_shedding_segments.2" }?.tag == .assumption)
    }

    @Test func withoutTheKeyThereIsOneSegmentAtVoLL() throws {
        let system = try TinyCase.load()
        #expect(system.settings.sheddingSegments.isEmpty)
        #expect(Economics.unservedSegments(system.settings) == [SheddingSegment(shareOfDemand: 1, costUSDPerMWh: 5000)])
    }

    @Test func badSegmentsAreReported() throws {
        let issues = try TinyCase.issues {
            try $0.replace("model/model.yaml", Self.voll, Self.segments("""
                    - {share_of_demand: 1.5, cost_usd_per_mwh: 400}
                    - {share_of_demand: 0.1, cost_usd_per_mwh: 300}
                    - {share_of_demand: 0.1, cost_usd_per_mwh: 6000, price: 3}
                """))
        }
        #expect(has(issues, file: "model.yaml", "load shedding segment 1: 'share_of_demand' must be in (0, 1), found 1.5"))
        #expect(has(issues, file: "model.yaml", "load shedding segment 2: 'cost_usd_per_mwh' 300.0 is not above the segment before (400.0)"))
        #expect(has(issues, file: "model.yaml", "unknown key 'price' in load shedding segment 3"))
        #expect(has(issues, file: "model.yaml", "the shares of 'load_shedding_segments' sum to 1.7"))
        #expect(has(issues, file: "model.yaml", "the dearest load shedding segment (6000.0 USD/MWh) is not below 'voll_usd_per_mwh' (5000.0)"))
    }

    @Test func anEmptyListIsReported() throws {
        let issues = try TinyCase.issues { try $0.replace("model/model.yaml", Self.voll, Self.voll + "\n  load_shedding_segments: []") }
        #expect(has(issues, file: "model.yaml", "'load_shedding_segments' is empty"))
    }
}
