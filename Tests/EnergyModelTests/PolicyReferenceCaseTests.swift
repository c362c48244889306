import Foundation
import Testing
import LinearProgramming
@testable import EnergyModel

/// Hand-derived cases for MINGEN, CO2, IMPORT and FXBILL (one step of 8760 h, demand 100 MW unless
/// said). Tolerance 1e-7 relative.
@Suite struct PolicyReferenceCaseTests {
    func solve(_ system: EnergySystem, _ form: FormulationOptions.SumForm = .automatic) throws -> (EnergyLP, Solution) {
        let lp = try EnergyLP.build(system, options: FormulationOptions(time: Tiny.oneStep, sumForm: form))
        let result = try GLPKSolver().solve(lp.program)
        #expect(result.status == .optimal)
        return (lp, try #require(result.solution))
    }

    func fuel(_ id: String, imported: Bool, co2: Double, price: Double) -> Fuel {
        Fuel(id: id, imported: imported, co2TonnesPerMMBtu: co2, priceUSDPerMMBtu: MonthlyValues([2030: [1: price]]))
    }

    func plant(_ id: String, fuel: String, heatRate: Double, cost: Double) -> Generator {
        Generator(id: id, region: "r", technology: "thermal", carrier: fuel, fuel: fuel, existingCapacityMW: 100,
                  heatRateMMBtuPerMWh: heatRate, variableOMUSDPerMWh: cost)
    }

    @Test func mustRunForcesTheDearerUnit() throws {
        // A (30 USD/MWh) must run at half its 100 MW: A 50, B (10 USD/MWh) 30 for demand 80.
        // Cost 50·30 + 30·10 = 1800 per hour; the MINGEN row's dual is 30 − 10 = 20 USD/MWh.
        var a = Tiny.thermal("a", 100, cost: 30)
        a.minimumGenerationFraction = 0.5
        a.investment = Investment(capexUSDPerKW: 1000, lifetimeYears: 30)   // capacity a decision: MINGEN is a row
        let system = Tiny.system(generators: [a, Tiny.thermal("b", 100, cost: 10)], demand: [Tiny.demand("r", 2030, 80)])
        let (lp, s) = try solve(system)
        #expect(close(lp.objectiveUSD(s), 8760 * 1800))
        let row = try #require(lp.familyRows.first { $0.family == .MINGEN })
        #expect(close(abs(lp.usd(s.dual(row.row))) / 8760, 20))
    }

    @Test(arguments: FormulationOptions.SumForm.allCases)
    func emissionCapSetsACarbonPrice(_ form: FormulationOptions.SumForm) throws {
        // Coal 1 t/MWh at 10, gas 0.35 t/MWh at 30. A cap of 61 t/h gives coal x with
        // x + 0.35 (100 − x) = 61, x = 40: cost 40·10 + 60·30 = 2200 per hour. Switching a MWh
        // from coal to gas costs 20 and saves 0.65 t: carbon price 20 / 0.65 USD/t.
        let system = Tiny.system(
            generators: [plant("coal", fuel: "coal", heatRate: 10, cost: 10), plant("gas", fuel: "gas", heatRate: 7, cost: 30)],
            fuels: [fuel("coal", imported: false, co2: 0.1, price: 0), fuel("gas", imported: false, co2: 0.05, price: 0)],
            policies: Policies(co2CapTonnes: PolicyTarget([2030: 61 * 8760])), demand: [Tiny.demand("r", 2030, 100)])
        let (lp, s) = try solve(system, form)
        #expect(close(lp.objectiveUSD(s), 8760 * 2200))
        let row = try #require(lp.familyRows.first { $0.family == .CO2 })
        #expect(close(abs(lp.shadowPrice(row, in: s)), 20 / 0.65))
    }

    @Test(arguments: FormulationOptions.SumForm.allCases)
    func importCapLimitsImportedFuel(_ form: FormulationOptions.SumForm) throws {
        // Imported LNG at 10, domestic coal at 30; at most 40 % of demand from imports:
        // LNG 40, coal 60, cost 2200 per hour; the cap is worth 20 USD per MWh.
        let system = Tiny.system(
            generators: [plant("lng", fuel: "lng", heatRate: 7, cost: 10), plant("coal", fuel: "coal", heatRate: 10, cost: 30)],
            fuels: [fuel("lng", imported: true, co2: 0, price: 0), fuel("coal", imported: false, co2: 0, price: 0)],
            policies: Policies(importShareCap: PolicyTarget([2030: 0.4])), demand: [Tiny.demand("r", 2030, 100)])
        let (lp, s) = try solve(system, form)
        #expect(close(lp.objectiveUSD(s), 8760 * 2200))
        let row = try #require(lp.familyRows.first { $0.family == .IMPORT })
        #expect(close(abs(lp.shadowPrice(row, in: s)), 20))
    }

    @Test(arguments: FormulationOptions.SumForm.allCases)
    func fxBudgetLimitsTheImportBill(_ form: FormulationOptions.SumForm) throws {
        // LNG: 7 MMBtu/MWh at 10 USD/MMBtu = 70 USD/MWh of imports; domestic coal at 90.
        // A budget of 8760 · 70 · 30 USD allows 30 MW of LNG: cost 30·70 + 70·90 = 8400 per hour.
        // One more USD of budget buys 1/70 MWh of LNG, saving 20/70 USD.
        let system = Tiny.system(
            generators: [plant("lng", fuel: "lng", heatRate: 7, cost: 0), plant("coal", fuel: "coal", heatRate: 10, cost: 90)],
            fuels: [fuel("lng", imported: true, co2: 0, price: 10), fuel("coal", imported: false, co2: 0, price: 0)],
            policies: Policies(fxBudgetUSD: PolicyTarget([2030: 8760 * 70 * 30])), demand: [Tiny.demand("r", 2030, 100)])
        let (lp, s) = try solve(system, form)
        #expect(close(lp.objectiveUSD(s), 8760 * 8400))
        let row = try #require(lp.familyRows.first { $0.family == .FXBILL })
        #expect(close(abs(lp.shadowPrice(row, in: s)), 20.0 / 70.0))
    }

    @Test func softPolicyReportsItsViolation() throws {
        // The import cap of 40 % with a penalty of 5 USD/MWh: breaking it saves 20 − 5 per MWh,
        // so LNG serves all 100 MW and the cap is missed by 60 MW · 8760 h.
        let system = Tiny.system(
            generators: [plant("lng", fuel: "lng", heatRate: 7, cost: 10), plant("coal", fuel: "coal", heatRate: 10, cost: 30)],
            fuels: [fuel("lng", imported: true, co2: 0, price: 0), fuel("coal", imported: false, co2: 0, price: 0)],
            policies: Policies(importShareCap: PolicyTarget([2030: 0.4], penalty: 5)), demand: [Tiny.demand("r", 2030, 100)])
        let (lp, s) = try solve(system)
        let row = try #require(lp.familyRows.first { $0.family == .IMPORT })
        #expect(close(lp.violation(row, in: s), 60 * 8760))
        #expect(close(lp.objectiveUSD(s), 8760 * (100 * 10 + 60 * 5)))
    }
}
