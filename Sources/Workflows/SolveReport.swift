import Foundation
import LinearProgramming
import Reporting
import Statistics

/// What `bijli lp solve` prints: the same facts as text or JSON (schema in docs/CLI.md).
/// Holds no timestamps or timings, so the same input gives the same bytes (see ``SolveRecord``).
public struct SolveReport: Encodable, Sendable {
    /// A variable's value and reduced cost.
    public struct VariableValue: Encodable, Sendable {
        let name: String
        let value: Double
        let reducedCost: Double
    }

    /// A row's activity and dual.
    public struct RowValue: Encodable, Sendable {
        let name: String
        let activity: Double
        let dual: Double
    }

    /// Every value of a solution.
    public struct Values: Encodable, Sendable {
        let variables: [VariableValue]
        let rows: [RowValue]
    }

    let schemaVersion = 1
    let file: String
    let name: String
    let sense: String
    let method: String
    let presolve: Bool
    let status: SolveStatus.Code
    let statusMessage: String
    let objective: JSONNumber
    let rows: Int
    let variables: Int
    let nonzeros: Int
    let iterations: Int
    let fallbacks: [String]
    let solution: Values?

    /// The report of a solve; `includeValues` adds every variable and row.
    public init(file: String, program: LinearProgram, options: SolverOptions, result: SolveResult, includeValues: Bool) {
        self.file = file
        name = program.name
        sense = program.sense.rawValue
        method = result.method.rawValue
        presolve = options.presolve && result.method.isSimplex
        status = result.status.code
        statusMessage = result.status.description
        objective = JSONNumber(result.objective)
        rows = program.rowCount
        variables = program.variableCount
        nonzeros = program.entryCount
        iterations = result.iterations
        fallbacks = result.fallbacks
        if includeValues, let s = result.solution {
            solution = Values(
                variables: program.variableNames.indices.map {
                    VariableValue(name: program.variableNames[$0], value: s.values[$0], reducedCost: s.reducedCosts[$0])
                },
                rows: program.rowNames.indices.map {
                    RowValue(name: program.rowNames[$0], activity: s.rowActivities[$0], dual: s.rowDuals[$0])
                })
        } else {
            solution = nil
        }
    }

    /// The report as JSON (snake-case keys, sorted).
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return try encoder.encode(self)
    }

    /// The report as aligned text.
    public var text: String {
        var lines = [
            "file        \(file)",
            "problem     \(name.isEmpty ? "(unnamed)" : name): \(sense), \(rows) rows, \(variables) variables, \(nonzeros) non-zeros",
            "method      \(method)\(method == "interior" ? "" : presolve ? ", presolve on" : ", presolve off")",
            "status      \(statusMessage)",
            "objective   \(objective.value.map(Self.number) ?? "none")",
            "iterations  \(iterations)",
        ] + fallbacks.map { "fallback    \($0)" }
        if let solution {
            let width = max(8, (solution.variables.map(\.name.count) + solution.rows.map(\.name.count)).max() ?? 0)
            lines.append("")
            lines.append(Self.pad("variable", width) + "  " + Self.pad("value", 18) + "  reduced cost")
            for v in solution.variables {
                lines.append(Self.pad(v.name, width) + "  " + Self.pad(Self.number(v.value), 18) + "  " + Self.number(v.reducedCost))
            }
            lines.append("")
            lines.append(Self.pad("row", width) + "  " + Self.pad("activity", 18) + "  dual")
            for r in solution.rows {
                lines.append(Self.pad(r.name, width) + "  " + Self.pad(Self.number(r.activity), 18) + "  " + Self.number(r.dual))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Twelve significant digits: enough to compare with a paper, stable across runs.
    public static func number(_ x: Double) -> String {
        let rounded = abs(x) < 1e-12 ? 0 : x
        return String(format: "%.12g", rounded)
    }

    private static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
    }
}

/// The provenance of one `bijli lp solve` run (`run.json`): when, with what, how long.
public struct SolveRecord: Encodable, Sendable {
    let bijliVersion = BijliVersion.current
    let glpkVersion = GLPKLibrary.version
    let lapackVersion = LAPACKVersion.current.description
    let file: String
    let fileBytes: Int?
    let method: String
    let presolve: Bool
    let timeLimitSeconds: Double?
    let iterationLimit: Int?
    let status: SolveStatus.Code
    let objective: JSONNumber
    let loadSeconds: Double
    let solveSeconds: Double
    let date: Date

    /// The record of a solve of `file` finished at `date`.
    public init(file: String, options: SolverOptions, result: SolveResult, date: Date) {
        self.file = file
        fileBytes = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? nil
        method = result.method.rawValue
        presolve = options.presolve
        timeLimitSeconds = options.timeLimitSeconds
        iterationLimit = options.iterationLimit
        status = result.status.code
        objective = JSONNumber(result.objective)
        loadSeconds = result.loadSeconds
        solveSeconds = result.solveSeconds
        self.date = date
    }

    /// The record as JSON (snake-case keys, sorted, ISO 8601 dates).
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(self)
    }
}

extension SolveReport {
    /// Writes the run folder of a solve under `root/lp/<file stem>/<run id>/` (never overwritten):
    /// `result.json`, `result.txt` (with every value), `solver.log` and `run.json`.
    public static func writeRunFolder(under root: URL, file: String, program: LinearProgram, options: SolverOptions,
                                      result: SolveResult) throws(WorkflowError) -> URL {
        let stem = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        let full = SolveReport(file: file, program: program, options: options, result: result, includeValues: true)
        let record = SolveRecord(file: file, options: options, result: result, date: Date())
        let files = try RunReports.encoding {
            ["result.json": try full.json(), "result.txt": Data(full.text.utf8), "solver.log": Data(result.log.utf8),
             "run.json": try record.json()]
        }
        return try RunReports.write(files, under: root.appendingPathComponent("lp").appendingPathComponent(stem), date: record.date)
    }
}

/// A number in JSON that is `null` when absent or not finite: never a string such as "inf"
/// (and never a missing key).
struct JSONNumber: Encodable, Sendable {
    /// The number, nil when absent or not finite.
    let value: Double?

    init(_ value: Double?) {
        self.value = value.flatMap { $0.isFinite ? $0 : nil }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let value { try container.encode(value) } else { try container.encodeNil() }
    }
}
