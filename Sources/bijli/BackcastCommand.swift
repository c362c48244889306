import ArgumentParser
import EnergyModel
import Foundation
import Workflows

/// `bijli backcast`: the existing fleet dispatched against one observed year, generation shares
/// by fuel group beside the observed ones (docs/CALIBRATION.md).
struct BackcastCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backcast",
        abstract: "Dispatch the existing fleet over one period (no builds, policies off) and compare generation shares with observed ones.",
        discussion: """
            Targets: every group within ±3 percentage points, total generation within ±2 %. Exit codes: 0 solved \
            (with --check: and every target met), 2 bad input, 3 infeasible, 7 solved but a target missed (--check), \
            73 cannot write. See docs/CLI.md and docs/CALIBRATION.md.
            """)

    @OptionGroup var caseOptions: CaseOptions

    @Option(help: "The period (year) to back-cast; default: the first period.")
    var year: Int?

    @Option(help: "Observed generation by group; default: <inputs>/backcast/observed_generation.csv.")
    var observed: String?

    @Option(help: "Also write results.json, the CSV tables and backcast.csv into a new run folder under this folder.")
    var out: String?

    @Flag(help: "Exit 7 when a group or the total misses its target.")
    var check = false

    func run() throws {
        var request = caseOptions.request(defaultResolution: .hourly)
        // The back-cast reproduces a past year from fuel_prices.csv's observations; a tariff
        // file applies only when asked for (--tariffs, or --run-date for the file effective then).
        if request.tariffs == nil, request.runDate == nil { request.tariffs = "none" }
        let workflow = caseOptions.workflow(request)
        let outcome = try orExit { () throws(WorkflowError) in
            try workflow.backcast(year: year, observed: observed.map { URL(fileURLWithPath: $0) })
        }
        let (optimization, results) = (outcome.optimization, outcome.results)
        if let note = CaseWorkflow.instabilityNote(optimization) { printError(note) }
        guard let period = outcome.period, let rows = outcome.rows else {
            printError("error: the back-cast did not solve: \(optimization.result.status)")
            throw ExitCode(optimization.result.status)
        }
        print("Back-cast \(outcome.year): \(outcome.system.name), existing fleet, \(outcome.time.resolution), "
              + "demand \(String(format: "%.0f", period.demandMWh / 1000)) GWh, unserved \(String(format: "%.1f", period.unservedMWh / 1000)) GWh")
        print(Backcast.table(rows))
        if let out {
            var files = results.csvTables()
            files["results.json"] = try results.json()
            files["backcast.csv"] = Data(Self.csv(rows).utf8)
            let folder = try writeRunFolder(files, under: out)
            print("results     \(folder.path)")
        }
        if check, rows.contains(where: { !$0.withinTarget }) { throw ExitCode.targetMissed }
    }

    /// The comparison as CSV (12 significant digits).
    static func csv(_ rows: [Backcast.Row]) -> String {
        var lines = ["group,model_gwh,observed_gwh,model_share_percent,observed_share_percent,difference,within_target"]
        for row in rows {
            let numbers = [row.modelGWh, row.observedGWh, row.modelSharePercent, row.observedSharePercent, row.difference]
                .map { String(format: "%.12g", $0) }
            let group = row.group.contains(",") ? "\"\(row.group)\"" : row.group
            lines.append(([group] + numbers + [String(row.withinTarget)]).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
