import ArgumentParser
import EnergyModel
import Foundation
import Reporting
import Scenarios
import Workflows

/// `bijli stress --plan RUN`: the plan's capacities fixed, each disruption laid on the case,
/// dispatch re-optimised; writes the stress matrix.
struct StressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stress",
        abstract: "Hold a finished plan's capacities fixed, lay each disruption on the case and re-optimise dispatch: the stress matrix.",
        discussion: "With --shard I/N, solves one block of the matrix and writes shard.json; `bijli merge` gives the whole matrix (docs/SCALING.md). Exit codes: 0 every run solved, 1 a run did not solve (the matrix says which), 2 bad input, 73 cannot write. See docs/SCENARIOS.md.")

    @OptionGroup var caseOptions: CaseOptions

    @Option(help: "A finished run folder of `bijli run` (its results.json gives the capacities).")
    var plan: String

    @Option(help: "Comma-separated scenario ids of <inputs>/scenarios/, all, or none (e.g. with --n-1).")
    var scenarios: String = "all"

    @Flag(name: .customLong("n-1"), help: "Add the N-1 sweep: each resource of at least --n-1-minimum MW, and each corridor, out in turn.")
    var nMinusOne = false

    @Option(name: .customLong("n-1-minimum"), help: "Smallest existing capacity (MW) a resource needs to be in the N-1 sweep.")
    var nMinusOneMinimumMW: Double = 500

    @Option(help: "Folder for the stress run: a new folder <out>/<run id>/ with stress.json and stress.csv (with --shard, shard.json).")
    var out: String

    @OptionGroup var shardOptions: ShardOptions

    func run() throws {
        let planResults = try readPlan(plan)
        let workflow = caseOptions.workflow(caseOptions.request().matching(planResults))
        let ids = scenarios.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let minimum = nMinusOne ? nMinusOneMinimumMW : nil
        if let shard = try shardOptions.resolved() {
            let record = try orExit { () throws(WorkflowError) in
                try workflow.stress(plan: planResults, planFile: planFile(plan), scenarios: ids, nMinusOneMinimumMW: minimum, shard: shard)
            }
            let rows = record.rows ?? []
            if !rows.isEmpty { print(StressReportBuilder.terminalTable(rows)) }
            // The part is written and exits 0 so that a batch scheduler's merge job (afterok) runs;
            // `bijli merge` exits 1 for lines that did not solve, as one run would.
            _ = try writeShard(record, under: out)
            return
        }
        let rows = try orExit { () throws(WorkflowError) in
            try workflow.stress(plan: planResults, planFile: planFile(plan), scenarios: ids, nMinusOneMinimumMW: minimum)
        }
        let folder = try writeRunFolder(try orExit { () throws(WorkflowError) in try RunReports.stressFolder(rows) }, under: out)
        print(StressReportBuilder.terminalTable(rows))
        print("stress      \(folder.path)/stress.csv")
        print("report      \(folder.path)/report.html")
        if rows.contains(where: { !$0.status.isOptimal }) { throw ExitCode.solverError }
    }
}
