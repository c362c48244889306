import Foundation
import Testing
@testable import EnergyModel
import LinearProgramming

/// Steps that last more than an hour (`hours` in snapshots.csv, PyPSA's `stores` weighting) and
/// storage that is not cyclic (`initial_state_mwh` in storage.csv, PyPSA's
/// `cyclic_state_of_charge` False with `state_of_charge_initial`): STO becomes
/// `e_t = (1 − σ)^h e_{t−1} + h (η_c c − d / η_d)`, the first step starting from `e_0`.
@Suite struct StorageDurationTests {
    /// Gas at 50 USD/MWh, 50 MW of demand in two steps standing for 2 h each (discount rate 0, so
    /// the objective is the fuel bill), a 10 MW / 40 MWh battery (η 1, σ 0.1/h) holding 30 MWh
    /// before the first step and not cyclic.
    static func system(initialState: Double?) -> EnergySystem {
        EnergySystem(
            name: "duration", settings: Settings(discountRate: 0, baseYear: 2025, vollUSDPerMWh: 1000),
            periods: [Period(year: 2025, yearsRepresented: 1)], regions: [Region(id: "r")],
            generators: [Generator(id: "gas", region: "r", technology: "ocgt", carrier: "gas", existingCapacityMW: 100, variableOMUSDPerMWh: 50)],
            storages: [StorageUnit(id: "bat", region: "r", technology: "battery", existingPowerMW: 10, durationHours: 4,
                                   chargeEfficiency: 1, dischargeEfficiency: 1, selfDischargePerHour: 0.1, initialStateMWh: initialState)],
            demand: [RegionalDemand(region: "r", year: 2025, hourlyMW: [Double](repeating: 50, count: 8760))])
    }

    static func steps(hours: Double) -> TimeSlices {
        TimeSlices(steps: [TimeStep(hour: 0, weight: 2, month: 1, hours: hours), TimeStep(hour: 1, weight: 2, month: 1, hours: hours)],
                   blocks: [0..<2])
    }

    static func objective(_ system: EnergySystem, _ time: TimeSlices) throws -> Double {
        let lp = try EnergyLP.build(system, options: FormulationOptions(time: time))
        let solution = try #require(try GLPKSolver().solve(lp.program).solution)
        return lp.objectiveUSD(solution)
    }

    /// Steps of 2 h: 10 MW for 2 h empties 20 of the 30 MWh in step 0 (the initial state takes no
    /// loss in its first step, as PyPSA); 0.9² · 10 = 8.1 MWh are left for step 1, 4.05 MW over
    /// 2 h. Gas: 2 h · (40 + 45.95) MW = 171.9 MWh, 8,595 USD. Steps of 1 h (same weights): 10 MW
    /// for 1 h in each step (20 − 10 ≥ 0 after 0.9 · 20 = 18 MWh), gas 2 · (40 + 40) = 160 MWh,
    /// 8,000 USD. Cyclic with a loss, storage adds nothing: gas 200 MWh, 10,000 USD.
    @Test func durationAndInitialStateGiveTheHandDerivedOptima() throws {
        #expect(abs(try Self.objective(Self.system(initialState: 30), Self.steps(hours: 2)) - 8_595) < 1e-6)
        #expect(abs(try Self.objective(Self.system(initialState: 30), Self.steps(hours: 1)) - 8_000) < 1e-6)
        #expect(abs(try Self.objective(Self.system(initialState: nil), Self.steps(hours: 2)) - 10_000) < 1e-6)
    }

    @Test func aStorageThatIsNotCyclicNeedsOneBlock() throws {
        let days = TimeSlices(steps: Self.steps(hours: 1).steps, blocks: [0..<1, 1..<2])
        #expect {
            _ = try EnergyLP.build(Self.system(initialState: 30), options: FormulationOptions(time: days))
        } throws: { "\($0)".contains("storage 'bat' is not cyclic (initial_state_mwh) but the time has 2 blocks") }
    }

    /// The STO golden case with 3-hour steps and a battery starting from 20 MWh, not cyclic.
    @Test func durationAndInitialStateMatchTheirGoldenFile() throws {
        var (system, _, _) = GoldenLPTests.goldenCase(.STO)
        system.storages[0].initialStateMWh = 20
        let time = TimeSlices(steps: [TimeStep(hour: 0, weight: 4380, month: 1, hours: 3), TimeStep(hour: 1, weight: 4380, month: 1, hours: 3)],
                              blocks: [0..<2])
        let lp = try EnergyLP.build(system, options: FormulationOptions(time: time, sumForm: .direct, capacityCopies: false))
        try GoldenLPTests.expectGolden(lp, "STO-duration.lp")
    }

    @Test func snapshotHoursAndInitialStatesAreReadAndChecked() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bijli-duration-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: TinyCase.folder, to: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        let variant = TinyCase.Variant(root: folder)
        try variant.write("inputs/snapshots.csv", "# source: test\n# tag: ASSUMPTION\nhour,weight,hours\n0,3,3\n3,3,2.5\n")
        try variant.replace("model/storage.csv", "first_build_year,source,tag", "first_build_year,initial_state_mwh,source,tag")
        try variant.replace("model/storage.csv", "2030:100,,illustrative", "2030:100,,12.5,illustrative")
        let system = try CaseLoader.load(model: variant.model, inputs: variant.inputs)
        #expect(system.snapshots?.steps.map(\.hours) == [3, 2.5])
        #expect(system.storages.map(\.initialStateMWh) == [12.5])

        let issues = try TinyCase.issues { variant in
            try variant.write("inputs/snapshots.csv", "# source: test\n# tag: ASSUMPTION\nhour,weight,hours\n0,3,0\n")
            try variant.replace("model/storage.csv", "first_build_year,source,tag", "first_build_year,initial_state_mwh,source,tag")
            try variant.replace("model/storage.csv", "2030:100,,illustrative", "2030:100,,-1,illustrative")
        }
        #expect(has(issues, file: "snapshots.csv", "'hours' (the step's duration for storage) must be positive, found 0.0", line: 4))
        #expect(has(issues, file: "storage.csv", "'initial_state_mwh' must not be negative"))
    }

    /// A level (`storage_levels.csv`, PyPSA's `state_of_charge_set`) on the cyclic battery: 20 MWh
    /// at the end of hour 1, steps of 1 h standing for 2 h. Then e0 = 0.9 · 20 + c0 − d0 and
    /// 20 = 0.9 e0 + c1 − d1 with c1 ≤ 10, so e0 ≥ 100/9; the net charge (e0 − 18) + (20 − 0.9 e0)
    /// = 2 + e0/10 is least at e0 = 100/9: gas serves 2 · (100 + 2 + 10/9) MWh, 10,311.11 USD
    /// (10,000 without the level).
    @Test func aLevelGivesTheHandDerivedOptimum() throws {
        var system = Self.system(initialState: nil)
        system.storages[0].levels = [StorageLevel(year: nil, hour: 1, levelMWh: 20)]
        #expect(abs(try Self.objective(system, Self.steps(hours: 1)) - (10_000 + 100 * (2 + 10.0 / 9))) < 1e-6)
        system.storages[0].levels = [StorageLevel(year: 2030, hour: 1, levelMWh: 20)]
        #expect(abs(try Self.objective(system, Self.steps(hours: 1)) - 10_000) < 1e-6, "a level of another period applies not")
    }

    @Test func aLevelOutsideTheStepsOrAboveTheCapacityIsRefused() throws {
        var system = Self.system(initialState: nil)
        system.storages[0].levels = [StorageLevel(year: nil, hour: 5, levelMWh: 20), StorageLevel(year: 2025, hour: 1, levelMWh: 45)]
        #expect {
            _ = try EnergyLP.build(system, options: FormulationOptions(time: Self.steps(hours: 1)))
        } throws: { error in
            let text = "\(error)"
            return text.contains("a level is set at hour 5 of 2025, which is not a modelled step")
                && text.contains("the level 45.0 MWh at hour 1 of 2025 is above its energy capacity 40.0 MWh")
        }
    }

    @Test func levelsAreReadAndChecked() throws {
        let header = "# source: test\n# tag: ASSUMPTION\nstorage,year,hour,level_mwh\n"
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bijli-levels-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: TinyCase.folder, to: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        let variant = TinyCase.Variant(root: folder)
        try variant.write("inputs/storage_levels.csv", header + "south_battery,all,4000,100\nsouth_battery,2030,10,12.5\n")
        let system = try CaseLoader.load(model: variant.model, inputs: variant.inputs)
        #expect(system.storages[0].levels == [StorageLevel(year: nil, hour: 4000, levelMWh: 100), StorageLevel(year: 2030, hour: 10, levelMWh: 12.5)])
        #expect(system.sources.contains { $0.file == "storage_levels.csv" && $0.key == "storage_levels.south_battery.2030.10" })

        let issues = try TinyCase.issues { variant in
            try variant.write("inputs/storage_levels.csv", header
                + "south_batery,all,1,5\nsouth_battery,2040,1,5\nsouth_battery,all,9000,5\nsouth_battery,all,7,-1\nsouth_battery,all,3,5\nsouth_battery,2030,3,6\n")
        }
        #expect(has(issues, file: "storage_levels.csv", "unknown storage 'south_batery'", line: 4))
        #expect(has(issues, file: "storage_levels.csv", "2040 is not a period", line: 5))
        #expect(has(issues, file: "storage_levels.csv", "hour 9000 is outside 0...8759", line: 6))
        #expect(has(issues, file: "storage_levels.csv", "'level_mwh' must not be negative", line: 7))
        #expect(has(issues, file: "storage_levels.csv", "storage 'south_battery' has a level for hour 3 of 2030 twice (first on line 8)", line: 9))
    }
}
