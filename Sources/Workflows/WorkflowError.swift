import EnergyModel
import Interop
import LinearProgramming
import Reporting
import Scenarios

/// Why a run stopped before it had a result, with every problem as a value. The library never
/// prints; ``description`` is the text a front end shows (one problem a line), ``exitCode`` the
/// documented exit code.
public enum WorkflowError: Error, Sendable, CustomStringConvertible {
    /// The case does not load: every problem, file:line: message.
    case invalidCase([CaseIssue])
    /// The PyPSA network does not import: every problem.
    case invalidNetwork([PyPSAError.Problem])
    /// The scenario library of the inputs does not read.
    case invalidScenarios(ScenarioError)
    /// A scenario is unknown or cannot be applied.
    case scenario(ScenarioError)
    /// The case has its own snapshots, but a resolution was asked for.
    case ownSnapshots(requested: Resolution)
    /// Representative days cannot be chosen.
    case timeAggregation(TimeAggregationError)
    /// The formulation cannot use the data.
    case formulation(FormulationError)
    /// The linear program is invalid, or a program file cannot be read or written.
    case linearProgramming(LinearProgrammingError)
    /// Any other error of the optimiser.
    case optimization(String)
    /// `--method benders` cannot decompose the run (its mode, or a row across periods).
    case decomposition(String)
    /// A year that is not a period of the case (nil: the case has no periods).
    case notAPeriod(Int?, periodsFile: String, periods: [Int])
    /// The observed generation of a back-cast does not read.
    case observations(Backcast.ObservationError)
    /// A robust plan's solve did not reach optimality.
    case robust(String)
    /// Member probabilities that are not `count` non-negative numbers summing to 1.
    case probabilities(count: Int)
    /// A run folder cannot be created or written.
    case runFolder(RunFolderError)
    /// A finished run folder cannot be read.
    case runDirectory(RunDirectoryError)
    /// An output file cannot be written (path and reason).
    case cannotWrite(String)
    /// Results could not be encoded (JSON, CSV): a bug, not bad input.
    case encoding(String)
    /// Shard folders that cannot be merged, or a shard that cannot be told (`--shard auto`): every problem.
    case shards(String)

    /// The message lines, as printed on standard error.
    public var description: String {
        switch self {
        case .invalidCase(let issues):
            (issues.map(\.description) + ["\(issues.count) problem(s) found; nothing was run"]).joined(separator: "\n")
        case .invalidNetwork(let problems):
            (problems.map(\.description) + ["\(problems.count) problem(s) found; nothing was run"]).joined(separator: "\n")
        case .invalidScenarios(let error):
            error.description + "\n\(error.issues.count) problem(s) in the scenarios; nothing was run"
        case .scenario(let error): error.description
        case .ownSnapshots(let requested):
            "error: this case has its own snapshots (snapshots.csv); leave out --resolution \(requested)"
        case .timeAggregation(let error): "error: \(error)"
        case .formulation(let error): "error: \(error)"
        case .linearProgramming(let error): "error: \(error)"
        case .optimization(let message): "error: \(message)"
        case .decomposition(let message): "error: \(message)"
        case .notAPeriod(let year, let file, let periods):
            "error: \(year.map(String.init) ?? "the first period") is not a period of \(file); "
                + "periods: \(periods.map(String.init).joined(separator: ", "))"
        case .observations(let error): error.description
        case .robust(let message): "error: \(message)"
        case .probabilities(let count): "error: --probabilities needs \(count) non-negative numbers (base first) that sum to 1"
        case .runFolder(let error): "error: \(error)"
        case .runDirectory(let error): "error: \(error)"
        case .cannotWrite(let message): "error: \(message)"
        case .encoding(let message): "error: \(message)"
        case .shards(let message): message.split(separator: "\n").map { "error: \($0)" }.joined(separator: "\n")
        }
    }

    /// The exit code (docs/CLI.md): 73 when output cannot be written, 1 when a robust solve
    /// failed or results cannot be encoded, else 2 (bad input).
    public var exitCode: Int32 {
        switch self {
        case .linearProgramming(let error): ExitStatus.of(error)
        case .runFolder, .cannotWrite: ExitStatus.cannotWrite
        case .encoding, .robust: ExitStatus.solverError
        default: ExitStatus.badInput
        }
    }
}

extension WorkflowError {
    /// A failed optimisation in the workflow's terms: a formulation or solver error as itself,
    /// a workflow error unchanged, anything else as ``optimization(_:)``.
    init(solving error: any Error) {
        switch error {
        case let error as WorkflowError: self = error
        case let error as FormulationError: self = .formulation(error)
        case let error as LinearProgrammingError: self = .linearProgramming(error)
        default: self = .optimization(String(describing: error))
        }
    }
}
