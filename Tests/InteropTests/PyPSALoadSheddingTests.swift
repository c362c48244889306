import EnergyModel
import Foundation
import Interop
import LinearProgramming
import Testing

/// Tiered load shedding goes out as one load-shedding generator per bus and segment, each bounded
/// by its share of every snapshot's load (p_max_pu = D_t / peak), and comes back with the same
/// optimum. Hand-derived: demand 50, 100, 80 MW in three one-hour snapshots, a 70 MW plant at
/// 10 USD/MWh; the first 10 % of demand sheds at 200 USD/MWh, the rest at VoLL 1000. Shed 30 MW in
/// hour 1 (10 + 20) and 10 MW in hour 2 (8 + 2): 190 · 10 + 18 · 200 + 22 · 1000 = 27,500 USD.
@Suite struct PyPSALoadSheddingTests {
    static func system() -> EnergySystem {
        var demand = [Double](repeating: 0, count: 8760)
        demand[0] = 50; demand[1] = 100; demand[2] = 80
        var system = EnergySystem(
            name: "tiers", settings: Settings(discountRate: 0, baseYear: 2030, vollUSDPerMWh: 1000,
                                              sheddingSegments: [SheddingSegment(shareOfDemand: 0.1, costUSDPerMWh: 200)]),
            periods: [Period(year: 2030, yearsRepresented: 1)], regions: [Region(id: "r")],
            generators: [Generator(id: "gen", region: "r", technology: "ocgt", carrier: "oil", existingCapacityMW: 70, variableOMUSDPerMWh: 10)],
            demand: [RegionalDemand(region: "r", year: 2030, hourlyMW: demand)])
        system.snapshots = TimeSlices(steps: (0..<3).map { TimeStep(hour: $0, weight: 1, month: 1) }, blocks: [0..<3])
        return system
    }

    static func objective(_ system: EnergySystem) throws -> Double {
        let run = try Optimizer(solver: GLPKSolver()).optimize(system, options: FormulationOptions(time: try #require(system.snapshots)), mode: .cost)
        return run.lp.objectiveUSD(try #require(run.result.solution))
    }

    @Test func exportedSegmentsKeepTheOptimum() throws {
        let expected: Double = 190 * 10 + 18 * 200 + 22 * 1000
        #expect(abs(try Self.objective(Self.system()) - expected) <= 1e-9 * expected)
        let files = try PyPSAExport.files(Self.system())
        let generators = try #require(files["generators.csv"])
        #expect(generators.contains("unserved_r_k1,r,load_shedding,10,False,0,inf,0,,200,0,1\n"), "\(generators)")
        #expect(generators.contains("unserved_r_k2,r,load_shedding,90,False,0,inf,0,,1000,0,1\n"), "\(generators)")
        #expect(files["generators-p_max_pu.csv"]?.contains("unserved_r_k1") == true)
        let imported = try PyPSAFixtures.reimport(files)
        // Imported, the segments are ordinary generators at their prices, with the load as their profile.
        #expect(abs(try Self.objective(imported) - expected) <= 1e-9 * expected)
    }
}
