import Decomposition
import EnergyModel
import Foundation
import LinearProgramming
import Scenarios

/// The members of a robust plan: a scenario set of `<inputs>/scenarios/sets/` (its own
/// probabilities), or scenario ids with probabilities (base first; nil: equal).
public enum RobustMembers: Sendable, Equatable {
    /// A scenario set by name.
    case set(String)
    /// Scenario ids of `<inputs>/scenarios/`, with the base case's and each scenario's probability.
    case scenarios([String], probabilities: [Double]?)
}

/// A solved robust plan and the files of its run folder.
public struct RobustOutcome: Sendable {
    /// Plans, costs, regret matrix, EVPI, VSS.
    public var report: RobustPlan.Report
    /// `robust.json`, `stress-base.csv`, `stress-robust.csv`.
    public var files: [String: Data]
}

extension CaseWorkflow {
    /// One two-stage program over the base case and the members' disruptions (`bijli robust`):
    /// shared builds, dispatch per member, compared with the base plan; then the stress matrices
    /// of the base plan and the robust plan.
    public func robust(_ members: RobustMembers, risk: RobustPlan.Risk) throws(WorkflowError) -> RobustOutcome {
        let system = try loadCase()
        let library = try scenarioLibrary(for: system)
        let chosenMembers = try robustMembers(members, library: library)
        let chosen = chosenMembers.compactMap(\.scenario)
        let years = request.periods
        let (time, _) = try timeSlices(for: system, years: years)
        let options = FormulationOptions(time: time, periodYears: years)
        let method = solverMethod(for: system, time: time, periodCount: (years?.count ?? system.periods.count) * chosenMembers.count)
        let solver = solver(method)
        progress.say("solving the two-stage program over \(chosenMembers.count) members (\(risk))")
        if request.method == .benders, risk != .expected {
            throw .decomposition("--method benders decomposes the robust program by member and period for the expected cost only; "
                                 + "the \(risk) risk measure sums each member's cost over its periods (use --method auto)")
        }
        // The two-stage program by member and period (docs/DECOMPOSITION.md): asked for, or chosen
        // by auto for the expected cost where the interior point would solve it whole (measured in
        // docs/BENCHMARKS.md: the Pakistan summer-security program stops far out and its crossover
        // runs for more than 20 minutes; decomposed it takes about 6 minutes).
        let decompose = request.method == .benders || (request.method == .auto && risk == .expected && method == .interiorPoint)
        let observed = self.solver(method, observed: true)
        let stackedSolver = { (lps: [EnergyLP], offsets: [Int], columns: Int) throws -> any ProgramSolver in
            guard decompose else { return observed }
            return self.decomposing(try RobustPlan.stackedBlocks(lps, ids: chosenMembers.map(\.id), offsets: offsets, columnCount: columns))
        }
        let report: RobustPlan.Report
        do {
            let progress = self.progress
            report = try RobustPlan.solve(system: system, library: library, members: chosenMembers, risk: risk, options: options,
                                          solver: solver, stackedSolver: stackedSolver, workers: ProcessorCount.active) { progress.say("  " + $0) }
        } catch let error as RobustPlan.RobustError {
            throw .robust(error.description)
        } catch let error as RobustPlan.DecompositionRefusal {
            throw .decomposition(error.description)
        } catch {
            throw .optimization(String(describing: error))
        }
        progress.say("stress matrices of the base plan and the robust plan")
        var files = try RunReports.encoding { ["robust.json": try RunReports.sortedEncoder.encode(report)] }
        for (name, plan) in [("base", report.basePlanCapacityMW), ("robust", report.robustCapacityMW)] {
            do {
                let rows = try StressTest.run(system: system, plan: plan, library: library, scenarios: chosen, options: options, solver: solver)
                files["stress-\(name).csv"] = Data(StressTest.csv(rows).utf8)
            } catch {
                throw .robust(String(describing: error))
            }
        }
        return RobustOutcome(report: report, files: files)
    }

    /// The members with their probabilities, the base case first.
    private func robustMembers(_ members: RobustMembers, library: ScenarioLibrary) throws(WorkflowError) -> [RobustPlan.Member] {
        let selected = Result { () throws(ScenarioError) -> [RobustPlan.Member] in
            switch members {
            case .set(let name):
                let parsed = try ScenarioSet.read(request.inputsURL.appendingPathComponent("scenarios/sets/\(name).yaml"), library: library)
                var result = [RobustPlan.Member(scenario: nil, probability: parsed.baseProbability)]
                for member in parsed.members {
                    result.append(RobustPlan.Member(scenario: try library.select([member.scenario])[0], probability: member.probability))
                }
                return result
            case .scenarios(let ids, _):
                return try library.select(ids).map { RobustPlan.Member(scenario: $0, probability: 0) }
            }
        }
        switch (selected, members) {
        case (.failure(let error), _): throw .scenario(error)
        case (.success(let value), .set): return value
        case (.success(let value), .scenarios(_, let probabilities)):
            let count = value.count + 1
            let weights = probabilities ?? Array(repeating: 1 / Double(count), count: count)
            guard weights.count == count, weights.allSatisfy({ $0 >= 0 }), abs(weights.reduce(0, +) - 1) < 1e-9 else {
                throw .probabilities(count: count)
            }
            return [RobustPlan.Member(scenario: nil, probability: weights[0])]
                + zip(value, weights.dropFirst()).map { RobustPlan.Member(scenario: $0.scenario, probability: $1) }
        }
    }
}
