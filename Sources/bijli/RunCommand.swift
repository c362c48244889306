import ArgumentParser
import EnergyModel
import Foundation
import LinearProgramming
import Reporting
import Scenarios

/// `bijli run`: load a case, build the LP of MODEL.md, solve it in an objective mode, write results.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Optimise a case (plan: builds and dispatch; with --scenario under a disruption) and write results into a new run folder.",
        discussion: "Exit codes as for `bijli lp solve` (0 optimal, 2 bad input, 3 infeasible ...). See docs/CLI.md and docs/RESULTS.md.",
        aliases: ["plan"])

    @OptionGroup var caseOptions: CaseOptions

    @Option(help: "cost, deficit[:REL,ABS], renewables[:BUDGET_SLACK], weighted:A,B,G or pareto[:T1,T2,...] (docs/MODEL.md).")
    var objective: String = "cost"

    @Option(help: "Reports root: a new run folder <out>/<model>/<scenario>/<run id>/ is written (never overwriting), with a `latest` link per scenario.")
    var out: String

    @Option(help: "Also write the program of the cost objective (the exact LP Bijli solves in cost mode) to FILE (.lp CPLEX LP or .mps free MPS) for other solvers.")
    var writeLP: String?

    func validate() throws {
        guard ObjectiveMode.parse(objective) != nil else { throw ValidationError("unknown --objective '\(objective)'; see --help") }
    }

    func run() throws {
        let progress = Progress(quiet: caseOptions.quiet)
        let mode = ObjectiveMode.parse(objective)!
        let system = try caseOptions.applyScenario(to: try caseOptions.loadSystem(progress), progress)
        let years = caseOptions.years
        let (time, aggregation) = try caseOptions.timeSlices(for: system, years: years, progress)
        let options = FormulationOptions(time: time, periodYears: years)
        let method = caseOptions.solverMethod(for: system, time: time, periodCount: years?.count ?? system.periods.count)
        if let writeLP {
            let lp: EnergyLP
            switch Result(catching: { () throws(FormulationError) in try EnergyLP.build(system, options: options) }) {
            case .success(let built): lp = built
            case .failure(let error):
                printError("error: \(error)")
                throw ExitCode.badInput
            }
            try exitOnError { () throws(LinearProgrammingError) in try lp.program.write(to: writeLP) }
            progress.say("wrote \(writeLP) (\(lp.program.rowCount) rows, \(lp.program.variableCount) columns)")
        }
        let (optimization, buildSeconds) = try caseOptions.optimize(system, options: options, mode: mode, method: method, progress)
        let provenance = caseOptions.provenance(optimization, system: system, mode: mode, method: method, buildSeconds: buildSeconds)
        let results = EnergyResults(optimization, provenance: provenance)

        var files = results.csvTables()
        files["results.json"] = try results.json()
        files["solver.log"] = Data(optimization.result.log.utf8)
        if let prices = TariffOptions.pricesCSV(system) { files["tariff_prices.csv"] = prices }
        if let aggregation {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            files["time_aggregation.json"] = try encoder.encode(aggregation)
        }
        // Reports (docs/REPORTS.md): hourly.csv, run.json, report.*, figures/, tables/, in <out>/<model>/<scenario>/<run id>.
        let scenario = caseOptions.scenario ?? RunReports.scenario
        files.merge(try RunReports.files(optimization, results: results, aggregation: aggregation, scenario: scenario,
                                         buildSeconds: provenance.buildSeconds, solveSeconds: provenance.solveSeconds)) { current, _ in current }
        let folder = try writeRunFolder(files, under: try RunReports.folder(out, model: system.name, scenario: scenario))
        print(summary(results, folder: folder))
        caseOptions.warnAboutInstability(optimization)
        throw ExitCode(optimization.result.status)
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

/// Progress lines on standard error with the elapsed time, unless quiet.
struct Progress {
    let quiet: Bool
    let start = ContinuousClock.now

    /// One line per finished case of a sweep: a bar, the count, the case and the ETA.
    func sweep(_ step: StressTest.SweepProgress) {
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let remaining = seconds / Double(step.finished) * Double(step.total - step.finished)
        let width = 20, filled = width * step.finished / max(1, step.total)
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        say("[\(bar)] \(step.finished)/\(step.total) \(step.id) solved, ETA \(Int(remaining.rounded())) s")
    }

    func say(_ message: String) {
        guard !quiet else { return }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        // Not through printError: progress is not an error message for `bijli scheduled` to record.
        var standardError = StandardError()
        print(String(format: "[%7.2fs] ", seconds) + message, to: &standardError)
    }
}
