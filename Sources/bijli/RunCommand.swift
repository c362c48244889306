import ArgumentParser
import EnergyModel
import Foundation
import LinearProgramming
import Reporting

/// `bijli run`: load a case, build the LP of MODEL.md, solve it in an objective mode, write results.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Optimise a case and write results.json and CSV tables into a new run folder.",
        discussion: "Exit codes as for `bijli lp solve` (0 optimal, 2 bad input, 3 infeasible ...). See docs/CLI.md and docs/RESULTS.md.")

    @Option(help: "The model folder, e.g. Models/pakistan.")
    var model: String

    @Option(help: "The inputs folder, e.g. Inputs/pakistan.")
    var inputs: String

    @Option(help: "cost, deficit[:REL,ABS], renewables[:BUDGET_SLACK], weighted:A,B,G or pareto[:T1,T2,...] (docs/MODEL.md).")
    var objective: String = "cost"

    @Option(help: "hourly or repdays:N (N a multiple of 12).")
    var resolution: String = "repdays:24"

    @Option(help: "Seed for choosing representative days (ties only; recorded in the results).")
    var seed: UInt64 = 0

    @Option(help: "Comma-separated period years to model (default: all).")
    var periods: String?

    @Option(help: "simplex, interior or auto (interior point for large programs).")
    var method: String = "auto"

    @Option(help: "Stop the simplex after this many seconds (also bounds the simplex fallback when the interior point fails).")
    var timeLimit: Double = 1800

    @Option(help: "Folder for runs: a new run folder <out>/<model>/<scenario>/<run id>/ is written (never overwriting), with a `latest` link per scenario.")
    var out: String

    @Flag(help: "No progress messages on standard error.")
    var quiet = false

    func validate() throws {
        guard ObjectiveMode.parse(objective) != nil else { throw ValidationError("unknown --objective '\(objective)'; see --help") }
        guard resolution == "hourly" || Self.repdays(resolution) != nil else {
            throw ValidationError("--resolution must be hourly or repdays:N with N a positive multiple of 12")
        }
        guard ["simplex", "interior", "auto"].contains(method) else { throw ValidationError("--method must be simplex, interior or auto") }
        guard timeLimit > 0 && timeLimit.isFinite else { throw ValidationError("--time-limit must be a positive number of seconds") }
        if let periods, periods.split(separator: ",").contains(where: { Int($0.trimmingCharacters(in: .whitespaces)) == nil }) {
            throw ValidationError("--periods must be comma-separated years, e.g. 2030,2035")
        }
    }

    static func repdays(_ text: String) -> Int? {
        guard text.hasPrefix("repdays:"), let n = Int(text.dropFirst(8)), n > 0, n % 12 == 0 else { return nil }
        return n
    }

    func run() throws {
        let progress = Progress(quiet: quiet)
        let mode = ObjectiveMode.parse(objective)!
        let modelURL = URL(fileURLWithPath: model), inputsURL = URL(fileURLWithPath: inputs)

        progress.say("loading \(model) and \(inputs)")
        let system: EnergySystem
        switch Result(catching: { () throws(CaseLoadError) in try CaseLoader.load(model: modelURL, inputs: inputsURL) }) {
        case .success(let loaded): system = loaded
        case .failure(let error):
            for issue in error.issues { printError(issue.description) }
            printError("\(error.issues.count) problem(s) found; nothing was run")
            throw ExitCode.badInput
        }

        let years = periods.map { $0.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) } }
        var time = TimeSlices.hourly
        var aggregation: AggregationReport?
        if let n = Self.repdays(resolution) {
            progress.say("choosing \(n) representative days (seed \(seed))")
            var series = system.profiles
            let firstYear = years?.first ?? system.periods.first?.year
            for demand in system.demand where demand.year == firstYear { series["demand.\(demand.region)"] = demand.hourlyMW }
            do {
                (time, aggregation) = try TimeSlices.representativeDays(count: n, series: series, seed: seed)
            } catch {
                printError("error: \(error)")
                throw ExitCode.badInput
            }
        }
        let options = FormulationOptions(time: time, periodYears: years)
        let modelledPeriods = years?.count ?? system.periods.count
        let size = time.steps.count * modelledPeriods * (system.generators.count + 3 * system.storages.count + system.regions.count)
        let solverMethod: SolverMethod = switch method {
        case "simplex": .primalSimplex
        case "interior": .interiorPoint
        default: size > 5_000 ? .interiorPoint : .primalSimplex
        }

        progress.say("building and solving (\(mode.name), \(time.resolution), \(solverMethod.rawValue))")
        let clock = ContinuousClock()
        let start = clock.now
        let optimization: Optimization
        do {
            let solverOptions = SolverOptions(method: solverMethod, timeLimitSeconds: timeLimit)
            optimization = try Optimizer(solver: GLPKSolver(options: solverOptions)).optimize(
                system, options: options, mode: mode)
        } catch let error as FormulationError {
            printError("error: \(error)")
            throw ExitCode.badInput
        } catch let error as LinearProgrammingError {
            printError("error: \(error)")
            throw ExitCode(error)
        }
        let elapsed = (clock.now - start)
        let solveSeconds = optimization.stages.reduce(0.0) { $0 + $1.seconds }
        for stage in optimization.stages {
            progress.say("  \(stage.name): \(stage.status), \(stage.iterations) iterations, \(String(format: "%.2f", stage.seconds)) s")
        }

        let program = optimization.lp.program
        let provenance = Provenance(
            bijliVersion: Bijli.version, glpkVersion: GLPKLibrary.version,
            inputHashes: InputDigest.digests(of: [modelURL, inputsURL]),
            options: ["objective": mode.description, "resolution": time.resolution.description, "seed": String(seed),
                      "method": solverMethod.rawValue, "periods": (years ?? system.periods.map(\.year)).map(String.init).joined(separator: ",")],
            buildSeconds: max(0, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18 - solveSeconds),
            solveSeconds: solveSeconds, rows: program.rowCount, columns: program.variableCount, nonzeros: program.entryCount)
        let results = EnergyResults(optimization, provenance: provenance)

        var files = results.csvTables()
        files["results.json"] = try results.json()
        files["solver.log"] = Data(optimization.result.log.utf8)
        if let aggregation {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            files["time_aggregation.json"] = try encoder.encode(aggregation)
        }
        // Reports (docs/REPORTS.md): hourly.csv, run.json, report.*, figures/, tables/; folder <out>/<model>/base/<run id>.
        files.merge(try RunReports.files(optimization, results: results, aggregation: aggregation,
                                         buildSeconds: provenance.buildSeconds, solveSeconds: solveSeconds)) { current, _ in current }
        let folder: URL
        do {
            folder = try RunFolder.scenario(root: URL(fileURLWithPath: out), model: system.name, scenario: RunReports.scenario)
                .write(files, runID: RunFolder.runID(for: Date()))
        } catch {
            printError("error: \(error)")
            throw ExitCode.cannotWrite
        }
        print(summary(results, folder: folder))
        if optimization.result.log.contains("NUMERIC INSTABILITY") {
            printError("note: GLPK's interior point stopped with numerical instability (the status above is the simplex "
                       + "fallback's). Full-year hourly planning runs are known to hit this (docs/BENCHMARKS.md); "
                       + "use --resolution repdays:N, or --method simplex for small cases.")
        }
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

    func say(_ message: String) {
        guard !quiet else { return }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        printError(String(format: "[%7.2fs] ", seconds) + message)
    }
}
