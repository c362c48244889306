import Decomposition
import EnergyModel
import Foundation
import LinearProgramming
import Testing

/// Decomposed = monolithic on the Pakistan plan (`Models/pakistan`, `Inputs/pakistan`, three
/// periods, 12 representative days). Opt-in (`BIJLI_PAKISTAN_SOLVES=1`): 24 s in a debug build.
/// The whole program is solved by GLPK's interior point (accurate to about 1e-8 relative,
/// docs/LINEAR-PROGRAMMING.md), the decomposition to the default gap 1e-4; the objectives must agree
/// within that gap.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["BIJLI_PAKISTAN_SOLVES"] == "1"))
struct PakistanDecompositionTests {
    @Test func repdaysPlanDecomposedEqualsWhole() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let system = try CaseLoader.load(model: root.appendingPathComponent("Models/pakistan"), inputs: root.appendingPathComponent("Inputs/pakistan"))
        let series = system.representativeDaySeries(year: system.periods.first?.year)
        let time = try TimeSlices.representativeDays(count: 12, series: series, seed: 0).0
        let lp = try EnergyLP.build(system, options: FormulationOptions(time: time))
        let whole = try GLPKSolver(options: SolverOptions(method: .interiorPoint)).solve(lp.program)
        #expect(whole.status == .optimal)
        let reference = try #require(whole.objective)
        let blocks = try lp.bendersBlocks(by: .period)
        #expect(blocks.blockCount == system.periods.count)
        let result = try BendersSolver(options: BendersOptions(gap: 1e-4)).solve(lp.program, blocks: blocks)
        #expect(result.status == .optimal, "\(result.message)")
        let objective = try #require(result.solution?.objective)
        #expect(abs(objective - reference) <= 1e-4 * abs(reference), "decomposed \(objective), whole \(reference)")
        #expect(result.lowerBound <= reference * (1 + 1e-6))
    }
}
