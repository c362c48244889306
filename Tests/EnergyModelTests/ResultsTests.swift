import Foundation
import Testing
import LinearProgramming
@testable import EnergyModel

/// Indicators on a case derived by hand. Coal 60 MW on imported coal (10 MMBtu/MWh at 4 USD,
/// 0.1 t CO2/MMBtu); solar 100 MW at 50 % availability; demand 120 MW all year (one step of
/// 8760 h). Solar 50 MW, coal 60 MW, 10 MW shed at VoLL 1000.
@Suite struct ResultsTests {
    static func run(mode: ObjectiveMode = .cost) throws -> EnergyResults {
        let coal = Fuel(id: "coal", imported: true, co2TonnesPerMMBtu: 0.1, priceUSDPerMMBtu: MonthlyValues([2030: [1: 4]]))
        let plant = Generator(id: "coal_plant", region: "r", technology: "steam", carrier: "coal", fuel: "coal",
                              existingCapacityMW: 60, heatRateMMBtuPerMWh: 10)
        let solar = Generator(id: "pv", region: "r", technology: "pv", carrier: "solar", existingCapacityMW: 100,
                              availabilityProfile: "sun")
        let system = Tiny.system(generators: [plant, solar], fuels: [coal], demand: [Tiny.demand("r", 2030, 120)],
                                 profiles: ["sun": [Double](repeating: 0.5, count: EnergySystem.hoursPerYear)])
        let optimization = try Optimizer().optimize(system, options: FormulationOptions(time: Tiny.oneStep), mode: mode)
        let provenance = Provenance(bijliVersion: "test", glpkVersion: GLPKLibrary.version, inputHashes: [:], options: [:],
                                    buildSeconds: 0, solveSeconds: 0, rows: 0, columns: 0, nonzeros: 0)
        return EnergyResults(optimization, provenance: provenance)
    }

    @Test func indicatorsMatchTheHandDerivation() throws {
        let results = try Self.run()
        #expect(results.status == .optimal)
        let period = try #require(results.periods.first)
        let i = period.indicators
        let served: Double = 110 * 8760, solar: Double = 50 * 8760, coal: Double = 60 * 8760
        #expect(close(period.demandMWh, 120 * 8760))
        #expect(close(period.unservedMWh, 10 * 8760))
        #expect(close(period.generationMWh["pv"]!, solar))
        #expect(close(period.generationByCarrierMWh["coal"]!, coal))
        #expect(close(i.renewableShare, solar / served))
        #expect(close(i.importDependence, coal / (solar + coal)))
        let s1 = solar / (solar + coal), s2 = coal / (solar + coal)
        #expect(close(i.hhi, s1 * s1 + s2 * s2))
        #expect(close(i.shannon, -(s1 * log(s1) + s2 * log(s2))))
        #expect(close(i.co2T, coal * 1.0))
        #expect(close(i.co2IntensityTPerMWh, coal / (solar + coal)))
        #expect(close(i.fuelImportBillUSD, coal * 10 * 4))
        #expect(close(i.averageCostUSDPerMWh, coal * 40 / served))
        #expect(close(i.reserveMargin, 160.0 / 120.0 - 1))
        #expect(close(i.shortageHours, 8760))
        #expect(close(i.peakShortfallMW, 10))
        #expect(close(i.unservedShare, 10.0 / 120.0))
        // Unserved energy is marginal: the price is VoLL.
        #expect(close(try #require(results.marginalPrice.first).meanUSDPerMWh, 1000))
        // Objective: fuel 60 MW · 40 USD + 10 MW · 1000 USD, per hour.
        #expect(close(try #require(results.objectiveUSD), 8760 * (60 * 40 + 10 * 1000)))
    }

    @Test func resultsJSONHasTheStableKeys() throws {
        let json = try #require(try JSONSerialization.jsonObject(with: Self.run().json()) as? [String: Any])
        for key in ["schema_version", "status", "objective_usd", "objective_mode", "periods", "marginal_price",
                    "binding_constraints", "provenance", "objective_constant_usd", "resolution"] {
            #expect(json[key] != nil, "missing \(key)")
        }
        let period = try #require((json["periods"] as? [[String: Any]])?.first)
        for key in ["period", "capacity_mw", "new_capacity_mw", "generation_mwh", "generation_by_carrier_mwh",
                    "demand_mwh", "unserved_mwh", "indicators"] {
            #expect(period[key] != nil, "missing periods[].\(key)")
        }
        let indicators = try #require(period["indicators"] as? [String: Any])
        for key in ["renewable_share", "clean_share", "import_dependence", "hhi", "shannon", "co2_t",
                    "fuel_import_bill_usd", "average_cost_usd_per_mwh", "reserve_margin", "shortage_hours", "peak_shortfall_mw"] {
            #expect(indicators[key] != nil, "missing indicators.\(key)")
        }
        let provenance = try #require(json["provenance"] as? [String: Any])
        for key in ["bijli_version", "glpk_version", "input_hashes", "options", "rows"] {
            #expect(provenance[key] != nil, "missing provenance.\(key)")
        }
        // Timings differ between identical runs: they are in run.json, never in results.json.
        #expect(provenance["solve_seconds"] == nil && provenance["build_seconds"] == nil)
        let stages = try #require(json["stages"] as? [[String: Any]])
        #expect(!stages.isEmpty && stages.allSatisfy { $0["seconds"] == nil })
        #expect(json["schema_version"] as? Int == 2)
    }

    @Test func bindingConstraintsSpeakPlainly() throws {
        // The fuel-limit case: the FUEL row binds with a dual of 120 USD/MMBtu.
        let gas = Fuel(id: "rlng", imported: true, co2TonnesPerMMBtu: 0.053,
                       priceUSDPerMMBtu: MonthlyValues([2030: [1: 5]]), supplyLimitMMBtu: MonthlyValues([2030: [1: 297_600]]))
        let plant = Generator(id: "ccgt", region: "r", technology: "ccgt", carrier: "rlng", fuel: "rlng",
                              existingCapacityMW: 100, heatRateMMBtuPerMWh: 8)
        let system = Tiny.system(generators: [plant], fuels: [gas], demand: [Tiny.demand("r", 2030, 80)])
        let run = try Optimizer().optimize(system, options: FormulationOptions(time: Tiny.hours(2, weight: 372)), mode: .cost)
        let results = EnergyResults(run, provenance: Provenance(bijliVersion: "t", glpkVersion: "5.0", inputHashes: [:], options: [:],
                                                                buildSeconds: 0, solveSeconds: 0, rows: 0, columns: 0, nonzeros: 0))
        let binding = try #require(results.bindingConstraints.first)
        #expect(binding.equation == .FUEL)
        #expect(close(abs(binding.shadowPrice), 120))
        #expect(binding.sentence.hasPrefix("The rlng supply limit of January 2030 binds: one more MMBtu saves 120 USD"))
        #expect(results.csvTables()["binding_constraints.csv"] != nil)
    }
}
