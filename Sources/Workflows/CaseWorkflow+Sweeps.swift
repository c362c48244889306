import EnergyModel
import Foundation
import Scenarios

extension CaseWorkflow {
    /// The stress matrix of a finished plan (`bijli stress`): the plan's capacities fixed, each
    /// chosen disruption (ids of `<inputs>/scenarios/`, `all` or `none`; with
    /// `nMinusOneMinimumMW`, also the N-1 sweep) laid on the case and dispatch re-optimised, on
    /// the plan's periods. Build the request with ``RunRequest/matching(_:)`` so the time steps are the plan's.
    public func stress(plan: EnergyResults, planFile: String = "plan", scenarios ids: [String], nMinusOneMinimumMW: Double? = nil) throws(WorkflowError) -> [StressTest.Row] {
        let system = try loadCase()
        let library = try scenarioLibrary(for: system)
        var chosen = try select(ids, from: library)
        if let minimum = nMinusOneMinimumMW { chosen += StressTest.nMinusOne(system, minimumMW: minimum) }
        let years = plan.periods.map(\.period)
        let (time, _) = try timeSlices(for: system, years: years)
        let method = solverMethod(for: system, time: time, periodCount: years.count)
        let progress = self.progress
        return try Self.sweeping {
            try StressTest.run(system: system, plan: StressTest.capacities(of: plan), planFile: planFile, library: library, scenarios: chosen,
                               options: FormulationOptions(time: time, periodYears: years), solver: solver(method)) {
                progress.sweep($0)
            }
        }
    }

    /// Monte Carlo samples against a finished plan (`bijli montecarlo`): correlated shocks and
    /// forced outages of the spec (default `<inputs>/montecarlo.yaml`), `samples` of them drawn
    /// with `seed`, each dispatched with the plan's capacities fixed on the plan's periods.
    public func monteCarlo(plan: EnergyResults, planFile: String = "plan", spec: URL?, samples: Int, seed: UInt64) throws(WorkflowError) -> [MonteCarlo.Outcome] {
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
        return try Self.sweeping {
            try MonteCarlo.run(system: system, plan: StressTest.capacities(of: plan), planFile: planFile, spec: parsed, samples: samples, seed: seed,
                               options: FormulationOptions(time: time, periodYears: years), solver: solver(method)) {
                progress.sweep($0)
            }
        }
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
