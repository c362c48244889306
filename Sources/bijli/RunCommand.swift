import ArgumentParser
import EnergyModel
import Foundation
import Reporting
import Scenarios
import Workflows

/// `bijli run`: load a case, build the LP of MODEL.md, solve it in an objective mode, write results.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Optimise a case (plan: builds and dispatch; with --scenario under a disruption) and write results into a new run folder.",
        discussion: "With --objective pareto and --shard I/N, solves one block of the targets and writes shard.json; `bijli merge` gives the whole run (docs/SCALING.md). Exit codes as for `bijli lp solve` (0 optimal, 2 bad input, 3 infeasible ...). See docs/CLI.md and docs/RESULTS.md.",
        aliases: ["plan"])

    @OptionGroup var caseOptions: CaseOptions

    @Option(help: "cost, deficit[:REL,ABS], renewables[:BUDGET_SLACK], weighted:A,B,G or pareto[:T1,T2,...] (docs/MODEL.md).")
    var objective: ObjectiveMode = .cost

    @Option(help: "Reports root: a new run folder <out>/<model>/<scenario>/<run id>/ is written (never overwriting), with a `latest` link per scenario.")
    var out: String

    @Option(help: "A run folder to print this run's differences from (default for a what-if, --scenario or --overlay: <out>/<model>/base/latest when it ran on the same inputs and options).")
    var against: String?

    @Option(help: "Also write the program of the cost objective (the exact LP Bijli solves in cost mode) to FILE (.lp CPLEX LP or .mps free MPS) for other solvers.")
    var writeLP: String?

    @OptionGroup var shardOptions: ShardOptions

    func validate() throws {
        if shardOptions.shard != nil {
            guard case .pareto = objective else {
                throw ValidationError("--shard splits the points of --objective pareto[:T1,...]; a \(objective.name) run is one optimisation, run it without --shard")
            }
            if against != nil || writeLP != nil {
                throw ValidationError("--\(against != nil ? "against" : "write-lp") applies to a whole run, not to a shard of its Pareto points; give it without --shard")
            }
        }
    }

    func run() throws {
        let request = caseOptions.request(objective: objective)
        let workflow = caseOptions.workflow(request)
        if let shard = try shardOptions.resolved() {
            let record = try orExit { () throws(WorkflowError) in try workflow.pareto(shard: shard) }
            for point in record.frontier ?? [] {
                print("pareto      target \(point.target): \(point.status)" + (point.costUSD.map { ", cost \(NumberText.money($0))" } ?? ""))
            }
            // Exits 0 once the part is written (targets out of reach are points of the frontier); `bijli merge` judges the run.
            _ = try writeShard(record, under: out)
            return
        }
        let against = self.against.map { URL(fileURLWithPath: $0) }
        // A bad --against is refused before anything is solved.
        if let against { _ = try orExit { () throws(WorkflowError) in try RunReports.load(against) } }
        let outcome = try orExit { () throws(WorkflowError) in
            try workflow.run(out: URL(fileURLWithPath: out), writeLP: writeLP, arguments: Array(CommandLine.arguments.dropFirst()), against: against)
        }
        print(summary(outcome.results, folder: outcome.folder))
        if against != nil || request.scenarioName != nil {
            let (departure, note) = try orExit { () throws(WorkflowError) in
                try RunReports.departure(of: outcome.results, model: outcome.system.name, out: URL(fileURLWithPath: out), against: against)
            }
            if let note { printError("note: \(note)") }
            if let departure {
                print("differences from \(departure.label) (\(departure.folder.path)):")
                printDifferences(departure.differences)
            }
        }
        if let note = CaseWorkflow.instabilityNote(outcome.optimization) { printError(note) }
        for sentence in outcome.infeasibility?.sentences ?? [] { printError("infeasible: \(sentence)") }
        throw ExitCode(outcome.optimization.result.status)
    }

    private func summary(_ results: EnergyResults, folder: URL) -> String {
        var lines = ["status      \(results.status)",
                     "objective   \(results.objectiveUSD.map { NumberText.money($0) } ?? "none") (mode \(results.objectiveMode), discounted over the horizon)"]
        for period in results.periods {
            let i = period.indicators
            lines.append("\(period.period)        unserved \(NumberText.energy(period.unservedMWh)) (\(NumberText.percent(i.unservedShare, decimals: 2))), "
                         + "renewable share \(NumberText.percent(i.renewableShare)), CO2 \(NumberText.format(i.co2T / 1e6, decimals: 2)) Mt, "
                         + "average cost \(NumberText.format(i.averageCostUSDPerMWh, decimals: 2)) USD/MWh")
        }
        for binding in results.bindingConstraints.prefix(3) { lines.append("binding     \(binding.sentence)") }
        // A Pareto run's answer is its frontier (the lines above are its last point's plan).
        for point in results.frontier {
            let solved = point.costUSD.map { cost in
                "cost \(NumberText.money(cost)), renewable share \(point.renewableShare.map { NumberText.percent($0) } ?? "n/a"), "
                    + "unserved \(point.unservedMWh.map(NumberText.energy) ?? "n/a")" + (point.dominated ? " (dominated)" : "")
            } ?? point.status.rawValue
            lines.append("frontier    target \(NumberText.percent(point.target, decimals: 0)): \(solved)")
        }
        lines.append("results     \(folder.path)/results.json")
        lines.append("report      \(folder.path)/report.html")
        return lines.joined(separator: "\n")
    }
}
