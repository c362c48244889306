import EnergyModel
import Foundation
import LinearProgramming

/// A resolution that is not `hourly` or `repdays:N`.
struct BadResolution: Error, CustomStringConvertible {
    var text: String
    var description: String { "the resolution must be \(Resolution.rule), found '\(text)'" }
}

extension BijliBench {
    /// The measurements of one energy-model run, printed as one JSON line by a child process.
    struct EnergyRecord: Codable {
        var label = "", rows = 0, columns = 0, nonzeros = 0, iterations = 0
        var aggregateSeconds = 0.0, buildSeconds = 0.0, loadSeconds = 0.0, solveSeconds = 0.0
        var status = "", objective: Double?, maxRSSBytes = 0
    }

    /// One run of the synthetic 3-region system (the simplex, and the simplex that settles an
    /// interior-point failure, stop after 60 s): `repdays:N` or `hourly`, over `periods` periods.
    static func energyOnce(resolution: String, periods: Int, method: SolverMethod, dispatchOnly: Bool) throws {
        let years = (0..<periods).map { 2025 + 5 * $0 }
        let system = SyntheticSystem.make(years: years, dispatchOnly: dispatchOnly)
        var record = EnergyRecord()
        record.label = "\(dispatchOnly ? "dispatch only" : "plan"), \(resolution), \(periods) period(s), \(method.rawValue)"
        let clock = ContinuousClock()
        var start = clock.now
        guard let parsed = Resolution(parsing: resolution) else { throw BadResolution(text: resolution) }
        let time: TimeSlices
        if let n = parsed.representativeDayCount {
            let series = system.representativeDaySeries(year: years[0])
            time = try TimeSlices.representativeDays(count: n, series: series).0
        } else {
            time = .hourly
        }
        record.aggregateSeconds = seconds(clock.now - start)
        start = clock.now
        let env = ProcessInfo.processInfo.environment
        let lp = try EnergyLP.build(system, options: FormulationOptions(time: time))
        record.buildSeconds = seconds(clock.now - start)
        if let path = env["BIJLI_BENCH_WRITE"] { try lp.program.write(to: path) }
        let showLog = ProcessInfo.processInfo.environment["BIJLI_BENCH_LOG"] != nil
        // A time limit keeps a failed interior point's simplex fallback from running for hours.
        let result = try GLPKSolver(options: SolverOptions(method: method, timeLimitSeconds: 60, captureLog: showLog)).solve(lp.program)
        if showLog { FileHandle.standardError.write(Data(result.log.utf8)) }
        record.rows = lp.program.rowCount
        record.columns = lp.program.variableCount
        record.nonzeros = lp.program.entryCount
        record.loadSeconds = result.loadSeconds
        record.solveSeconds = result.solveSeconds
        record.iterations = result.iterations
        record.status = result.status.code.rawValue
        record.objective = result.objective
        record.maxRSSBytes = maxRSS(RUSAGE_SELF)
        emit(String(decoding: try JSONEncoder().encode(record), as: UTF8.self))
    }

    static func energy(repeats: Int) throws {
        emit("## Synthetic 3-region energy model (3 regions, 12 generators, 2 batteries, 2 corridors)\n")
        emit("| case | rows | columns | non-zeros | build (s) | load (s) | solve (s) | iterations | peak RSS (MiB) | status |")
        emit("|---|---|---|---|---|---|---|---|---|---|")
        let cases: [(String, Int, SolverMethod, Bool, Int)] = [
            ("repdays:24", 3, .interiorPoint, false, repeats), ("repdays:12", 3, .interiorPoint, false, repeats),
            ("repdays:12", 3, .primalSimplex, false, 1), ("hourly", 1, .interiorPoint, true, repeats),
            ("hourly", 1, .interiorPoint, false, 1), ("hourly", 3, .interiorPoint, false, 1),
        ]
        for (resolution, periods, method, dispatchOnly, count) in cases {
            var runs: [EnergyRecord] = []
            for _ in 0..<count {
                let output = try runChild([CommandLine.arguments[0], "energy-once", resolution, String(periods), method.rawValue,
                                           dispatchOnly ? "dispatch" : "plan"])
                runs.append(try JSONDecoder().decode(EnergyRecord.self, from: Data(output.utf8)))
            }
            let r = runs[0]
            func med(_ key: KeyPath<EnergyRecord, Double>) -> String { f(median(runs.map { $0[keyPath: key] })) }
            let rss = median(runs.map { Double($0.maxRSSBytes) }) / 1_048_576
            emit("| \(r.label) | \(r.rows) | \(r.columns) | \(r.nonzeros) | \(med(\.buildSeconds)) | \(med(\.loadSeconds)) | \(med(\.solveSeconds)) | \(r.iterations) | \(f(rss)) | \(r.status) |")
        }
        emit("")
    }
}
