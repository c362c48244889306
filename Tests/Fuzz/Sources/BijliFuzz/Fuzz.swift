import EnergyModel
import Foundation
import LinearProgramming

/// One fuzz input (issue 19, `make fuzz`). The first byte picks the target (unless
/// `BIJLI_FUZZ_TARGET` is `lp` or `case`), the second the format or file, the rest is the file:
///
/// - byte 0 even: an LP file (CPLEX LP if byte 1 is even, else free MPS) read with
///   `LinearProgram.read`, and, if it reads, validated and solved by every method with a 2 s time
///   limit and a 1 GiB memory limit, and written back as MPS and LP;
/// - byte 0 odd: one file of the tiny fixture case replaced (which one: byte 1), then the case
///   loaded with `CaseLoader.validate` and, if it loads, its programs validated.
///
/// Anything that stops the process (a GLPK abort, a Swift trap) is a finding; errors are fine.
func fuzzOne(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start, count >= 2 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: start, count: count))
    let target = ProcessInfo.processInfo.environment["BIJLI_FUZZ_TARGET"]  // lp, case, or either by byte 0
    if target == "lp" || (target != "case" && bytes[0] % 2 == 0) {
        FuzzLP.run(Data(bytes[2...]), mps: bytes[1] % 2 == 1)
    } else {
        FuzzCase.run(Data(bytes[2...]), file: Int(bytes[1]))
    }
    return 0
}

enum Scratch {
    /// One folder per process, reused by every input.
    static let folder: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bijli-fuzz-\(getpid())")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()
}

enum FuzzLP {
    static func run(_ data: Data, mps: Bool) {
        let path = Scratch.folder.appendingPathComponent(mps ? "input.mps" : "input.lp").path
        guard FileManager.default.createFile(atPath: path, contents: data) else { return }
        guard let program = try? LinearProgram.read(from: path) else { return }
        guard program.issues().isEmpty else { return }
        for method in SolverMethod.allCases {
            var options = SolverOptions(method: method, timeLimitSeconds: 2)
            options.memoryLimitMegabytes = 1024  // GLPK's memory limit first, libFuzzer's 4 GB RSS limit after
            _ = try? GLPKSolver(options: options).solve(program)
        }
        try? program.write(to: Scratch.folder.appendingPathComponent("out.mps").path)
        try? program.write(to: Scratch.folder.appendingPathComponent("out.lp").path)
    }
}

enum FuzzCase {
    /// The fixture's files, any of which an input replaces.
    static let files = ["model/model.yaml", "model/generators.csv", "model/storage.csv", "inputs/settings.yaml", "inputs/periods.csv",
                        "inputs/demand.csv", "inputs/demand_profile.csv", "inputs/profiles.csv", "inputs/fuel_prices.csv",
                        "inputs/fuel_supply.csv", "inputs/hydro_budgets.csv"]

    /// The tiny fixture, copied once (`BIJLI_FUZZ_CASE`, default `Tests/EnergyModelTests/Fixtures/tiny`).
    static let fixture: URL = {
        let source = URL(fileURLWithPath: ProcessInfo.processInfo.environment["BIJLI_FUZZ_CASE"] ?? "Tests/EnergyModelTests/Fixtures/tiny")
        let copy = Scratch.folder.appendingPathComponent("case")
        try? FileManager.default.removeItem(at: copy)
        try? FileManager.default.copyItem(at: source, to: copy)
        return copy
    }()

    /// One step per month (mid-month, 730 h each): the whole program's structure at a fraction
    /// of the hourly size, so the fuzzer runs many inputs a second.
    static let monthly: TimeSlices = {
        let firstDay = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]
        let steps = (0..<12).map { TimeStep(hour: (firstDay[$0] + 14) * 24 + 12, weight: 730, month: $0 + 1) }
        return TimeSlices(steps: steps, blocks: [0..<12])
    }()

    static func run(_ data: Data, file: Int) {
        let name = files[file % files.count]
        let url = fixture.appendingPathComponent(name)
        let original = try? Data(contentsOf: url)
        defer { if let original { try? original.write(to: url) } }
        guard (try? data.write(to: url)) != nil else { return }
        let model = fixture.appendingPathComponent("model"), inputs = fixture.appendingPathComponent("inputs")
        guard CaseLoader.validate(model: model, inputs: inputs).isEmpty,
              let system = try? CaseLoader.load(model: model, inputs: inputs) else { return }
        // A loaded case must give a program the LP validator accepts (the magnitude ceilings
        // keep every number below 1e15), for the first period, on twelve monthly steps.
        guard let year = system.periods.first?.year,
              let lp = try? EnergyLP.build(system, options: FormulationOptions(time: monthly, periodYears: [year])) else { return }
        let issues = lp.program.issues()
        if !issues.isEmpty {
            fatalError("a loaded case gave an invalid program: \(issues.prefix(3))")
        }
    }
}
