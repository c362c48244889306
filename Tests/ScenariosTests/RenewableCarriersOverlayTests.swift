import EnergyModel
import Foundation
import LinearProgramming
import Testing
@testable import Scenarios

/// The `renewable_carriers` overlay target: which carriers count towards the renewable share.
/// A one-period case with 100 MW of flat demand, 40 MW of existing hydro (free, always
/// available), gas at 1 USD/MWh and a wind candidate (always available, 1,000 USD/kW over 40
/// years at 0 % = 25,000 USD/MW-year, dearer than gas's 8,760 USD/MW-year), and a hard target of
/// 50 % renewable. Hand-derived: with hydro counted, wind tops 40 MW up to 50 MW, so 10 MW is
/// built; without hydro, wind must make the whole 50 MW.
@Suite struct RenewableCarriersOverlayTests {
    static func system() -> EnergySystem {
        let hydro = Generator(id: "hydro", region: "r", technology: "ror", carrier: "hydro", existingCapacityMW: 40, variableOMUSDPerMWh: 0)
        let gas = Generator(id: "gas", region: "r", technology: "ccgt", carrier: "gas", existingCapacityMW: 100, variableOMUSDPerMWh: 1)
        var wind = Generator(id: "wind", region: "r", technology: "wind", carrier: "wind", existingCapacityMW: 0, variableOMUSDPerMWh: 0)
        wind.investment = Investment(capexUSDPerKW: 1000, lifetimeYears: 40, firstBuildYear: 2030)
        return EnergySystem(
            name: "re", settings: Settings(discountRate: 0, baseYear: 2030, vollUSDPerMWh: 1000),
            periods: [Period(year: 2030, yearsRepresented: 1)], regions: [Region(id: "r")],
            generators: [hydro, gas, wind],
            policies: Policies(renewableShare: PolicyTarget([2030: 0.5], penalty: nil), renewableCarriers: ["wind", "hydro"]),
            demand: [RegionalDemand(region: "r", year: 2030, hourlyMW: Array(repeating: 100, count: 8760))])
    }

    static func apply(_ overlay: String) throws -> EnergySystem {
        let library = try ScenarioTests.library(["v": ScenarioTests.header + overlay], system: system()).get()
        return try library.apply(library.scenario("v")!, to: system()).0
    }

    @Test("removing hydro from the definition makes wind carry the whole target (10 MW -> 50 MW)")
    func removeHydro() throws {
        let base = try ScenarioTests.solveMonthly(Self.system())
        #expect(abs((base.periods[0].capacityMW["wind"] ?? -1) - 10) < 1e-6)
        #expect(abs(base.periods[0].indicators.renewableShare - 0.5) < 1e-9)

        let variant = try Self.apply("  - {target: renewable_carriers, select: {carrier: hydro}, remove: true}\n")
        #expect(variant.policies.renewableCarriers == ["wind"])
        let results = try ScenarioTests.solveMonthly(variant)
        #expect(abs((results.periods[0].capacityMW["wind"] ?? -1) - 50) < 1e-6)
        // The indicator follows the definition the run used: wind alone, 50 %.
        #expect(abs(results.periods[0].indicators.renewableShare - 0.5) < 1e-9)
        #expect(results.system?.renewableCarriers == ["wind"])
    }

    @Test("set: 1 counts a carrier, set: 0 stops counting it")
    func setCounts() throws {
        let counted = try Self.apply("  - {target: renewable_carriers, select: {carrier: gas}, set: 1}\n")
        #expect(counted.policies.renewableCarriers == ["wind", "hydro", "gas"])
        // Gas counted: the target is met without wind.
        let results = try ScenarioTests.solveMonthly(counted)
        #expect(abs(results.periods[0].capacityMW["wind"] ?? 0) < 1e-6)
        let dropped = try Self.apply("  - {target: renewable_carriers, select: {carrier: [hydro, wind]}, set: 0}\n")
        #expect(dropped.policies.renewableCarriers.isEmpty)
    }

    @Test("a value other than 0 or 1, a missing carrier selector, an unknown carrier and other operations are refused")
    func refusals() throws {
        for (overlay, message) in [
            ("  - {target: renewable_carriers, select: {carrier: hydro}, set: 0.5}\n", "'set' is 1 (the carriers count towards the renewable share) or 0"),
            ("  - {target: renewable_carriers, remove: true}\n", "a renewable_carriers overlay must select carriers"),
            ("  - {target: renewable_carriers, select: {carrier: hydel}, remove: true}\n", "unknown carrier 'hydel'; did you mean 'hydro'"),
            ("  - {target: renewable_carriers, select: {carrier: hydro}, scale: 2}\n", "'scale' does not apply to renewable_carriers"),
            ("  - {target: renewable_carriers, select: {carrier: hydro, region: r}, remove: true}\n", "region"),
        ] {
            guard case .failure(let error) = try ScenarioTests.library(["v": ScenarioTests.header + overlay], system: Self.system()) else {
                Issue.record("accepted: \(overlay)")
                continue
            }
            #expect(error.description.contains(message), "\(error.description)")
        }
    }

    @Test("the overlay in words")
    func words() throws {
        let library = try ScenarioTests.library(["v": ScenarioTests.header + "  - {target: renewable_carriers, select: {carrier: hydro}, remove: true}\n"],
                                                system: Self.system()).get()
        #expect(library.changes(of: library.scenario("v")!).last == "  Carriers counted as renewable (carrier hydro): not counted")
    }
}
