import EnergyModel
import Foundation
import LinearProgramming
import Reporting

/// What a finished run of a case gives: the case as run, the optimisation, its results and
/// time aggregation, and the run folder written.
public struct RunOutcome: Sendable {
    /// The case (with the scenario laid on it).
    public var system: EnergySystem
    /// The optimisation, every stage.
    public var optimization: Optimization
    /// The results with their provenance.
    public var results: EnergyResults
    /// How representative days were chosen, if they were.
    public var aggregation: AggregationReport?
    /// The run folder written.
    public var folder: URL
    /// For an infeasible run, the constraint families at fault (also in `infeasibility.txt`).
    public var infeasibility: InfeasibilityExplanation?
}

extension CaseWorkflow {
    /// The whole run of `bijli run`: load → scenario → time steps → build and solve → results →
    /// a new run folder `<out>/<model>/<scenario>/<run id>` (results, tables, report, `run.json`
    /// recording `arguments`). A program that does not solve to optimality is a status of the
    /// outcome, not an error. With `writeLP`, the cost program is also written to that file.
    ///
    /// A cost-mode what-if (a scenario, overlays or what-ifs) starts from the solution of the run it
    /// departs from, `against` or else `<out>/<model>/base/latest`, when that folder keeps one
    /// (`solution.bin`): if it passes the what-if program's check it is the answer without a solve
    /// (``DepartedSolution``).
    public func run(out: URL, writeLP: String? = nil, arguments: [String] = [], against: URL? = nil) throws(WorkflowError) -> RunOutcome {
        let system = try loadCase()
        let years = request.periods
        let (time, aggregation) = try timeSlices(for: system, years: years)
        let options = FormulationOptions(time: time, periodYears: years)
        let method = solverMethod(for: system, time: time, periodCount: years?.count ?? system.periods.count)
        if let writeLP { try write(system, options: options, to: writeLP) }
        let mode = request.objective
        var start: DepartedSolution?
        if case .cost = mode, request.method != .benders, request.scenarioName != nil || against != nil {
            let folder = against ?? out.appendingPathComponent(system.name).appendingPathComponent(RunReports.scenario).appendingPathComponent("latest")
            let file = folder.appendingPathComponent(RunReports.solutionFile)
            if let data = try? Data(contentsOf: file) {
                start = DepartedSolution.decode(data, source: folder.standardizedFileURL.resolvingSymlinksInPath().path)
            }
        }
        let (optimization, buildSeconds) = try optimize(system, options: options, mode: mode, method: method, departing: start)
        let provenance = provenance(optimization, system: system, mode: mode, method: method, buildSeconds: buildSeconds)
        let results = EnergyResults(optimization, provenance: provenance)

        let (answer, infeasibility) = try answerFiles(optimization, system: system, aggregation: aggregation, method: method)
        // Reports (docs/REPORTS.md): hourly.csv, run.json, report.*, figures/, tables/, in <out>/<model>/<scenario>/<run id>.
        let scenario = request.scenarioName ?? RunReports.scenario
        let files = try RunReports.runFolder(results, answerFiles: answer, aggregation: aggregation, scenario: scenario, model: system.name,
                                             buildSeconds: provenance.buildSeconds, solveSeconds: provenance.solveSeconds,
                                             stageSeconds: optimization.stages.map(\.seconds), arguments: arguments)
        let parent = try RunReports.folder(out, model: system.name, scenario: request.folderName).parent
        let folder = try RunReports.write(files, under: parent)
        return RunOutcome(system: system, optimization: optimization, results: results, aggregation: aggregation, folder: folder,
                          infeasibility: infeasibility)
    }

    /// The files of a run that come from its answer, not from results.json: `solver.log`,
    /// `time_aggregation.json`, `hourly.csv`, `tariff_prices.csv` and, for an infeasible answer,
    /// `infeasibility.txt` with the constraint families at fault (one more solve per family).
    func answerFiles(_ optimization: Optimization, system: EnergySystem, aggregation: AggregationReport?,
                     method: SolverMethod) throws(WorkflowError) -> (files: [String: Data], infeasibility: InfeasibilityExplanation?) {
        var files = try RunReports.answerFiles(optimization, aggregation: aggregation)
        var infeasibility: InfeasibilityExplanation?
        if optimization.result.status == .infeasible {
            progress.say("infeasible: relaxing each constraint family in turn to find the conflict")
            let explanation = optimization.lp.explainInfeasibility(solver: solver(method))
            infeasibility = explanation
            files["infeasibility.txt"] = Data((explanation.sentences.joined(separator: "\n") + "\n").utf8)
        }
        if let prices = TariffSelection.pricesCSV(system) { files["tariff_prices.csv"] = prices }
        if let hourly = HourlyResults(optimization)?.csv() { files["hourly.csv"] = hourly }
        return (files, infeasibility)
    }

    /// Writes the cost program of a case (CPLEX LP or free MPS by the file's extension).
    public func write(_ system: EnergySystem, options: FormulationOptions, to path: String) throws(WorkflowError) {
        let lp: EnergyLP
        switch Result(catching: { () throws(FormulationError) in try EnergyLP.build(system, options: options) }) {
        case .success(let built): lp = built
        case .failure(let error): throw .formulation(error)
        }
        switch Result(catching: { () throws(LinearProgrammingError) in try lp.program.write(to: path) }) {
        case .success: progress.say("wrote \(path) (\(lp.program.rowCount) rows, \(lp.program.variableCount) columns)")
        case .failure(let error): throw .linearProgramming(error)
        }
    }
}
