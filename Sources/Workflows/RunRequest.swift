import EnergyModel
import Foundation

/// What a run is: the case (model and inputs folders, or a PyPSA network), the disruption laid
/// on it, the demand variant, tariffs and run date, time resolution, periods, objective, solver
/// method and limit, and the seed. The CLI and `bijli scheduled` both build one; nothing here
/// is a command-line argument.
public struct RunRequest: Sendable, Equatable {
    /// Where the case comes from.
    public enum Source: Sendable, Equatable {
        /// A model folder (`Models/<model>`) and an inputs folder (`Inputs/<model>`).
        case folders(model: URL, inputs: URL)
        /// A PyPSA network exported as a CSV folder (docs/PYPSA.md).
        case pypsa(URL)
    }

    /// The solver-method choice of a run.
    public enum Method: String, Sendable, Equatable, CaseIterable {
        /// The primal simplex.
        case simplex
        /// GLPK's interior point (with a dual-simplex fallback).
        case interior
        /// The interior point for programs of more than 5,000 step-resource cells, else the simplex.
        case auto
        /// Benders decomposition by period (``Decomposition``; cost and pareto modes), each
        /// period's dispatch a subproblem, to the relative gap ``RunRequest/gap``. Sweeps of fixed
        /// plans (stress, Monte Carlo) have no planning master: they solve as `auto`.
        case benders
    }

    /// The case.
    public var source: Source
    /// The relative gap at which a decomposition stops (`--method benders`).
    public var gap: Double = 1e-4

    /// The scenario as a file path, when ``scenario`` names a file (it ends in `.yaml` or `.yml`,
    /// or contains a `/`) rather than an id of `<inputs>/scenarios/`.
    public var scenarioFile: URL? {
        guard let scenario, scenario.hasSuffix(".yaml") || scenario.hasSuffix(".yml") || scenario.contains("/") else { return nil }
        return URL(fileURLWithPath: scenario)
    }

    /// The scenario's name for run folders and provenance: the id, or the file's name without
    /// its extension; nil without a scenario.
    public var scenarioName: String? {
        let named = scenarioFile.map { $0.deletingPathExtension().lastPathComponent } ?? scenario
        guard !overlays.isEmpty || !whatIfs.isEmpty else { return named }
        return named.map { "\($0)+what-if" } ?? "what-if"
    }
    /// The run's folder under `<out>/<model>/`: the scenario's name (``scenarioName``, `base`
    /// without one) for the cost objective; for another objective its name after it
    /// (`base+pareto` would read oddly: `pareto`, `deficit`, or `dry-year+pareto`), so that a
    /// Pareto or deficit run never becomes `base/latest`, the run what-ifs depart from.
    public var folderName: String {
        if case .cost = objective { return scenarioName ?? RunReports.scenario }
        return scenarioName.map { "\($0)+\(objective.name)" } ?? objective.name
    }

    /// A disruption scenario laid on the case, or nil: the id of one in `<inputs>/scenarios/`, or
    /// the path of a scenario file (``scenarioFile``) anywhere.
    public var scenario: String?
    /// Overlays of the scenario language given on the command line (`--overlay`), laid on after
    /// ``scenario``; each a YAML flow mapping (docs/SCENARIOS.md).
    public var overlays: [String] = []
    /// What-ifs in the short form of a sensitivity parameter with one value (`--what-if`, e.g.
    /// `fuel_price.rlng*=1.3@2030`), laid on after ``overlays``; each becomes one overlay.
    public var whatIfs: [String] = []
    /// The demand variant of demand.csv, or nil for that of settings.yaml.
    public var demandVariant: String?
    /// `nil` for the newest tariff file of `<inputs>/tariffs/`; `none`; a tariff file; or a folder of them.
    public var tariffs: String?
    /// The date the run is for (picks the tariff file effective on it), or nil for today (UTC).
    public var runDate: CalendarDate?
    /// The resolution asked for, or nil for ``defaultResolution``.
    public var resolution: Resolution?
    /// The resolution of the workflow when none is asked for.
    public var defaultResolution: Resolution
    /// The period years to model, or nil for all.
    public var periods: [Int]?
    /// The seed of representative-day selection (ties only).
    public var seed: UInt64
    /// The objective mode.
    public var objective: ObjectiveMode
    /// The solver method.
    public var method: Method
    /// The simplex time limit, seconds (also bounds the fallback after an interior-point failure).
    public var timeLimitSeconds: Double

    /// Creates a request; every option has the default of `bijli run`.
    public init(source: Source, scenario: String? = nil, demandVariant: String? = nil, tariffs: String? = nil,
                runDate: CalendarDate? = nil, resolution: Resolution? = nil,
                defaultResolution: Resolution = .representativeDays(24), periods: [Int]? = nil, seed: UInt64 = 0,
                objective: ObjectiveMode = .cost, method: Method = .auto, timeLimitSeconds: Double = 1800) {
        self.source = source
        self.scenario = scenario
        self.demandVariant = demandVariant
        self.tariffs = tariffs
        self.runDate = runDate
        self.resolution = resolution
        self.defaultResolution = defaultResolution
        self.periods = periods
        self.seed = seed
        self.objective = objective
        self.method = method
        self.timeLimitSeconds = timeLimitSeconds
    }

    /// The resolution of the run: as asked, or the default.
    public var effectiveResolution: Resolution { resolution ?? defaultResolution }

    /// The model folder, or the PyPSA folder.
    public var modelURL: URL {
        switch source {
        case .folders(let model, _): model
        case .pypsa(let folder): folder
        }
    }

    /// The inputs folder (the working directory for a PyPSA network, which has none).
    public var inputsURL: URL {
        switch source {
        case .folders(_, let inputs): inputs
        case .pypsa: URL(fileURLWithPath: "")
        }
    }

    /// The tariff selection of the run.
    public var tariffSelection: TariffSelection { TariffSelection(tariffs: tariffs, runDate: runDate, inputs: inputsURL) }

    /// This request with the resolution, seed and run date a finished plan was solved at (from
    /// its provenance), so stress and Monte Carlo runs use the plan's own time steps and tariff
    /// file; an explicit resolution, run date or tariff selection wins.
    public func matching(_ plan: EnergyResults) -> RunRequest {
        var copy = self
        if resolution == nil, let text = plan.provenance.options["resolution"] {
            copy.resolution = Resolution(parsing: text) ?? .hourly
        }
        if let seed = plan.provenance.options["seed"].flatMap(UInt64.init) { copy.seed = seed }
        // The plan's run date, so the plan and its stress or Monte Carlo runs see the same tariff file.
        if runDate == nil, tariffs == nil, let date = plan.provenance.options["run_date"].flatMap(CalendarDate.init(iso:)) {
            copy.runDate = date
        }
        return copy
    }
}
