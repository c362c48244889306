import Foundation
import Testing
@testable import EnergyModel
import LinearProgramming

/// Storage with a natural inflow (`inflow_profile`, `inflow_mw` in storage.csv): STO gains
/// `+ I[s,t] − sp[s,y,t]` with a spill `0 ≤ sp ≤ I`.
@Suite struct StorageInflowTests {
    func withInflow(_ profile: String, _ mw: String) -> (TinyCase.Variant) throws -> Void {
        { variant in
            try variant.replace("model/storage.csv", "first_build_year,source,tag", "first_build_year,inflow_profile,inflow_mw,source,tag")
            try variant.replace("model/storage.csv", "2030:100,,illustrative", "2030:100,,\(profile),\(mw),illustrative")
        }
    }

    @Test func inflowColumnsAreCheckedTogether() throws {
        let missing = try TinyCase.issues(withInflow("wind_south", ""))
        #expect(has(missing, file: "storage.csv", "'inflow_profile' but no 'inflow_mw'"))
        let unknown = try TinyCase.issues(withInflow("wind_sout", "20"))
        #expect(has(unknown, file: "storage.csv", "unknown inflow profile 'wind_sout'"))
        #expect(try TinyCase.issues(withInflow("wind_south", "20")).isEmpty)
    }

    /// One step, one unit: with no demand for its energy the inflow must be spilled up to the
    /// energy limit, and the spill's bound is the inflow.
    @Test func inflowEntersTheBalanceAndSpillIsBounded() throws {
        let system = EnergySystem(
            name: "inflow", settings: Settings(discountRate: 0, baseYear: 2025, vollUSDPerMWh: 1000),
            periods: [Period(year: 2025, yearsRepresented: 1)], regions: [Region(id: "r")],
            generators: [Generator(id: "gas", region: "r", technology: "ocgt", carrier: "gas", existingCapacityMW: 100, variableOMUSDPerMWh: 50)],
            storages: [StorageUnit(id: "dam", region: "r", technology: "hydro", existingPowerMW: 10, durationHours: 2,
                                   chargeEfficiency: 1, dischargeEfficiency: 1, inflowProfile: "flow", inflowMW: 30)],
            demand: [RegionalDemand(region: "r", year: 2025, hourlyMW: [Double](repeating: 40, count: 8760))],
            profiles: ["flow": [1, 0] + [Double](repeating: 0, count: 8758)])
        let time = TimeSlices(steps: [TimeStep(hour: 0, weight: 1, month: 1), TimeStep(hour: 1, weight: 1, month: 1)], blocks: [0..<2])
        let lp = try EnergyLP.build(system, options: FormulationOptions(time: time))
        #expect(lp.program.variableNames.contains("sp[dam,2025,t0000]"))
        #expect(!lp.program.variableNames.contains("sp[dam,2025,t0001]"))
        let solution = try #require(try GLPKSolver().solve(lp.program).solution)
        // 30 MWh arrive in step 0; 10 MW can be discharged in each step; the cycle must close:
        // at most 20 MWh of discharge over both steps, so gas serves 80 − 20 = 60 MWh.
        #expect(abs(lp.objectiveUSD(solution) - 60 * 50) < 1e-6)
    }
}
