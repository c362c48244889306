import EnergyModel
import Foundation
import Interop
import LinearProgramming
import Testing

/// The fixtures made with PyPSA (Fixtures/pypsa/make_fixtures.py) and helpers to solve cases.
enum PyPSAFixtures {
    /// The fixture names, one per case of issue 8.
    static let names = ["merit_order", "two_buses_link", "cyclic_storage", "extendable_profiles", "co2_limit", "load_shedding", "hydro_inflow",
                        "dated_layout", "dated_layout_pypsa025", "dated_layout_pypsa021", "dated_layout_pre018", "several_loads_minimums",
                        "lines_kvl", "weighted_storage", "stores_links", "dc_lines", "line_types"]

    /// The folder of a fixture.
    static func folder(_ name: String) -> URL {
        Bundle.module.resourceURL!.appendingPathComponent("Fixtures/pypsa").appendingPathComponent(name)
    }

    /// PyPSA's optimum as `make_fixtures.py` stored it.
    struct Expected: Decodable {
        var objective: Double
        var objective_constant: Double
        var nonextendable_capital_cost: Double
        var total_cost: Double
        var capacities: [String: [String: Double]]
        /// Each extendable capacity's range among PyPSA solutions within 1e-9 of the optimum.
        var capacityRanges: [String: [String: [Double]]]
        var pypsa_version: String

        enum CodingKeys: String, CodingKey {
            case objective, objective_constant, nonextendable_capital_cost, total_cost, capacities, pypsa_version
            case capacityRanges = "capacity_ranges_within_1e-9"
        }
    }

    static func expected(_ name: String) throws -> Expected {
        try JSONDecoder().decode(Expected.self, from: Data(contentsOf: folder(name).appendingPathComponent("expected.json")))
    }

    /// A scratch folder, removed by the caller.
    static func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bijli-interop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The problems of converting a fixture after `edit` changed its copy, empty if it converts.
    static func problems(_ fixture: String, _ edit: (URL) throws -> Void) throws -> [PyPSAError.Problem] {
        let scratch = try scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let folder = try copy(fixture, into: scratch)
        try edit(folder)
        switch Result(catching: { () throws(PyPSAError) in try PyPSAImport.convert(folder: folder) }) {
        case .success: return []
        case .failure(let error): return error.problems
        }
    }

    /// Exported files written to a scratch folder and imported again (the scratch is removed).
    static func reimport(_ files: [String: String]) throws -> EnergySystem {
        let scratch = try scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        try PyPSAExport.write(files, to: scratch)
        return try PyPSAImport.load(folder: scratch).0
    }

    /// A copy of a fixture's network folder in `scratch`, for tests that edit it.
    static func copy(_ name: String, into scratch: URL) throws -> URL {
        let target = scratch.appendingPathComponent(name)
        try FileManager.default.copyItem(at: folder(name).appendingPathComponent("network"), to: target)
        return target
    }
}

/// A solved case: total cost, the constant, capacities in service by resource id.
struct SolvedCase {
    var objectiveUSD: Double
    var constantUSD: Double
    var capacityMW: [String: Double]
    var unservedMWh: Double

    /// Solves a system in cost mode on its own snapshots (simplex).
    init(_ system: EnergySystem) throws {
        let time = try #require(system.snapshots)
        let optimization = try Optimizer(solver: GLPKSolver()).optimize(system, options: FormulationOptions(time: time), mode: .cost)
        #expect(optimization.result.status == .optimal)
        let lp = optimization.lp
        let solution = try #require(optimization.result.solution)
        objectiveUSD = lp.objectiveUSD(solution)
        constantUSD = lp.usd(lp.program.objectiveConstant)
        var capacities: [String: Double] = [:]
        for (g, generator) in system.generators.enumerated() {
            capacities[generator.id] = lp.variables.capacity[g, 0].map { solution[$0] } ?? lp.fixedCapacityMW[generator.id]![0]!
        }
        for (s, storage) in system.storages.enumerated() {
            capacities[storage.id] = lp.variables.storageCapacity[s, 0].map { solution[$0] } ?? lp.fixedCapacityMW[storage.id]![0]!
        }
        // Corridors, lines and transformers: the capacity in service (a decision when expandable).
        for corridor in system.corridors {
            capacities[corridor.id] = lp.variables.corridorCapacity[id: corridor.id, period: 0].map { solution[$0] }
                ?? lp.fixedCapacityMW[corridor.id]?[0] ?? corridor.capacityMW
        }
        capacityMW = capacities
        var unserved = 0.0
        for series in lp.variables.unserved.segments.joined() {
            for (t, u) in series[0].enumerated() { unserved += time.steps[t].weight * solution[u] }
        }
        unservedMWh = unserved
    }
}
