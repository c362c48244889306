import Foundation

/// The solution of a run a what-if departs from, kept to start the what-if from (issue 14's warm
/// start for programs the interior point solves, which GLPK cannot start from a point).
///
/// A what-if changes a few bounds, prices or limits of the program it departs from. When none of
/// the changes binds, the departed optimum is still optimal: its values still satisfy every row
/// and bound, and its duals are still dual feasible with the same objective on both sides. That is
/// exactly what ``LinearProgram/check(_:checkDuals:)`` verifies against the what-if's own program,
/// so the departed solution is the answer when it passes (to 1e-6, its gap to the accepted gap),
/// whatever program it came from; otherwise the what-if is solved as usual.
public struct DepartedSolution: Sendable, Equatable {
    /// The departed program's variable values, by column.
    public var values: [Double]
    /// Its row duals, by row.
    public var rowDuals: [Double]
    /// Where it came from, for the record (a run folder).
    public var source: String

    /// Creates a departed solution.
    public init(values: [Double], rowDuals: [Double], source: String) {
        self.values = values
        self.rowDuals = rowDuals
        self.source = source
    }

    /// The file form (`solution.bin` of a run folder, docs/FORMATS.md): the 8 bytes `BIJLISOL`,
    /// the column count n and row count m as little-endian 64-bit integers, then n values and m
    /// row duals as little-endian IEEE 754 doubles.
    public static func encode(_ solution: Solution) -> Data {
        var data = Data(magic)
        for count in [solution.values.count, solution.rowDuals.count] { withUnsafeBytes(of: UInt64(count).littleEndian) { data.append(contentsOf: $0) } }
        for value in solution.values + solution.rowDuals { withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        return data
    }

    /// Reads the file form; nil when the bytes are not one (a wrong header or length).
    public static func decode(_ data: Data, source: String) -> DepartedSolution? {
        let bytes = [UInt8](data)
        guard bytes.count >= 24, Array(bytes[0..<8]) == magic else { return nil }
        func word(_ offset: Int) -> UInt64 { (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[offset + $1]) << (8 * UInt64($1)) } }
        let (n, m) = (word(8), word(16))
        guard n < UInt64(Int32.max), m < UInt64(Int32.max), bytes.count == 24 + 8 * Int(n + m) else { return nil }
        let numbers = (0..<Int(n + m)).map { Double(bitPattern: word(24 + 8 * $0)) }
        return DepartedSolution(values: Array(numbers[0..<Int(n)]), rowDuals: Array(numbers[Int(n)...]), source: source)
    }

    private static let magic: [UInt8] = Array("BIJLISOL".utf8)

    /// The solution as the answer of `program`, when it is one: the same shape, and it passes the
    /// program's check with its gap within `gap`. Row activities and reduced costs are recomputed
    /// from the program; the objective is the program's at the values.
    public func answer(for program: LinearProgram, gap: Double) -> (Solution, SolutionCheck)? {
        guard values.count == program.variableCount, rowDuals.count == program.rowCount else { return nil }
        var activities = [Double](repeating: 0, count: program.rowCount)
        var reducedCosts = program.objective
        for k in 0..<program.entryCount {
            let (i, j, a) = (program.entryRows[k], program.entryVariables[k], program.entryCoefficients[k])
            activities[i] += a * values[j]
            reducedCosts[j] -= a * rowDuals[i]
        }
        let objective = zip(program.objective, values).reduce(program.objectiveConstant) { $0 + $1.0 * $1.1 }
        let solution = Solution(objective: objective, values: values, reducedCosts: reducedCosts, rowActivities: activities, rowDuals: rowDuals)
        let check = program.check(solution)
        return check.passed(gapTolerance: gap) ? (solution, check) : nil
    }
}

/// A solver that answers its first program by a ``DepartedSolution`` when that passes the
/// program's check, and otherwise, and for every later program, asks `inner`.
public final class DepartingSolver<Inner: ProgramSolver>: ProgramSolver {
    private let inner: Inner
    private var start: DepartedSolution?
    private let gap: Double
    private let method: SolverMethod

    /// Creates the solver; `method` is the one `inner` would use (for the record), `gap` the
    /// accepted gap (``SolverOptions/acceptanceGap``).
    public init(_ inner: Inner, start: DepartedSolution?, gap: Double, method: SolverMethod) {
        self.inner = inner
        self.start = start
        self.gap = gap
        self.method = method
    }

    public func solve(_ program: LinearProgram) throws(LinearProgrammingError) -> SolveResult {
        guard let start else { return try inner.solve(program) }
        self.start = nil
        let clock = ContinuousClock(), begin = clock.now
        guard let (solution, check) = start.answer(for: program, gap: gap) else {
            var result = try inner.solve(program)
            result.log = "Bijli: the solution of \(start.source) does not pass this program's check; solved\n" + result.log
            return result
        }
        let seconds = (clock.now - begin).seconds
        let summary = "the solution of \(start.source) passes this program's check (\(check.summary)): optimal without a solve"
        var result = SolveResult(status: .optimal, solution: solution, method: method, iterations: 0, solveSeconds: seconds,
                                 loadSeconds: 0, log: "Bijli: " + summary + "\n", returnCodes: [])
        result.path = [SolveStep(kind: .departedSolution, method: method, presolve: false, status: .optimal, iterations: 0,
                                 seconds: seconds, summary: summary)]
        result.check = check
        return result
    }
}
