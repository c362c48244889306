import Decomposition
import EnergyModel
import Foundation
import LinearProgramming

/// Robust planning (MODEL.md, Disruptions): one two-stage LP over several disruptions — builds
/// shared by all, dispatch per disruption — with an expected-cost, CVaR or minimax-regret
/// objective, compared with the plan made for the base case alone.
public enum RobustPlan {
    /// How the disruptions' costs are combined.
    public enum Risk: Sendable, Equatable, CustomStringConvertible {
        /// Minimise `Σ π_s C_s`.
        case expected
        /// Minimise `CVaR_α = η + 1/(1−α) Σ π_s z_s`, `z_s ≥ C_s − η`, `z_s ≥ 0` (the mean of the worst 1−α tail).
        case cvar(alpha: Double)
        /// Minimise `max_s (C_s − C*_s)`, the largest regret against each disruption's own best plan.
        case regret

        /// Parses `expected`, `cvar:ALPHA` (0 ≤ α < 1) or `regret`.
        public static func parse(_ text: String) -> Risk? {
            if text == "expected" { return .expected }
            if text == "regret" { return .regret }
            if text.hasPrefix("cvar:"), let alpha = Double(text.dropFirst(5)), alpha >= 0, alpha < 1 { return .cvar(alpha: alpha) }
            return nil
        }

        public var description: String {
            switch self {
            case .expected: "expected"
            case .cvar(let alpha): "cvar:\(alpha)"
            case .regret: "regret"
            }
        }
    }

    /// One disruption of the set, with its probability (`scenario` nil: the base case).
    public struct Member: Sendable {
        /// The disruption, or nil for the base case.
        public var scenario: Scenario?
        /// Its probability π.
        public var probability: Double

        /// Creates a member.
        public init(scenario: Scenario?, probability: Double) {
            self.scenario = scenario
            self.probability = probability
        }

        /// `base` or the scenario id.
        public var id: String { scenario?.id ?? "base" }
    }

    /// What a robust solve finds.
    public struct Report: Sendable, Codable, Equatable {
        /// Member ids, base first.
        public var scenarios: [String]
        /// Probabilities in the same order.
        public var probabilities: [Double]
        /// The risk measure, e.g. `cvar:0.9`.
        public var risk: String
        /// Builds of the robust plan, MW by resource and period year.
        public var robustBuildsMW: CapacityPlan
        /// Builds of the base plan (optimal for the base case alone).
        public var basePlanBuildsMW: CapacityPlan
        /// `C*_s`: each disruption's cost under its own best plan (perfect information), USD.
        public var perfectInformationCostUSD: [Double]
        /// Cost of the robust plan in each disruption (dispatch re-optimised), USD.
        public var robustCostUSD: [Double]
        /// Cost of the base plan in each disruption, USD; nil where the base plan cannot be
        /// operated at all (a hard constraint such as a reserve margin or a budget cannot be met).
        public var basePlanCostUSD: [Double?]
        /// Regret of the robust plan: `robustCostUSD − perfectInformationCostUSD`.
        public var robustRegretUSD: [Double]
        /// Regret of the base plan (nil where it cannot be operated).
        public var basePlanRegretUSD: [Double?]
        /// `Σ π C` of the robust plan (RP when the risk is `expected`).
        public var robustExpectedCostUSD: Double
        /// `Σ π C` of the base plan (EEV: the expected cost of the expected-value plan); nil if
        /// the base plan cannot be operated in some disruption.
        public var basePlanExpectedCostUSD: Double?
        /// `Σ π C*` (WS: wait and see).
        public var waitAndSeeCostUSD: Double
        /// EVPI = RP − WS (meaningful for the `expected` risk).
        public var evpiUSD: Double
        /// VSS = EEV − RP (meaningful for the `expected` risk); nil without EEV.
        public var vssUSD: Double?
        /// Capacities in service of the robust plan (MW by resource and period), for stress runs.
        public var robustCapacityMW: CapacityPlan
        /// Capacities in service of the base plan.
        public var basePlanCapacityMW: CapacityPlan

        enum CodingKeys: String, CodingKey {
            case scenarios, probabilities, risk, robustBuildsMW = "robust_builds_mw", basePlanBuildsMW = "base_plan_builds_mw"
            case perfectInformationCostUSD = "perfect_information_cost_usd", robustCostUSD = "robust_cost_usd"
            case basePlanCostUSD = "base_plan_cost_usd", robustRegretUSD = "robust_regret_usd", basePlanRegretUSD = "base_plan_regret_usd"
            case robustExpectedCostUSD = "robust_expected_cost_usd", basePlanExpectedCostUSD = "base_plan_expected_cost_usd"
            case waitAndSeeCostUSD = "wait_and_see_cost_usd", evpiUSD = "evpi_usd", vssUSD = "vss_usd"
            case robustCapacityMW = "robust_capacity_mw", basePlanCapacityMW = "base_plan_capacity_mw"
        }
    }

    /// Weight of the expected cost added to CVaR and regret objectives to pick, among plans with
    /// the same tail or regret, the one that is cheapest on average (and dispatch that is optimal
    /// in every disruption).
    public static let tieBreakWeight = 1e-4

    /// Builds and solves the two-stage program, the perfect-information plans and the base plan's
    /// costs in every disruption. The perfect-information plans, then the base plan under each
    /// disruption, are independent solves run on up to `workers` threads (each on a fresh solve, so
    /// the answer does not depend on the count); `progress` hears one line per finished solve.
    /// - Parameter stackedSolver: makes the solver of the two-stage program (default: `solver`)
    ///   from the members' programs, their column offsets in it and its column count: one that
    ///   reports its progress, or a decomposition by member and period
    ///   (``stackedBlocks(_:ids:offsets:columnCount:)``).
    /// - Throws: ``ScenarioError``, ``FormulationError``, ``LinearProgrammingError``, or
    ///   ``RobustError`` when a solve is not optimal.
    public static func solve<Solver: LinearSolver>(system: EnergySystem, library: ScenarioLibrary, members: [Member], risk: Risk,
                             options: FormulationOptions, solver: Solver,
                             stackedSolver: (([EnergyLP], [Int], Int) throws -> any ProgramSolver)? = nil,
                             workers: Int = 1, progress: @Sendable (String) -> Void = { _ in }) throws -> Report {
        precondition(!members.isEmpty && members[0].scenario == nil, "the first member is the base case")
        let blocks = try members.map { member -> EnergyLP in
            let disrupted = try member.scenario.map { try library.apply($0, to: system).0 } ?? system
            return try EnergyLP.build(disrupted, options: options)
        }
        let scale = blocks[0].options.costScale   // the case's own objective unit, if it has one
        let ids = members.map(\.id)
        // Perfect information: each disruption with its own best plan.
        let plans = try solveAll(blocks.map(\.program), solver: solver, workers: workers) { k, finished in
            progress("perfect-information plan for '\(ids[k])' solved (\(finished)/\(blocks.count))")
        }
        var perfect: [Double] = []
        for (k, result) in plans.enumerated() {
            perfect.append(try optimal(result, what: "the plan for '\(ids[k])'").objective / scale)
        }
        let basePlanValues = try optimal(plans[0], what: "the plan for '\(ids[0])'").values
        let basePlanBuilds = buildVariables(blocks[0]).map { basePlanValues[$0.index] }
        // The base plan in every disruption: builds fixed, dispatch re-optimised.
        let fixedPrograms = blocks.dropFirst().map { block in
            var program = block.program
            for (variable, value) in zip(buildVariables(block), basePlanBuilds) { program.setBounds(.fixed(value), for: variable) }
            return program
        }
        let fixed = try solveAll(fixedPrograms, solver: solver, workers: workers) { k, finished in
            progress("the base plan under '\(ids[k + 1])' solved (\(finished)/\(fixedPrograms.count))")
        }
        var baseCosts: [Double?] = [perfect[0]]
        for (k, result) in fixed.enumerated() {
            if result.status == .infeasible { baseCosts.append(nil); continue }
            baseCosts.append(try optimal(result, what: "the base plan under '\(ids[k + 1])'").objective / scale)
        }
        // The two-stage program.
        let (program, offsets) = stack(blocks, members: members, risk: risk, perfectCost: perfect.map { $0 * scale })
        progress("the two-stage program: \(program.rowCount) rows, \(program.variableCount) columns")
        let stacked: any ProgramSolver = try stackedSolver?(blocks, offsets, program.variableCount) ?? solver
        let solution = try optimal(stacked.solve(program), what: "the robust program")
        let robustCosts = blocks.indices.map { k in
            (blockCost(blocks[k].program, offset: offsets[k], values: solution.values)) / scale
        }
        let probabilities = members.map(\.probability)
        let expected = { (costs: [Double]) -> Double in zip(probabilities, costs).reduce(0) { $0 + $1.0 * $1.1 } }
        let robustBuilds = buildVariables(blocks[0]).map { solution.values[$0.index] }
        let rp = expected(robustCosts), ws = expected(perfect)
        let eev: Double? = baseCosts.contains { $0 == nil } ? nil : expected(baseCosts.map { $0! })
        return Report(
            scenarios: members.map(\.id), probabilities: probabilities, risk: risk.description,
            robustBuildsMW: buildTable(blocks[0], robustBuilds), basePlanBuildsMW: buildTable(blocks[0], basePlanBuilds),
            perfectInformationCostUSD: perfect, robustCostUSD: robustCosts, basePlanCostUSD: baseCosts,
            robustRegretUSD: zip(robustCosts, perfect).map { $0 - $1 }, basePlanRegretUSD: zip(baseCosts, perfect).map { cost, best in cost.map { $0 - best } },
            robustExpectedCostUSD: rp, basePlanExpectedCostUSD: eev, waitAndSeeCostUSD: ws, evpiUSD: rp - ws, vssUSD: eev.map { $0 - rp },
            robustCapacityMW: capacityTable(blocks[0], values: solution.values),
            basePlanCapacityMW: capacityTable(blocks[0], values: basePlanValues))
    }

    /// Why a robust solve stopped.
    public struct RobustError: Error, Sendable, CustomStringConvertible {
        /// What failed, in words.
        public var description: String
    }

    /// Solves independent programs on up to `workers` threads, results in input order; a
    /// program the solver refuses ends the whole solve with its error.
    private static func solveAll<Solver: LinearSolver>(_ programs: [LinearProgram], solver: Solver, workers: Int,
                                                      progress: @Sendable (Int, Int) -> Void) throws -> [SolveResult] {
        let outcomes = ParallelWork.map(programs, workers: workers, progress: progress) { solver.outcome($0) }
        var results: [SolveResult] = []
        for outcome in outcomes {
            switch outcome {
            case .success(let result): results.append(result)
            case .failure(let error): throw error
            }
        }
        return results
    }

    private static func optimal(_ result: SolveResult, what: String) throws -> Solution {
        guard result.status == .optimal, let solution = result.solution else {
            throw RobustError(description: "\(what) did not solve to optimality (\(result.status))")
        }
        return solution
    }

    /// The build decisions of a block, generators, storage, then expandable corridors (LINKX), in model order.
    static func buildVariables(_ lp: EnergyLP) -> [Variable] {
        buildStores(lp).variables.flatMap { $0.compactMap { $0 } }
    }

    /// The build variables of a block by resource (generators, storage, expandable corridors) and their ids.
    private static func buildStores(_ lp: EnergyLP) -> (ids: [String], variables: [[Variable?]]) {
        (lp.variables.build.ids + lp.variables.storageBuild.ids + lp.variables.corridorBuild.ids,
         Array(lp.variables.build) + Array(lp.variables.storageBuild) + Array(lp.variables.corridorBuild))
    }

    /// Stacks the blocks; adds non-anticipativity rows (every block's builds equal the base
    /// block's) and the risk measure. Returns the program and each block's variable offset.
    static func stack(_ blocks: [EnergyLP], members: [Member], risk: Risk, perfectCost: [Double]) -> (LinearProgram, [Int]) {
        var program = LinearProgram(name: "robust")
        var offsets: [Int] = []
        let blockWeight: Double = if case .expected = risk { 1 } else { tieBreakWeight }
        for (k, block) in blocks.enumerated() {
            offsets.append(program.append(block.program, namePrefix: "\(members[k].id)|", costScale: blockWeight * members[k].probability).variableOffset)
        }
        let builds = buildVariables(blocks[0])
        for k in blocks.indices.dropFirst() {
            for variable in builds {
                let name = blocks[0].program.variableNames[variable.index]
                program.addRow("NONANT[\(name),\(members[k].id)]",
                               [1 * Variable(index: offsets[k] + variable.index), -1 * Variable(index: variable.index)], .fixed(0))
            }
        }
        switch risk {
        case .expected:
            break
        case .cvar(let alpha):
            let eta = program.addVariable("RISK_eta", bounds: .free, cost: 1)
            for (k, block) in blocks.enumerated() {
                let cost = addCostVariable(&program, block: block.program, offset: offsets[k], id: members[k].id)
                let z = program.addVariable("RISK_z[\(members[k].id)]", bounds: .atLeast(0), cost: members[k].probability / (1 - alpha))
                program.addRow("RISK_tail[\(members[k].id)]", [1 * z, -1 * cost, 1 * eta], .atLeast(0))
            }
        case .regret:
            let worst = program.addVariable("RISK_regret", bounds: .free, cost: 1)
            for (k, block) in blocks.enumerated() {
                let cost = addCostVariable(&program, block: block.program, offset: offsets[k], id: members[k].id)
                program.addRow("RISK_max[\(members[k].id)]", [1 * worst, -1 * cost], .atLeast(-perfectCost[k]))
            }
        }
        return (program, offsets)
    }

    /// Which member and period each column of the two-stage program belongs to, for a decomposition
    /// (docs/DECOMPOSITION.md, "Robust plans"). Each member's columns follow its own
    /// ``EnergyLP/bendersBlocks(by:)``: its capacities and builds are master columns (so the
    /// non-anticipativity rows tie master columns only), its dispatch of period y is the block
    /// `member/year`, member-major. Columns the risk measure adds (CVaR, regret) belong to no
    /// member: those measures sum a member's cost over its periods, a row across blocks, and are
    /// refused.
    /// - Throws: ``DecompositionRefusal`` naming what cannot be decomposed.
    public static func stackedBlocks(_ blocks: [EnergyLP], ids: [String], offsets: [Int], columnCount: Int) throws -> BlockStructure {
        var assignments = [BlockStructure.Assignment?](repeating: nil, count: columnCount)
        var names: [String] = []
        for (k, block) in blocks.enumerated() {
            let own: BlockStructure
            do { own = try block.bendersBlocks(by: .period) } catch { throw DecompositionRefusal(description: "member '\(ids[k])': \(error)") }
            let first = names.count
            names += own.blockNames.map { "\(ids[k])/\($0)" }
            for (j, assignment) in own.assignments.enumerated() {
                switch assignment {
                case .master: assignments[offsets[k] + j] = .master
                case .block(let y): assignments[offsets[k] + j] = .block(first + y)
                }
            }
        }
        if let j = assignments.firstIndex(where: { $0 == nil }) {
            throw DecompositionRefusal(description: "column \(j) of the robust program belongs to no member (a column of the risk measure): "
                                       + "only the expected cost decomposes by member and period")
        }
        return BlockStructure(assignments: assignments.map { $0! }, blockNames: names)
    }

    /// Why a two-stage program cannot be decomposed.
    public struct DecompositionRefusal: Error, Sendable, CustomStringConvertible {
        /// What cannot be decomposed, in words.
        public var description: String
    }

    /// A variable `C_s` equal to a block's cost (its objective and constant), written as a
    /// chained sum so no row is dense.
    private static func addCostVariable(_ program: inout LinearProgram, block: LinearProgram, offset: Int, id: String) -> Variable {
        let cost = program.addVariable("RISK_cost[\(id)]", bounds: .free)
        var terms = [1 * cost]
        for (j, c) in block.objective.enumerated() where c != 0 { terms.append(-c * Variable(index: offset + j)) }
        program.addChainedRow("RISK_costdef[\(id)]", terms, .fixed(block.objectiveConstant))
        return cost
    }

    /// A block's objective (with its constant) at a stacked solution, in objective units.
    static func blockCost(_ block: LinearProgram, offset: Int, values: [Double]) -> Double {
        var total = block.objectiveConstant
        for (j, c) in block.objective.enumerated() where c != 0 { total += c * values[offset + j] }
        return total
    }

    /// Builds by resource and period year (MW), from the build variables' values.
    private static func buildTable(_ lp: EnergyLP, _ values: [Double]) -> CapacityPlan {
        var table = CapacityPlan()
        var k = 0
        let (ids, stores) = buildStores(lp)
        for (r, variables) in stores.enumerated() {
            for (y, variable) in variables.enumerated() where variable != nil {
                table[ids[r], lp.periods[y].year] = max(0, values[k])
                k += 1
            }
        }
        return table
    }

    /// Capacities in service by resource and period (MW) at a solution of the base block.
    private static func capacityTable(_ lp: EnergyLP, values: [Double]) -> CapacityPlan {
        capacities(lp) { values[$0.index] }
    }

    private static func capacities(_ lp: EnergyLP, value: (Variable) -> Double) -> CapacityPlan {
        var table = CapacityPlan()
        let resources = lp.variables.capacity.ids + lp.variables.storageCapacity.ids + lp.variables.corridorCapacity.ids
        for (r, variables) in (Array(lp.variables.capacity) + Array(lp.variables.storageCapacity) + Array(lp.variables.corridorCapacity)).enumerated() {
            for (y, variable) in variables.enumerated() {
                let mw = variable.map(value) ?? lp.fixedCapacityMW[resources[r]]?[y] ?? 0
                table[resources[r], lp.periods[y].year] = mw
            }
        }
        return table
    }
}
