import EnergyModel
import Foundation
import LinearProgramming
import Scenarios

extension BijliBench {
    /// The Pakistan model as `make run` solves it: the base plan (3 periods, representative
    /// days, interior point), then a stress sweep of the first `scenarioCount` library
    /// disruptions on that plan (all cores). Medians of `repeats`; the ratio is issue 5's target
    /// (a 12-disruption sweep within 3 × one base solve).
    static func pakistan(repeats: Int, scenarioCount: Int = 12) throws {
        let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let system = try CaseLoader.load(model: root.appendingPathComponent("Models/pakistan"), inputs: root.appendingPathComponent("Inputs/pakistan"))
        let library = try ScenarioLibrary.load(folder: root.appendingPathComponent("Inputs/pakistan/scenarios"), system: system)
        let scenarios = Array(library.scenarios.prefix(scenarioCount))
        let series = system.representativeDaySeries(year: system.periods.first?.year)
        let time = try TimeSlices.representativeDays(count: 24, series: series, seed: 0).0
        let options = FormulationOptions(time: time)
        let solver = GLPKSolver(options: SolverOptions(method: .interiorPoint, timeLimitSeconds: 1800))
        var planSeconds: [Double] = [], sweepSeconds: [Double] = []
        var size = (rows: 0, columns: 0, nonzeros: 0)
        var unserved = 0.0
        for _ in 0..<repeats {
            let clock = ContinuousClock()
            var start = clock.now
            let plan = try Optimizer(solver: solver).optimize(system, options: options, mode: .cost)
            planSeconds.append(seconds(clock.now - start))
            size = (plan.lp.program.rowCount, plan.lp.program.variableCount, plan.lp.program.entryCount)
            let results = EnergyResults(plan, provenance: Provenance(bijliVersion: "", glpkVersion: "", inputHashes: [:], options: [:],
                                                                     buildSeconds: 0, solveSeconds: 0, rows: 0, columns: 0, nonzeros: 0))
            start = clock.now
            let rows = try StressTest.run(system: system, plan: StressTest.capacities(of: results), library: library, scenarios: scenarios,
                                          options: options, solver: solver)
            sweepSeconds.append(seconds(clock.now - start))
            unserved = rows.filter { $0.scenario != "base" }.reduce(0) { $0 + ($1.unservedGWh ?? 0) }
        }
        emit("Pakistan base plan (repdays:24, 3 periods, interior point): \(size.rows) rows, \(size.columns) columns, \(size.nonzeros) non-zeros")
        emit("  plan build+solve median \(f(median(planSeconds))) s (runs: \(planSeconds.map(f).joined(separator: ", ")))")
        emit("  stress sweep of \(scenarios.count) disruptions + base, \(ProcessorCount.active) workers: median \(f(median(sweepSeconds))) s "
             + "(runs: \(sweepSeconds.map(f).joined(separator: ", "))); ratio to one plan solve \(f(median(sweepSeconds) / median(planSeconds)))")
        emit("  (sum of unserved energy over the disruptions: \(f(unserved)) GWh, a check that the sweep did its work)")
    }
}
