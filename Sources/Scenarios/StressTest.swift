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
        public var status: SolveStatus.Code
        /// Unserved energy, GWh per year. The measures are nil when the case has no solution
        /// (status infeasible, unbounded or a limit): the line stays in the matrix, empty.
        public var unservedGWh: Double?
        /// Unserved energy, percent of demand.
        public var unservedPercent: Double?
        /// Hours with unserved energy (weighted).
        public var shortageHours: Double?
        /// Largest unserved power in one hour, MW.
        public var peakShortfallMW: Double?
        /// Change of total discounted cost against the base line, USD (whole horizon).
        public var deltaCostUSD: Double?
        /// Change of the period's fuel import bill against the base line, USD per year.
        public var deltaFuelImportBillUSD: Double?
        /// Renewable share of served demand, fraction.
        public var renewableShare: Double?
        /// The most binding constraint, in words.
        public var mainBindingConstraint: String
        /// Unserved energy beyond the undisrupted plan's own in the same period, GWh per year
        /// (0 on the base lines): what the disruption itself leaves unserved.
        public var deltaUnservedGWh: Double? = nil
        /// Unserved energy by region, GWh per year.
        public var unservedByRegionGWh: [String: Double]? = nil
        /// Unserved energy by month (12 values, January first), GWh; nil when no step sheds.
        public var unservedByMonthGWh: [Double]? = nil

        enum CodingKeys: String, CodingKey {
            case scenario, name, period, status, unservedGWh = "unserved_gwh", unservedPercent = "unserved_percent"
            case shortageHours = "shortage_hours", peakShortfallMW = "peak_shortfall_mw", deltaCostUSD = "delta_cost_usd"
            case deltaFuelImportBillUSD = "delta_fuel_import_bill_usd", renewableShare = "renewable_share"
            case mainBindingConstraint = "main_binding_constraint", deltaUnservedGWh = "delta_unserved_gwh"
            case unservedByRegionGWh = "unserved_by_region_gwh", unservedByMonthGWh = "unserved_by_month_gwh"
        }

        /// Encodes every key, a measure without a value as null (not left out).
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(scenario, forKey: .scenario)
            try c.encode(name, forKey: .name)
            try c.encode(period, forKey: .period)
            try c.encode(status, forKey: .status)
            try c.encode(unservedGWh, forKey: .unservedGWh)
            try c.encode(unservedPercent, forKey: .unservedPercent)
            try c.encode(shortageHours, forKey: .shortageHours)
            try c.encode(peakShortfallMW, forKey: .peakShortfallMW)
            try c.encode(deltaCostUSD, forKey: .deltaCostUSD)
            try c.encode(deltaFuelImportBillUSD, forKey: .deltaFuelImportBillUSD)
            try c.encode(renewableShare, forKey: .renewableShare)
            try c.encode(mainBindingConstraint, forKey: .mainBindingConstraint)
            try c.encode(deltaUnservedGWh, forKey: .deltaUnservedGWh)
            try c.encode(unservedByRegionGWh, forKey: .unservedByRegionGWh)
            try c.encode(unservedByMonthGWh, forKey: .unservedByMonthGWh)
        }
    }

    /// The capacities in service of every resource and period of a finished plan.
    public static func capacities(of plan: EnergyResults) -> CapacityPlan {
        var result = CapacityPlan()
        for period in plan.periods {
            for (id, mw) in period.capacityMW { result[id, period.period] = mw }
            for (id, mw) in period.corridorCapacityMW ?? [:] { result[id, period.period] = mw }
        }
        return result
    }

    /// The system as stress mode solves it: the policy targets of planning families
    /// (``EquationID/stage``: RESERVE, RESHARE) are off, since capacities are not decisions;
    /// operating limits (CO2, IMPORT, FXBILL) stay.
    public static func operational(_ system: EnergySystem) -> EnergySystem {
        var result = system
        for id in EquationID.allCases where id.stage == .planning {
            if let policy = id.policy { result.policies[keyPath: policy] = nil }
        }
        return result
    }

    /// Solves the plan without disruption, then under each scenario; returns the base lines
    /// first, then the scenarios in the order given. Scenario runs are independent, so up to
    /// `workers` of them are solved at once (one GLPK problem per thread).
    /// - Parameters:
    ///   - members: only these members of the sweep (0 the base, k the k-th scenario): the lines
    ///     of a shard (``Shard/members(of:)``). The base is solved whatever the range, since
    ///     every line's changes are against it; its lines are returned only when 0 is in the range.
    ///   - progress: called when each case is solved, from worker threads (for a progress bar and ETA).
    /// - Throws: ``ScenarioError`` (an overlay that selects nothing, before anything is solved),
    ///   ``FormulationError``, or a ``LinearProgrammingError`` from the solver.
    public static func run<Solver: LinearSolver>(system: EnergySystem, plan: CapacityPlan, planFile: String = "plan", library: ScenarioLibrary, scenarios: [Scenario],
                           options: FormulationOptions, solver: Solver, workers: Int = ProcessorCount.active, members: Range<Int>? = nil,
                           progress: @Sendable (SweepProgress) -> Void = { _ in }) throws -> [Row] {
        let years = options.periodYears ?? system.periods.map(\.year)
        let members = members ?? 0..<(scenarios.count + 1)
        try checkPlan(plan, years: years, system: system, file: planFile)
        // Every overlay is checked before the first solve.
        var cases: [(id: String, name: String, system: EnergySystem, options: FormulationOptions)] = []
        var baseOptions = options
        baseOptions.fixedCapacityMW = plan
        cases.append(("base", "Plan without disruption", operational(system), baseOptions))
        for (k, scenario) in zip(1..., scenarios) {
            let (disrupted, fixed) = try library.apply(scenario, to: system, fixedCapacityMW: plan)
            guard members.contains(k) else { continue }
            var scenarioOptions = options
            scenarioOptions.fixedCapacityMW = fixed
            cases.append((scenario.id, scenario.name, operational(disrupted), scenarioOptions))
        }
        let solved = try solveAll(cases.map { ($0.id, $0.system, $0.options) }, solver: solver, workers: workers, progress: progress)
        var rows = members.contains(0) ? lines(solved[0], id: "base", name: cases[0].name, base: nil, years: years) : []
        for k in 1..<cases.count { rows += lines(solved[k], id: cases[k].id, name: cases[k].name, base: solved[0], years: years) }
        return rows
    }

    /// Refuses a plan that cannot be held fixed on `system`, before anything is solved: no
    /// periods or capacities (an infeasible plan has neither); a resource of the case without a
    /// capacity in a period (it would silently become a decision); a resource the case does not
    /// have; a year that is not a period of the case; a capacity that is negative, not finite or
    /// beyond ``Magnitude/power``. Every problem names `file` (the plan's results.json) and the resource.
    public static func checkPlan(_ plan: CapacityPlan, years: [Int], system: EnergySystem? = nil, file: String = "plan") throws(ScenarioError) {
        guard !years.isEmpty, !plan.isEmpty else {
            throw ScenarioError(issues: [CaseIssue(file: file, message: "the plan has no \(years.isEmpty ? "periods" : "capacities") to hold fixed",
                                                   suggestion: "give a plan that solved to optimality (its results.json has periods)")])
        }
        var issues: [CaseIssue] = []
        for entry in plan.sorted(by: { ($0.resource, $0.year) < ($1.resource, $1.year) }) {
            if !(entry.mw >= 0) || Magnitude.problem(entry.mw, ceiling: Magnitude.power, name: "capacity") != nil {
                issues.append(CaseIssue(file: file, message: "resource '\(entry.resource)' in \(entry.year): capacity \(entry.mw) MW is not a capacity "
                                            + "(it must be a number from 0 to \(Magnitude.format(Magnitude.power.limit)) MW)",
                                        suggestion: "give a plan written by `bijli run` for this case"))
            }
        }
        if let system {
            let resources = system.generators.map(\.id) + system.storages.map(\.id)
                + system.corridors.filter { $0.investment != nil }.map(\.id)
            let known = Set(resources), caseYears = Set(system.periods.map(\.year))
            var extra: Set<String> = []
            for entry in plan where !known.contains(entry.resource) && extra.insert(entry.resource).inserted {
                issues.append(CaseIssue(file: file, message: "the plan has resource '\(entry.resource)', which the case does not have",
                                        suggestion: "give a plan of this case (\(Suggestion.advice(for: entry.resource, among: resources)))"))
            }
            for year in Set(plan.map(\.year)).sorted() where !caseYears.contains(year) {
                issues.append(CaseIssue(file: file, message: "the plan's year \(year) is not a period of the case",
                                        suggestion: "give a plan of this case (periods \(system.periods.map { String($0.year) }.joined(separator: ", ")))"))
            }
            for id in resources {
                let missing = years.filter { plan[id, $0] == nil }
                if !missing.isEmpty {
                    issues.append(CaseIssue(file: file, message: "the plan has no capacity for resource '\(id)' in \(missing.map(String.init).joined(separator: ", "))",
                                            suggestion: "give a plan written by `bijli run` for this case (a resource left out would be re-planned)"))
                }
            }
        }
        if !issues.isEmpty { throw ScenarioError(issues: issues) }
    }

    /// Cost-optimises each case on up to `workers` threads; results in the order given.
    ///
    /// With capacities fixed nothing couples the periods (storage, budgets and policies are all
    /// per period), so each case is split into one program per period: an exact decomposition
    /// into smaller programs, solved in parallel and merged back (objectives add up).
    static func solveAll<Solver: LinearSolver>(_ cases: [(id: String, system: EnergySystem, options: FormulationOptions)], solver: Solver, workers: Int,
                         progress: @Sendable (SweepProgress) -> Void) throws -> [EnergyResults] {
        var split: [(case: Int, id: String, system: EnergySystem, options: FormulationOptions)] = []
        for (k, item) in cases.enumerated() {
            let years = item.options.periodYears ?? item.system.periods.map(\.year)
            for year in years {
                var options = item.options
                options.periodYears = [year]
                split.append((k, years.count > 1 ? "\(item.id) \(year)" : item.id, item.system, options))
            }
        }
        let pieces = split
        // Each piece is solved from scratch, not from the basis of a piece the same worker solved
        // before (``GLPKWorker``): a degenerate optimum (the same cost, another dispatch) would then
        // depend on which pieces a thread happened to solve first, and a member's numbers must be
        // the same whatever the worker count, the schedule or the shard (docs/SCALING.md).
        let outcomes = ParallelWork.map(pieces, workers: workers, state: { Optimizer(solver: solver, leastPeakStage: false) }, progress: { k, done in
            progress(SweepProgress(id: pieces[k].id, finished: done, total: pieces.count))
        }) { optimizer, piece in
            Result { results(try optimizer.optimize(piece.system, options: piece.options, mode: .cost)) }
        }
        let solved = try outcomes.map { try $0.get() }
        return cases.indices.map { k in merge(zip(pieces, solved).filter { $0.0.case == k }.map(\.1)) }
    }

    /// One result from the results of a case's periods: periods, prices, constraints and stages
    /// side by side, objectives added, the first status that is not optimal.
    static func merge(_ parts: [EnergyResults]) -> EnergyResults {
        guard var merged = parts.first else { preconditionFailure("a case has at least one period (checked by checkPlan)") }
        for part in parts.dropFirst() {
            merged.periods += part.periods
            merged.marginalPrice += part.marginalPrice
            merged.bindingConstraints += part.bindingConstraints
            merged.stages += part.stages
            merged.objectiveConstantUSD += part.objectiveConstantUSD
            merged.objectiveUSD = merged.objectiveUSD.flatMap { total in part.objectiveUSD.map { total + $0 } }
            if merged.status.isOptimal { merged.status = part.status }
        }
        return merged
    }

    /// How far a sweep is: the case just solved and the count of finished cases.
    public struct SweepProgress: Sendable {
        /// The case just solved.
        public var id: String
        /// Cases solved so far.
        public var finished: Int
        /// Cases in the sweep.
        public var total: Int
    }

    /// The N-1 sweep: one scenario per resource with at least `minimumMW` of existing capacity
    /// (its availability 0 all year) and one per corridor (cut all year), in model order.
    public static func nMinusOne(_ system: EnergySystem, minimumMW: Double = 500) -> [Scenario] {
        let note = SourceNote(file: "--n-1", key: "n-1", tag: .assumption, source: "N-1 sweep: each large unit, fleet or corridor out in turn")
        var result: [Scenario] = []
        for generator in system.generators where generator.existingCapacityMW >= minimumMW {
            result.append(Scenario(id: "n-1:\(generator.id)", name: "\(generator.id) out (\(Int(generator.existingCapacityMW.rounded())) MW)",
                                   overlays: [Overlay(target: .availability, operation: .remove, selector: Overlay.Selector(resources: [generator.id]),
                                                      location: "--n-1 \(generator.id)")], note: note))
        }
        for corridor in system.corridors {
            result.append(Scenario(id: "n-1:\(corridor.id)", name: "\(corridor.id) cut",
                                   overlays: [Overlay(target: .corridorCapacity, operation: .remove, selector: Overlay.Selector(corridors: [corridor.id]),
                                                      location: "--n-1 \(corridor.id)")], note: note))
        }
        return result
    }

    static func results(_ optimization: Optimization) -> EnergyResults {
        EnergyResults(optimization, provenance: Provenance(bijliVersion: "", glpkVersion: "", inputHashes: [:], options: [:],
                                                           buildSeconds: 0, solveSeconds: 0, rows: 0, columns: 0, nonzeros: 0))
    }

    private static func lines(_ results: EnergyResults, id: String, name: String, base: EnergyResults?, years: [Int]) -> [Row] {
        // The cost is over the whole horizon: the same change stands on every period's line.
        var deltaCost: Double? = base == nil ? 0 : nil
        if let cost = results.objectiveUSD, let baseCost = base?.objectiveUSD { deltaCost = cost - baseCost }
        let solvedYears = Set(results.periods.map { String($0.period) })
        return years.map { year in
            guard let period = results.periods.first(where: { $0.period == year }) else {
                // No solution for this period (an infeasible disruption, a solver failure): an
                // empty line with the case's status, so it stays in the matrix, the report and the log.
                return Row(scenario: id, name: name, period: year, status: results.status, unservedGWh: nil, unservedPercent: nil,
                           shortageHours: nil, peakShortfallMW: nil, deltaCostUSD: nil, deltaFuelImportBillUSD: nil,
                           renewableShare: nil, mainBindingConstraint: "")
            }
            // The period's own most binding constraint (periods are solved apart in stress mode).
            // A constraint of another period never stands for this one; one without a period
            // index (a horizon-wide limit) stands for every period.
            // Of a disruption, the first that does not bind in the undisrupted plan's same period
            // (what the disruption makes bind), else the first.
            let own = results.bindingConstraints.filter { $0.indices.contains(String(period.period)) }
            let planBinds = Set((base?.bindingConstraints ?? []).map { "\($0.equation) \($0.indices)" })
            let main = (own.first { base != nil && !planBinds.contains("\($0.equation) \($0.indices)") } ?? own.first
                ?? results.bindingConstraints.first { $0.indices.allSatisfy { !solvedYears.contains($0) } })?.sentence ?? ""
            let basePeriod = base?.periods.first { $0.period == period.period }
            var row = Row(scenario: id, name: name, period: period.period, status: results.status,
                          unservedGWh: period.unservedMWh / 1000, unservedPercent: 100 * period.indicators.unservedShare,
                          shortageHours: period.indicators.shortageHours, peakShortfallMW: period.indicators.peakShortfallMW,
                          deltaCostUSD: deltaCost,
                          deltaFuelImportBillUSD: base == nil ? 0 : basePeriod.map { period.indicators.fuelImportBillUSD - $0.indicators.fuelImportBillUSD },
                          renewableShare: period.indicators.renewableShare, mainBindingConstraint: main)
            row.deltaUnservedGWh = base == nil ? 0 : basePeriod.map { (period.unservedMWh - $0.unservedMWh) / 1000 }
            row.unservedByRegionGWh = period.unservedByRegionMWh.mapValues { $0 / 1000 }
            row.unservedByMonthGWh = period.unservedByMonthMWh?.map { $0 / 1000 }
            return row
        }
    }

    /// The matrix as CSV (12 significant digits; text quoted when it holds a comma or quote).
    /// A CSV cell of a measure: 12 significant digits, empty without a value.
    static func csvNumber(_ value: Double?) -> String { value.map { String(format: "%.12g", $0) } ?? "" }

    public static func csv(_ rows: [Row]) -> String {
        func text(_ value: String) -> String {
            value.contains(",") || value.contains("\"") ? "\"\(value.replacingOccurrences(of: "\"", with: "\"\""))\"" : value
        }
        let number = csvNumber
        var lines = ["scenario,name,period,status,unserved_gwh,unserved_percent,delta_unserved_gwh,shortage_hours,peak_shortfall_mw,delta_cost_usd,"
                     + "delta_fuel_import_bill_usd,renewable_share,main_binding_constraint"]
        for row in rows {
            lines.append([text(row.scenario), text(row.name), String(row.period), row.status.rawValue, number(row.unservedGWh), number(row.unservedPercent),
                          number(row.deltaUnservedGWh), number(row.shortageHours), number(row.peakShortfallMW), number(row.deltaCostUSD), number(row.deltaFuelImportBillUSD),
                          number(row.renewableShare), text(row.mainBindingConstraint)].joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
