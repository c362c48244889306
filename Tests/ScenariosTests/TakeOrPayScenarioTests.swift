import EnergyModel
import Foundation
import Scenarios
import Testing

/// A supply cut below a take-or-pay minimum lowers the minimum with it (cargoes not delivered are
/// not paid for); a cut that leaves the supply above the minimum keeps it.
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
}
