import Foundation
import Testing
import LinearProgramming
@testable import EnergyModel

/// **LINKX** on cases derived by hand. Region a has a plant at 10 USD/MWh, region b one at
/// 100 USD/MWh (200 MW each, variable cost only); one step stands for the year (8760 h); no
/// discounting, so a MW of corridor built costs its annuity 400 USD/kW × 1000 / 20 years =
/// 20,000 USD a year, against (100 − 10) × 8760 = 788,400 USD a year saved per MW carried.
@Suite struct CorridorExpansionTests {
    static func system(demandA: Double, demandB: Double, capex: Double = 400, maximum: Double? = 80, reverseFraction: Double = 1,
                       cheapIn cheap: String = "a") -> EnergySystem {
        let corridor = Corridor(id: "ab", from: "a", to: "b", capacityMW: 50, reverseCapacityMW: 40,
                                investment: Investment(capexUSDPerKW: capex, lifetimeYears: 20, maxCapacityMW: maximum),
                                reverseFraction: reverseFraction)
        let expensive = cheap == "a" ? "b" : "a"
        return Tiny.system(regions: ["a", "b"],
                           generators: [Tiny.thermal("cheap", 200, cost: 10, region: cheap), Tiny.thermal("dear", 200, cost: 100, region: expensive)],
                           corridors: [corridor], demand: [Tiny.demand("a", 2030, demandA), Tiny.demand("b", 2030, demandB)],
                           discountRate: 0)
    }

    static func optimize(_ system: EnergySystem, fixed: CapacityPlan = CapacityPlan()) throws -> (Optimization, EnergyResults) {
        let options = FormulationOptions(time: Tiny.oneStep, fixedCapacityMW: fixed)
        let run = try Optimizer().optimize(system, options: options, mode: .cost)
        let provenance = Provenance(bijliVersion: "test", glpkVersion: GLPKLibrary.version, inputHashes: [:], options: [:],
                                    buildSeconds: 0, solveSeconds: 0, rows: 0, columns: 0, nonzeros: 0)
        return (run, EnergyResults(run, provenance: provenance))
    }

    @Test("a corridor worth building is built to its maximum")
    func buildsToTheMaximum() throws {
        let (run, results) = try Self.optimize(Self.system(demandA: 0, demandB: 100))
        let objective = run.lp.objectiveUSD(try #require(run.result.solution))
        // 80 MW carried from a (10), 20 MW made in b (100), 30 MW built at 20,000 a year.
        let expected: Double = 80 * 8760 * 10 + 20 * 8760 * 100 + 30 * 20_000
        #expect(close(objective, expected))
        let period = try #require(results.periods.first)
        #expect(close(try #require(period.corridorCapacityMW?["ab"]), 80))
        #expect(close(try #require(period.newCorridorCapacityMW?["ab"]), 30))
        let capital: Double = 30 * 20_000
        #expect(close(try #require(period.costBreakdownUSD?["capital"]), capital))
    }

    @Test("a corridor that costs more than it saves is not built")
    func tooDearIsNotBuilt() throws {
        // 20,000 USD/kW: 1,000,000 USD a MW-year, above the 788,400 saved.
        let (run, results) = try Self.optimize(Self.system(demandA: 0, demandB: 100, capex: 20_000))
        let expected: Double = 50 * 8760 * 10 + 50 * 8760 * 100
        #expect(close(run.lp.objectiveUSD(try #require(run.result.solution)), expected))
        #expect(close(try #require(results.periods.first?.newCorridorCapacityMW?["ab"]), 0))
    }

    @Test("each MW built adds the reverse fraction in reverse")
    func reverseFraction() throws {
        // Cheap power in b, demand in a: the reverse direction (40 MW) carries it. Building the
        // 30 MW allowed adds 15 MW in reverse, worth it at 40,000 USD per reverse MW-year.
        let (run, _) = try Self.optimize(Self.system(demandA: 100, demandB: 0, reverseFraction: 0.5, cheapIn: "b"))
        let expected: Double = 55 * 8760 * 10 + 45 * 8760 * 100 + 30 * 20_000
        #expect(close(run.lp.objectiveUSD(try #require(run.result.solution)), expected))
    }

    @Test("a plan's corridor capacity is held fixed, with no capital in the objective")
    func heldByAPlan() throws {
        let system = Self.system(demandA: 0, demandB: 100)
        let (planned, plannedResults) = try Self.optimize(system)
        // The plan as stress runs take it from results.json (StressTest.capacities(of:)).
        let period = try #require(plannedResults.periods.first)
        var plan = CapacityPlan()
        for (id, mw) in period.capacityMW.merging(period.corridorCapacityMW ?? [:], uniquingKeysWith: { a, _ in a }) { plan[id, 2030] = mw }
        #expect(close(try #require(plan["ab", 2030]), 80))
        let (run, results) = try Self.optimize(system, fixed: plan)
        let expected: Double = 80 * 8760 * 10 + 20 * 8760 * 100
        #expect(close(run.lp.objectiveUSD(try #require(run.result.solution)), expected))
        #expect(run.lp.variables.corridorCapacity.allSatisfy { $0.allSatisfy { $0 == nil } })
        #expect(close(try #require(results.periods.first?.corridorCapacityMW?["ab"]), 80))
        #expect(planned.lp.program.rowNames.contains { $0.hasPrefix("LINKX[") })
        #expect(!run.lp.program.rowNames.contains { $0.hasPrefix("LINKX[") })
    }
}

/// A corridor's `expansion` in model.yaml.
@Suite("Loading: corridor expansion")
struct CorridorExpansionLoadingTests {
    static let expansion = "    loss_fraction: 0.03\n    expansion: {capex_usd_per_kw: 150, lifetime_years: 40, max_capacity_mw: 3000, "
        + "first_build_year: 2030, committed_mw: {2030: 200}, fixed_om_usd_per_kw_year: 3, reverse_fraction: 0.5}"

    @Test func readsEveryKey() throws {
        let system = try TinyCase.system { try $0.replace("model/model.yaml", "    loss_fraction: 0.03", Self.expansion) }
        let corridor = try #require(system.corridors.first { $0.id == "north_south" })
        let investment = try #require(corridor.investment)
        #expect(investment.capexUSDPerKW == 150 && investment.lifetimeYears == 40 && investment.maxCapacityMW == 3000)
        #expect(investment.firstBuildYear == 2030 && investment.committedMW == [2030: 200])
        #expect(corridor.fixedOMUSDPerKWYear == 3 && corridor.reverseFraction == 0.5)
        #expect(corridor.reverseCapacity(forward: 1400) == 800 + 0.5 * 400)
    }

    @Test func badValuesAreNamed() throws {
        let bad = Self.expansion.replacingOccurrences(of: "reverse_fraction: 0.5", with: "reverse_fraction: 2")
            .replacingOccurrences(of: "max_capacity_mw: 3000", with: "max_capacity_mw: 500, cost: 1")
        let issues = try TinyCase.issues { try $0.replace("model/model.yaml", "    loss_fraction: 0.03", bad) }
        #expect(has(issues, file: "model.yaml", "'reverse_fraction' must be in [0, 1], found 2.0"))
        #expect(has(issues, file: "model.yaml", "'max_capacity_mw' 500.0 is below the existing 1000.0 MW"))
        #expect(has(issues, file: "model.yaml", "unknown key 'cost'"))
    }

    @Test func capexAndLifeAreRequired() throws {
        let issues = try TinyCase.issues {
            try $0.replace("model/model.yaml", "    loss_fraction: 0.03", "    loss_fraction: 0.03\n    expansion: {max_capacity_mw: 3000}")
        }
        #expect(issues.contains { $0.message.contains("capex_usd_per_kw") })
        #expect(issues.contains { $0.message.contains("lifetime_years") })
    }
}
