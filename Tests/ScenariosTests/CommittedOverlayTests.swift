import EnergyModel
import Foundation
import LinearProgramming
import Testing
@testable import Scenarios

/// The `committed` overlay target: moving, cancelling and resizing committed builds. A case with
/// periods 2030 and 2035, 80 MW of demand, an existing plant at 50 USD/MWh and a candidate "new"
/// (10 USD/MWh, 1,000 USD/kW, 40 years, at most 60 MW) committed with 40 MW in 2030.
@Suite struct CommittedOverlayTests {
    static func system() -> EnergySystem {
        var old = Generator(id: "old", region: "r", technology: "ccgt", carrier: "gas", existingCapacityMW: 100, variableOMUSDPerMWh: 50)
        old.capacityCredit = 1
        var new = Generator(id: "new", region: "r", technology: "hydro", carrier: "hydro", existingCapacityMW: 0, variableOMUSDPerMWh: 10)
        new.investment = Investment(capexUSDPerKW: 1000, lifetimeYears: 40, maxCapacityMW: 60, committedMW: [2030: 40], firstBuildYear: 2030)
        return EnergySystem(
            name: "two", settings: Settings(discountRate: 0, baseYear: 2030, vollUSDPerMWh: 1000),
            periods: [Period(year: 2030, yearsRepresented: 5), Period(year: 2035, yearsRepresented: 5)], regions: [Region(id: "r")],
            generators: [old, new],
            demand: [2030, 2035].map { RegionalDemand(region: "r", year: $0, hourlyMW: Array(repeating: 80, count: 8760)) })
    }

    static func apply(_ overlays: String) throws -> EnergySystem {
        let library = try ScenarioTests.library(["w": ScenarioTests.header + overlays], system: system()).get()
        return try library.apply(library.scenario("w")!, to: system()).0
    }

    @Test("move_to delays a committed project: its builds move and it cannot come earlier")
    func moveTo() throws {
        let moved = try Self.apply("  - {target: committed, select: {resource: new}, move_to: 2035}\n")
        let investment = try #require(moved.generators[1].investment)
        #expect(investment.committedMW == [2035: 40])
        #expect(investment.firstBuildYear == 2035)
        // Solved: nothing of "new" in 2030 although it is the cheaper plant; 2035 builds at least 40 MW.
        let results = try ScenarioTests.solve(moved)
        #expect(abs(results.periods[0].capacityMW["new"] ?? -1) < 1e-6)
        #expect((results.periods[1].capacityMW["new"] ?? 0) >= 40 - 1e-6)
        // Without the overlay 2030 has the committed 40 MW.
        let base = try ScenarioTests.solve(Self.system())
        #expect((base.periods[0].capacityMW["new"] ?? 0) >= 40 - 1e-6)
    }

    @Test("remove cancels the project, or with periods only those commitments")
    func remove() throws {
        let cancelled = try Self.apply("  - {target: committed, select: {resource: new}, remove: true}\n")
        #expect(cancelled.generators[1].investment == nil)
        let uncommitted = try Self.apply("  - {target: committed, select: {resource: new, periods: 2030}, remove: true}\n")
        #expect(uncommitted.generators[1].investment?.committedMW == [:])
        #expect(uncommitted.generators[1].investment?.capexUSDPerKW == 1000)
    }

    @Test("set commits a build in a period without one; scale resizes")
    func resize() throws {
        let set = try Self.apply("  - {target: committed, select: {resource: new, periods: 2035}, set: 15}\n")
        #expect(set.generators[1].investment?.committedMW == [2030: 40, 2035: 15])
        let half = try Self.apply("  - {target: committed, select: {resource: new}, scale: 0.5}\n")
        #expect(half.generators[1].investment?.committedMW == [2030: 20])
    }

    @Test("a year that is not a period, a commitment above the maximum and move_to elsewhere are refused")
    func refusals() throws {
        guard case .failure(let year) = try ScenarioTests.library(["w": ScenarioTests.header + "  - {target: committed, select: {resource: new}, move_to: 2040}\n"],
                                                                   system: Self.system()) else { Issue.record("accepted"); return }
        #expect(year.description.contains("'move_to' must be a period year, found '2040'"))
        guard case .failure(let target) = try ScenarioTests.library(["w": ScenarioTests.header + "  - {target: availability, move_to: 2035}\n"],
                                                                     system: Self.system()) else { Issue.record("accepted"); return }
        #expect(target.description.contains("'move_to' does not apply to availability"))
        #expect {
            _ = try Self.apply("  - {target: committed, select: {resource: new, periods: 2035}, set: 30}\n")
        } throws: { error in
            "\(error)".contains("existing + committed builds (70.0 MW) would exceed its max_capacity_mw 60.0")
        }
        // A resource without commitments: nothing selected.
        #expect(throws: ScenarioError.self) { _ = try Self.apply("  - {target: committed, select: {resource: old}, move_to: 2035}\n") }
    }

    @Test("a scenario's changes in words, composed scenarios first")
    func changesInWords() throws {
        let library = try ScenarioTests.library([
            "late": "name: Late project\ndescription: the project slips\nsource: test\ntag: ASSUMPTION\noverlays:\n  - {target: committed, select: {resource: new}, move_to: 2035}\n",
            "both": "name: Both\nsource: test\ntag: ASSUMPTION\ncompose: [late]\noverlays:\n"
                + "  - {target: availability, select: {carrier: gas, months: [4, 5, 6, 9], hours: \"17-22\"}, scale: 0.6}\n"
                + "  - {target: demand, add: -5}\n  - {target: committed, select: {resource: new, periods: 2035}, remove: true}\n"], system: Self.system()).get()
        let (system, _) = try library.apply(library.scenario("both")!, to: Self.system())
        #expect(system.scenarioChanges == [
            "Late project: the project slips", "  Committed builds (resource new): moved to 2035, the first year it can be built",
            "Both", "  Availability (carrier gas; months 4–6, 9; hours 17–22): × 0.6 (−40 %)", "  Demand: −5 MW",
            "  Committed builds (resource new; period 2035): commitments dropped"])
    }
}
