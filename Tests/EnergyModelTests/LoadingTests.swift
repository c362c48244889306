import Foundation
import Testing
@testable import EnergyModel

/// The tiny fixture loads, with the values its files give.
@Suite("Loading: valid case")
struct LoadingValidCaseTests {
    @Test func loadsTheTinyCase() throws {
        let system = try TinyCase.load()
        #expect(system.name == "tiny")
        #expect(system.settings == Settings(discountRate: 0.08, baseYear: 2025, vollUSDPerMWh: 5000, exchangeRatePKRPerUSD: 280))
        #expect(system.periods == [Period(year: 2025, yearsRepresented: 5), Period(year: 2030, yearsRepresented: 5)])
        #expect(system.regions.map(\.id) == ["north", "south"])
        #expect(system.corridors == [Corridor(id: "north_south", from: "north", to: "south", capacityMW: 1000, reverseCapacityMW: 800, lossFraction: 0.03)])
        #expect(system.fuels.map(\.id) == ["rlng", "gas"])
        #expect(system.fuels[0].imported && !system.fuels[1].imported)
        #expect(system.generators.map(\.id) == ["north_hydro", "north_solar", "south_ccgt", "south_gas", "south_wind"])
        #expect(system.storages.map(\.id) == ["south_battery"])
    }

    @Test func readsGeneratorAndStorageFields() throws {
        let system = try TinyCase.load()
        let ccgt = try #require(system.generators.first { $0.id == "south_ccgt" })
        #expect(ccgt == Generator(
            id: "south_ccgt", region: "south", technology: "ccgt", carrier: "rlng", fuel: "rlng", existingCapacityMW: 1200,
            retirementYear: 2035, heatRateMMBtuPerMWh: 7.2, variableOMUSDPerMWh: 3, fixedOMUSDPerKWYear: 20, forcedOutageRate: 0.05,
            minimumGenerationFraction: 0.3, capacityCredit: 0.95,
            investment: Investment(capexUSDPerKW: 900, lifetimeYears: 30)))
        let solar = try #require(system.generators.first { $0.id == "north_solar" })
        #expect(solar.availabilityProfile == "solar_north")
        #expect(solar.investment == Investment(capexUSDPerKW: 600, lifetimeYears: 25, maxCapacityMW: 3000, committedMW: [2030: 300], firstBuildYear: 2030))
        let hydro = try #require(system.generators.first { $0.id == "north_hydro" })
        #expect(hydro.hasHydroBudget && hydro.investment == nil && hydro.fuel == nil)
        #expect(system.storages[0] == StorageUnit(
            id: "south_battery", region: "south", technology: "battery_4h", existingPowerMW: 50, durationHours: 4,
            chargeEfficiency: 0.95, dischargeEfficiency: 0.95, selfDischargePerHour: 0.0001, variableOMUSDPerMWh: 1,
            fixedOMUSDPerKWYear: 12, capacityCredit: 0.8,
            investment: Investment(capexUSDPerKW: 1100, lifetimeYears: 15, maxCapacityMW: 1000, committedMW: [2030: 100])))
    }

    @Test func readsPricesSupplyAndHydroBudgetsWithMonthOverrides() throws {
        let system = try TinyCase.load()
        let rlng = system.fuels[0]
        #expect(rlng.priceUSDPerMMBtu[2025, 1] == 12)
        #expect(rlng.priceUSDPerMMBtu[2030, 6] == 11)
        #expect(rlng.priceUSDPerMMBtu[2030, 7] == 14)
        #expect(rlng.supplyLimitMMBtu.isEmpty)
        #expect(system.fuels[1].supplyLimitMMBtu[2030, 12] == 1_200_000)
        #expect(system.hydroBudgets.count == 24)
        #expect(system.hydroBudgets.first { $0.year == 2030 && $0.month == 7 }?.energyMWh == 900_000)
        #expect(system.hydroBudgets.first { $0.year == 2030 && $0.month == 8 }?.energyMWh == 520_000)
    }

    @Test func readsPolicies() throws {
        let policies = try TinyCase.load().policies
        #expect(policies.renewableShare == PolicyTarget([2025: 0.2, 2030: 0.3], penalty: 1000))
        #expect(policies.reserveMargin == PolicyTarget([2030: 0.15]))
        #expect(policies.co2CapTonnes == PolicyTarget([2030: 2_000_000], penalty: 50))
        #expect(policies.importShareCap == PolicyTarget([2030: 0.5]))
        #expect(policies.fxBudgetUSD == PolicyTarget([2030: 500_000_000]))
        #expect(policies.renewableCarriers == ["solar", "wind", "hydro"])
    }

    /// Energy-only scaling: `D_t = 1000·E·s_t/Σs`, so the sum is the annual energy in MWh and the
    /// shape is kept (relative tolerance 1e-12: a sum of 8760 doubles).
    @Test func scalesDemandToAnnualEnergy() throws {
        let system = try TinyCase.load()
        let north = try #require(system.demand.first { $0.region == "north" && $0.year == 2030 })
        #expect(north.hourlyMW.count == 8760)
        let total: Double = north.hourlyMW.reduce(0, +)
        #expect(abs(total - 10_512_000) / 10_512_000 < 1e-12)
        #expect(abs(north.hourlyMW[12] / north.hourlyMW[6] - 1.25) < 1e-9)  // shape 1.25 at 12h, 1.0 at 6h
        #expect(system.demand.count == 4)
    }

    /// Energy-and-peak scaling: `D_t = a + b·s_t` meets both the annual energy and the peak.
    @Test func scalesDemandToEnergyAndPeak() throws {
        let system = try TinyCase.load()
        let south = try #require(system.demand.first { $0.region == "south" && $0.year == 2025 })
        let total: Double = south.hourlyMW.reduce(0, +)
        #expect(abs(total - 4_380_000) / 4_380_000 < 1e-12)
        #expect(abs((south.hourlyMW.max() ?? 0) - 800) < 1e-9)
        #expect((south.hourlyMW.min() ?? -1) > 0)
    }

    @Test func keepsProfilesAndSourceNotes() throws {
        let system = try TinyCase.load()
        #expect(system.profiles.keys.sorted() == ["solar_north", "wind_south"])
        #expect(system.profiles["solar_north"]?[12] == 1)
        #expect(system.sources.allSatisfy { $0.tag == .assumption && $0.source == "illustrative test fixture" })
        #expect(system.sources.contains { $0.file == "generators.csv" && $0.key == "generators.south_ccgt" })
        #expect(system.sources.contains { $0.file == "demand_profile.csv" && $0.key == "*" })
        #expect(system.sources == system.sources.sorted { ($0.file, $0.key) < ($1.file, $1.key) })
    }

    @Test func loadsTwiceTheSame() throws {
        #expect(try TinyCase.load() == TinyCase.load())
    }
}
