import EnergyModel
import Foundation
import LinearProgramming
import Reporting
import Scenarios

extension CaseWorkflow {
    /// The stress matrix of a finished plan (`bijli stress`): the plan's capacities fixed, each
    /// chosen disruption (ids of `<inputs>/scenarios/`, `all` or `none`; with
    /// `nMinusOneMinimumMW`, also the N-1 sweep) laid on the case and dispatch re-optimised, on
    /// the plan's periods. Build the request with ``RunRequest/matching(_:)`` so the time steps are the plan's.
    public func stress(plan: EnergyResults, planFile: String = "plan", scenarios ids: [String], nMinusOneMinimumMW: Double? = nil) throws(WorkflowError) -> [StressTest.Row] {
        try stressSweep(plan: plan, planFile: planFile, scenarios: ids, nMinusOneMinimumMW: nMinusOneMinimumMW, shard: nil).rows
    }

    /// One shard of the stress matrix (`bijli stress --shard I/N`): the lines of its members
    /// (member 0 the plan without disruption, then the scenarios in order) and what the sweep
    /// is, for `bijli merge` (docs/SCALING.md).
    public func stress(plan: EnergyResults, planFile: String = "plan", scenarios ids: [String], nMinusOneMinimumMW: Double? = nil,
                       shard: Shard) throws(WorkflowError) -> ShardRecord {
        let sweep = try stressSweep(plan: plan, planFile: planFile, scenarios: ids, nMinusOneMinimumMW: nMinusOneMinimumMW, shard: shard)
        var settings = sweepSettings(sweep.system, years: plan.periods.map(\.period))
        settings["n-1_minimum_mw"] = nMinusOneMinimumMW.map { String($0) } ?? "off"
        var record = ShardRecord(sweep: .stress, shard: shard, members: sweep.members.count, planSHA256: planDigest(planFile),
                                 inputHashes: inputHashes(sweep.system), seed: request.seed, settings: settings)
        record.memberIDs = sweep.members
        record.rows = sweep.rows
        return record
    }

    private func stressSweep(plan: EnergyResults, planFile: String, scenarios ids: [String], nMinusOneMinimumMW: Double?,
                             shard: Shard?) throws(WorkflowError) -> (rows: [StressTest.Row], members: [String], system: EnergySystem) {
        let system = try loadCase()
        let library = try scenarioLibrary(for: system)
        var chosen = try select(ids, from: library)
        if let minimum = nMinusOneMinimumMW { chosen += StressTest.nMinusOne(system, minimumMW: minimum) }
        let years = plan.periods.map(\.period)
        let (time, _) = try timeSlices(for: system, years: years)
        let method = solverMethod(for: system, time: time, periodCount: years.count)
        let progress = self.progress
        let members = ["base"] + chosen.map(\.id)
        let rows = try Self.sweeping {
            try StressTest.run(system: system, plan: StressTest.capacities(of: plan), planFile: planFile, library: library, scenarios: chosen,
                               options: FormulationOptions(time: time, periodYears: years), solver: solver(method),
                               members: shard?.members(of: members.count)) {
                progress.sweep($0)
            }
        }
        return (rows, members, system)
    }

    /// Monte Carlo samples against a finished plan (`bijli montecarlo`): correlated shocks and
    /// forced outages of the spec (default `<inputs>/montecarlo.yaml`), `samples` of them drawn
    /// with `seed`, each dispatched with the plan's capacities fixed on the plan's periods.
    public func monteCarlo(plan: EnergyResults, planFile: String = "plan", spec: URL?, samples: Int, seed: UInt64) throws(WorkflowError) -> [MonteCarlo.Outcome] {
        try monteCarloSweep(plan: plan, planFile: planFile, spec: spec, samples: samples, seed: seed, shard: nil).outcomes
    }

    /// One shard of a Monte Carlo run (`bijli montecarlo --shard I/N`): the outcomes of its
    /// samples (each with the seed it has in the whole run) and what the run is, for `bijli merge`.
    public func monteCarlo(plan: EnergyResults, planFile: String = "plan", spec: URL?, samples: Int, seed: UInt64, tolerance: Double,
                           shard: Shard) throws(WorkflowError) -> ShardRecord {
        let sweep = try monteCarloSweep(plan: plan, planFile: planFile, spec: spec, samples: samples, seed: seed, shard: shard)
        var hashes = inputHashes(sweep.system)
        hashes["spec/" + sweep.spec.lastPathComponent] = InputDigest.sha256(of: sweep.spec)
        var record = ShardRecord(sweep: .monteCarlo, shard: shard, members: samples, planSHA256: planDigest(planFile),
                                 inputHashes: hashes, seed: seed, settings: sweepSettings(sweep.system, years: plan.periods.map(\.period)))
        record.tolerance = tolerance
        record.outcomes = sweep.outcomes
        return record
    }

    private func monteCarloSweep(plan: EnergyResults, planFile: String, spec: URL?, samples: Int, seed: UInt64,
                                 shard: Shard?) throws(WorkflowError) -> (outcomes: [MonteCarlo.Outcome], system: EnergySystem, spec: URL) {
        let system = try loadCase()
        let specURL = spec ?? request.inputsURL.appendingPathComponent("montecarlo.yaml")
        let parsed: MonteCarloSpec
        switch Result(catching: { () throws(ScenarioError) in try MonteCarloSpec.read(specURL, system: system) }) {
        case .success(let value): parsed = value
        case .failure(let error): throw .scenario(error)
        }
        let years = plan.periods.map(\.period)
        let (time, _) = try timeSlices(for: system, years: years)
        let method = solverMethod(for: system, time: time, periodCount: years.count)
        let progress = self.progress
        let outcomes = try Self.sweeping {
            try MonteCarlo.run(system: system, plan: StressTest.capacities(of: plan), planFile: planFile, spec: parsed, samples: samples, seed: seed,
                               options: FormulationOptions(time: time, periodYears: years), solver: solver(method),
                               members: shard?.members(of: samples)) {
                progress.sweep($0)
            }
        }
        return (outcomes, system, specURL)
    }

    /// What else decides a sweep's numbers besides its inputs, plan and seed: recorded in each
    /// shard so that `bijli merge` refuses shards of different sweeps.
    func sweepSettings(_ system: EnergySystem, years: [Int]) -> [String: String] {
        var settings = ["resolution": request.effectiveResolution.description, "periods": years.map(String.init).joined(separator: ","),
                        "method": request.method.rawValue, "time_limit_seconds": String(request.timeLimitSeconds), "gap": String(request.gap),
                        "bijli_version": BijliVersion.current, "glpk_version": GLPKLibrary.version]
        if let variant = system.settings.demandVariant { settings["demand_variant"] = variant }
        if let scenario = request.scenarioName { settings["scenario"] = scenario }
        if !request.overlays.isEmpty { settings["overlays"] = request.overlays.joined(separator: "; ") }
        if !request.whatIfs.isEmpty { settings["what_ifs"] = request.whatIfs.joined(separator: "; ") }
        settings.merge(request.tariffSelection.provenance(of: system)) { $1 }
        return settings
    }

    /// The SHA-256 of the plan's results.json (empty if it cannot be read, which loading it already refused).
    private func planDigest(_ planFile: String) -> String {
        InputDigest.sha256(of: URL(fileURLWithPath: planFile)) ?? ""
    }

    /// Runs a sweep; a refused plan or overlay is ``WorkflowError/scenario(_:)``, anything else
    /// (formulation, solver) ``WorkflowError/optimization(_:)``.
    private static func sweeping<T>(_ body: () throws -> T) throws(WorkflowError) -> T {
        do {
            return try body()
        } catch let error as ScenarioError {
            throw .scenario(error)
        } catch {
            throw .optimization(String(describing: error))
        }
    }
}
