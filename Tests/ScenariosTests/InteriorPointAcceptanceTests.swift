import EnergyModel
import Foundation
import LinearProgramming
import Scenarios
import Testing

/// A program on which GLPK's interior point really stops short: the 2035 dispatch of the Pakistan
/// base plan in stress mode at run date 2025-03-01 (capacities of that plan in
/// `Fixtures/pakistan-base-plan-2025-03-01.json`). GLPK reports numerical instability at iteration
/// 30 with its best point within 1e-6 of optimal; the dual-simplex fallback that used to follow
/// failed to factorise its basis, and the period's stress line was a solver error.
///
/// Opt-in (it builds the Pakistan model, about 10 s in a debug build): `BIJLI_PAKISTAN_SOLVES=1`.
/// The program is not kept as an MPS file: written out and read back (15 digits) it solves to
/// optimality without the instability, so the test rebuilds it from the model. If the Pakistan
/// data change so that it no longer stops short, record a new case (docs/LINEAR-PROGRAMMING.md).
@Suite("Interior point: a point that stopped short")
struct InteriorPointAcceptanceTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func stressProgram() throws -> LinearProgram {
        let root = repository
        var system = try CaseLoader.load(model: root.appendingPathComponent("Models/pakistan"), inputs: root.appendingPathComponent("Inputs/pakistan"),
                                         tariffs: .newest(runDate: CalendarDate(year: 2025, month: 3, day: 1)!))
        let time = try TimeSlices.representativeDays(count: 24, series: system.representativeDaySeries(year: 2025), seed: 0).0
        system = StressTest.operational(system)
        var options = FormulationOptions(time: time, periodYears: [2035])
        let plan = root.appendingPathComponent("Tests/ScenariosTests/Fixtures/pakistan-base-plan-2025-03-01.json")
        options.fixedCapacityMW = try JSONDecoder().decode(CapacityPlan.self, from: Data(contentsOf: plan))
        return try EnergyLP.build(system, options: options).program
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["BIJLI_PAKISTAN_SOLVES"] != nil))
    func pakistanStressPeriodIsAcceptedAtItsBestPoint() throws {
        let program = try Self.stressProgram()
        let interior = try GLPKSolver(options: SolverOptions(method: .interiorPoint)).solve(program)
        #expect(interior.log.contains("NUMERIC INSTABILITY"), "the case no longer stops short: record a new one")
        #expect(interior.status == .optimal)
        #expect(interior.method == .interiorPoint)
        #expect(interior.returnCodes == [17])  // GLP_EINSTAB, and no simplex call after it
        let point = try #require(interior.acceptedInteriorPoint)
        #expect(point.isWithin(InteriorResiduals.acceptanceTolerance))
        // The same optimum from the simplex, to well within the accepted gap.
        let simplex = try GLPKSolver(options: SolverOptions(method: .primalSimplex)).solve(program)
        #expect(simplex.status == .optimal)
        let (a, b) = (try #require(interior.objective), try #require(simplex.objective))
        #expect(abs(a - b) <= 1e-6 * abs(b), "interior \(a), simplex \(b)")
    }
}
