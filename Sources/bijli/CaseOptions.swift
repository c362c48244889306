import ArgumentParser
import EnergyModel
import Foundation
import Interop
import LinearProgramming
import Reporting
import Scenarios

/// The options every command that solves a case shares (`run`, `backcast`): where the case is,
/// which demand variant, time resolution, solver method and limits.
struct CaseOptions: ParsableArguments {
    @Option(help: "The model folder, e.g. Models/pakistan (required unless --pypsa).")
    var model: String = ""

    @Option(help: "The inputs folder, e.g. Inputs/pakistan (required unless --pypsa).")
    var inputs: String = ""

    @Option(help: "A PyPSA network (CSV folder of n.export_to_csv_folder, one period) to run instead of --model/--inputs (docs/PYPSA.md).")
    var pypsa: String?

    @Option(help: "Demand variant of demand.csv (e.g. low, medium, high); default: demand_variant in settings.yaml.")
    var demandVariant: String?

    @Option(help: "A disruption scenario of <inputs>/scenarios/ (file name without .yaml) laid on the case (docs/SCENARIOS.md).")
    var scenario: String?

    @Option(help: "A tariff file to apply (docs/FORMATS.md), a folder of them (the newest effective on the run date), or 'none' for fuel_prices.csv alone; default: the newest file of <inputs>/tariffs/ effective on the run date.")
    var tariffs: String?

    @Option(help: "The date the run is for, YYYY-MM-DD (default: today, UTC): picks the tariff file effective on it.")
    var runDate: String?

    @Option(name: .customLong("resolution"), help: "hourly or repdays:N (N a multiple of 12); default: repdays:24 for run, hourly for backcast.")
    var resolutionOption: String?

    /// The resolution a command uses when none is given.
    var defaultResolution = "repdays:24"

    /// The resolution asked for, or the command's default.
    var resolution: String { resolutionOption ?? defaultResolution }

    enum CodingKeys: String, CodingKey {
        case model, inputs, pypsa, demandVariant, scenario, tariffs, runDate, resolutionOption, seed, periods, method, timeLimit, quiet
    }

    @Option(help: "Seed for choosing representative days (ties only; recorded in the results); for montecarlo, the seed of the samples.")
    var seed: UInt64 = 0

    @Option(help: "Comma-separated period years to model (default: all).")
    var periods: String?

    @Option(help: "simplex, interior or auto (interior point for large programs).")
    var method: String = "auto"

    @Option(help: "Stop the simplex after this many seconds (also bounds the simplex fallback when the interior point fails).")
    var timeLimit: Double = 1800

    @Flag(help: "No progress messages on standard error.")
    var quiet = false

    func validate() throws {
        if pypsa == nil, model.isEmpty || inputs.isEmpty { throw ValidationError("give --model and --inputs, or --pypsa") }
        if pypsa != nil, !model.isEmpty || !inputs.isEmpty { throw ValidationError("--pypsa replaces --model and --inputs; give one or the other") }
        guard resolution == "hourly" || Self.repdays(resolution) != nil else {
            throw ValidationError("--resolution must be hourly or repdays:N with N a positive multiple of 12")
        }
        guard ["simplex", "interior", "auto"].contains(method) else { throw ValidationError("--method must be simplex, interior or auto") }
        guard timeLimit > 0 && timeLimit.isFinite else { throw ValidationError("--time-limit must be a positive number of seconds") }
        if let periods, periods.split(separator: ",").contains(where: { Int($0.trimmingCharacters(in: .whitespaces)) == nil }) {
            throw ValidationError("--periods must be comma-separated years, e.g. 2030,2035")
        }
        try TariffOptions.check(runDate: runDate)
    }

    /// The tariff options of the command.
    var tariffOptions: TariffOptions { TariffOptions(tariffs: tariffs, runDate: runDate, inputs: inputsURL) }

    static func repdays(_ text: String) -> Int? {
        guard text.hasPrefix("repdays:"), let n = Int(text.dropFirst(8)), n > 0, n % 12 == 0 else { return nil }
        return n
    }

    var modelURL: URL { URL(fileURLWithPath: pypsa ?? model) }
    var inputsURL: URL { URL(fileURLWithPath: inputs) }

    /// The period years asked for, or nil for all.
    var years: [Int]? {
        periods.map { $0.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) } }
    }

    /// These options with the resolution, seed and run date a finished plan was solved at (from
    /// its provenance), so stress and Monte Carlo runs use the plan's own time steps and tariff
    /// file; an explicit `--resolution`, `--run-date` or `--tariffs` wins.
    func matching(_ plan: EnergyResults) -> CaseOptions {
        var copy = self
        if resolutionOption == nil { copy.resolutionOption = plan.provenance.options["resolution"] }
        if let seed = plan.provenance.options["seed"].flatMap(UInt64.init) { copy.seed = seed }
        // The plan's run date, so the plan and its stress or Monte Carlo runs see the same tariff file.
        if runDate == nil, tariffs == nil, let date = plan.provenance.options["run_date"] { copy.runDate = date }
        return copy
    }

    /// Loads the case; prints every problem and exits 2 if it does not load.
    func loadSystem(_ progress: Progress) throws -> EnergySystem {
        if let pypsa {
            progress.say("importing the PyPSA network \(pypsa)")
            switch Result(catching: { () throws(PyPSAError) in try PyPSAImport.load(folder: URL(fileURLWithPath: pypsa)) }) {
            case .success(let (system, files)):
                for note in files.notes { progress.say("note: \(note)") }
                return system
            case .failure(let error):
                for problem in error.problems { printError(problem.description) }
                printError("\(error.problems.count) problem(s) found; nothing was run")
                throw ExitCode.badInput
            }
        }
        progress.say("loading \(model) and \(inputs)")
        let choice = tariffOptions.choice
        switch Result(catching: { () throws(CaseLoadError) in
            try CaseLoader.load(model: modelURL, inputs: inputsURL, demandVariant: demandVariant, tariffs: choice)
        }) {
        case .success(let loaded):
            progress.say(tariffOptions.summary(of: loaded))
            return loaded
        case .failure(let error):
            for issue in error.issues { printError(issue.description) }
            printError("\(error.issues.count) problem(s) found; nothing was run")
            throw ExitCode.badInput
        }
    }

    /// The scenario library of the case (`<inputs>/scenarios/`); prints every problem and exits 2.
    func scenarioLibrary(for system: EnergySystem) throws -> ScenarioLibrary {
        let folder = inputsURL.appendingPathComponent("scenarios")
        switch Result(catching: { () throws(ScenarioError) in try ScenarioLibrary.load(folder: folder, system: system) }) {
        case .success(let library): return library
        case .failure(let error):
            printError(error.description)
            printError("\(error.issues.count) problem(s) in the scenarios; nothing was run")
            throw ExitCode.badInput
        }
    }

    /// The system with `--scenario` laid on it (unchanged without one).
    func applyScenario(to system: EnergySystem, _ progress: Progress) throws -> EnergySystem {
        guard let scenario else { return system }
        let library = try scenarioLibrary(for: system)
        progress.say("applying scenario '\(scenario)'")
        let result = Result { () throws(ScenarioError) in
            let chosen = try library.select([scenario])
            return try library.apply(chosen[0], to: system).0
        }
        switch result {
        case .success(let disrupted): return disrupted
        case .failure(let error):
            printError(error.description)
            throw ExitCode.badInput
        }
    }

    /// The time steps: every hour, or representative days chosen on the profiles and the first
    /// modelled period's demand.
    func timeSlices(for system: EnergySystem, years: [Int]?, _ progress: Progress) throws -> (TimeSlices, AggregationReport?) {
        // A case with its own snapshots (snapshots.csv, a PyPSA import) runs on them.
        if let snapshots = system.snapshots {
            if let resolutionOption, resolutionOption != snapshots.resolution.description {
                printError("error: this case has its own snapshots (snapshots.csv); leave out --resolution \(resolutionOption)")
                throw ExitCode.badInput
            }
            return (snapshots, nil)
        }
        guard let n = Self.repdays(resolution) else { return (.hourly, nil) }
        progress.say("choosing \(n) representative days (seed \(seed))")
        var series = system.profiles
        let firstYear = years?.first ?? system.periods.first?.year
        for demand in system.demand where demand.year == firstYear { series["demand.\(demand.region)"] = demand.hourlyMW }
        do {
            let (time, report) = try TimeSlices.representativeDays(count: n, series: series, seed: seed)
            return (time, report)
        } catch {
            printError("error: \(error)")
            throw ExitCode.badInput
        }
    }

    /// The solver method: as asked, or with `auto` the interior point for programs with more
    /// than 5,000 step-resource cells.
    func solverMethod(for system: EnergySystem, time: TimeSlices, periodCount: Int) -> SolverMethod {
        let size = time.steps.count * periodCount * (system.generators.count + 3 * system.storages.count + system.regions.count)
        return switch method {
        case "simplex": .primalSimplex
        case "interior": .interiorPoint
        default: size > 5_000 ? .interiorPoint : .primalSimplex
        }
    }

    /// Builds and solves; formulation and input errors exit with their codes.
    func optimize(_ system: EnergySystem, options: FormulationOptions, mode: ObjectiveMode, method: SolverMethod,
                  _ progress: Progress) throws -> (Optimization, buildSeconds: Double) {
        progress.say("building and solving (\(mode.name), \(options.time.resolution), \(method.rawValue))")
        let clock = ContinuousClock()
        let start = clock.now
        let optimization: Optimization
        do {
            optimization = try Optimizer(solver: GLPKSolver(options: SolverOptions(method: method, timeLimitSeconds: timeLimit)))
                .optimize(system, options: options, mode: mode)
        } catch let error as FormulationError {
            printError("error: \(error)")
            throw ExitCode.badInput
        } catch let error as LinearProgrammingError {
            printError("error: \(error)")
            throw ExitCode(error)
        }
        let elapsed = clock.now - start
        let solveSeconds = optimization.stages.reduce(0.0) { $0 + $1.seconds }
        for stage in optimization.stages {
            progress.say("  \(stage.name): \(stage.status), \(stage.iterations) iterations, \(String(format: "%.2f", stage.seconds)) s")
        }
        let total = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return (optimization, max(0, total - solveSeconds))
    }

    /// The provenance of a run: versions, input hashes, options and sizes.
    func provenance(_ optimization: Optimization, system: EnergySystem, mode: ObjectiveMode, method: SolverMethod,
                    buildSeconds: Double, extra: [String: String] = [:]) -> Provenance {
        let program = optimization.lp.program
        var options = ["objective": mode.description, "resolution": optimization.lp.options.time.resolution.description,
                       "seed": String(seed), "method": method.rawValue,
                       "periods": (years ?? system.periods.map(\.year)).map(String.init).joined(separator: ",")]
        if let variant = system.settings.demandVariant { options["demand_variant"] = variant }
        if let scenario { options["scenario"] = scenario }
        options.merge(tariffOptions.provenance(of: system)) { $1 }
        options.merge(extra) { $1 }
        return Provenance(
            bijliVersion: Bijli.version, glpkVersion: GLPKLibrary.version,
            inputHashes: inputHashes(system), options: options,
            buildSeconds: buildSeconds, solveSeconds: optimization.stages.reduce(0.0) { $0 + $1.seconds },
            rows: program.rowCount, columns: program.variableCount, nonzeros: program.entryCount)
    }

    /// SHA-256 of every input file, keyed `model/…`, `inputs/…` (`pypsa/…` for an imported
    /// network), and `tariff/<name>` for an applied tariff file outside the inputs folder.
    func inputHashes(_ system: EnergySystem) -> [String: String] {
        var hashes = InputDigest.digests(of: pypsa == nil ? [("model", modelURL), ("inputs", inputsURL)] : [("pypsa", modelURL)])
        if let tariff = system.tariff {
            let url = URL(fileURLWithPath: tariff.path).standardizedFileURL
            if !url.path.hasPrefix(inputsURL.standardizedFileURL.path + "/"), let digest = InputDigest.sha256(of: url) {
                hashes["tariff/" + url.lastPathComponent] = digest
            }
        }
        return hashes
    }

    /// Warns when GLPK's interior point gave up with numerical instability.
    func warnAboutInstability(_ optimization: Optimization) {
        if optimization.result.status == .limitReached(.iteration), optimization.result.solution != nil {
            printError("note: GLPK's interior point stopped at its fixed limit of 100 iterations with a feasible point (relative "
                       + "infeasibility ≤ 1e-6); the remaining gap is the last line of solver.log. Hourly plans over several periods "
                       + "hit this (docs/BENCHMARKS.md); representative days solve to optimality.")
            return
        }
        guard optimization.result.log.contains("NUMERIC INSTABILITY") else { return }
        printError("note: GLPK's interior point stopped with numerical instability (the status above is the simplex "
                   + "fallback's). Full-year hourly planning runs are known to hit this (docs/BENCHMARKS.md); "
                   + "use --resolution repdays:N, or --method simplex for small cases.")
    }
}

/// Writes files into a new run folder under `parent` (never overwriting); exits 73 if it cannot.
func writeRunFolder(_ files: [String: Data], under parent: String) throws -> URL {
    do {
        return try RunFolder(parent: URL(fileURLWithPath: parent)).write(files, runID: RunFolder.runID(for: Date()))
    } catch {
        printError("error: \(error)")
        throw ExitCode.cannotWrite
    }
}
