import Foundation
import LinearProgramming
import Testing
@testable import EnergyModel

/// The least-peak-shortfall stage (Optimizer): where the answer sheds load, the peak shortfall
/// stated is the least of any dispatch as cheap as the answer, so it does not depend on which
/// optimum GLPK returned. The tie case of LoadSheddingTiersTests: two hours of 100 MW, a
/// reservoir of 100 MW with a 140 MWh budget, so 60 MWh are shed at VoLL 1,000 USD/MWh, split
/// any way between the hours (each hour 0-60 MW). Hand-derived: the least peak is 30 MW (30 in
/// each hour); the answer's own peak may be anything from 30 to 60.
@Suite struct LeastPeakShortfallTests {
    static func results(_ system: EnergySystem, stage: Bool = true) throws -> (Optimization, EnergyResults) {
        let run = try Optimizer(solver: GLPKSolver(), leastPeakStage: stage).optimize(system, options: FormulationOptions(time: Tiny.hours(2)), mode: .cost)
        #expect(run.result.status == .optimal)
        let results = EnergyResults(run, provenance: Provenance(bijliVersion: "", glpkVersion: "", inputHashes: [:], options: [:],
                                                                buildSeconds: 0, solveSeconds: 0, rows: 0, columns: 0, nonzeros: 0))
        return (run, results)
    }

    @Test func theStatedPeakIsTheLeastOfTheOptimalFace() throws {
        let (run, results) = try Self.results(LoadSheddingTiersTests.tieCase(budgetMWh: 140, segments: []))
        #expect(close(results.periods[0].unservedMWh, 60))
        #expect(close(try #require(run.leastPeakShortfallMW?.first), 30))
        #expect(close(results.periods[0].indicators.peakShortfallMW, 30))
        // The answer itself (and its cost) is the first stage's: the stage only measures.
        #expect(run.stages.map(\.name) == ["minimise cost", "least peak shortfall at the same cost"])
        #expect(close(try #require(run.costUSD), 60_000))
        // The dispatch returned sheds 30 to 60 MW at its peak, whichever vertex GLPK chose.
        let own = (0..<2).map { run.lp.variables.unserved.value(0, 0, $0, in: run.result.solution!.values) }
        #expect(own.max()! >= 30 - 1e-6 && own.max()! <= 60 + 1e-6)
        // Without the stage, the answer's own peak is stated.
        let (_, plain) = try Self.results(LoadSheddingTiersTests.tieCase(budgetMWh: 140, segments: []), stage: false)
        #expect(close(plain.periods[0].indicators.peakShortfallMW, own.max()!))
    }

    @Test func withTiersTheLeastPeakIsAlsoThirty() throws {
        // 25 % of demand at 200 USD/MWh: both hours fill 25 MW, the last 10 MWh go to either hour
        // at VoLL (25-35 MW each); the least peak splits them, 30 MW.
        let tiers = [SheddingSegment(shareOfDemand: 0.25, costUSDPerMWh: 200)]
        let (_, results) = try Self.results(LoadSheddingTiersTests.tieCase(budgetMWh: 140, segments: tiers))
        #expect(close(results.periods[0].indicators.peakShortfallMW, 30))
    }

    @Test func noSheddingNoStage() throws {
        let (run, results) = try Self.results(LoadSheddingTiersTests.tieCase(budgetMWh: 200, segments: []))
        #expect(run.leastPeakShortfallMW == nil)
        #expect(run.stages.count == 1)
        #expect(results.periods[0].indicators.peakShortfallMW < 1e-6)
    }

    @Test func theSolverSummaryKeepsTheAnswersGap() throws {
        // By the interior point, whose gap is measured: the summary states the answer's stage's
        // gap, not the gap of the stage that only measures the peak.
        let run = try Optimizer(solver: GLPKSolver(options: SolverOptions(method: .interiorPoint)))
            .optimize(LoadSheddingTiersTests.tieCase(budgetMWh: 140, segments: []), options: FormulationOptions(time: Tiny.hours(2)), mode: .cost)
        #expect(run.stages.map(\.name) == ["minimise cost", Stage.leastPeakShortfall])
        #expect(close(try #require(run.leastPeakShortfallMW?.first), 30, 1e-5))
        let summary = SolverSummary(run)
        #expect(run.stages[0].relativeGap != run.stages[1].relativeGap, "the two gaps must differ for this test to tell them apart")
        #expect(summary.relativeGap == run.stages[0].relativeGap)
    }
}
