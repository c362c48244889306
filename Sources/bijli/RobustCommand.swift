import ArgumentParser
import EnergyModel
import Foundation
import Reporting
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
        let members: RobustMembers = set.map { .set($0) } ?? .scenarios(
            (scenarios ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) },
            probabilities: probabilities.map { $0.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) } })
        let workflow = caseOptions.workflow()
        let outcome = try orExit { () throws(WorkflowError) in try workflow.robust(members, risk: risk) }
        let folder = try writeRunFolder(outcome.files, under: out)
        print(Self.summary(outcome.report))
        print("robust      \(folder.path)")
    }

    static func summary(_ report: RobustPlan.Report) -> String {
        func musd(_ value: Double?) -> String { value.map { NumberText.format($0 / 1e6, decimals: 1) } ?? "infeasible" }
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
