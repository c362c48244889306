import ArgumentParser
import EnergyModel
import Foundation
import Reporting
import Scenarios
import Workflows

/// `bijli sensitivity --vary P [--vary Q]` or `--tornado P --tornado Q ...`: the plan
/// re-optimised at each point, a table and figures of the measures against the parameters.
struct SensitivityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sensitivity",
        abstract: "Re-optimise the plan over a range of one or two parameters (--vary), or at the low and high ends of several (--tornado).",
        discussion: """
            A parameter is TARGET[.NAME]OP VALUES[@PERIODS], e.g. 'fuel_price.rlng*=0.8:1.6:0.2@2030' (OP: *= scale, = set, += add; \
            VALUES: FROM:TO:STEP, LOW:HIGH or V1,V2,...; @2030: that period and later), a whole overlay with $ for the value \
            ('{target: demand, select: {region: south}, scale: $}=0.9:1.1:0.1'), or 'demand_variant=low,medium,high'. \
            Each point is that overlay laid on the case after --scenario and --overlay (docs/SCENARIOS.md, Sensitivity). \
            Writes <out>/<model>/sensitivity/<run id>/; with --shard I/N, whole chains of four points into <out>/<run id>/shard.json for `bijli merge` (docs/SCALING.md). Exit codes: 0 every point solved, 1 a point did not solve (the table says which), \
            2 bad input (a bad --vary names itself; nothing is solved or written), 73 cannot write.
            """)

    @OptionGroup var caseOptions: CaseOptions

    @Option(name: .customLong("vary"), help: ArgumentHelp("A parameter and its values, e.g. 'fuel_price.rlng*=0.8:1.6:0.2@2030'; give it twice for a grid of two.", valueName: "parameter"))
    var vary: [String] = []

    @Option(name: .customLong("tornado"), help: ArgumentHelp("A parameter and its low and high value, e.g. 'fuel_price.rlng*=0.8:1.2@2030'; repeat for each parameter of the tornado.", valueName: "parameter"))
    var tornado: [String] = []

    @Option(help: "The tornado's measure: cost (total discounted), unserved, renewable_share, import_bill or built, with @YEAR for a period (default: the last).")
    var measure: Sensitivity.Measure = .init(.cost)

    @Option(help: "Reports root: a new folder <out>/<model>/sensitivity/<run id>/ (base/latest is not touched).")
    var out: String

    @OptionGroup var shardOptions: ShardOptions

    func validate() throws {
        if vary.isEmpty && tornado.isEmpty { throw ValidationError("give --vary (once or twice) or --tornado (one or more), e.g. --vary 'fuel_price.rlng*=0.8:1.6:0.2@2030'") }
        if !vary.isEmpty && !tornado.isEmpty { throw ValidationError("--vary and --tornado cannot be combined; run them as two commands") }
        if vary.count > 2 { throw ValidationError("--vary is given \(vary.count) times; a sweep varies one or two parameters (use --tornado for more)") }
    }

    func run() throws {
        let workflow = caseOptions.workflow()
        if let shard = try shardOptions.resolved() {
            let record = try orExit { () throws(WorkflowError) in try workflow.sensitivity(vary: vary, tornado: tornado, measure: measure, shard: shard) }
            for (id, results) in zip((record.memberIDs ?? [])[record.range[0]..<record.range[1]], record.results ?? []) {
                print("point       \(id): \(results.status)" + (results.objectiveUSD.map { ", cost \(NumberText.money($0))" } ?? ""))
            }
            // Exits 0 once the part is written; `bijli merge` exits 1 for points that did not solve, as one run would.
            _ = try writeShard(record, under: out)
            return
        }
        let outcome = try orExit { () throws(WorkflowError) in
            try workflow.sensitivity(vary: vary, tornado: tornado, measure: measure, out: URL(fileURLWithPath: out),
                                     arguments: Array(CommandLine.arguments.dropFirst()))
        }
        print(SensitivityReportBuilder.terminalTable(outcome.run))
        for finding in outcome.document.keyFindings { print(finding) }
        print("warm starts \(outcome.warmSolves) of \(outcome.solves) solves started from an earlier point's basis")
        print("table       \(outcome.folder.path)/tables/\(outcome.run.tornado ? "tornado" : "sensitivity").csv")
        print("figures     \(outcome.folder.path)/figures/")
        print("report      \(outcome.folder.path)/report.html")
        if outcome.run.results.contains(where: { !$0.status.isOptimal }) { throw ExitCode.solverError }
    }
}

extension Sensitivity.Measure: ExpressibleByArgument {
    /// `cost`, `unserved`, `renewable_share`, `import_bill` or `built`, with `@YEAR` for a period.
    public init?(argument: String) { self.init(parsing: argument) }
}
