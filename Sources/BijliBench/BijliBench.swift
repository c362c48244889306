import Foundation
import LinearProgramming

/// `make bench`: the figures of docs/BENCHMARKS.md. Timings are medians of repeated runs;
/// the full-year case runs in child processes so that each one's peak memory is its own.
@main
struct BijliBench {
    static func main() throws {
        let arguments = Array(CommandLine.arguments.dropFirst())
        switch arguments.first ?? "all" {
        case "full-year-once":
            try fullYearOnce(hours: Int(arguments.dropFirst().first ?? "") ?? 8760)
        case "energy-once":
            let rest = Array(arguments.dropFirst())
            try energyOnce(resolution: rest.first ?? "repdays:24", periods: Int(rest.dropFirst().first ?? "") ?? 3,
                           method: SolverMethod(rawValue: rest.dropFirst(2).first ?? "") ?? .interiorPoint,
                           dispatchOnly: rest.dropFirst(3).first == "dispatch")
        case "pakistan":
            try pakistan(repeats: Int(ProcessInfo.processInfo.environment["BIJLI_BENCH_REPEATS"] ?? "") ?? 3)
        case "benders":
            let rest = Array(arguments.dropFirst())
            try benders(resolution: rest.first ?? "repdays:24", periods: Int(rest.dropFirst().first ?? "") ?? 3,
                        withSimplex: rest.dropFirst(2).first == "simplex")
        case "energy":
            try energy(repeats: Int(ProcessInfo.processInfo.environment["BIJLI_BENCH_REPEATS"] ?? "") ?? 3)
        case "all":
            let repeats = Int(ProcessInfo.processInfo.environment["BIJLI_BENCH_REPEATS"] ?? "") ?? 3
            try fullYear(repeats: repeats)
            try warmVersusCold(repeats: 5)
            try batch(repeats: 3)
            try energy(repeats: repeats)
            try pakistan(repeats: repeats)
        case let other:
            FileHandle.standardError.write(Data("usage: BijliBench [all | energy | pakistan | benders [RESOLUTION] [PERIODS] [simplex] | full-year-once [HOURS] | energy-once RESOLUTION PERIODS METHOD [plan|dispatch]] (not '\(other)')\n".utf8))
            exit(64)
        }
    }

    // MARK: Full year

    /// The measurements of one full-year run, printed as one JSON line by the child process.
    struct FullYearRecord: Codable {
        var rows = 0, columns = 0, nonzeros = 0, iterations = 0
        var buildSeconds = 0.0, validateSeconds = 0.0, loadSeconds = 0.0, solveSeconds = 0.0
        var status = "", objective = 0.0
        var maxRSSBytes = 0, glpkPeakBytes = 0
    }

    /// One full-year build, validate, load and interior-point solve; prints one JSON line.
    static func fullYearOnce(hours: Int) throws {
        var record = FullYearRecord()
        let clock = ContinuousClock()
        var start = clock.now
        let program = SyntheticDispatch(hours: hours).build()
        record.buildSeconds = seconds(clock.now - start)
        start = clock.now
        let issues = program.issues()
        record.validateSeconds = seconds(clock.now - start)
        precondition(issues.isEmpty, "the synthetic program is invalid: \(issues.prefix(3))")
        let result = try solveInterior(program)
        record.rows = program.rowCount
        record.columns = program.variableCount
        record.nonzeros = program.entryCount
        record.loadSeconds = result.loadSeconds
        record.solveSeconds = result.solveSeconds
        record.status = result.status.code.rawValue
        record.objective = result.objective ?? .nan
        record.iterations = result.iterations
        record.maxRSSBytes = maxRSS(RUSAGE_SELF)
        record.glpkPeakBytes = GLPKLibrary.memoryUsage().peakBytes
        emit(String(decoding: try JSONEncoder().encode(record), as: UTF8.self))
    }

    static func solveInterior(_ program: LinearProgram) throws -> SolveResult {
        try GLPKSolver(options: SolverOptions(method: .interiorPoint, captureLog: false)).solve(program)
    }

    static func fullYear(repeats: Int) throws {
        emit("## Full-year synthetic dispatch (8760 h), interior point, \(repeats) runs\n")
        // GLPK alone: glpsol on the same program, written as MPS, in a child process. It runs
        // first: RUSAGE_CHILDREN is the largest child so far, so it must see only glpsol.
        let mps = FileManager.default.temporaryDirectory.appendingPathComponent("bijli-bench-8760.mps").path
        try SyntheticDispatch(hours: 8760).build().write(to: mps)
        defer { for p in [mps, mps + ".sol"] { try? FileManager.default.removeItem(atPath: p) } }
        var glpsolRSS: [Double] = [], glpsolSeconds: [Double] = []
        for _ in 0..<repeats {
            let start = ContinuousClock.now
            _ = try runChild(["/usr/bin/glpsol", "--interior", "--freemps", mps, "-o", mps + ".sol"])
            glpsolSeconds.append(seconds(ContinuousClock.now - start))
            glpsolRSS.append(Double(maxRSS(RUSAGE_CHILDREN)))
        }
        var runs: [FullYearRecord] = []
        for _ in 0..<repeats {
            let output = try runChild([CommandLine.arguments[0], "full-year-once", "8760"])
            runs.append(try JSONDecoder().decode(FullYearRecord.self, from: Data(output.utf8)))
        }
        let first = runs[0]
        func med(_ key: KeyPath<FullYearRecord, Double>) -> Double { median(runs.map { $0[keyPath: key] }) }
        func med(_ key: KeyPath<FullYearRecord, Int>) -> Double { median(runs.map { Double($0[keyPath: key]) }) }
        let buildLoad = med(\.buildSeconds) + med(\.validateSeconds) + med(\.loadSeconds)
        emit("size: \(first.rows) rows, \(first.columns) columns, \(first.nonzeros) non-zeros; status \(first.status), objective \(first.objective), \(first.iterations) iterations\n")
        emit("| step | median (s) |")
        emit("|---|---|")
        emit("| build `LinearProgram` in Swift | \(f(med(\.buildSeconds))) |")
        emit("| validate | \(f(med(\.validateSeconds))) |")
        emit("| load into GLPK (merge, 1-based arrays, glp_* calls) | \(f(med(\.loadSeconds))) |")
        emit("| **build + validate + load** | **\(f(buildLoad))** |")
        emit("| GLPK interior-point solve | \(f(med(\.solveSeconds))) |")
        emit("| build + load as share of solve | \(f(100 * buildLoad / med(\.solveSeconds))) % |\n")

        let ours = med(\.maxRSSBytes), glpk = med(\.glpkPeakBytes), alone = median(glpsolRSS)
        emit("| memory | median (MiB) |")
        emit("|---|---|")
        emit("| bijli process peak RSS (build + load + solve) | \(f(ours / 1_048_576)) |")
        emit("| GLPK's own peak allocation inside it (glp_mem_usage) | \(f(glpk / 1_048_576)) |")
        emit("| glpsol --interior on the same MPS: peak RSS | \(f(alone / 1_048_576)) |")
        emit("| **ratio bijli / glpsol** | **\(f(ours / alone))** |\n")
        emit("glpsol wall time (read MPS + solve + write), median: \(f(median(glpsolSeconds))) s\n")
    }

    // MARK: Warm start

    static func warmVersusCold(repeats: Int) throws {
        emit("## Warm vs cold re-solve, 168 h, after a 10 % cut in generator g0's availability (\(repeats) runs)\n")
        let base = SyntheticDispatch(hours: 168).build()
        var changed = SyntheticDispatch(hours: 168)
        changed.firstGeneratorAvailability = 0.9
        let target = changed.build()
        let g0 = (0..<168).map { t in base.variable(named: "p[g0,t\(t)]")! }
        var warmSeconds: [Double] = [], coldSeconds: [Double] = [], warmIterations = 0, coldIterations = 0
        var coldObjective = 0.0, warmObjective = 0.0
        for _ in 0..<repeats {
            let session = try GLPKSession(base, options: SolverOptions(captureLog: false))
            _ = session.solve()
            for v in g0 { try session.setBounds(target.bounds(of: v), for: v) }
            let warm = session.solve()
            let cold = try GLPKSolver(options: SolverOptions(captureLog: false)).solve(target)
            warmSeconds.append(warm.solveSeconds)
            coldSeconds.append(cold.loadSeconds + cold.solveSeconds)
            warmIterations = warm.iterations
            coldIterations = cold.iterations
            warmObjective = warm.objective ?? .nan
            coldObjective = cold.objective ?? .nan
        }
        emit("| solve | median (s) | iterations | objective |")
        emit("|---|---|---|---|")
        emit("| cold (load + primal simplex with presolve) | \(f(median(coldSeconds))) | \(coldIterations) | \(coldObjective) |")
        emit("| warm (dual simplex from the previous basis) | \(f(median(warmSeconds))) | \(warmIterations) | \(warmObjective) |")
        emit("| **speed-up cold / warm** | **\(f(median(coldSeconds) / median(warmSeconds)))×** | | |\n")
    }

    // MARK: Batch

    static func batch(repeats: Int) throws {
        let programs = (0..<8).map { k in
            var d = SyntheticDispatch(hours: 168)
            d.firstGeneratorAvailability = 1.0 - 0.05 * Double(k)
            return d.build()
        }
        let cores = ProcessorCount.active
        emit("## Batch: 8 × 168 h, simplex, sequential vs \(cores) workers (\(repeats) runs)\n")
        let solver = GLPKSolver(options: SolverOptions(captureLog: false))
        var sequential: [Double] = [], parallel: [Double] = []
        for _ in 0..<repeats {
            var start = ContinuousClock.now
            let one = try programs.map { try solver.solve($0) }
            sequential.append(seconds(ContinuousClock.now - start))
            start = ContinuousClock.now
            let many = BatchSolver(solver: solver, maxConcurrency: cores).solve(programs)
            parallel.append(seconds(ContinuousClock.now - start))
            for (a, b) in zip(one, many) where a.solution != (try b.get()).solution {
                FileHandle.standardError.write(Data("batch result differs from sequential\n".utf8))
                exit(1)
            }
        }
        emit("| run | median (s) |")
        emit("|---|---|")
        emit("| sequential | \(f(median(sequential))) |")
        emit("| BatchSolver, \(cores) workers | \(f(median(parallel))) |")
        emit("| **speed-up** | **\(f(median(sequential) / median(parallel)))×** |\n")
        emit("(batch solutions were checked equal to the sequential ones)\n")
    }

    // MARK: Helpers

    static func runChild(_ command: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw NSError(domain: "BijliBench", code: Int(process.terminationStatus),
                          userInfo: [NSLocalizedDescriptionKey: "\(command.joined(separator: " ")) failed"])
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Peak resident set size in bytes (`getrusage`; Linux reports kilobytes). For children it
    /// is the largest of all children waited for so far.
    static func maxRSS(_ who: __rusage_who) -> Int {
        let who = __rusage_who_t(who.rawValue)
        var usage = rusage()
        getrusage(who, &usage)
        return usage.ru_maxrss * 1024
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let n = sorted.count
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }

    static func f(_ x: Double) -> String { String(format: x >= 100 ? "%.0f" : x >= 10 ? "%.1f" : "%.3f", x) }
}

/// Writes one line of the benchmark report to standard output (the bench is an executable, not a
/// library; one function keeps its output in one place).
func emit(_ line: String = "") {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
