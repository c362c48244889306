import Foundation
import LinearProgramming

/// A synthetic economic-dispatch LP the size of a full-year hourly model of one region:
/// 20 generators (16 thermal, 2 solar, 2 wind), 2 storage units, unserved energy; per hour an
/// energy balance, ramp limits, storage balances and power limits, a reserve row, a minimum
/// synchronous-generation row and two fuel-pool rows. Every row touches one or two hours:
/// no dense rows, as GLPK's interior point needs. All numbers are made up for benchmarking.
struct SyntheticDispatch {
    let hours: Int
    /// Scales the capacity of generator 0 (for warm-start benchmarks).
    var firstGeneratorAvailability: Double = 1

    static let thermal = 16, renewables = 4, storages = 2

    func build() -> LinearProgram {
        var lp = LinearProgram(name: "synthetic_dispatch_\(hours)h")
        lp.reserveCapacity(variables: hours * 27, rows: hours * 25, entries: hours * 121)
        let capacity: [Double] = (0..<Self.thermal).map { g in 400.0 + 50.0 * Double(g) }
        let cost: [Double] = (0..<Self.thermal).map { g in 20.0 + 6.0 * Double(g) }
        let ramp: [Double] = capacity.map { c in 0.3 * c }
        let renewableCapacity: [Double] = [1500, 1200, 1000, 800]
        let totalThermal = capacity.reduce(0, +)

        var previousThermal: [Variable] = []
        var previousEnergy: [Variable] = []
        for t in 0..<hours {
            let hourOfDay = Double(t % 24)
            let day = Double(t / 24)
            let seasonal: Double = 1.0 + 0.15 * sin(2.0 * Double.pi * day / 365.0)
            let daily: Double = 0.8 + 0.2 * sin(Double.pi * (hourOfDay - 8.0) / 12.0)
            let demand: Double = 7000.0 * seasonal * daily
            let sun: Double = max(0.0, sin(Double.pi * (hourOfDay - 6.0) / 12.0))
            let wind: Double = 0.35 + 0.15 * cos(2.0 * Double.pi * (hourOfDay + day) / 24.0)

            var thermal: [Variable] = []
            for g in 0..<Self.thermal {
                let cap: Double = g == 0 ? capacity[g] * firstGeneratorAvailability : capacity[g]
                thermal.append(lp.addVariable("p[g\(g),t\(t)]", bounds: .between(0, cap), cost: cost[g]))
            }
            var renewable: [Variable] = []
            for r in 0..<Self.renewables {
                let availability: Double = r < 2 ? sun : wind
                renewable.append(lp.addVariable("p[re\(r),t\(t)]", bounds: .between(0, renewableCapacity[r] * availability), cost: 0))
            }
            var charge: [Variable] = [], discharge: [Variable] = [], energy: [Variable] = []
            for s in 0..<Self.storages {
                charge.append(lp.addVariable("c[s\(s),t\(t)]", bounds: .between(0, 500), cost: 0.1))
                discharge.append(lp.addVariable("d[s\(s),t\(t)]", bounds: .between(0, 500), cost: 0.1))
                energy.append(lp.addVariable("e[s\(s),t\(t)]", bounds: .between(0, 2000), cost: 0))
            }
            let unserved = lp.addVariable("u[t\(t)]", cost: 1000)

            var balance: [Term] = thermal.map { 1 * $0 } + renewable.map { 1 * $0 }
            for s in 0..<Self.storages { balance += [1 * discharge[s], -1 * charge[s]] }
            balance.append(1 * unserved)
            lp.addRow("EB[t\(t)]", balance, .fixed(demand))

            if !previousThermal.isEmpty {
                for g in 0..<Self.thermal {
                    lp.addRow("RAMP[g\(g),t\(t)]", [1 * thermal[g], -1 * previousThermal[g]], .between(-ramp[g], ramp[g]))
                }
            }
            for s in 0..<Self.storages {
                var terms: [Term] = [1 * energy[s], -0.9 * charge[s], (1.0 / 0.9) * discharge[s]]
                if !previousEnergy.isEmpty { terms.append(-0.999 * previousEnergy[s]) }
                lp.addRow("STO[s\(s),t\(t)]", terms, .fixed(t == 0 ? 1000 : 0))
                lp.addRow("STOP[s\(s),t\(t)]", [1 * charge[s], 1 * discharge[s]], .atMost(500))
            }
            let reserve: [Term] = thermal.map { 1 * $0 } + discharge.map { 1 * $0 } + renewable.map { 1 * $0 }
            lp.addRow("RESERVE[t\(t)]", reserve, .atMost(totalThermal + 1000 + 5500 - 0.1 * demand))
            lp.addRow("SYNC[t\(t)]", thermal.map { 1 * $0 } + [1 * unserved], .atLeast(0.3 * demand))
            lp.addRow("GAS[t\(t)]", (0..<8).map { g in 7.5 * thermal[g] }, .atMost(40_000))
            lp.addRow("COAL[t\(t)]", (8..<14).map { g in 9.5 * thermal[g] }, .atMost(45_000))
            previousThermal = thermal
            previousEnergy = energy
        }
        return lp
    }
}
