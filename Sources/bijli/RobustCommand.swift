import ArgumentParser
import EnergyModel
import Foundation
import Scenarios
import Workflows

/// `bijli robust`: one two-stage LP over the base case and several disruptions (shared builds,
/// dispatch per disruption), compared with the base plan.
struct RobustCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "robust",
        abstract: "Plan for several disruptions at once (shared builds, dispatch per disruption) and compare with the base plan.",
        discussion: """
            Writes robust.json (plans, costs, regret matrix, EVPI, VSS) and the stress matrices of the base plan and the \
            robust plan (stress-base.csv, stress-robust.csv) into a new folder under --out. Exit codes: 0 solved, 1 a solve \
            failed, 2 bad input, 73 cannot write. See docs/SCENARIOS.md.
            """)

    @OptionGroup var caseOptions: CaseOptions

    @Option(help: "Comma-separated scenario ids of <inputs>/scenarios/ (the base case is always the first member).")
    var scenarios: String?

    @Option(help: "Probabilities, base first then each scenario, comma-separated, summing to 1 (default: equal).")
    var probabilities: String?

    @Option(help: "A scenario set of <inputs>/scenarios/sets/ (members and probabilities), instead of --scenarios.")
    var set: String?

    @Option(help: "expected, cvar:ALPHA (0 ≤ α < 1) or regret.")
    var risk: RobustPlan.Risk = .expected

    @Option(help: "Folder for the run: a new folder <out>/<run id>/.")
    var out: String

    func validate() throws {
        guard (scenarios == nil) != (set == nil) else { throw ValidationError("give either --scenarios or --set") }
        guard set == nil || probabilities == nil else { throw ValidationError("a --set gives its own probabilities") }
    }

    func run() throws {
        let workflow = caseOptions.workflow()
        let (system, library) = try orExit { () throws(WorkflowError) in
            let system = try workflow.loadCase()
            return (system, try workflow.scenarioLibrary(for: system))
        }
        let members: [RobustPlan.Member]
        let outcome = Result { () throws(ScenarioError) -> [RobustPlan.Member] in
            if let set {
                let file = workflow.request.inputsURL.appendingPathComponent("scenarios/sets/\(set).yaml")
                let parsed = try ScenarioSet.read(file, library: library)
                var result = [RobustPlan.Member(scenario: nil, probability: parsed.baseProbability)]
                for member in parsed.members {
                    result.append(RobustPlan.Member(scenario: try library.select([member.scenario])[0], probability: member.probability))
                }
                return result
            }
            let chosen = try library.select((scenarios ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
            return chosen.map { RobustPlan.Member(scenario: $0, probability: 0) }
        }
        switch outcome {
        case .success(let value):
            if set != nil {
                members = value
            } else {
                let weights = try memberProbabilities(count: value.count + 1)
                members = [RobustPlan.Member(scenario: nil, probability: weights[0])]
                    + zip(value, weights.dropFirst()).map { RobustPlan.Member(scenario: $0.scenario, probability: $1) }
            }
        case .failure(let error):
            printError(error.description)
            throw ExitCode.badInput
        }
        let chosen = members.compactMap(\.scenario)
        let years = workflow.request.periods
        let (time, _) = try orExit { () throws(WorkflowError) in try workflow.timeSlices(for: system, years: years) }
        let options = FormulationOptions(time: time, periodYears: years)
        let solver = workflow.solver(workflow.solverMethod(for: system, time: time, periodCount: (years?.count ?? system.periods.count) * members.count))
        workflow.progress.say("solving the two-stage program over \(members.count) members (\(risk))")
        let report: RobustPlan.Report
        do {
            report = try RobustPlan.solve(system: system, library: library, members: members, risk: risk,
                                          options: options, solver: solver)
        } catch let error as RobustPlan.RobustError {
            printError("error: \(error)")
            throw ExitCode.solverError
        } catch {
            printError("error: \(error)")
            throw ExitCode.badInput
        }
        workflow.progress.say("stress matrices of the base plan and the robust plan")
        let plans = [("base", report.basePlanCapacityMW), ("robust", report.robustCapacityMW)]
        var files: [String: Data] = [:]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        files["robust.json"] = try encoder.encode(report)
        for (name, capacities) in plans {
            var plan: [String: [Int: Double]] = [:]
            for (resource, byYear) in capacities { for (year, mw) in byYear { plan[resource, default: [:]][Int(year)!] = mw } }
            let rows = try StressTest.run(system: system, plan: plan, library: library, scenarios: chosen, options: options, solver: solver)
            files["stress-\(name).csv"] = Data(StressTest.csv(rows).utf8)
        }
        let folder = try writeRunFolder(files, under: out)
        print(Self.summary(report))
        print("robust      \(folder.path)")
    }

    private func memberProbabilities(count: Int) throws -> [Double] {
        guard let probabilities else { return Array(repeating: 1 / Double(count), count: count) }
        let values = probabilities.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard values.count == count, values.allSatisfy({ $0 >= 0 }), abs(values.reduce(0, +) - 1) < 1e-9 else {
            printError("error: --probabilities needs \(count) non-negative numbers (base first) that sum to 1")
            throw ExitCode.badInput
        }
        return values
    }

    static func summary(_ report: RobustPlan.Report) -> String {
        func musd(_ value: Double?) -> String { value.map { String(format: "%.1f", $0 / 1e6) } ?? "infeasible" }
        var lines = ["risk        \(report.risk)",
                     "scenario                         π      C* MUSD   base plan   robust plan   regret base   regret robust"]
        for k in report.scenarios.indices {
            let id = report.scenarios[k].padding(toLength: 30, withPad: " ", startingAt: 0)
            lines.append(id + String(format: " %5.2f ", report.probabilities[k])
                         + [report.perfectInformationCostUSD[k], report.basePlanCostUSD[k], report.robustCostUSD[k],
                            report.basePlanRegretUSD[k], report.robustRegretUSD[k]].map { musd($0).leftPadded(12) }.joined(separator: " "))
        }
        lines.append("expected    base plan \(musd(report.basePlanExpectedCostUSD)) MUSD, robust plan \(musd(report.robustExpectedCostUSD)) MUSD, "
                     + "wait-and-see \(musd(report.waitAndSeeCostUSD)) MUSD")
        lines.append("EVPI        \(musd(report.evpiUSD)) MUSD    VSS \(musd(report.vssUSD)) MUSD")
        if report.basePlanCostUSD.contains(where: { $0 == nil }) {
            lines.append("note        the base plan cannot be operated under a disruption marked infeasible (a hard policy or budget cannot be met)")
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    /// The string right-aligned in `width` characters.
    func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
