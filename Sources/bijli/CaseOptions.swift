import ArgumentParser
import EnergyModel
import Foundation
import Scenarios
import Workflows

/// The options every command that solves a case shares (`run`, `backcast`, `stress`, ...): where
/// the case is, which demand variant, time resolution, solver method and limits. They only parse;
/// ``request`` is the run they describe.
struct CaseOptions: ParsableArguments {
    @Option(help: "The model folder, e.g. Models/pakistan (required unless --pypsa).")
    var model: String = ""

    @Option(help: "The inputs folder, e.g. Inputs/pakistan (required unless --pypsa).")
    var inputs: String = ""

    @Option(help: "A PyPSA network (CSV folder of n.export_to_csv_folder, one period) to run instead of --model/--inputs (docs/PYPSA.md).")
    var pypsa: String?

    @Option(help: "Demand variant of demand.csv (e.g. low, medium, high); default: demand_variant in settings.yaml.")
    var demandVariant: String?

    @Option(help: "A disruption scenario laid on the case: the id of one in <inputs>/scenarios/ (file name without .yaml), or the path of a scenario file anywhere (docs/SCENARIOS.md).")
    var scenario: String?

    @Option(name: .customLong("overlay"), help: ArgumentHelp("One overlay of the scenario language as a YAML flow mapping, e.g. '{target: fuel_price, select: {fuel: rlng, periods: [2030, 2035]}, scale: 1.3}'; repeat for more; laid on after --scenario (docs/SCENARIOS.md).", valueName: "yaml"))
    var overlays: [String] = []

    @Option(name: .customLong("what-if"), help: ArgumentHelp("A what-if in the short form of a sensitivity parameter with one value, TARGET[.NAMES]OP VALUE[@PERIODS]: 'fuel_price.rlng*=1.3@2030' (RLNG +30 % from 2030 on), 'policy.renewable_share=0.4@2030-2030', 'corridor_capacity.ke_interconnection*=0.5'; repeat for more; each is one overlay, laid on after --overlay (docs/SCENARIOS.md).", valueName: "parameter"))
    var whatIfs: [String] = []

    @Option(name: .customLong("move-committed"), help: ArgumentHelp("Move a committed project's builds to another period of the case, which becomes its first build year, e.g. 'mohmand=2035' (Mohmand delayed to the 2035 period; a delay past the last period is --cancel); the overlay {target: committed, select: {resource: ID}, move_to: YEAR}; repeat for more.", valueName: "id=year"))
    var moves: [String] = []

    @Option(name: .customLong("cancel"), help: ArgumentHelp("Cancel a committed project: its builds are dropped and it cannot be built; the overlay {target: committed, select: {resource: ID}, remove: true}; repeat for more.", valueName: "id"))
    var cancels: [String] = []

    @Option(help: "A tariff file to apply (docs/FORMATS.md), a folder of them (the newest effective on the run date), or 'none' for fuel_prices.csv alone; default: the newest file of <inputs>/tariffs/ effective on the run date.")
    var tariffs: String?

    @Option(help: "The date the run is for, YYYY-MM-DD (default: today, UTC): picks the tariff file effective on it.")
    var runDate: String?

    @Option(help: "hourly or repdays:N (N a multiple of 12); default: repdays:24 for run, hourly for backcast.")
    var resolution: Resolution?

    @Option(help: "Seed for choosing representative days (ties only; recorded in the results); for montecarlo, the seed of the samples.")
    var seed: UInt64 = 0

    @Option(help: "Comma-separated period years to model (default: all).")
    var periods: String?

    @Option(help: "simplex, interior, auto (interior point for large programs) or benders (decomposition by period, cost and pareto modes; robust: by member and period, expected cost; docs/DECOMPOSITION.md).")
    var method: RunRequest.Method = .auto

    @Option(help: "Relative gap at which a solve counts as optimal: --method benders stops there, and a point GLPK's interior point stops short at is accepted within it (primal and dual infeasibility within 1e-6 as well).")
    var gap: Double = 1e-4

    @Option(help: "Stop the simplex after this many seconds (also bounds the simplex fallback when the interior point fails).")
    var timeLimit: Double = 1800

    @Flag(help: "No progress messages on standard error (warnings still).")
    var quiet = false

    @Option(help: "Progress on standard error as text lines or as JSON lines (one object per line, docs/CLI.md).")
    var progress: ProgressFormat = .text

    func validate() throws {
        if pypsa == nil, model.isEmpty || inputs.isEmpty { throw ValidationError("give --model and --inputs, or --pypsa") }
        if pypsa != nil, !model.isEmpty || !inputs.isEmpty { throw ValidationError("--pypsa replaces --model and --inputs; give one or the other") }
        guard timeLimit > 0 && timeLimit.isFinite else { throw ValidationError("--time-limit must be a positive number of seconds") }
        guard gap > 0 && gap < 1 else { throw ValidationError("--gap must lie strictly between 0 and 1, e.g. 1e-4") }
        if let periods, periods.split(separator: ",").contains(where: { Int($0.trimmingCharacters(in: .whitespaces)) == nil }) {
            throw ValidationError("--periods must be comma-separated years, e.g. 2030,2035")
        }
        try Self.check(runDate: runDate)
    }

    /// Rejects a `--run-date` that is not a date.
    static func check(runDate: String?) throws {
        if let runDate, CalendarDate(iso: runDate) == nil {
            throw ValidationError("--run-date must be a date YYYY-MM-DD, e.g. 2025-07-01; found '\(runDate)'")
        }
    }

    /// The run these options describe, with `objective` and the command's default resolution.
    func request(objective: ObjectiveMode = .cost, defaultResolution: Resolution = .representativeDays(24)) -> RunRequest {
        var request = RunRequest(
            source: pypsa.map { .pypsa(URL(fileURLWithPath: $0)) }
                ?? .folders(model: URL(fileURLWithPath: model), inputs: URL(fileURLWithPath: inputs)),
            scenario: scenario, demandVariant: demandVariant, tariffs: tariffs, runDate: runDate.flatMap(CalendarDate.init(iso:)),
            resolution: resolution, defaultResolution: defaultResolution,
            periods: periods.map { $0.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) } },
            seed: seed, objective: objective, method: method, timeLimitSeconds: timeLimit)
        request.whatIfs = whatIfs
        request.overlays = overlays + moves.map(Self.moveOverlay) + cancels.map { "{target: committed, select: {resource: \($0)}, remove: true}" }
        request.gap = gap
        return request
    }

    /// The overlay of `--move-committed ID=YEAR`. A value without `=` becomes an overlay without
    /// an operation, which the scenario reader refuses with its place.
    static func moveOverlay(_ text: String) -> String {
        let parts = text.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2 else { return "{target: committed, select: {resource: \(text)}}" }
        return "{target: committed, select: {resource: \(parts[0])}, move_to: \(parts[1])}"
    }

    /// The workflow of the run, with progress on standard error unless `--quiet`.
    func workflow(_ request: RunRequest? = nil) -> CaseWorkflow {
        CaseWorkflow(request ?? self.request(), progress: Progress(quiet: quiet, format: progress))
    }
}

extension Resolution: ExpressibleByArgument {
    /// `hourly` or `repdays:N`.
    public init?(argument: String) { self.init(parsing: argument) }
}

extension RunRequest.Method: ExpressibleByArgument {}

extension ObjectiveMode: ExpressibleByArgument {
    /// `cost`, `deficit[:REL,ABS]`, `renewables[:BUDGET_SLACK]`, `weighted:A,B,G`, `pareto[:T1,T2,...]`.
    public init?(argument: String) {
        guard let mode = ObjectiveMode.parse(argument) else { return nil }
        self = mode
    }
}

extension RobustPlan.Risk: ExpressibleByArgument {
    /// `expected`, `cvar:ALPHA` or `regret`.
    public init?(argument: String) {
        guard let risk = RobustPlan.Risk.parse(argument) else { return nil }
        self = risk
    }
}

/// Runs a workflow step; a ``WorkflowError`` is printed to standard error and becomes its exit code.
func orExit<T>(_ body: () throws(WorkflowError) -> T) throws(ExitCode) -> T {
    do {
        return try body()
    } catch {
        printError(error.description)
        throw ExitCode(error.exitCode)
    }
}

/// Writes files into a new run folder under `parent` (never overwriting); exits 73 if it cannot.
func writeRunFolder(_ files: [String: Data], under parent: String) throws -> URL {
    try orExit { () throws(WorkflowError) in try RunReports.write(files, under: URL(fileURLWithPath: parent)) }
}
