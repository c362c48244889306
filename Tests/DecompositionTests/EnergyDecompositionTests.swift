import Decomposition
import EnergyModel
import Foundation
import LinearProgramming
import Testing

/// Decomposed = monolithic on the energy model's reference cases.
///
/// The systems are those of `Tests/EnergyModelTests/ReferenceCaseTests.swift` and
/// `PolicyReferenceCaseTests.swift` (rebuilt here: test targets cannot share code), plus the
/// two-region, two-period fixture `Tests/EnergyModelTests/Fixtures/tiny` (builds, storage, a
/// corridor, soft and hard policies) at 12 representative days, and a three-period case with
/// investment in every period. Each is built into an ``EnergyLP``, solved whole by GLPK's simplex
/// and by ``BendersSolver`` along ``EnergyLP/bendersBlocks(by:)``; the objectives must agree within
/// the decomposition's gap (1e-6 here, relative to max(1, |objective|)), and the answer must not
/// depend on the worker count (1, 2 and 8 threads give the same objective bit for bit: each
/// block is solved in its own session whatever thread it lands on).
@Suite struct EnergyDecompositionTests {
    static let gap = 1e-6

    static func check(_ name: String, _ system: EnergySystem, _ time: TimeSlices,
                      sumForm: FormulationOptions.SumForm = .automatic, workers: [Int] = [1, 2, 8]) throws {
        let lp = try EnergyLP.build(system, options: FormulationOptions(time: time, sumForm: sumForm))
        let whole = try GLPKSolver().solve(lp.program)
        #expect(whole.status == .optimal, "\(name): monolithic \(whole.status)")
        let reference = try #require(whole.objective)
        let blocks = try lp.bendersBlocks(by: .period)
        #expect(blocks.blockCount == lp.periods.count)
        var objectives: [Double] = []
        for w in workers {
            let result = try BendersSolver(options: BendersOptions(gap: gap, workers: w)).solve(lp.program, blocks: blocks)
            #expect(result.status == .optimal, "\(name), \(w) workers: \(result.status) (\(result.message))")
            let objective = try #require(result.solution?.objective)
            objectives.append(objective)
            #expect(abs(objective - reference) <= gap * max(1, abs(reference)),
                    "\(name), \(w) workers: decomposed \(objective), monolithic \(reference)")
            #expect(result.lowerBound <= reference + gap * max(1, abs(reference)))
            // The assembled point satisfies every row of the whole program.
            if let s = result.solution {
                for i in 0..<lp.program.rowCount {
                    let a = s.rowActivities[i], slack = 1e-6 * max(1, abs(a))
                    #expect(a >= lp.program.rowLower[i] - slack && a <= lp.program.rowUpper[i] + slack,
                            "\(name): row \(lp.program.rowNames[i]) at \(a) outside [\(lp.program.rowLower[i]), \(lp.program.rowUpper[i])]")
                }
            }
        }
        #expect(Set(objectives).count == 1, "\(name): the worker count changed the answer: \(objectives)")
    }

    // MARK: The reference cases

    @Test func meritOrderDispatch() throws {
        try Self.check("merit order", Tiny.system(generators: [Tiny.thermal("a", 100, cost: 10), Tiny.thermal("b", 100, cost: 30)],
                                                  demand: [Tiny.demand("r", 2030, 150)]), Tiny.oneStep)
    }

    @Test func storageArbitrage() throws {
        let battery = StorageUnit(id: "bat", region: "r", technology: "battery", existingPowerMW: 100, durationHours: 2,
                                  chargeEfficiency: 0.9, dischargeEfficiency: 0.9)
        try Self.check("storage", Tiny.system(generators: [Tiny.thermal("a", 100, cost: 10), Tiny.thermal("b", 200, cost: 50)],
                                              storages: [battery], demand: [Tiny.demand("r", 2030, hours: [50, 150])]), Tiny.hours(2))
    }

    @Test func corridorCongestion() throws {
        let corridor = Corridor(id: "ns", from: "north", to: "south", capacityMW: 200)
        try Self.check("corridor", Tiny.system(
            regions: ["north", "south"],
            generators: [Tiny.thermal("n", 1000, cost: 10, region: "north"), Tiny.thermal("s", 1000, cost: 50, region: "south")],
            corridors: [corridor], demand: [Tiny.demand("north", 2030, 100), Tiny.demand("south", 2030, 500)]), Tiny.oneStep)
    }

    @Test(arguments: FormulationOptions.SumForm.allCases)
    func hydroMonthlyBudget(_ form: FormulationOptions.SumForm) throws {
        var hydro = Tiny.thermal("dam", 100, cost: 0, carrier: "hydro")
        hydro.hasHydroBudget = true
        try Self.check("hydro", Tiny.system(generators: [hydro, Tiny.thermal("th", 100, cost: 40)], demand: [Tiny.demand("r", 2030, 80)],
                                            hydro: [HydroBudget(generator: "dam", year: 2030, month: 1, energyMWh: 40_000)]),
                       Tiny.hours(2, weight: 372), sumForm: form)
    }

    @Test(arguments: FormulationOptions.SumForm.allCases)
    func fuelLimitCausesUnservedEnergy(_ form: FormulationOptions.SumForm) throws {
        let gas = Fuel(id: "gas", imported: false, co2TonnesPerMMBtu: 0.053,
                       priceUSDPerMMBtu: MonthlyValues([2030: [1: 5]]), supplyLimitMMBtu: MonthlyValues([2030: [1: 297_600]]))
        let plant = Generator(id: "ccgt", region: "r", technology: "ccgt", carrier: "gas", fuel: "gas",
                              existingCapacityMW: 100, heatRateMMBtuPerMWh: 8)
        try Self.check("fuel", Tiny.system(generators: [plant], fuels: [gas], demand: [Tiny.demand("r", 2030, 80)]),
                       Tiny.hours(2, weight: 372), sumForm: form)
    }

    @Test(arguments: FormulationOptions.SumForm.allCases)
    func bindingRenewableShare(_ form: FormulationOptions.SumForm) throws {
        let solar = Generator(id: "pv", region: "r", technology: "pv", carrier: "solar", existingCapacityMW: 1000,
                              variableOMUSDPerMWh: 20, availabilityProfile: "sun")
        try Self.check("RE share", Tiny.system(
            generators: [Tiny.thermal("coal", 1000, cost: 10), solar],
            policies: Policies(renewableShare: PolicyTarget([2030: 0.3])), demand: [Tiny.demand("r", 2030, 100)],
            profiles: ["sun": [Double](repeating: 0.5, count: EnergySystem.hoursPerYear)]), Tiny.hours(4, weight: 2190), sumForm: form)
    }

    @Test func reserveMarginForcesABuild() throws {
        let ocgt = Generator(id: "ocgt", region: "r", technology: "ocgt", carrier: "hsd", existingCapacityMW: 0,
                             variableOMUSDPerMWh: 100, investment: Investment(capexUSDPerKW: 500, lifetimeYears: 20))
        try Self.check("reserve", Tiny.system(generators: [Tiny.thermal("coal", 100, cost: 10), ocgt],
                                              policies: Policies(reserveMargin: PolicyTarget([2030: 0.15])),
                                              demand: [Tiny.demand("r", 2030, 100)]), Tiny.oneStep)
    }

    @Test func retirementAndAnnuityAcrossPeriods() throws {
        var coal = Tiny.thermal("coal", 100, cost: 10)
        coal.retirementYear = 2035
        let ccgt = Generator(id: "ccgt", region: "r", technology: "ccgt", carrier: "gas", existingCapacityMW: 0,
                             variableOMUSDPerMWh: 30, investment: Investment(capexUSDPerKW: 1000, lifetimeYears: 30))
        try Self.check("retirement", Tiny.system(years: [2030, 2035], yearsRepresented: 5, generators: [coal, ccgt],
                                                 demand: [Tiny.demand("r", 2030, 80), Tiny.demand("r", 2035, 80)]), Tiny.oneStep)
    }

    @Test func objectiveConstantIsTheExistingFleetsFixedCost() throws {
        var coal = Tiny.thermal("coal", 100, cost: 10)
        coal.fixedOMUSDPerKWYear = 20
        try Self.check("constant", Tiny.system(generators: [coal], demand: [Tiny.demand("r", 2030, 50)]), Tiny.oneStep)
    }

    @Test func mustRun() throws {
        var a = Tiny.thermal("a", 100, cost: 30)
        a.minimumGenerationFraction = 0.5
        a.investment = Investment(capexUSDPerKW: 1000, lifetimeYears: 30)
        try Self.check("must run", Tiny.system(generators: [a, Tiny.thermal("b", 100, cost: 10)], demand: [Tiny.demand("r", 2030, 80)]),
                       Tiny.oneStep)
    }

    static func fuel(_ id: String, imported: Bool, co2: Double, price: Double) -> Fuel {
        Fuel(id: id, imported: imported, co2TonnesPerMMBtu: co2, priceUSDPerMMBtu: MonthlyValues([2030: [1: price]]))
    }

    static func plant(_ id: String, fuel: String, heatRate: Double, cost: Double) -> Generator {
        Generator(id: id, region: "r", technology: "thermal", carrier: fuel, fuel: fuel, existingCapacityMW: 100,
                  heatRateMMBtuPerMWh: heatRate, variableOMUSDPerMWh: cost)
    }

    @Test(arguments: FormulationOptions.SumForm.allCases)
    func emissionCap(_ form: FormulationOptions.SumForm) throws {
        try Self.check("CO2", Tiny.system(
            generators: [Self.plant("coal", fuel: "coal", heatRate: 10, cost: 10), Self.plant("gas", fuel: "gas", heatRate: 7, cost: 30)],
            fuels: [Self.fuel("coal", imported: false, co2: 0.1, price: 0), Self.fuel("gas", imported: false, co2: 0.05, price: 0)],
            policies: Policies(co2CapTonnes: PolicyTarget([2030: 61 * 8760])), demand: [Tiny.demand("r", 2030, 100)]),
            Tiny.oneStep, sumForm: form)
    }

    @Test func importCapAndSoftImportCap() throws {
        for penalty in [nil, 5.0] {
            try Self.check("import", Tiny.system(
                generators: [Self.plant("lng", fuel: "lng", heatRate: 7, cost: 10), Self.plant("coal", fuel: "coal", heatRate: 10, cost: 30)],
                fuels: [Self.fuel("lng", imported: true, co2: 0, price: 0), Self.fuel("coal", imported: false, co2: 0, price: 0)],
                policies: Policies(importShareCap: PolicyTarget([2030: 0.4], penalty: penalty)), demand: [Tiny.demand("r", 2030, 100)]),
                Tiny.oneStep)
        }
    }

    @Test func fxBudget() throws {
        try Self.check("FX", Tiny.system(
            generators: [Self.plant("lng", fuel: "lng", heatRate: 7, cost: 0), Self.plant("coal", fuel: "coal", heatRate: 90 / 9, cost: 0)],
            fuels: [Self.fuel("lng", imported: true, co2: 0, price: 10), Self.fuel("coal", imported: false, co2: 0, price: 9)],
            policies: Policies(fxBudgetUSD: PolicyTarget([2030: 8760 * 70 * 30])), demand: [Tiny.demand("r", 2030, 100)]), Tiny.oneStep)
    }

    // MARK: Several periods with investment

    /// The loader fixture: two regions, two periods (2025, 2030), builds of solar, wind and CCGT,
    /// storage, a lossy corridor, a reserve margin, soft RE share and CO2 targets, hard import
    /// and FX caps; 12 representative days.
    @Test func tinyFixtureAtRepresentativeDays() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("EnergyModelTests/Fixtures/tiny")
        let system = try CaseLoader.load(model: folder.appendingPathComponent("model"), inputs: folder.appendingPathComponent("inputs"))
        let time = try TimeSlices.representativeDays(count: 12, series: system.representativeDaySeries(year: system.periods.first?.year)).0
        try Self.check("tiny fixture", system, time)
    }

    /// Three periods, a hard renewable share rising over them, solar and batteries to build,
    /// coal retiring, 24 hours a period: the hard target makes the first master points infeasible
    /// in the blocks (feasibility cuts), and builds in one period serve the later ones.
    @Test func threePeriodsWithAHardRenewableTarget() throws {
        var coal = Tiny.thermal("coal", 120, cost: 25)
        coal.retirementYear = 2040
        let solar = Generator(id: "pv", region: "r", technology: "pv", carrier: "solar", existingCapacityMW: 0,
                              variableOMUSDPerMWh: 1, availabilityProfile: "sun",
                              investment: Investment(capexUSDPerKW: 700, lifetimeYears: 25))
        let gas = Generator(id: "ocgt", region: "r", technology: "ocgt", carrier: "gas", existingCapacityMW: 0,
                            variableOMUSDPerMWh: 90, investment: Investment(capexUSDPerKW: 450, lifetimeYears: 25))
        let battery = StorageUnit(id: "bat", region: "r", technology: "battery", existingPowerMW: 0, durationHours: 4,
                                  chargeEfficiency: 0.92, dischargeEfficiency: 0.92,
                                  investment: Investment(capexUSDPerKW: 900, lifetimeYears: 15))
        let sun = (0..<EnergySystem.hoursPerYear).map { h in max(0, sin(Double(h % 24 - 6) / 12 * .pi)) }
        let years = [2030, 2035, 2040]
        let system = Tiny.system(
            years: years, yearsRepresented: 5, generators: [coal, solar, gas], storages: [battery],
            policies: Policies(renewableShare: PolicyTarget([2030: 0.1, 2035: 0.3, 2040: 0.5])),
            demand: years.enumerated().map { k, y in
                Tiny.demand("r", y, hours: (0..<24).map { 80 + 10 * Double(k) + 20 * sin(Double($0) / 24 * .pi) })
            },
            profiles: ["sun": sun])
        try Self.check("three periods", system, Tiny.hours(24, weight: 365))
    }

    @Test func aRowAcrossPeriodsIsRefusedWithItsName() throws {
        var coal = Tiny.thermal("coal", 100, cost: 10)
        coal.retirementYear = 2035
        let system = Tiny.system(years: [2030, 2035], generators: [coal],
                                 demand: [Tiny.demand("r", 2030, 80), Tiny.demand("r", 2035, 80)])
        var lp = try EnergyLP.build(system, options: FormulationOptions(time: Tiny.oneStep))
        // A total across periods, as the deficit objective mode adds.
        lp.program.addRow("U_total", [1 * lp.variables.unserved.segments[0][0, 0, 0], 1 * lp.variables.unserved.segments[0][0, 1, 0]], .atMost(1))
        #expect(throws: DecompositionError.self) { try lp.bendersBlocks(by: .period) }
    }
}

/// Tiny systems, as in `Tests/EnergyModelTests/TinySystems.swift`.
enum Tiny {
    static func demand(_ region: String, _ year: Int, _ mw: Double) -> RegionalDemand {
        RegionalDemand(region: region, year: year, hourlyMW: [Double](repeating: mw, count: EnergySystem.hoursPerYear))
    }

    /// Demand with `mw[k]` in hour k of every day.
    static func demand(_ region: String, _ year: Int, hours mw: [Double]) -> RegionalDemand {
        RegionalDemand(region: region, year: year, hourlyMW: (0..<EnergySystem.hoursPerYear).map { mw[$0 % 24 < mw.count ? $0 % 24 : 0] })
    }

    static let oneStep = TimeSlices(steps: [TimeStep(hour: 0, weight: 8760, month: 1)], blocks: [0..<1])

    static func hours(_ n: Int, weight: Double = 1) -> TimeSlices {
        TimeSlices(steps: (0..<n).map { TimeStep(hour: $0, weight: weight, month: 1) }, blocks: [0..<n])
    }

    static func system(regions: [String] = ["r"], years: [Int] = [2030], yearsRepresented: Double = 1,
                       generators: [Generator], storages: [StorageUnit] = [], corridors: [Corridor] = [],
                       fuels: [Fuel] = [], policies: Policies = Policies(), demand: [RegionalDemand],
                       profiles: [String: [Double]] = [:], hydro: [HydroBudget] = [],
                       discountRate: Double = 0.1, voll: Double = 1000) -> EnergySystem {
        EnergySystem(
            name: "tiny", settings: Settings(discountRate: discountRate, baseYear: years[0], vollUSDPerMWh: voll),
            periods: years.map { Period(year: $0, yearsRepresented: yearsRepresented) },
            regions: regions.map { Region(id: $0) }, corridors: corridors, fuels: fuels, generators: generators,
            storages: storages, policies: policies, demand: demand, profiles: profiles, hydroBudgets: hydro)
    }

    static func thermal(_ id: String, _ capacity: Double, cost: Double, region: String = "r", carrier: String = "coal") -> Generator {
        Generator(id: id, region: region, technology: "thermal", carrier: carrier, existingCapacityMW: capacity, variableOMUSDPerMWh: cost)
    }
}
