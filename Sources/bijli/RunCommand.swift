import ArgumentParser
import EnergyModel
import Foundation
import Scenarios
import Workflows

/// `bijli run`: load a case, build the LP of MODEL.md, solve it in an objective mode, write results.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Optimise a case (plan: builds and dispatch; with --scenario under a disruption) and write results into a new run folder.",
        discussion: "Exit codes as for `bijli lp solve` (0 optimal, 2 bad input, 3 infeasible ...). See docs/CLI.md and docs/RESULTS.md.",
        aliases: ["plan"])

    @OptionGroup var caseOptions: CaseOptions

    @Option(help: "cost, deficit[:REL,ABS], renewables[:BUDGET_SLACK], weighted:A,B,G or pareto[:T1,T2,...] (docs/MODEL.md).")
    var objective: ObjectiveMode = .cost

    @Option(help: "Reports root: a new run folder <out>/<model>/<scenario>/<run id>/ is written (never overwriting), with a `latest` link per scenario.")
    var out: String

    @Option(help: "Also write the program of the cost objective (the exact LP Bijli solves in cost mode) to FILE (.lp CPLEX LP or .mps free MPS) for other solvers.")
    var writeLP: String?

    func run() throws {
        let workflow = caseOptions.workflow(caseOptions.request(objective: objective))
        let outcome = try orExit { () throws(WorkflowError) in
            try workflow.run(out: URL(fileURLWithPath: out), writeLP: writeLP, arguments: Array(CommandLine.arguments.dropFirst()))
        }
        print(summary(outcome.results, folder: outcome.folder))
        if let note = CaseWorkflow.instabilityNote(outcome.optimization) { printError(note) }
        for sentence in outcome.infeasibility?.sentences ?? [] { printError("infeasible: \(sentence)") }
        throw ExitCode(outcome.optimization.result.status)
    }

    private func summary(_ results: EnergyResults, folder: URL) -> String {
        var lines = ["status      \(results.status)",
                     "objective   \(results.objectiveUSD.map { String(format: "%.6g USD", $0) } ?? "none") (mode \(results.objectiveMode))"]
        for period in results.periods {
            let i = period.indicators
            lines.append(String(format: "%d        unserved %.4g MWh (%.3g %%), renewable share %.1f %%, CO2 %.4g t, average cost %.2f USD/MWh",
                                period.period, period.unservedMWh, 100 * i.unservedShare, 100 * i.renewableShare, i.co2T, i.averageCostUSDPerMWh))
        }
        for binding in results.bindingConstraints.prefix(3) { lines.append("binding     \(binding.sentence)") }
        lines.append("results     \(folder.path)/results.json")
        lines.append("report      \(folder.path)/report.html")
        return lines.joined(separator: "\n")
    }
}

/// Progress lines on standard error with the elapsed time, unless quiet; warnings always.
struct Progress: WorkflowProgress {
    let quiet: Bool
    let start = ContinuousClock.now

    /// One line per finished case of a sweep: a bar, the count, the case and the ETA.
    func sweep(_ step: StressTest.SweepProgress) {
        let remaining = seconds / Double(step.finished) * Double(step.total - step.finished)
        let width = 20, filled = width * step.finished / max(1, step.total)
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        say("[\(bar)] \(step.finished)/\(step.total) \(step.id) solved, ETA \(Int(remaining.rounded())) s")
    }

    func say(_ message: String) {
        guard !quiet else { return }
        var standardError = StandardError()
        print(String(format: "[%7.2fs] ", seconds) + message, to: &standardError)
    }

    func warn(_ message: String) {
        printError(message)
    }

    private var seconds: Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }
}
