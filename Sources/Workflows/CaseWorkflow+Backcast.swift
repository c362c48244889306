import EnergyModel
import Foundation

/// A back-cast: the existing fleet dispatched over one observed period, and its generation shares
/// beside the observed ones (nil when the dispatch did not solve to optimality).
public struct BackcastOutcome: Sendable {
    /// The period back-cast.
    public var year: Int
    /// The case as dispatched (no builds, policies off).
    public var system: EnergySystem
    /// The time steps.
    public var time: TimeSlices
    /// The dispatch.
    public var optimization: Optimization
    /// Its results with provenance.
    public var results: EnergyResults
    /// The period's results, when the dispatch solved to optimality.
    public var period: PeriodResults?
    /// Model and observed shares by group, when the dispatch solved to optimality.
    public var rows: [Backcast.Row]?
}

extension CaseWorkflow {
    /// The back-cast of docs/CALIBRATION.md: the existing fleet dispatched against `year` (default
    /// the first period), compared with the observed generation (default
    /// `<inputs>/backcast/observed_generation.csv`). Not optimal is a value of the outcome.
    public func backcast(year: Int?, observed: URL?) throws(WorkflowError) -> BackcastOutcome {
        let loaded = try loadCase()
        let periods = loaded.periods.map(\.year)
        guard let year = year ?? periods.first, periods.contains(year) else {
            throw .notAPeriod(year, periodsFile: request.inputsURL.appendingPathComponent("periods.csv").relativePath, periods: periods)
        }
        let observedURL = observed ?? request.inputsURL.appendingPathComponent("backcast").appendingPathComponent("observed_generation.csv")
        let observations: [Backcast.Observation]
        switch Result(catching: { () throws(Backcast.ObservationError) in try Backcast.observations(at: observedURL, system: loaded) }) {
        case .success(let value): observations = value
        case .failure(let error): throw .observations(error)
        }
        let system = Backcast.dispatchOnly(loaded)
        let (time, _) = try timeSlices(for: system, years: [year])
        let options = FormulationOptions(time: time, periodYears: [year])
        let method = solverMethod(for: system, time: time, periodCount: 1)
        let (optimization, buildSeconds) = try optimize(system, options: options, mode: .cost, method: method)
        let provenance = provenance(optimization, system: system, mode: .cost, method: method, buildSeconds: buildSeconds,
                                    extra: ["mode": "backcast", "periods": String(year)])
        let results = EnergyResults(optimization, provenance: provenance)
        let period = optimization.result.status == .optimal ? results.periods.first { $0.period == year } : nil
        let rows = period.map { Backcast.compare(generationByCarrierMWh: $0.generationByCarrierMWh, observations: observations) }
        return BackcastOutcome(year: year, system: system, time: time, optimization: optimization, results: results,
                               period: period, rows: rows)
    }
}
