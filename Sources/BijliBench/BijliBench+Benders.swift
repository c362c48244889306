import Decomposition
import EnergyModel
import Foundation
import LinearProgramming

extension BijliBench {
    /// `BijliBench benders [repdays:N|hourly] [PERIODS] [simplex]`: the Pakistan plan solved whole
    /// (GLPK's interior point, and the dual simplex with `simplex`) and by Benders decomposition
    /// by period (``EnergyLP/bendersBlocks(by:)``, all cores): seconds, iterations, bounds and the
    /// objective difference. Progress of the decomposition goes to stderr.
    ///
    /// Small functions on purpose: Swift 6.3.1's ownership verifier crashed (release build) on
    /// functions calling these typed-throwing functions directly with a `let` before them
    /// (ARCHITECTURE.md), so they go through `untyped`.
    static func benders(resolution: String, periods: Int, withSimplex: Bool) throws {
        let lp = try benchProgram(resolution: resolution, periods: periods)
        var reference: Double?
        for method in withSimplex ? [SolverMethod.interiorPoint, .dualSimplex] : [.interiorPoint] {
            let objective = try benchWhole(lp, method: method)
            if reference == nil { reference = objective }
        }
        try benchDecomposed(lp, reference: reference)
    }

    /// The Pakistan program at a resolution and number of periods.
    static func benchProgram(resolution: String, periods: Int) throws -> EnergyLP {
        let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let system = try untyped { try CaseLoader.load(model: root.appendingPathComponent("Models/pakistan"), inputs: root.appendingPathComponent("Inputs/pakistan")) }
        let time = try benchTime(resolution, system)
        let years = Array(system.periods.map(\.year).prefix(periods))
        let clock = ContinuousClock()
        let start = clock.now
        let lp = try untyped { try EnergyLP.build(system, options: FormulationOptions(time: time, periodYears: years)) }
        emit("Pakistan \(resolution), periods \(years.map(String.init).joined(separator: ", ")): \(lp.program.rowCount) rows, "
             + "\(lp.program.variableCount) columns, \(lp.program.entryCount) non-zeros; built in \(f(seconds(clock.now - start))) s")
        return lp
    }

    /// Every hour, or `repdays:N` chosen on the first period's series (seed 0).
    static func benchTime(_ resolution: String, _ system: EnergySystem) throws -> TimeSlices {
        guard resolution != "hourly" else { return .hourly }
        let days = Int(resolution.split(separator: ":").last ?? "") ?? 24
        let series = system.representativeDaySeries(year: system.periods.first?.year)
        return try untyped { try TimeSlices.representativeDays(count: days, series: series, seed: 0).0 }
    }

    /// One whole solve; its objective when optimal.
    static func benchWhole(_ lp: EnergyLP, method: SolverMethod) throws -> Double? {
        let whole = try untyped { try GLPKSolver(options: SolverOptions(method: method, captureLog: false)).solve(lp.program) }
        describe(whole, method: method)
        return whole.status == .optimal ? whole.objective : nil
    }

    static func describe(_ whole: SolveResult, method: SolverMethod) {
        var objective = "-"
        if let value = whole.objective { objective = String(format: "%.6f", value) }
        let seconds = whole.loadSeconds + whole.solveSeconds
        emit("  whole, \(method.rawValue): \(whole.status), objective \(objective), \(whole.iterations) iterations, \(f(seconds)) s")
    }

    /// The decomposition by period, with its figures.
    static func benchDecomposed(_ lp: EnergyLP, reference: Double?) throws {
        let clock = ContinuousClock()
        let start = clock.now
        let blocks = try untyped { try lp.bendersBlocks(by: .period) }
        let labelSeconds = seconds(clock.now - start)
        let result = try untyped { try BendersSolver().solve(lp.program, blocks: blocks, observer: benchObserver) }
        report(result, blocks: blocks, labelSeconds: labelSeconds, reference: reference)
    }

    /// Runs typed-throwing work behind an untyped closure (the ownership-verifier crash above).
    static func untyped<T>(_ body: () throws -> T) throws -> T { try body() }

    /// Prints one line per iteration to stderr.
    @Sendable static func benchObserver(_ p: BendersProgress) {
        FileHandle.standardError.write(Data(String(format: "  benders iteration %d: lower %.6f upper %.6f gap %.2e, %.1f s\n",
                                                   p.iteration, p.lowerBound, p.upperBound, p.gap, p.elapsedSeconds).utf8))
    }

    static func report(_ result: BendersResult, blocks: BlockStructure, labelSeconds: Double, reference: Double?) {
        var objectiveText = "-"
        if let value = result.solution?.objective { objectiveText = String(format: "%.6f", value) }
        var line = "  benders by period (\(blocks.blockCount) blocks, \(blocks.masterColumnCount) master columns, \(result.workers) workers): "
        line += "\(result.status), objective \(objectiveText), "
        line += "bounds [\(String(format: "%.6f", result.lowerBound)), \(String(format: "%.6f", result.upperBound))], "
        line += "gap \(String(format: "%.2e", result.gap)), \(result.iterations) iterations "
        line += "(\(result.optimalityCuts) optimality, \(result.feasibilityCuts) feasibility cuts)"
        emit(line)
        var times = "    seconds: labelling \(f(labelSeconds)), setup \(f(result.setupSeconds)), master \(f(result.masterSeconds)), "
        times += "subproblems \(f(result.subproblemSeconds)), total \(f(result.totalSeconds)); "
        times += "simplex iterations master \(result.masterIterations), subproblems \(result.subproblemIterations)"
        if let objective = result.solution?.objective, let reference {
            times += "; relative difference to the whole solve \(String(format: "%.2e", (objective - reference) / abs(reference)))"
        }
        emit(times)
    }
}
