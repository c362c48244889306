import Foundation
import Testing
import LinearProgramming
@testable import EnergyModel

/// Capacity payments of existing contracts and the cost of supply, on a case derived by hand: one
/// region, 100 MW of demand all year (876,000 MWh), plant "a" (150 MW, 20 USD/MWh, fixed O&M
/// 30 USD/kW-yr) and plant "b" (100 MW, 50 USD/MWh, fixed O&M 10 USD/kW-yr, retiring in 2035),
/// periods 2030 and 2035. The plan runs a alone: 876,000 × 20 = 17.52 million USD of fuel and O&M
/// a year; fixed O&M 4.5 million (a) + 1 million (b, 2030 only).
@Suite struct CapacityPaymentTests {
    static func system(payments: [CapacityPayment]) -> EnergySystem {
        var a = Tiny.thermal("a", 150, cost: 20)
        a.fixedOMUSDPerKWYear = 30
        var b = Tiny.thermal("b", 100, cost: 50)
        b.fixedOMUSDPerKWYear = 10
        b.retirementYear = 2035
        var system = Tiny.system(years: [2030, 2035], generators: [a, b], demand: [Tiny.demand("r", 2030, 100), Tiny.demand("r", 2035, 100)],
                                 discountRate: 0)
        system.capacityPayments = payments
        return system
    }

    static func results(_ system: EnergySystem) throws -> (Double, EnergyResults) {
        let run = try Optimizer().optimize(system, options: FormulationOptions(time: Tiny.oneStep), mode: .cost)
        let provenance = Provenance(bijliVersion: "test", glpkVersion: GLPKLibrary.version, inputHashes: [:], options: [:],
                                    buildSeconds: 0, solveSeconds: 0, rows: 0, columns: 0, nonzeros: 0)
        return (run.lp.objectiveUSD(try #require(run.result.solution)), EnergyResults(run, provenance: provenance))
    }

    @Test("payments replace the fixed O&M of the capacity they pay for, in the periods they are paid")
    func costOfSupplyByHand() throws {
        let contract = CapacityPayment(id: "ppa", generators: ["a", "b"], paymentUSDPerYear: 12e6, lastYear: 2030)
        let (objective, results) = try Self.results(Self.system(payments: [contract]))
        let (baseObjective, base) = try Self.results(Self.system(payments: []))
        // Outside the decision: the optimum is the same with and without the payments.
        #expect(close(objective, baseObjective))
        let p2030 = try #require(results.periods.first { $0.period == 2030 })
        let p2035 = try #require(results.periods.first { $0.period == 2035 })
        // 2030: (17.52 + 4.5 + 1 − (4.5 + 1) + 12) million / 876,000 MWh = 33.69863... USD/MWh.
        #expect(close(try #require(p2030.indicators.costOfSupplyUSDPerMWh), 29.52e6 / 876_000, 1e-9))
        #expect(close(try #require(p2030.capacityPaymentsUSD), 12e6))
        #expect(close(try #require(p2030.fixedOMInPaymentsUSD), 5.5e6))
        // The average cost is unchanged: (17.52 + 5.5) / 876,000.
        #expect(close(p2030.indicators.averageCostUSDPerMWh, 23.02e6 / 876_000, 1e-9))
        // 2035: the contract ended in 2030 (last_year), b has retired: (17.52 + 4.5) / 876,000.
        #expect(close(try #require(p2035.indicators.costOfSupplyUSDPerMWh), 22.02e6 / 876_000, 1e-9))
        #expect(p2035.capacityPaymentsUSD == 0)
        // PKR at the system's exchange rate.
        let rate = Self.system(payments: []).settings.exchangeRatePKRPerUSD
        #expect(close(try #require(p2030.indicators.costOfSupplyPKRPerKWh), 29.52e6 / 876_000 * rate / 1000, 1e-9))
        // Without contracts there is no cost of supply with payments in the results.
        #expect(base.periods.allSatisfy { $0.indicators.costOfSupplyUSDPerMWh == nil && $0.capacityPaymentsUSD == nil })
        #expect(!base.periods[0].indicators.named.contains { $0.0 == "cost_of_supply_usd_per_mwh" })
    }

    @Test("capacity_payments.csv is read, and a wrong row names the file, line and column")
    func loader() throws {
        let header = "id,generators,payment_musd_per_year,last_year,source,tag\n"
        let system = try TinyCase.system { variant in
            try variant.write("model/capacity_payments.csv", header + "ppa,south_ccgt; south_gas,12.5,2030,test,ASSUMPTION\n")
        }
        #expect(system.capacityPayments == [CapacityPayment(id: "ppa", generators: ["south_ccgt", "south_gas"], paymentUSDPerYear: 12.5e6, lastYear: 2030)])
        #expect(system.sources.contains { $0.file == "capacity_payments.csv" && $0.key == "capacity_payments.ppa" })

        let issues = try TinyCase.issues { variant in
            try variant.write("model/capacity_payments.csv", header
                + "ppa,south_ccgt;south_gaz,12.5,,test,ASSUMPTION\n"
                + "ppb,south_ccgt,-1,,test,ASSUMPTION\n"
                + "ppa,north_hydro,1,,test,ASSUMPTION\n")
        }
        #expect(has(issues, file: "capacity_payments.csv", "unknown generator 'south_gaz'", line: 2))
        #expect(has(issues, file: "capacity_payments.csv", "'south_ccgt' is already paid for by 'ppa'", line: 3))
        #expect(has(issues, file: "capacity_payments.csv", "'payment_musd_per_year' must not be negative", line: 3))
        #expect(has(issues, file: "capacity_payments.csv", "duplicate contract 'ppa'", line: 4))
    }
}
