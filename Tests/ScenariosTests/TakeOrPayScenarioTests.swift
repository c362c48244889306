import EnergyModel
import Foundation
import Scenarios
import Testing

/// A supply cut below a take-or-pay minimum lowers the minimum with it (cargoes not delivered are
/// not paid for); a cut that leaves the supply above the minimum keeps it. The `fuel_offtake`
/// target sets, scales or lifts the minimum itself, never above the supply limit.
@Suite struct TakeOrPayScenarioTests {
    static func system() -> EnergySystem {
        var system = ScenarioTests.system()
        system.fuels = [Fuel(id: "rlng", imported: true, co2TonnesPerMMBtu: 0.0531, priceUSDPerMMBtu: MonthlyValues([2030: [1: 10, 2: 10]]),
                             supplyLimitMMBtu: MonthlyValues([2030: [1: 1_000_000, 2: 1_000_000]]),
                             minimumOfftakeMMBtu: MonthlyValues([2030: [1: 600_000, 2: 600_000]]))]
        return system
    }

    @Test(arguments: [(0.5, 500_000.0), (0.8, 600_000.0)])
    func aSupplyCutCapsTheMinimum(_ factor: Double, _ expected: Double) throws {
        let library = try ScenarioTests.library(["cut": ScenarioTests.header + "  - {target: fuel_supply, select: {fuel: rlng, months: 1}, scale: \(factor)}\n"],
                                                system: Self.system()).get()
        let (disrupted, _) = try library.apply(library.scenario("cut")!, to: Self.system())
        #expect(disrupted.fuels[0].minimumOfftakeMMBtu[2030, 1] == expected)
        #expect(disrupted.fuels[0].minimumOfftakeMMBtu[2030, 2] == 600_000)  // February not cut
    }

    static func apply(_ overlay: String) throws -> EnergySystem {
        let library = try ScenarioTests.library(["v": ScenarioTests.header + overlay], system: Self.system()).get()
        return try library.apply(library.scenario("v")!, to: Self.system()).0
    }

    @Test("fuel_offtake sets, scales and lifts the minimum of the selected months")
    func offtakeOverlay() throws {
        let raised = try Self.apply("  - {target: fuel_offtake, select: {fuel: rlng, months: 2}, set: 900000}\n")
        #expect(raised.fuels[0].minimumOfftakeMMBtu[2030, 1] == 600_000)
        #expect(raised.fuels[0].minimumOfftakeMMBtu[2030, 2] == 900_000)
        let halved = try Self.apply("  - {target: fuel_offtake, select: {fuel: rlng, months: \"1-2\"}, scale: 0.5}\n")
        #expect(halved.fuels[0].minimumOfftakeMMBtu == MonthlyValues([2030: [1: 300_000, 2: 300_000]]))
        let lifted = try Self.apply("  - {target: fuel_offtake, select: {fuel: rlng, months: 1}, remove: true}\n")
        #expect(lifted.fuels[0].minimumOfftakeMMBtu[2030, 1] == nil)
        #expect(lifted.fuels[0].minimumOfftakeMMBtu[2030, 2] == 600_000)
    }

    @Test("a minimum above the supply limit, and a scale where there is no minimum, are refused")
    func offtakeRefusals() throws {
        #expect {
            _ = try Self.apply("  - {target: fuel_offtake, select: {fuel: rlng, months: 1}, add: 500000}\n")
        } throws: { error in
            "\(error)".contains("the take-or-pay minimum of rlng would exceed its supply limit in 2030-1 (1.1e+06 > 1e+06 MMBtu)")
        }
        #expect {
            _ = try Self.apply("  - {target: fuel_offtake, select: {fuel: rlng, months: 3}, scale: 2}\n")
        } throws: { error in
            "\(error)".contains("no take-or-pay minimum to change for rlng 2030-3")
        }
    }

    @Test("a forced take is paid for whether burned or not: the cost rises by the unburned volume at its price")
    func forcedTakeCost() throws {
        // ScenarioTests.system() burns no rlng (no generator uses it), so every MMBtu of the
        // minimum is surplus paid at 10 USD/MMBtu: January raised from 600,000 to 1,000,000 MMBtu
        // costs 4.0 million USD more a year.
        let base = try ScenarioTests.solveMonthly(Self.system())
        let forced = try ScenarioTests.solveMonthly(try Self.apply("  - {target: fuel_offtake, select: {fuel: rlng, months: 1}, set: 1000000}\n"))
        #expect(abs((base.periods[0].costBreakdownUSD?["take_or_pay_surplus"] ?? 0) - 12_000_000) < 1)
        #expect(abs((forced.periods[0].costBreakdownUSD?["take_or_pay_surplus"] ?? 0) - 16_000_000) < 1)
        // Imported: the surplus leaves the country too. Discount rate 0, one year represented.
        #expect(abs(forced.periods[0].indicators.fuelImportBillUSD - 16_000_000) < 1)
        #expect(abs((forced.objectiveUSD ?? 0) - (base.objectiveUSD ?? 0) - 4_000_000) < 1)
    }
}
