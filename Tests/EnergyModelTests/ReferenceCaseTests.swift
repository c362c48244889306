import Foundation
import Testing
import LinearProgramming
@testable import EnergyModel

/// Tiny cases with hand-derived optima. Tolerance 1e-7 relative: GLPK's simplex returns a
/// vertex, exact up to floating-point rounding of sums of a few hundred terms.
@Suite struct ReferenceCaseTests {
    func solve(_ system: EnergySystem, _ time: TimeSlices, sumForm: FormulationOptions.SumForm = .automatic) throws -> (EnergyLP, Solution) {
        let lp = try EnergyLP.build(system, options: FormulationOptions(time: time, sumForm: sumForm))
        let result = try GLPKSolver().solve(lp.program)
        #expect(result.status == .optimal)
        return (lp, try #require(result.solution))
    }

    @Test func meritOrderDispatch() throws {
        // Demand 150 MW all year; A (100 MW at 10) runs flat out, B (100 MW at 30) serves 50.
        let system = Tiny.system(generators: [Tiny.thermal("a", 100, cost: 10), Tiny.thermal("b", 100, cost: 30)],
                                 demand: [Tiny.demand("r", 2030, 150)])
        let (lp, s) = try solve(system, Tiny.oneStep)
        #expect(close(lp.objectiveUSD(s), 8760 * (100 * 10 + 50 * 30)))
        #expect(close(s[lp.variables.generation[0, 0, 0]], 100))
        #expect(close(s[lp.variables.generation[1, 0, 0]], 50))
        // The marginal price is B's cost: the EB dual per weighted MWh.
        #expect(close(lp.marginalPrice(region: 0, period: 0, step: 0, in: s), 30))
    }
}

extension ReferenceCaseTests {
    @Test func storageArbitrage() throws {
        // Hour 0: demand 50, hour 1: demand 150. A: 100 MW at 10, B: 200 MW at 50. A battery of
        // 100 MW / 2 h with η_c = η_d = 0.9 charges A's spare 50 MW in hour 0 (stores 45 MWh) and
        // discharges 40.5 MW in hour 1, so B makes 9.5 MW: cost 100·10 + 100·10 + 9.5·50 = 2475.
        let battery = StorageUnit(id: "bat", region: "r", technology: "battery", existingPowerMW: 100, durationHours: 2,
                                  chargeEfficiency: 0.9, dischargeEfficiency: 0.9)
        let system = Tiny.system(generators: [Tiny.thermal("a", 100, cost: 10), Tiny.thermal("b", 200, cost: 50)],
                                 storages: [battery], demand: [Tiny.demand("r", 2030, hours: [50, 150])])
        let (lp, s) = try solve(system, Tiny.hours(2))
        #expect(close(lp.objectiveUSD(s), 2475))
        #expect(close(s[lp.variables.charge[0, 0, 0]], 50))
        #expect(close(s[lp.variables.discharge[0, 0, 1]], 40.5))
        #expect(close(s[lp.variables.stateOfCharge[0, 0, 0]], 45))
    }

    @Test func corridorCongestion() throws {
        // North: 100 MW demand, 1000 MW at 10. South: 500 MW demand, 1000 MW at 50. The 200 MW
        // corridor is full, so South's own plant makes 300 MW; prices 10 and 50 differ by the
        // congestion rent 40, which is the reduced cost of the flow at its bound.
        let corridor = Corridor(id: "ns", from: "north", to: "south", capacityMW: 200)
        let system = Tiny.system(
            regions: ["north", "south"],
            generators: [Tiny.thermal("n", 1000, cost: 10, region: "north"), Tiny.thermal("s", 1000, cost: 50, region: "south")],
            corridors: [corridor], demand: [Tiny.demand("north", 2030, 100), Tiny.demand("south", 2030, 500)])
        let (lp, s) = try solve(system, Tiny.oneStep)
        #expect(close(s[lp.variables.flowForward[0, 0, 0]], 200))
        #expect(close(s[lp.variables.generation[1, 0, 0]], 300))
        let north = lp.marginalPrice(region: 0, period: 0, step: 0, in: s), south = lp.marginalPrice(region: 1, period: 0, step: 0, in: s)
        #expect(close(north, 10) && close(south, 50))
        #expect(close(-lp.usd(s.reducedCosts[lp.variables.flowForward[0, 0, 0].index]) / 8760, south - north))
        #expect(close(lp.objectiveUSD(s), 8760 * (300 * 10 + 300 * 50)))
    }

    @Test(arguments: FormulationOptions.SumForm.allCases)
    func hydroMonthlyBudget(_ form: FormulationOptions.SumForm) throws {
        // January in two steps of 372 h. Demand 80 MW = 59,520 MWh; the reservoir may release
        // 40,000 MWh; thermal at 40 makes the other 19,520 MWh. The budget's dual is the water
        // value, −40 USD/MWh.
        var hydro = Tiny.thermal("dam", 100, cost: 0, carrier: "hydro")
        hydro.hasHydroBudget = true
        let system = Tiny.system(generators: [hydro, Tiny.thermal("th", 100, cost: 40)],
                                 demand: [Tiny.demand("r", 2030, 80)],
                                 hydro: [HydroBudget(generator: "dam", year: 2030, month: 1, energyMWh: 40_000)])
        let (lp, s) = try solve(system, Tiny.hours(2, weight: 372), sumForm: form)
        #expect(close(lp.objectiveUSD(s), 19_520 * 40))
        let row = try #require(lp.familyRows.first { $0.family == .HYDRO })
        #expect(close(lp.shadowPrice(row, in: s), -40))
    }

    @Test(arguments: FormulationOptions.SumForm.allCases)
    func fuelLimitCausesUnservedEnergy(_ form: FormulationOptions.SumForm) throws {
        // Gas only: 100 MW, 8 MMBtu/MWh at 5 USD/MMBtu (40 USD/MWh). January in two steps of 372 h,
        // demand 80 MW = 59,520 MWh; 297,600 MMBtu make 37,200 MWh; 22,320 MWh are shed at VoLL
        // 1000. The fuel limit's dual is (1000 − 40) / 8 = 120 USD/MMBtu.
        let gas = Fuel(id: "gas", imported: false, co2TonnesPerMMBtu: 0.053,
                       priceUSDPerMMBtu: MonthlyValues([2030: [1: 5]]), supplyLimitMMBtu: MonthlyValues([2030: [1: 297_600]]))
        let plant = Generator(id: "ccgt", region: "r", technology: "ccgt", carrier: "gas", fuel: "gas",
                              existingCapacityMW: 100, heatRateMMBtuPerMWh: 8)
        let system = Tiny.system(generators: [plant], fuels: [gas], demand: [Tiny.demand("r", 2030, 80)])
        let (lp, s) = try solve(system, Tiny.hours(2, weight: 372), sumForm: form)
        let unserved = lp.variables.unserved.segments[0][0][0].reduce(0.0) { $0 + 372 * s[$1] }
        #expect(close(unserved, 22_320))
        #expect(close(lp.objectiveUSD(s), 37_200 * 40 + 22_320 * 1000))
        let row = try #require(lp.familyRows.first { $0.family == .FUEL })
        #expect(close(-lp.shadowPrice(row, in: s), 120))
    }

    @Test(arguments: FormulationOptions.SumForm.allCases)
    func bindingRenewableShareHasTheSubsidyAsDual(_ form: FormulationOptions.SumForm) throws {
        // Demand 100; coal at 10, solar at 20 (available 50 %). A 30 % share forces 30 MW of
        // solar: cost 30·20 + 70·10 = 1300 per hour. The dual is the implied subsidy: 10 USD/MWh.
        let solar = Generator(id: "pv", region: "r", technology: "pv", carrier: "solar", existingCapacityMW: 1000,
                              variableOMUSDPerMWh: 20, availabilityProfile: "sun")
        let system = Tiny.system(
            generators: [Tiny.thermal("coal", 1000, cost: 10), solar],
            policies: Policies(renewableShare: PolicyTarget([2030: 0.3])), demand: [Tiny.demand("r", 2030, 100)],
            profiles: ["sun": [Double](repeating: 0.5, count: EnergySystem.hoursPerYear)])
        let (lp, s) = try solve(system, Tiny.hours(4, weight: 2190), sumForm: form)
        #expect(close(lp.objectiveUSD(s), 8760 * 1300))
        let row = try #require(lp.familyRows.first { $0.family == .RESHARE })
        #expect(close(lp.shadowPrice(row, in: s), 10))
    }

    @Test func reserveMarginForcesABuild() throws {
        // Peak 100 MW, coal 100 MW (credit 1). A 15 % margin needs 15 MW more: an OCGT at
        // 500 USD/kW, 20 years, 10 %: annuity 500,000 · 0.1 / (1 − 1.1^−20) = 58,729.81 USD/MW-yr.
        let annuity: Double = 500_000 * 0.1 / (1 - pow(1.1, -20))
        let ocgt = Generator(id: "ocgt", region: "r", technology: "ocgt", carrier: "hsd", existingCapacityMW: 0,
                             variableOMUSDPerMWh: 100, investment: Investment(capexUSDPerKW: 500, lifetimeYears: 20))
        let system = Tiny.system(generators: [Tiny.thermal("coal", 100, cost: 10), ocgt],
                                 policies: Policies(reserveMargin: PolicyTarget([2030: 0.15])),
                                 demand: [Tiny.demand("r", 2030, 100)])
        let (lp, s) = try solve(system, Tiny.oneStep)
        #expect(close(s[try #require(lp.variables.build[1, 0])], 15))
        #expect(close(lp.objectiveUSD(s), 8760 * 100 * 10 + 15 * annuity))
        let row = try #require(lp.familyRows.first { $0.family == .RESERVE })
        #expect(close(lp.shadowPrice(row, in: s), annuity))
    }

    @Test func retirementAndAnnuityAcrossPeriods() throws {
        // 2030 and 2035, each standing for 5 years, discounted at 10 % to 2030. Coal (100 MW at
        // 10) retires in 2035. A CCGT (1000 USD/kW, 30 years, 30 USD/MWh) is built in 2035, not
        // earlier: a 2030 build would pay its annuity in both periods. Demand 80 MW.
        let annuity: Double = 1_000_000 * 0.1 / (1 - pow(1.1, -30))
        var coal = Tiny.thermal("coal", 100, cost: 10)
        coal.retirementYear = 2035
        let ccgt = Generator(id: "ccgt", region: "r", technology: "ccgt", carrier: "gas", existingCapacityMW: 0,
                             variableOMUSDPerMWh: 30, investment: Investment(capexUSDPerKW: 1000, lifetimeYears: 30))
        let system = Tiny.system(years: [2030, 2035], yearsRepresented: 5, generators: [coal, ccgt],
                                 demand: [Tiny.demand("r", 2030, 80), Tiny.demand("r", 2035, 80)])
        let (lp, s) = try solve(system, Tiny.oneStep)
        let d2035: Double = pow(1.1, -5)
        #expect(close(s[try #require(lp.variables.build[1, 0])], 0))
        #expect(close(s[try #require(lp.variables.build[1, 1])], 80))
        #expect(close(lp.objectiveUSD(s), 5 * 8760 * 80 * 10 + d2035 * 5 * (8760 * 80 * 30 + 80 * annuity)))
    }

    @Test func objectiveConstantIsTheExistingFleetsFixedCost() throws {
        // 100 MW with fixed O&M 20 USD/kW-yr = 2,000,000 USD per year, whether it runs or not.
        var coal = Tiny.thermal("coal", 100, cost: 10)
        coal.fixedOMUSDPerKWYear = 20
        let system = Tiny.system(generators: [coal], demand: [Tiny.demand("r", 2030, 50)])
        let (lp, s) = try solve(system, Tiny.oneStep)
        #expect(close(lp.usd(lp.program.objectiveConstant), 2_000_000))
        #expect(close(lp.objectiveUSD(s), 2_000_000 + 8760 * 50 * 10))
    }
}
