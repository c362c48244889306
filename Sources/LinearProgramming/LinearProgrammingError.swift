/// An error from building, solving, reading or writing a linear program: always bad input or an
/// unusable file, never an infeasible or unbounded program (those are ``SolveStatus`` values).
public enum LinearProgrammingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The program failed ``LinearProgram/validate()``; every problem found is listed.
    case invalidProgram([ProgramIssue])
    /// A file to read does not exist.
    case fileNotFound(path: String)
    /// A file exists but cannot be read (permissions, a directory, not UTF-8 ...).
    case unreadableFile(path: String, reason: String)
    /// A file could be read but is not a valid LP or MPS file.
    case malformedFile(path: String, format: FileFormat, line: Int?, message: String)
    /// An output file could not be written; nothing was left at the destination.
    case writeFailed(path: String, reason: String)
    /// An update to a live solver session was invalid (the session is unchanged).
    case invalidUpdate(String)
    /// Solver options out of range (a negative time limit, a tolerance of 0 ...).
    case invalidOptions(String)

    /// A message for people: what is wrong, where, and what to do.
    public var description: String {
        switch self {
        case .invalidProgram(let issues):
            let shown = issues.prefix(20).map { "  - \($0)" }.joined(separator: "\n")
            let more = issues.count > 20 ? "\n  ... and \(issues.count - 20) more" : ""
            return "invalid linear program (\(issues.count) problem\(issues.count == 1 ? "" : "s")):\n\(shown)\(more)"
        case .fileNotFound(let path):
            return "\(path): no such file. Check the path."
        case .unreadableFile(let path, let reason):
            return "\(path): cannot read the file: \(reason)."
        case .malformedFile(let path, let format, let line, let message):
            let place = line.map { "\(path):\($0)" } ?? path
            return "\(place): not a valid \(format.displayName) file: \(message)"
        case .writeFailed(let path, let reason):
            return "\(path): cannot write the file: \(reason). Nothing was written there."
        case .invalidUpdate(let message):
            return "invalid update: \(message)"
        case .invalidOptions(let message):
            return "invalid solver options: \(message)"
        }
    }
}

/// One problem that ``LinearProgram/validate()`` found.
public enum ProgramIssue: Sendable, Hashable, CustomStringConvertible {
    /// Whether an issue is about a variable (column) or a row.
    public enum Place: String, Sendable, Hashable {
        /// A variable (column).
        case variable
        /// A row (constraint).
        case row
    }

    /// The program has no variables; GLPK cannot take an empty problem.
    case noVariables
    /// More rows, columns or entries than GLPK's 32-bit indices can hold.
    case tooLarge(what: String, count: Int)
    /// A matrix entry names a variable that does not exist.
    case variableIndexOutOfRange(entry: Int, index: Int, variableCount: Int)
    /// A matrix entry names a row that does not exist.
    case rowIndexOutOfRange(entry: Int, index: Int, rowCount: Int)
    /// A matrix coefficient is NaN or infinite.
    case nonFiniteCoefficient(row: String, variable: String, value: Double)
    /// An objective coefficient is NaN or infinite.
    case nonFiniteCost(variable: String, value: Double)
    /// The objective constant is NaN or infinite.
    case nonFiniteObjectiveConstant(Double)
    /// A bound is NaN, or an infinity on the wrong side.
    case invalidBound(Place, name: String, lower: Double, upper: Double)
    /// The lower bound exceeds the upper bound.
    case lowerAboveUpper(Place, name: String, lower: Double, upper: Double)
    /// A name is longer than GLPK's 255 bytes.
    case nameTooLong(Place?, index: Int, length: Int)
    /// A name contains a control character, which GLPK refuses.
    case nameHasControlCharacter(Place?, index: Int)
    /// Two variables or two rows share a name.
    case duplicateName(Place, name: String, first: Int, second: Int)
    /// A finite number of ``LinearProgram/largestMagnitude`` (1e15) or more, or a non-zero
    /// coefficient below ``LinearProgram/smallestCoefficient`` (1e-15): outside what GLPK's
    /// double-precision simplex computes reliably. `what` names the place.
    case outOfRange(String, value: Double)

    /// A message for people.
    public var description: String {
        switch self {
        case .noVariables:
            return "the program has no variables; add at least one"
        case .tooLarge(let what, let count):
            return "\(count) \(what) exceed GLPK's limit of \(Int32.max)"
        case .variableIndexOutOfRange(let entry, let index, let count):
            return "matrix entry \(entry) refers to variable \(index), but there are \(count) variables"
        case .rowIndexOutOfRange(let entry, let index, let count):
            return "matrix entry \(entry) refers to row \(index), but there are \(count) rows"
        case .nonFiniteCoefficient(let row, let variable, let value):
            return "row '\(row)': coefficient of '\(variable)' is \(value); coefficients must be finite numbers"
        case .nonFiniteCost(let variable, let value):
            return "variable '\(variable)': objective coefficient is \(value); costs must be finite numbers"
        case .nonFiniteObjectiveConstant(let value):
            return "the objective constant is \(value); it must be a finite number"
        case .invalidBound(let place, let name, let lower, let upper):
            return "\(place.rawValue) '\(name)': bounds [\(lower), \(upper)] are not valid; use finite numbers, -infinity only as a lower and +infinity only as an upper bound"
        case .lowerAboveUpper(let place, let name, let lower, let upper):
            return "\(place.rawValue) '\(name)': lower bound \(lower) is above upper bound \(upper)"
        case .nameTooLong(let place, let index, let length):
            return "\(place?.rawValue ?? "program") name #\(index) is \(length) bytes long; GLPK allows at most 255"
        case .nameHasControlCharacter(let place, let index):
            return "\(place?.rawValue ?? "program") name #\(index) contains a control character; use printable characters only"
        case .duplicateName(let place, let name, let first, let second):
            return "\(place.rawValue)s #\(first) and #\(second) are both named '\(name)'; names must be unique"
        case .outOfRange(let what, let value):
            return "\(what) is \(value); numbers must be below 1e15 in magnitude and non-zero coefficients at least 1e-15 "
                + "(GLPK computes in double precision); rescale the program (change its units)"
        }
    }
}

/// A file format for linear programs.
public enum FileFormat: String, Sendable, Hashable, CaseIterable, Codable {
    /// CPLEX LP format (`.lp`).
    case cplexLP = "lp"
    /// Free MPS format (`.mps`), with an `OBJSENSE` section for maximisation.
    case freeMPS = "mps"

    /// A name for messages.
    public var displayName: String {
        switch self {
        case .cplexLP: "CPLEX LP"
        case .freeMPS: "free MPS"
        }
    }

    /// The format that a file name's extension implies, if it implies one.
    public init?(path: String) {
        let lower = path.lowercased()
        if lower.hasSuffix(".lp") {
            self = .cplexLP
        } else if lower.hasSuffix(".mps") {
            self = .freeMPS
        } else {
            return nil
        }
    }
}
