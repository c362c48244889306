import Foundation
import Testing
@testable import EnergyModel
import LinearProgramming

/// `settings.objective_unit_usd`: the USD one unit of the program's objective stands for (the
/// default, a million USD, suits Pakistan's tens of billions; a small PyPSA network with marginal
/// costs of a few USD per MWh needs a smaller unit, docs/MODEL.md).
@Suite struct ObjectiveUnitTests {
    @Test func theUnitScalesTheProgramNotTheAnswer() throws {
        let system = CorridorTermsTests.system(flowCost: 5)
        var small = system
        small.settings.objectiveUnitUSD = 1000
        let time = CorridorTermsTests.hour
        let defaultLP = try EnergyLP.build(system, options: FormulationOptions(time: time))
        let smallLP = try EnergyLP.build(small, options: FormulationOptions(time: time))
        // The coefficient of a's plant (10 USD/MWh in a one-hour step): 1e-5 in million USD, 1e-2 in thousands.
        let column = try #require(defaultLP.program.variableNames.firstIndex(of: "p[ga,2025,t0000]"))
        #expect(abs(defaultLP.program.objective[column] - 1e-5) < 1e-18)
        #expect(abs(smallLP.program.objective[column] - 1e-2) < 1e-15)
        #expect(smallLP.options.costScale == 1e-3)
        for lp in [defaultLP, smallLP] {
            let solution = try #require(try GLPKSolver().solve(lp.program).solution)
            #expect(abs(lp.objectiveUSD(solution) - 1_350) < 1e-6)
        }
    }

    @Test func theUnitIsReadAndChecked() throws {
        let system = try TinyCase.system {
            try $0.replace("model/model.yaml", "voll_usd_per_mwh: 5000", "voll_usd_per_mwh: 5000\n  objective_unit_usd: 1000")
        }
        #expect(system.settings.objectiveUnitUSD == 1000)
        #expect(try TinyCase.load().settings.objectiveUnitUSD == nil)
        let issues = try TinyCase.issues {
            try $0.replace("model/model.yaml", "voll_usd_per_mwh: 5000", "voll_usd_per_mwh: 5000\n  objective_unit_usd: 0.5")
        }
        #expect(has(issues, file: "model.yaml", "'objective_unit_usd' must be in [1, 1e9], found 0.5"))
    }
}
