import EnergyModel
import Foundation
import Interop
import LinearProgramming
import Reporting
import Scenarios

/// The steps every run of a case shares: load → (scenario) → time steps → solver choice →
/// build and solve, timed → provenance with input hashes. Each step returns a value or throws a
/// ``WorkflowError``; progress goes to the injected ``WorkflowProgress``.
public struct CaseWorkflow: Sendable {
    /// The run.
    public var request: RunRequest
    /// Where progress lines go.
    public var progress: any WorkflowProgress

    /// Creates the workflow of a request.
    public init(_ request: RunRequest, progress: any WorkflowProgress = SilentProgress()) {
        self.request = request
        self.progress = progress
    }

    /// The period years asked for, or every period of `system`.
    public func years(of system: EnergySystem) -> [Int] { request.periods ?? system.periods.map(\.year) }

    /// Loads the case (or imports the PyPSA network).
    public func loadSystem() throws(WorkflowError) -> EnergySystem {
        switch request.source {
        case .pypsa(let folder):
            progress.say("importing the PyPSA network \(folder.relativePath)")
            switch Result(catching: { () throws(PyPSAError) in try PyPSAImport.load(folder: folder) }) {
            case .success(let (system, files)):
                for note in files.notes { progress.say("note: \(note)") }
                return system
            case .failure(let error): throw .invalidNetwork(error.problems)
            }
        case .folders(let model, let inputs):
            progress.say("loading \(model.relativePath) and \(inputs.relativePath)")
            let tariffs = request.tariffSelection
            let choice = tariffs.choice
            switch Result(catching: { () throws(CaseLoadError) in
                try CaseLoader.load(model: model, inputs: inputs, demandVariant: request.demandVariant, tariffs: choice)
            }) {
            case .success(let loaded):
                progress.say(tariffs.summary(of: loaded))
                return loaded
            case .failure(let error): throw .invalidCase(error.issues)
            }
        }
    }

    /// The scenario library of the case (`<inputs>/scenarios/`).
    public func scenarioLibrary(for system: EnergySystem) throws(WorkflowError) -> ScenarioLibrary {
        let folder = request.inputsURL.appendingPathComponent("scenarios")
        switch Result(catching: { () throws(ScenarioError) in try ScenarioLibrary.load(folder: folder, system: system) }) {
        case .success(let library): return library
        case .failure(let error): throw .invalidScenarios(error)
        }
    }

    /// The scenarios of a library chosen by id (or `all`, `none`).
    public func select(_ ids: [String], from library: ScenarioLibrary) throws(WorkflowError) -> [Scenario] {
        switch Result(catching: { () throws(ScenarioError) in try library.select(ids) }) {
        case .success(let chosen): return chosen
        case .failure(let error): throw .scenario(error)
        }
    }

    /// The system with the request's scenario laid on it (unchanged without one).
    public func applyScenario(to system: EnergySystem) throws(WorkflowError) -> EnergySystem {
        guard request.scenario != nil || !request.overlays.isEmpty || !request.whatIfs.isEmpty else { return system }
        // A scenario file or overlays need no library of the inputs' own.
        let library = try whatIfLibrary(for: system)
        progress.say("applying scenario '\(request.scenarioName ?? "")'")
        switch Result(catching: { () throws(ScenarioError) in
            try whatIf(.unchanged, on: system, library: library)
        }) {
        case .success(let disrupted): return disrupted
        case .failure(let error): throw .scenario(error)
        }
    }

    /// The loaded case with the request's scenario on it.
    public func loadCase() throws(WorkflowError) -> EnergySystem {
        try applyScenario(to: try loadSystem())
    }

    /// The time steps: the case's own snapshots, every hour, or representative days chosen on
    /// the profiles and the first modelled period's demand.
    public func timeSlices(for system: EnergySystem, years: [Int]?) throws(WorkflowError) -> (TimeSlices, AggregationReport?) {
        // A case with its own snapshots (snapshots.csv, a PyPSA import) runs on them.
        if let snapshots = system.snapshots {
            if let requested = request.resolution, requested.description != snapshots.resolution.description {
                throw .ownSnapshots(requested: requested)
            }
            return (snapshots, nil)
        }
        guard let n = request.effectiveResolution.representativeDayCount else { return (.hourly, nil) }
        progress.say("choosing \(n) representative days (seed \(request.seed))")
        return try Self.representativeDays(n, of: system, year: years?.first ?? system.periods.first?.year, seed: request.seed)
    }

    /// `count` representative days chosen on a system's profiles and one year's demand.
    public static func representativeDays(_ count: Int, of system: EnergySystem, year: Int?,
                                          seed: UInt64) throws(WorkflowError) -> (TimeSlices, AggregationReport) {
        let series = system.representativeDaySeries(year: year)
        switch Result(catching: { () throws(TimeAggregationError) in
            try TimeSlices.representativeDays(count: count, series: series, seed: seed)
        }) {
        case .success(let (time, report)): return (time, report)
        case .failure(let error): throw .timeAggregation(error)
        }
    }

    /// The solver method: as asked, or with `auto` the interior point for programs with more
    /// than 5,000 step-resource cells.
    public func solverMethod(for system: EnergySystem, time: TimeSlices, periodCount: Int) -> SolverMethod {
        let size = time.steps.count * periodCount * (system.generators.count + 3 * system.storages.count + system.regions.count)
        return switch request.method {
        case .simplex: .primalSimplex
        case .interior: .interiorPoint
        case .auto, .benders: size > 5_000 ? .interiorPoint : .primalSimplex
        }
    }

    /// The solver of the run: its method and time limit; with `observed`, its progress events go
    /// to ``progress`` (single runs; a sweep's cases report as cases instead).
    public func solver(_ method: SolverMethod, observed: Bool = false) -> GLPKSolver {
        var options = SolverOptions(method: method, timeLimitSeconds: request.timeLimitSeconds)
        options.acceptanceGap = request.gap
        if observed {
            let progress = self.progress
            options.progress = SolverProgressObserver { progress.solver($0) }
        }
        return GLPKSolver(options: options)
    }

    /// Builds and solves in a mode; returns the optimisation and the seconds spent outside the solver.
    public func optimize(_ system: EnergySystem, options: FormulationOptions, mode: ObjectiveMode,
                         method: SolverMethod, departing departed: DepartedSolution? = nil) throws(WorkflowError) -> (Optimization, buildSeconds: Double) {
        let decomposed = request.method == .benders
        progress.say("building and solving (\(mode.name), \(options.time.resolution), \(decomposed ? "benders" : method.rawValue))")
        let clock = ContinuousClock()
        let start = clock.now
        let optimization: Optimization
        do {
            if decomposed {
                optimization = try Optimizer(solver: try bendersSolver(system, options: options, mode: mode), leastPeakStage: false)
                    .optimize(system, options: options, mode: mode)
            } else if case .pareto(let targets) = mode {
                optimization = try paretoChains(system, options: options, targets: targets, members: 0..<targets.count, method: method)
            } else if let departed {
                let departing = DepartingSolver(solver(method, observed: true).worker(), start: departed, gap: request.gap, method: method)
                optimization = try Optimizer(solver: departing).optimize(system, options: options, mode: mode)
            } else {
                optimization = try Optimizer(solver: solver(method, observed: true).worker()).optimize(system, options: options, mode: mode)
            }
        } catch {
            throw WorkflowError(solving: error)
        }
        let elapsed = clock.now - start
        let solveSeconds = optimization.stages.reduce(0.0) { $0 + $1.seconds }
        for stage in optimization.stages {
            progress.say("  \(stage.name): \(stage.status), \(stage.iterations) iterations, \(String(format: "%.2f", stage.seconds)) s")
        }
        let total = elapsed.seconds
        return (optimization, max(0, total - solveSeconds))
    }

    /// The provenance of a run: versions, input hashes, options and sizes.
    public func provenance(_ optimization: Optimization, system: EnergySystem, mode: ObjectiveMode, method: SolverMethod,
                           buildSeconds: Double, extra: [String: String] = [:]) -> Provenance {
        let program = optimization.lp.program
        var options = ["objective": mode.description, "resolution": optimization.lp.options.time.resolution.description,
                       "seed": String(request.seed), "method": method.rawValue,
                       "periods": (request.periods ?? system.periods.map(\.year)).map(String.init).joined(separator: ",")]
        if let variant = system.settings.demandVariant { options["demand_variant"] = variant }
        if let scenario = request.scenarioName { options["scenario"] = scenario }
        if let file = request.scenarioFile { options["scenario_file"] = file.path }
        if !request.overlays.isEmpty { options["overlays"] = request.overlays.joined(separator: "; ") }
        if !request.whatIfs.isEmpty { options["what_ifs"] = request.whatIfs.joined(separator: "; ") }
        options.merge(request.tariffSelection.provenance(of: system)) { $1 }
        options.merge(extra) { $1 }
        return Provenance(
            bijliVersion: BijliVersion.current, glpkVersion: GLPKLibrary.version,
            inputHashes: inputHashes(system), options: options,
            buildSeconds: buildSeconds, solveSeconds: optimization.stages.reduce(0.0) { $0 + $1.seconds },
            rows: program.rowCount, columns: program.variableCount, nonzeros: program.entryCount)
    }

    /// SHA-256 of every input file, keyed `model/…`, `inputs/…` (`pypsa/…` for an imported
    /// network), and `tariff/<name>` for an applied tariff file outside the inputs folder.
    public func inputHashes(_ system: EnergySystem) -> [String: String] {
        let inputs = request.inputsURL
        var hashes: [String: String]
        switch request.source {
        case .folders(let model, _): hashes = InputDigest.digests(of: [("model", model), ("inputs", inputs)])
        case .pypsa(let folder): hashes = InputDigest.digests(of: [("pypsa", folder)])
        }
        if let tariff = system.tariff {
            let url = URL(fileURLWithPath: tariff.path).standardizedFileURL
            if !url.path.hasPrefix(inputs.standardizedFileURL.path + "/"), let digest = InputDigest.sha256(of: url) {
                hashes["tariff/" + url.lastPathComponent] = digest
            }
        }
        if let file = request.scenarioFile?.standardizedFileURL, !file.path.hasPrefix(inputs.standardizedFileURL.path + "/"),
           let digest = InputDigest.sha256(of: file) {
            hashes["scenario/" + file.lastPathComponent] = digest
        }
        return hashes
    }

    /// A note when GLPK's interior point stopped at its iteration limit or with numerical instability,
    /// or when a what-if's answer is the departed run's optimum, else nil.
    public static func instabilityNote(_ optimization: Optimization) -> String? {
        if let step = optimization.result.path.first, step.kind == .departedSolution {
            return "note: nothing this what-if changes binds: \(step.summary) (docs/CLI.md)."
        }
        if let point = optimization.result.acceptedInteriorPoint {
            return "note: GLPK's interior point stopped short of its own test (see solver.log) at a point feasible to 1e-6 and within "
                + String(format: "the accepted gap, --gap (relative primal infeasibility %.1e, dual %.1e, gap %.1e)", point.primal, point.dual, point.gap)
                + "; that point is the answer (docs/LINEAR-PROGRAMMING.md)."
        }
        if optimization.result.status == .limitReached(.iteration), optimization.result.solution != nil {
            return "note: GLPK's interior point stopped at its fixed limit of 100 iterations with a feasible point (relative "
                + "infeasibility ≤ 1e-6); the remaining gap is the last line of solver.log. Hourly plans over several periods "
                + "hit this (docs/BENCHMARKS.md); representative days solve to optimality."
        }
        // Every step of a solve that took more than its first method (a crossover, a cold simplex).
        let path = optimization.result.path
        guard path.count > 1 else { return nil }
        return "note: the solver took " + path.map(\.summary).joined(separator: "; then ") + " (docs/LINEAR-PROGRAMMING.md)."
    }
}
