import Foundation
import Testing
@testable import EnergyModel
import LinearProgramming

/// A corridor's flow cost (`flow_cost_usd_per_mwh` in model.yaml, PyPSA's link `marginal_cost`):
/// charged `δ_y n_y · w_t · c` on what is sent, either way; its usable share (`usable_share`,
/// PyPSA's `p_max_pu`); a fixed corridor's fixed O&M in the objective constant.
@Suite struct CorridorTermsTests {
    /// Region a has a plant at 10 USD/MWh, b one at 30 and 70 MW of demand; a lossless 50 MW
    /// corridor a → b (40 MW back) costs `c` per MWh sent. One step standing for one hour,
    /// discount rate 0: the objective is the hour's cost.
    static func system(flowCost: Double, share: Double = 1, fixedOM: Double = 0) -> EnergySystem {
        var corridor = Corridor(id: "ab", from: "a", to: "b", capacityMW: 50, reverseCapacityMW: 40, fixedOMUSDPerKWYear: fixedOM)
        corridor.flowCostUSDPerMWh = flowCost
        corridor.usableShare = share
        return EnergySystem(
            name: "flow-cost", settings: Settings(discountRate: 0, baseYear: 2025, vollUSDPerMWh: 1000),
            periods: [Period(year: 2025, yearsRepresented: 1)], regions: [Region(id: "a"), Region(id: "b")], corridors: [corridor],
            generators: [Generator(id: "ga", region: "a", technology: "coal", carrier: "coal", existingCapacityMW: 100, variableOMUSDPerMWh: 10),
                         Generator(id: "gb", region: "b", technology: "ocgt", carrier: "gas", existingCapacityMW: 100, variableOMUSDPerMWh: 30)],
            demand: [RegionalDemand(region: "a", year: 2025, hourlyMW: [Double](repeating: 0, count: 8760)),
                     RegionalDemand(region: "b", year: 2025, hourlyMW: [Double](repeating: 70, count: 8760))])
    }

    static let hour = TimeSlices(steps: [TimeStep(hour: 0, weight: 1, month: 1)], blocks: [0..<1])

    static func optimize(_ flowCost: Double) throws -> Optimization {
        try Optimizer().optimize(system(flowCost: flowCost), options: FormulationOptions(time: hour), mode: .cost)
    }

    /// c = 5: 10 + 5 < 30, so 50 MW flow: 50 · 10 + 50 · 5 + 20 · 30 = 1,350 USD. c = 25: 35 > 30,
    /// nothing flows: 70 · 30 = 2,100. c = 0: 50 · 10 + 20 · 30 = 1,100.
    @Test func theFlowCostGivesTheHandDerivedOptima() throws {
        for (cost, expected) in [(5.0, 1_350.0), (25, 2_100), (0, 1_100)] {
            let optimization = try Self.optimize(cost)
            let solution = try #require(optimization.result.solution)
            #expect(abs(optimization.lp.objectiveUSD(solution) - expected) < 1e-6, "flow cost \(cost)")
        }
    }

    /// The results count the flow cost as a variable cost, so the breakdown still sums to the objective.
    @Test func theCostBreakdownCarriesTheFlowCost() throws {
        let optimization = try Self.optimize(5)
        let provenance = Provenance(bijliVersion: "test", glpkVersion: GLPKLibrary.version, inputHashes: [:], options: [:],
                                    buildSeconds: 0, solveSeconds: 0, rows: 0, columns: 0, nonzeros: 0)
        let results = EnergyResults(optimization, provenance: provenance)
        let breakdown = try #require(results.periods.first?.costBreakdownUSD)
        #expect(abs((breakdown["variable_om"] ?? 0) - (50 * 10 + 20 * 30 + 50 * 5)) < 1e-6, "\(breakdown)")
        #expect(abs(breakdown.values.reduce(0, +) - 1_350) < 1e-6)
    }

    /// The LINK golden case with a flow cost of 2 USD/MWh on both directions' flows.
    @Test func theFlowCostMatchesItsGoldenFile() throws {
        var (system, time, _) = GoldenLPTests.goldenCase(.LINK)
        system.corridors[0].flowCostUSDPerMWh = 2
        let lp = try EnergyLP.build(system, options: FormulationOptions(time: time, sumForm: .direct, capacityCopies: false))
        try GoldenLPTests.expectGolden(lp, "LINK-cost.lp")
    }

    @Test func theFlowCostIsReadAndChecked() throws {
        let system = try TinyCase.system {
            try $0.replace("model/model.yaml", "    loss_fraction: 0.03\n", "    loss_fraction: 0.03\n    flow_cost_usd_per_mwh: 1.5\n")
        }
        #expect(system.corridors.first?.flowCostUSDPerMWh == 1.5)
        let issues = try TinyCase.issues {
            try $0.replace("model/model.yaml", "    loss_fraction: 0.03\n", "    loss_fraction: 0.03\n    flow_cost_usd_per_mwh: -1\n")
        }
        #expect(has(issues, file: "model.yaml", "flow_cost_usd_per_mwh"))
    }

    /// 80 % of the 50 MW usable: 40 · 10 + 30 · 30 = 1,300 USD; 2 USD/kW-year of fixed O&M on the
    /// fixed 50 MW is a constant of 100,000 USD (discount rate 0, one year).
    @Test func theUsableShareAndAFixedCorridorsFixedOMGiveTheHandDerivedOptimum() throws {
        let optimization = try Optimizer().optimize(Self.system(flowCost: 0, share: 0.8, fixedOM: 2), options: FormulationOptions(time: Self.hour), mode: .cost)
        let solution = try #require(optimization.result.solution)
        #expect(abs(optimization.lp.objectiveUSD(solution) - 101_300) < 1e-6)
        #expect(abs(optimization.lp.usd(optimization.lp.program.objectiveConstant) - 100_000) < 1e-6)
    }

    @Test func theUsableShareAndFixedOMAreReadAndChecked() throws {
        let system = try TinyCase.system {
            try $0.replace("model/model.yaml", "    loss_fraction: 0.03\n", "    loss_fraction: 0.03\n    usable_share: 0.9\n    fixed_om_usd_per_kw_year: 4\n")
        }
        #expect(system.corridors.first?.usableShare == 0.9 && system.corridors.first?.fixedOMUSDPerKWYear == 4)
        let issues = try TinyCase.issues {
            try $0.replace("model/model.yaml", "    loss_fraction: 0.03\n", "    loss_fraction: 0.03\n    usable_share: 1.2\n    fixed_om_usd_per_kw_year: 4\n"
                           + "    expansion: {capex_usd_per_kw: 300, lifetime_years: 40}\n")
        }
        #expect(has(issues, file: "model.yaml", "'usable_share' must be in (0, 1], found 1.2"))
        #expect(has(issues, file: "model.yaml", "has 'fixed_om_usd_per_kw_year' beside 'expansion'"))
    }
}
