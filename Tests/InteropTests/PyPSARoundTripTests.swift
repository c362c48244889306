import EnergyModel
import Foundation
import Interop
import LinearProgramming
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
        // The `stores` weighting is the steps' duration, read from the network and written back.
        #expect(files["snapshots.csv"] == ",snapshot,objective,stores,generators\n0,0,1,1,1\n1,1,2,2,2\n2,2,3,3,3\n3,3,2.5,2.5,2.5\n")
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
        let again = try PyPSAFixtures.reimport(files)
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

/// A corridor that can be expanded (LINKX) goes out as a fixed link plus an extendable one and
/// comes back as two corridors with the same optimum: a plant at 10 USD/MWh in a serves 100 MW in
/// b (a plant at 100 there) over 50 MW, expandable to 80 MW at 20,000 USD/MW-year (400 USD/kW,
/// 20 years, no discounting) plus 2,000 fixed O&M: 30 MW are built.
@Suite struct PyPSACorridorExpansionTests {
    static func system() -> EnergySystem {
        var system = EnergySystem(
            name: "links", settings: Settings(discountRate: 0, baseYear: 2030, vollUSDPerMWh: 100_000),
            periods: [Period(year: 2030, yearsRepresented: 1)], regions: [Region(id: "a"), Region(id: "b")],
            corridors: [Corridor(id: "ab", from: "a", to: "b", capacityMW: 50, investment: Investment(capexUSDPerKW: 400, lifetimeYears: 20, maxCapacityMW: 80),
                                 fixedOMUSDPerKWYear: 2)],
            generators: [Generator(id: "cheap", region: "a", technology: "ccgt", carrier: "gas", existingCapacityMW: 200, variableOMUSDPerMWh: 10),
                         Generator(id: "dear", region: "b", technology: "ocgt", carrier: "oil", existingCapacityMW: 200, variableOMUSDPerMWh: 100)],
            demand: [RegionalDemand(region: "a", year: 2030, hourlyMW: Array(repeating: 0, count: 8760)),
                     RegionalDemand(region: "b", year: 2030, hourlyMW: Array(repeating: 100, count: 8760))])
        system.snapshots = TimeSlices(steps: [TimeStep(hour: 0, weight: 8760, month: 1)], blocks: [0..<1])
        return system
    }

    /// The objective in USD and the forward capacity in service of each expandable corridor.
    static func solve(_ system: EnergySystem) throws -> (objective: Double, constant: Double, corridors: [String: Double]) {
        let run = try Optimizer(solver: GLPKSolver()).optimize(system, options: FormulationOptions(time: try #require(system.snapshots)), mode: .cost)
        let solution = try #require(run.result.solution)
        var corridors: [String: Double] = [:]
        for (k, id) in run.lp.variables.corridorCapacity.ids.enumerated() { corridors[id] = run.lp.variables.corridorCapacity[k, 0].map { solution[$0] } }
        return (run.lp.objectiveUSD(solution), run.lp.usd(run.lp.program.objectiveConstant), corridors)
    }

    @Test func exportAndImportKeepTheOptimumAndTheBuild() throws {
        let scratch = try PyPSAFixtures.scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let files = try PyPSAExport.files(Self.system())
        let links = try #require(files["links.csv"])
        #expect(links.contains("ab_build,a,b,0,True,0,30,-1,1,"), "\(links)")
        try PyPSAExport.write(files, to: scratch)
        let (imported, _) = try PyPSAImport.load(folder: scratch)
        let built = try #require(imported.corridors.first { $0.id == "ab_build" })
        #expect(built.investment?.maxCapacityMW == 30 && built.reverseFraction == 1 && built.capacityMW == 0)
        let a = try Self.solve(Self.system()), b = try Self.solve(imported)
        let expected: Double = 80 * 8760 * 10 + 20 * 8760 * 100 + 30 * 22_000 + 50 * 2_000
        #expect(abs(a.objective - expected) <= 1e-9 * expected)
        // The existing 50 MW's fixed O&M (100,000 USD) is a constant the export leaves out.
        #expect(abs(a.constant - 50 * 2_000) <= 1e-6 && b.constant == 0)
        #expect(abs((b.objective - b.constant) - (a.objective - a.constant)) <= 1e-9 * expected, "\(a.objective) vs \(b.objective)")
        #expect(abs((a.corridors["ab"] ?? 0) - 80) < 1e-6)
        #expect(abs((b.corridors["ab_build"] ?? 0) - 30) < 1e-6)
    }

    @Test func aLossyTwoWayExpansionIsRefused() throws {
        var system = Self.system()
        system.corridors[0].lossFraction = 0.02
        #expect(throws: PyPSAError.self) { _ = try PyPSAExport.files(system) }
        system.corridors[0].reverseFraction = 0
        #expect(throws: Never.self) { _ = try PyPSAExport.files(system) }
    }
}
