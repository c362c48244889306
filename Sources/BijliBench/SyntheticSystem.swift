import EnergyModel
import Foundation

/// A made-up three-region system the size of a national model (numbers are illustrative only,
/// chosen to exercise every constraint family): north, south and karachi joined by two
/// corridors; thermal, hydro, nuclear, solar, wind and batteries, some of them buildable;
/// monthly hydro budgets and LNG limits; a reserve margin and a renewable-share target.
/// `dispatchOnly` drops the investment options and the batteries.
enum SyntheticSystem {
    static func make(years: [Int], dispatchOnly: Bool = false) -> EnergySystem {
        let hours = EnergySystem.hoursPerYear
        var solar = [Double](repeating: 0, count: hours), wind = [Double](repeating: 0, count: hours)
        var shape = [Double](repeating: 0, count: hours)
        for h in 0..<hours {
            let hourOfDay = Double(h % 24), day = Double(h / 24)
            let season: Double = sin(2.0 * Double.pi * (day - 80.0) / 365.0)
            let sunAngle: Double = sin(Double.pi * (hourOfDay - 6.0) / 12.0)
            solar[h] = max(0.0, sunAngle) * (0.75 + 0.2 * season)
            let gust: Double = cos(2.0 * Double.pi * (day / 7.0 + hourOfDay / 24.0))
            wind[h] = min(1.0, max(0.0, 0.3 + 0.25 * season + 0.15 * gust))
            let daily: Double = 0.85 + 0.15 * sin(Double.pi * (hourOfDay - 9.0) / 12.0)
            shape[h] = daily * (1.0 + 0.25 * season)
        }
        let regions = [("north", 16_000.0), ("south", 7_000.0), ("karachi", 3_500.0)]
        var demand: [RegionalDemand] = []
        for (k, year) in years.enumerated() {
            let growth: Double = pow(1.04, Double(5 * k))
            for (region, peak) in regions {
                demand.append(RegionalDemand(region: region, year: year, hourlyMW: shape.map { $0 * peak * growth / 1.25 }))
            }
        }
        let lng = Fuel(id: "rlng", imported: true, co2TonnesPerMMBtu: 0.0531,
                       priceUSDPerMMBtu: monthly(years, 12.5), supplyLimitMMBtu: monthly(years, 40_000_000))
        let coal = Fuel(id: "imported_coal", imported: true, co2TonnesPerMMBtu: 0.0953, priceUSDPerMMBtu: monthly(years, 4.5))
        let lignite = Fuel(id: "thar_lignite", imported: false, co2TonnesPerMMBtu: 0.0976, priceUSDPerMMBtu: monthly(years, 2.2))
        let uranium = Fuel(id: "uranium", imported: true, co2TonnesPerMMBtu: 0, priceUSDPerMMBtu: monthly(years, 0.8))
        func build(_ capex: Double, _ life: Double, max: Double? = nil) -> Investment {
            Investment(capexUSDPerKW: capex, lifetimeYears: life, maxCapacityMW: max)
        }
        var generators = [
            Generator(id: "hydro_north", region: "north", technology: "hydro_reservoir", carrier: "hydro", existingCapacityMW: 7_000,
                      fixedOMUSDPerKWYear: 15, forcedOutageRate: 0.05, capacityCredit: 0.6, hasHydroBudget: true),
            Generator(id: "ror_north", region: "north", technology: "hydro_ror", carrier: "hydro", existingCapacityMW: 2_500,
                      availabilityProfile: "wind", capacityCredit: 0.3),
            Generator(id: "ccgt_north", region: "north", technology: "ccgt", carrier: "rlng", fuel: "rlng", existingCapacityMW: 6_000,
                      heatRateMMBtuPerMWh: 6.8, variableOMUSDPerMWh: 3, fixedOMUSDPerKWYear: 18, forcedOutageRate: 0.08,
                      capacityCredit: 0.92, investment: build(900, 30)),
            Generator(id: "coal_north", region: "north", technology: "steam", carrier: "coal", fuel: "imported_coal",
                      existingCapacityMW: 2_600, heatRateMMBtuPerMWh: 9.2, variableOMUSDPerMWh: 4, fixedOMUSDPerKWYear: 35,
                      forcedOutageRate: 0.1, minimumGenerationFraction: 0.3, capacityCredit: 0.9),
            Generator(id: "nuclear_north", region: "north", technology: "pwr", carrier: "nuclear", fuel: "uranium",
                      existingCapacityMW: 1_300, heatRateMMBtuPerMWh: 10.4, variableOMUSDPerMWh: 2, fixedOMUSDPerKWYear: 110,
                      forcedOutageRate: 0.1, minimumGenerationFraction: 0.7, capacityCredit: 0.9),
            Generator(id: "solar_north", region: "north", technology: "pv", carrier: "solar", existingCapacityMW: 600,
                      availabilityProfile: "solar", capacityCredit: 0.1, investment: build(550, 25, max: 40_000)),
            Generator(id: "coal_south", region: "south", technology: "steam", carrier: "coal", fuel: "thar_lignite",
                      existingCapacityMW: 2_640, heatRateMMBtuPerMWh: 10.5, variableOMUSDPerMWh: 5, fixedOMUSDPerKWYear: 40,
                      forcedOutageRate: 0.12, minimumGenerationFraction: 0.4, capacityCredit: 0.88, investment: build(1_800, 30)),
            Generator(id: "wind_south", region: "south", technology: "wind", carrier: "wind", existingCapacityMW: 1_800,
                      availabilityProfile: "wind", capacityCredit: 0.15, investment: build(1_100, 25, max: 20_000)),
            Generator(id: "solar_south", region: "south", technology: "pv", carrier: "solar", existingCapacityMW: 300,
                      availabilityProfile: "solar", capacityCredit: 0.1, investment: build(550, 25, max: 30_000)),
            Generator(id: "ccgt_karachi", region: "karachi", technology: "ccgt", carrier: "rlng", fuel: "rlng", existingCapacityMW: 1_800,
                      heatRateMMBtuPerMWh: 7.1, variableOMUSDPerMWh: 3, fixedOMUSDPerKWYear: 18, forcedOutageRate: 0.08, capacityCredit: 0.92),
            Generator(id: "nuclear_karachi", region: "karachi", technology: "hpr1000", carrier: "nuclear", fuel: "uranium",
                      existingCapacityMW: 2_200, heatRateMMBtuPerMWh: 10.4, variableOMUSDPerMWh: 2, fixedOMUSDPerKWYear: 110,
                      forcedOutageRate: 0.1, minimumGenerationFraction: 0.7, capacityCredit: 0.9),
            Generator(id: "hsd_karachi", region: "karachi", technology: "ocgt", carrier: "oil", fuel: "rlng", existingCapacityMW: 500,
                      heatRateMMBtuPerMWh: 11, variableOMUSDPerMWh: 8, forcedOutageRate: 0.1, capacityCredit: 0.9),
        ]
        generators[0].investment = nil
        let storages = [
            StorageUnit(id: "battery_north", region: "north", technology: "battery_4h", existingPowerMW: 0, durationHours: 4,
                        chargeEfficiency: 0.95, dischargeEfficiency: 0.95, variableOMUSDPerMWh: 1, fixedOMUSDPerKWYear: 10,
                        capacityCredit: 0.8, investment: build(1_000, 15)),
            StorageUnit(id: "battery_karachi", region: "karachi", technology: "battery_4h", existingPowerMW: 0, durationHours: 4,
                        chargeEfficiency: 0.95, dischargeEfficiency: 0.95, variableOMUSDPerMWh: 1, fixedOMUSDPerKWYear: 10,
                        capacityCredit: 0.8, investment: build(1_000, 15)),
        ]
        let corridors = [
            Corridor(id: "hvdc", from: "south", to: "north", capacityMW: 4_000, lossFraction: 0.03),
            Corridor(id: "ke_link", from: "south", to: "karachi", capacityMW: 2_000, lossFraction: 0.01),
        ]
        var hydro: [HydroBudget] = []
        for year in years {
            for month in 1...12 {
                let wet: Double = 0.45 + 0.4 * sin(Double.pi * Double(month - 3) / 9.0)
                let hoursInMonth = Double(TimeSlices.daysPerMonth[month - 1] * 24)
                hydro.append(HydroBudget(generator: "hydro_north", year: year, month: month, energyMWh: 7_000 * hoursInMonth * max(0.15, wet)))
            }
        }
        let policies = Policies(reserveMargin: PolicyTarget(Dictionary(uniqueKeysWithValues: years.map { ($0, 0.1) }), penalty: 200_000),
                                renewableShare: PolicyTarget(Dictionary(uniqueKeysWithValues: years.map { ($0, 0.3) }), penalty: 200))
        var system = EnergySystem(
            name: "synthetic3r", settings: Settings(discountRate: 0.1, baseYear: years[0], vollUSDPerMWh: 500),
            periods: years.map { Period(year: $0, yearsRepresented: 5) },
            regions: regions.map { Region(id: $0.0) }, corridors: corridors, fuels: [lng, coal, lignite, uranium],
            generators: generators, storages: storages, policies: policies, demand: demand,
            profiles: ["solar": solar, "wind": wind], hydroBudgets: hydro)
        if dispatchOnly {
            for g in system.generators.indices { system.generators[g].investment = nil }
            system.storages = []
        }
        return system
    }

    static func monthly(_ years: [Int], _ value: Double) -> MonthlyValues {
        MonthlyValues(Dictionary(uniqueKeysWithValues: years.map { year in (year, Dictionary(uniqueKeysWithValues: (1...12).map { ($0, value) })) }))
    }
}
