import EnergyModel
import Foundation
import Interop
import Testing

/// Bijli on networks made and solved by PyPSA itself (docs/PYPSA.md): the objective within 1e-6
/// relative, capacities within 1e-6 relative (+1e-6 MW). The capacities are determined: among
/// PyPSA's solutions within 1e-9 of the optimum each ranges over less than 1e-6 relative (at most 1.6e-7 measured)
/// (`capacity_ranges_within_1e-9`, checked below), so only solver tolerances separate the two.
@Suite struct PyPSAFixtureTests {
    @Test(arguments: PyPSAFixtures.names)
    func matchesPyPSAsOptimum(_ name: String) throws {
        let expected = try PyPSAFixtures.expected(name)
        let (system, _) = try PyPSAImport.load(folder: PyPSAFixtures.folder(name).appendingPathComponent("network"))
        let solved = try SolvedCase(system)
        // Bijli's objective is the total cost; PyPSA's leaves out the capex of non-extendable
        // capacity and (as its constant) that of extendables' p_nom.
        #expect(abs(solved.objectiveUSD - expected.total_cost) <= 1e-6 * abs(expected.total_cost), "\(name): \(solved.objectiveUSD) vs \(expected.total_cost)")
        let operational = solved.objectiveUSD - solved.constantUSD
        let pypsa = expected.objective + expected.objective_constant
        #expect(abs(operational - pypsa) <= 1e-6 * abs(pypsa), "\(name): \(operational) vs \(pypsa)")
        #expect(solved.unservedMWh == 0, "PyPSA has no unserved energy; Bijli's value of lost load must not be used")
        for (_, ranges) in expected.capacityRanges {
            for (id, range) in ranges {
                #expect(range[1] - range[0] <= 1e-6 * max(1, abs(range[1])), "\(name): \(id) is not determined by the optimum: \(range)")
            }
        }
        for component in ["generators", "storage_units", "stores", "links", "lines", "transformers"] {
            for (id, capacity) in expected.capacities[component] ?? [:] {
                var bijli = try #require(solved.capacityMW[id], "\(name): \(id) missing")
                // A store is a storage unit of power e_nom / d and duration d: its energy is P · d.
                if component == "stores" { bijli *= try #require(system.storages.first { $0.id == id }).durationHours }
                #expect(abs(bijli - capacity) <= 1e-6 * abs(capacity) + 1e-6, "\(name): \(component) \(id) \(bijli) vs PyPSA \(capacity)")
            }
        }
    }

    @Test func fixturesWereMadeWithThePinnedPyPSA() throws {
        for name in PyPSAFixtures.names {
            #expect(try PyPSAFixtures.expected(name).pypsa_version == "1.4.0")
        }
    }

    @Test func snapshotsWeightingsAndYearAreCarriedOver() throws {
        let (system, files) = try PyPSAImport.load(folder: PyPSAFixtures.folder("merit_order").appendingPathComponent("network"))
        let time = try #require(system.snapshots)
        #expect(time.steps.map(\.weight) == [1, 2, 3, 2.5])
        #expect(time.steps.map(\.hour) == [0, 1, 2, 3])
        #expect(time.blocks == [0..<4])
        #expect(system.periods.map(\.year) == [PyPSAImport.defaultYear])
        #expect(system.settings.discountRate == 0)
        // Marginal costs 30, 60, 120 and weightings 1 to 3: the median 60 × 2.5 = 150 USD per
        // snapshot, times 1000, as a power of ten: 1e5 USD per unit of the objective.
        #expect(system.settings.objectiveUnitUSD == 1e5)
        let demand = try #require(system.demand.first)
        #expect(Array(demand.hourlyMW.prefix(5)).enumerated().allSatisfy { abs($1 - [50, 120, 200, 150, 0][$0]) < 1e-9 })
        #expect(files.inputFiles["snapshots.csv"] != nil)
    }

    @Test func co2LimitBecomesBijlisCap() throws {
        let (system, _) = try PyPSAImport.load(folder: PyPSAFixtures.folder("co2_limit").appendingPathComponent("network"))
        #expect(system.policies.co2CapTonnes?.valuesByYear == [PyPSAImport.defaultYear: 5e5])
        let coal = try #require(system.generators.first { $0.id == "coal" })
        let fuel = try #require(system.fuels.first { $0.id == "coal" })
        // PyPSA: p / efficiency · co2_emissions; Bijli: p · heat rate · CO2 per MMBtu.
        #expect(abs(coal.heatRateMMBtuPerMWh * fuel.co2TonnesPerMMBtu - 0.34 / 0.4) < 1e-12)
    }
}

/// A storage unit's natural inflow and spill (STO with `+ I − sp`, `0 ≤ sp ≤ I`).
@Suite struct StorageInflowTests {
    @Test func inflowIsReadAsAProfileAndSpillIsBoundedByIt() throws {
        let (system, files) = try PyPSAImport.load(folder: PyPSAFixtures.folder("hydro_inflow").appendingPathComponent("network"))
        let reservoir = try #require(system.storages.first)
        #expect(reservoir.inflowProfile == "reservoir.inflow")
        #expect(reservoir.inflowMW == 600)
        let shape = try #require(system.profiles["reservoir.inflow"])
        #expect(Array(shape.prefix(8)).map { $0 * 600 } == [10, 150, 600, 90, 20, 0, 0, 5])
        #expect(files.modelFiles["storage.csv"]?.contains(",reservoir.inflow,600,") == true)
        // Without the inflow the optimum is dearer: the inflow is used, not ignored.
        var dry = system
        dry.storages[0].inflowProfile = nil
        dry.storages[0].inflowMW = 0
        #expect(try SolvedCase(dry).objectiveUSD > SolvedCase(system).objectiveUSD + 1000)
    }
}
