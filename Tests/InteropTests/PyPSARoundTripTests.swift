import EnergyModel
import Foundation
import Interop
import Testing

/// import → export → import gives the same optimum; the export refuses what PyPSA cannot hold.
@Suite struct PyPSARoundTripTests {
    @Test(arguments: PyPSAFixtures.names)
    func importExportImportKeepsTheOptimum(_ name: String) throws {
        let scratch = try PyPSAFixtures.scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let (first, _) = try PyPSAImport.load(folder: PyPSAFixtures.folder(name).appendingPathComponent("network"))
        let exported = scratch.appendingPathComponent("exported")
        try PyPSAExport.write(try PyPSAExport.files(first), to: exported)
        let (second, _) = try PyPSAImport.load(folder: exported)
        let a = try SolvedCase(first), b = try SolvedCase(second)
        // The export prices the existing fleet's fixed cost as PyPSA does (outside its objective):
        // compare the total cost, and the part that depends on decisions.
        #expect(abs(a.objectiveUSD - b.objectiveUSD) <= 1e-9 * abs(a.objectiveUSD), "\(name): \(a.objectiveUSD) vs \(b.objectiveUSD)")
        #expect(abs((a.objectiveUSD - a.constantUSD) - (b.objectiveUSD - b.constantUSD)) <= 1e-9 * abs(a.objectiveUSD))
        #expect(b.unservedMWh == 0)
        for (id, capacity) in a.capacityMW {
            #expect(abs((b.capacityMW[id] ?? .nan) - capacity) <= 1e-6 * abs(capacity) + 1e-6, "\(name): \(id)")
        }
        // The exported unserved-energy generators are the only additions, and they stay idle.
        let added = Set(second.generators.map(\.id)).subtracting(first.generators.map(\.id))
        #expect(added.allSatisfy { $0.hasPrefix("unserved_") }, "\(added)")
    }

    @Test func exportWritesPyPSAsFilesAndWeightings() throws {
        let (system, _) = try PyPSAImport.load(folder: PyPSAFixtures.folder("merit_order").appendingPathComponent("network"))
        let files = try PyPSAExport.files(system)
        #expect(Set(files.keys) == ["network.csv", "snapshots.csv", "buses.csv", "loads.csv", "loads-p_set.csv", "carriers.csv", "generators.csv"])
        #expect(files["snapshots.csv"] == ",snapshot,objective,stores,generators\n0,0,1,1,1\n1,1,2,1,2\n2,2,3,1,3\n3,3,2.5,1,2.5\n")
        #expect(files["generators.csv"]?.contains("unserved_town,town,load_shedding,200,False,0,inf,0,1,100000,0,1\n") == true)
    }

    @Test func discountedPeriodsScaleTheObjectiveWeightings() throws {
        var system = try PyPSAImport.load(folder: PyPSAFixtures.folder("extendable_profiles").appendingPathComponent("network")).0
        system.settings.discountRate = 0.05
        system.settings.baseYear = system.periods[0].year - 2
        system.periods[0].yearsRepresented = 5
        let factor: Double = 5 / (1.05 * 1.05)
        let files = try PyPSAExport.files(system)
        let line = try #require(files["snapshots.csv"]?.split(separator: "\n").dropFirst().first)
        let fields = line.split(separator: ",").map(String.init)
        #expect(abs(Double(fields[2])! - 1095 * factor) < 1e-9 * 1095 * factor)
        #expect(fields[4] == "1095")
        // Bijli's objective of the discounted case equals the exported network's (re-imported: undiscounted, weights × factor).
        let scratch = try PyPSAFixtures.scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        try PyPSAExport.write(files, to: scratch)
        let (again, _) = try PyPSAImport.load(folder: scratch)
        let a = try SolvedCase(system), b = try SolvedCase(again)
        #expect(abs(a.objectiveUSD - b.objectiveUSD) <= 1e-9 * a.objectiveUSD, "\(a.objectiveUSD) vs \(b.objectiveUSD)")
    }

    @Test func exportRefusesWhatPyPSACannotHold() throws {
        var system = try PyPSAImport.load(folder: PyPSAFixtures.folder("merit_order").appendingPathComponent("network")).0
        let year = system.periods[0].year
        system.generators[0].hasHydroBudget = true
        system.policies.reserveMargin = PolicyTarget([year: 0.15])
        system.policies.co2CapTonnes = PolicyTarget([year: 100], penalty: 50)
        let result = Result(catching: { () throws(PyPSAError) in try PyPSAExport.files(system) })
        guard case .failure(let error) = result else { Issue.record("export should refuse"); return }
        let text = error.description
        #expect(text.contains("hydro budgets"))
        #expect(text.contains("'reserve_margin' is not exported"))
        #expect(text.contains("soft CO2 cap"))
    }

    @Test func exportAsksForAPeriodWhenThereAreSeveral() throws {
        var system = try PyPSAImport.load(folder: PyPSAFixtures.folder("merit_order").appendingPathComponent("network")).0
        system.periods.append(Period(year: system.periods[0].year + 5, yearsRepresented: 5))
        let result = Result(catching: { () throws(PyPSAError) in try PyPSAExport.files(system) })
        guard case .failure(let error) = result else { Issue.record("export should refuse"); return }
        #expect(error.description.contains("choose one with --period"))
    }
}
