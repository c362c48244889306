import EnergyModel
import LinearProgramming
import Scenarios
import Testing

/// Issue 19: infeasible runs gave no hint of the constraint at fault.
@Suite struct InfeasibilityTests {
    @Test func theConflictingFamiliesAreNamed() throws {
        // A hard reserve margin of 50 % over an 80 MW peak (120 MW firm) with 100 MW that cannot grow.
        var system = ScenarioTests.system()
        system.policies.reserveMargin = PolicyTarget([2030: 0.5])
        let lp = try EnergyLP.build(system, options: FormulationOptions(time: .hourly))
        #expect(try GLPKSolver().solve(lp.program).status == .infeasible)
        let explanation = lp.explainInfeasibility(solver: GLPKSolver())
        #expect(explanation.culprits.map(\.family).contains(EquationID.RESERVE))
        #expect(explanation.tried.contains(EquationID.EB))
        let sentences = explanation.sentences.joined(separator: "\n")
        #expect(sentences.contains("Without its RESERVE rows (the reserve margin; 1 row, e.g. RESERVE["), "\(sentences)")
    }

    @Test func mustRunAboveDemandNamesTheBalance() throws {
        // 50 MW of must-run generation against 40 MW of demand: no dispatch balances. Capacity
        // and minimum generation are bounds here (the capacity is fixed), so the rows at fault
        // are the energy balance's.
        var system = StressUnsolvedTests.mustRunSystem()
        system.demand[0].hourlyMW = Array(repeating: 40, count: 8760)
        let lp = try EnergyLP.build(system, options: FormulationOptions(time: .hourly))
        let explanation = lp.explainInfeasibility(solver: GLPKSolver())
        #expect(explanation.culprits.map(\.family) == [EquationID.EB])
    }

    @Test func severalFamiliesTogetherAreSaidSo() {
        let explanation = InfeasibilityExplanation(culprits: [], tried: [.EB, .CAP])
        #expect(explanation.sentences == ["No single constraint family is at fault: relaxing any one of EB, CAP alone leaves the program infeasible, so several conflict together."])
    }
}
