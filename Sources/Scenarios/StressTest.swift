import EnergyModel
import Foundation
import LinearProgramming

/// Stress mode: the capacities of a finished plan held fixed, each disruption laid on the case,
/// dispatch re-optimised; the finding is unserved energy (MODEL.md, Disruptions).
public enum StressTest {
    /// One line of the stress matrix: a disruption in one period against the undisrupted plan.
    public struct Row: Sendable, Equatable, Codable {
        /// Scenario id (`base` for the plan without disruption).
        public var scenario: String
        /// Scenario name.
        public var name: String
        /// Period year.
        public var period: Int
        /// Solver status.
        public var status: String
        /// Unserved energy, GWh per year.
        public var unservedGWh: Double
        /// Unserved energy, percent of demand.
        public var unservedPercent: Double
        /// Hours with unserved energy (weighted).
        public var shortageHours: Double
        /// Largest unserved power in one hour, MW.
        public var peakShortfallMW: Double
        /// Change of total discounted cost against the base line, USD (whole horizon).
        public var deltaCostUSD: Double?
        /// Change of the period's fuel import bill against the base line, USD per year.
        public var deltaFuelImportBillUSD: Double
        /// Renewable share of served demand, fraction.
        public var renewableShare: Double
        /// The most binding constraint, in words.
        public var mainBindingConstraint: String

        enum CodingKeys: String, CodingKey {
            case scenario, name, period, status, unservedGWh = "unserved_gwh", unservedPercent = "unserved_percent"
            case shortageHours = "shortage_hours", peakShortfallMW = "peak_shortfall_mw", deltaCostUSD = "delta_cost_usd"
            case deltaFuelImportBillUSD = "delta_fuel_import_bill_usd", renewableShare = "renewable_share"
            case mainBindingConstraint = "main_binding_constraint"
        }
    }

    /// The capacities in service of every resource and period of a finished plan.
    public static func capacities(of plan: EnergyResults) -> [String: [Int: Double]] {
        var result: [String: [Int: Double]] = [:]
        for period in plan.periods {
            for (id, mw) in period.capacityMW { result[id, default: [:]][period.period] = mw }
        }
        return result
    }

    /// The system as stress mode solves it: planning targets (RESERVE, RESHARE) are off, since
    /// capacities are not decisions; operating limits (CO2, IMPORT, FXBILL) stay.
    public static func operational(_ system: EnergySystem) -> EnergySystem {
        var result = system
        result.policies.reserveMargin = nil
        result.policies.renewableShare = nil
        return result
    }

    /// Solves the plan without disruption, then under each scenario; returns the base lines first.
    /// - Parameters:
    ///   - progress: called with each scenario's id before it is solved.
    /// - Throws: ``ScenarioError`` (an overlay that selects nothing), ``FormulationError``, or a
    ///   ``LinearProgrammingError`` from the solver.
    public static func run(system: EnergySystem, plan: [String: [Int: Double]], library: ScenarioLibrary, scenarios: [Scenario],
                           options: FormulationOptions, solver: GLPKSolver,
                           progress: (String) -> Void = { _ in }) throws -> [Row] {
        var baseOptions = options
        baseOptions.fixedCapacityMW = plan
        let optimizer = Optimizer(solver: solver)
        progress("base")
        let base = results(try optimizer.optimize(operational(system), options: baseOptions, mode: .cost))
        var rows = lines(base, id: "base", name: "Plan without disruption", base: nil)
        for scenario in scenarios {
            progress(scenario.id)
            let (disrupted, fixed) = try library.apply(scenario, to: system, fixedCapacityMW: plan)
            var scenarioOptions = options
            scenarioOptions.fixedCapacityMW = fixed
            let run = results(try optimizer.optimize(operational(disrupted), options: scenarioOptions, mode: .cost))
            rows += lines(run, id: scenario.id, name: scenario.name, base: base)
        }
        return rows
    }

    private static func results(_ optimization: Optimization) -> EnergyResults {
        EnergyResults(optimization, provenance: Provenance(bijliVersion: "", glpkVersion: "", inputHashes: [:], options: [:],
                                                           buildSeconds: 0, solveSeconds: 0, rows: 0, columns: 0, nonzeros: 0))
    }

    private static func lines(_ results: EnergyResults, id: String, name: String, base: EnergyResults?) -> [Row] {
        let main = results.bindingConstraints.first?.sentence ?? ""
        // The cost is over the whole horizon: the same change stands on every period's line.
        var deltaCost: Double? = base == nil ? 0 : nil
        if let cost = results.objectiveUSD, let baseCost = base?.objectiveUSD { deltaCost = cost - baseCost }
        return results.periods.map { period in
            let basePeriod = base?.periods.first { $0.period == period.period }
            return Row(scenario: id, name: name, period: period.period, status: results.status,
                       unservedGWh: period.unservedMWh / 1000, unservedPercent: 100 * period.indicators.unservedShare,
                       shortageHours: period.indicators.shortageHours, peakShortfallMW: period.indicators.peakShortfallMW,
                       deltaCostUSD: deltaCost,
                       deltaFuelImportBillUSD: period.indicators.fuelImportBillUSD - (basePeriod?.indicators.fuelImportBillUSD ?? period.indicators.fuelImportBillUSD),
                       renewableShare: period.indicators.renewableShare, mainBindingConstraint: main)
        }
    }

    /// The matrix as CSV (12 significant digits; text quoted when it holds a comma or quote).
    public static func csv(_ rows: [Row]) -> String {
        func text(_ value: String) -> String {
            value.contains(",") || value.contains("\"") ? "\"\(value.replacingOccurrences(of: "\"", with: "\"\""))\"" : value
        }
        func number(_ value: Double?) -> String { value.map { String(format: "%.12g", $0) } ?? "" }
        var lines = ["scenario,name,period,status,unserved_gwh,unserved_percent,shortage_hours,peak_shortfall_mw,delta_cost_usd,"
                     + "delta_fuel_import_bill_usd,renewable_share,main_binding_constraint"]
        for row in rows {
            lines.append([text(row.scenario), text(row.name), String(row.period), row.status, number(row.unservedGWh), number(row.unservedPercent),
                          number(row.shortageHours), number(row.peakShortfallMW), number(row.deltaCostUSD), number(row.deltaFuelImportBillUSD),
                          number(row.renewableShare), text(row.mainBindingConstraint)].joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
