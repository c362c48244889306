import EnergyModel
import LinearProgramming

/// Tiny systems whose optima are derived by hand in the tests. All numbers are made up.
enum Tiny {
    static let flat = [Double](repeating: 1, count: EnergySystem.hoursPerYear)

    /// Demand of `mw` in every hour.
    static func demand(_ region: String, _ year: Int, _ mw: Double) -> RegionalDemand {
        RegionalDemand(region: region, year: year, hourlyMW: [Double](repeating: mw, count: EnergySystem.hoursPerYear))
    }

    /// Demand with `mw[k]` in hour k (for the first hours) and `rest` elsewhere.
    static func demand(_ region: String, _ year: Int, hours mw: [Double], rest: Double = 0) -> RegionalDemand {
        var series = [Double](repeating: rest, count: EnergySystem.hoursPerYear)
        for (k, value) in mw.enumerated() { series[k] = value }
        return RegionalDemand(region: region, year: year, hourlyMW: series)
    }

    /// One system-wide step standing for the whole year (hour 0, January).
    static let oneStep = TimeSlices(steps: [TimeStep(hour: 0, weight: 8760, month: 1)], blocks: [0..<1])

    /// Consecutive hours 0..<n, each with the given weight, in January, one cyclic block.
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

    /// An AC line (`lines.csv`): a lossless corridor of `mw` both ways with reactance `x` (per unit).
    static func line(_ id: String, _ from: String, _ to: String, x: Double, mw: Double, maxPU: Double = 1,
                     investment: Investment? = nil) -> Corridor {
        var corridor = Corridor(id: id, from: from, to: to, capacityMW: mw, investment: investment)
        corridor.line = LineFlow(reactancePU: x, maxPU: maxPU)
        return corridor
    }

    static func thermal(_ id: String, _ capacity: Double, cost: Double, region: String = "r", carrier: String = "coal") -> Generator {
        Generator(id: id, region: region, technology: "thermal", carrier: carrier, existingCapacityMW: capacity, variableOMUSDPerMWh: cost)
    }
}

/// `|a − b| ≤ tolerance · max(1, |a|, |b|)`.
func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-7) -> Bool {
    abs(a - b) <= tolerance * max(1, abs(a), abs(b))
}
