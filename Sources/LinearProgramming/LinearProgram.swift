/// A linear program as a plain value: named variables with bounds and costs, sparse rows with
/// bounds, and an objective with a constant term.
///
/// Storage is contiguous (parallel arrays, the matrix as coordinate triplets), so building a
/// program with a million non-zeros allocates a handful of arrays, not a million objects.
/// Terms may be added to any row at any time; repeated `(row, variable)` pairs are allowed and
/// are **summed** when the program is handed to a solver or written to a file.
///
/// Nothing is checked while building (that keeps the hot path cheap); ``validate()`` checks
/// everything at once, and every solver and file writer calls it before touching GLPK.
public struct LinearProgram: Sendable, Equatable {
    /// The program's name (used in LP and MPS files).
    public var name: String
    /// Whether the objective is minimised or maximised.
    public var sense: ObjectiveSense
    /// The constant term of the objective, included in every reported objective value.
    public var objectiveConstant: Double

    /// Variable names, indexed by ``Variable/index``.
    public internal(set) var variableNames: [String] = []
    /// Variable lower bounds (`-infinity` for none).
    public internal(set) var variableLower: [Double] = []
    /// Variable upper bounds (`+infinity` for none).
    public internal(set) var variableUpper: [Double] = []
    /// Objective coefficients, one per variable.
    public internal(set) var objective: [Double] = []

    /// Row names, indexed by ``Row/index``.
    public internal(set) var rowNames: [String] = []
    /// Row lower bounds (`-infinity` for none).
    public internal(set) var rowLower: [Double] = []
    /// Row upper bounds (`+infinity` for none).
    public internal(set) var rowUpper: [Double] = []

    /// Row index of each matrix entry (coordinate format, in insertion order).
    public internal(set) var entryRows: [Int] = []
    /// Variable index of each matrix entry.
    public internal(set) var entryVariables: [Int] = []
    /// Coefficient of each matrix entry.
    public internal(set) var entryCoefficients: [Double] = []

    /// Creates an empty program.
    public init(name: String = "", sense: ObjectiveSense = .minimize, objectiveConstant: Double = 0) {
        self.name = name
        self.sense = sense
        self.objectiveConstant = objectiveConstant
    }

    /// The number of variables (columns).
    public var variableCount: Int { variableNames.count }
    /// The number of rows (constraints).
    public var rowCount: Int { rowNames.count }
    /// The number of stored matrix entries, before duplicates are merged.
    public var entryCount: Int { entryCoefficients.count }

    /// Reserves storage for the given sizes, to avoid regrowth while building large programs.
    public mutating func reserveCapacity(variables: Int, rows: Int, entries: Int) {
        variableNames.reserveCapacity(variables)
        variableLower.reserveCapacity(variables)
        variableUpper.reserveCapacity(variables)
        objective.reserveCapacity(variables)
        rowNames.reserveCapacity(rows)
        rowLower.reserveCapacity(rows)
        rowUpper.reserveCapacity(rows)
        entryRows.reserveCapacity(entries)
        entryVariables.reserveCapacity(entries)
        entryCoefficients.reserveCapacity(entries)
    }

    /// Adds a variable and returns its handle.
    ///
    /// - Parameters:
    ///   - name: a name of at most 255 bytes without control characters (checked by ``validate()``).
    ///   - bounds: the variable's bounds; non-negative by default.
    ///   - cost: its objective coefficient.
    @discardableResult
    public mutating func addVariable(_ name: String, bounds: Bounds = .atLeast(0), cost: Double = 0) -> Variable {
        let index = variableNames.count
        variableNames.append(name)
        variableLower.append(bounds.lower)
        variableUpper.append(bounds.upper)
        objective.append(cost)
        return Variable(index: index)
    }

    /// Adds a row `bounds.lower ≤ Σ terms ≤ bounds.upper` and returns its handle.
    @discardableResult
    public mutating func addRow(_ name: String, _ terms: [Term] = [], _ bounds: Bounds) -> Row {
        let row = Row(index: rowNames.count)
        rowNames.append(name)
        rowLower.append(bounds.lower)
        rowUpper.append(bounds.upper)
        for term in terms {
            entryRows.append(row.index)
            entryVariables.append(term.variable.index)
            entryCoefficients.append(term.coefficient)
        }
        return row
    }

    /// Adds `coefficient · variable` to a row. A repeated pair is summed when the program is solved.
    public mutating func addTerm(_ coefficient: Double, _ variable: Variable, to row: Row) {
        entryRows.append(row.index)
        entryVariables.append(variable.index)
        entryCoefficients.append(coefficient)
    }

    /// Replaces a variable's bounds.
    public mutating func setBounds(_ bounds: Bounds, for variable: Variable) {
        variableLower[variable.index] = bounds.lower
        variableUpper[variable.index] = bounds.upper
    }

    /// Replaces a row's bounds (its right-hand side).
    public mutating func setBounds(_ bounds: Bounds, for row: Row) {
        rowLower[row.index] = bounds.lower
        rowUpper[row.index] = bounds.upper
    }

    /// Replaces a variable's objective coefficient.
    public mutating func setCost(_ cost: Double, for variable: Variable) {
        objective[variable.index] = cost
    }

    /// The bounds of a variable.
    public func bounds(of variable: Variable) -> Bounds {
        Bounds(lower: variableLower[variable.index], upper: variableUpper[variable.index])
    }

    /// The bounds of a row.
    public func bounds(of row: Row) -> Bounds {
        Bounds(lower: rowLower[row.index], upper: rowUpper[row.index])
    }

    /// The handle of the first variable with this name, if any (a linear search).
    public func variable(named name: String) -> Variable? {
        variableNames.firstIndex(of: name).map(Variable.init(index:))
    }

    /// The handle of the first row with this name, if any (a linear search).
    public func row(named name: String) -> Row? {
        rowNames.firstIndex(of: name).map(Row.init(index:))
    }
}

/// Whether the objective is minimised or maximised.
public enum ObjectiveSense: String, Sendable, Hashable, Codable {
    /// Minimise the objective.
    case minimize
    /// Maximise the objective.
    case maximize
}

/// A handle to a variable (column) of a ``LinearProgram``.
public struct Variable: Sendable, Hashable, Comparable {
    /// The 0-based column index.
    public let index: Int
    /// Creates a handle for a 0-based column index.
    public init(index: Int) { self.index = index }
    /// Orders handles by index.
    public static func < (a: Variable, b: Variable) -> Bool { a.index < b.index }
}

/// A handle to a row (constraint) of a ``LinearProgram``.
public struct Row: Sendable, Hashable, Comparable {
    /// The 0-based row index.
    public let index: Int
    /// Creates a handle for a 0-based row index.
    public init(index: Int) { self.index = index }
    /// Orders handles by index.
    public static func < (a: Row, b: Row) -> Bool { a.index < b.index }
}

/// One term `coefficient · variable` of a row.
public struct Term: Sendable, Hashable {
    /// The coefficient.
    public var coefficient: Double
    /// The variable.
    public var variable: Variable
    /// Creates a term.
    public init(_ coefficient: Double, _ variable: Variable) {
        self.coefficient = coefficient
        self.variable = variable
    }
}

/// `c * x` builds the term `c·x`.
public func * (coefficient: Double, variable: Variable) -> Term {
    Term(coefficient, variable)
}

/// The bounds of a variable or a row: `lower ≤ value ≤ upper`, with infinities for missing sides.
public enum Bounds: Sendable, Hashable {
    /// No bound on either side.
    case free
    /// `value ≥ lower`.
    case atLeast(Double)
    /// `value ≤ upper`.
    case atMost(Double)
    /// `lower ≤ value ≤ upper` (a ranged row).
    case between(Double, Double)
    /// `value = v`.
    case fixed(Double)

    /// Creates bounds from two sides, where `-infinity`/`+infinity` mean "no bound".
    public init(lower: Double, upper: Double) {
        switch (lower == -.infinity, upper == .infinity) {
        case (true, true): self = .free
        case (false, true): self = .atLeast(lower)
        case (true, false): self = .atMost(upper)
        case (false, false): self = lower == upper ? .fixed(lower) : .between(lower, upper)
        }
    }

    /// The lower side (`-infinity` when there is none).
    public var lower: Double {
        switch self {
        case .free, .atMost: -.infinity
        case .atLeast(let l), .between(let l, _), .fixed(let l): l
        }
    }

    /// The upper side (`+infinity` when there is none).
    public var upper: Double {
        switch self {
        case .free, .atLeast: .infinity
        case .atMost(let u), .between(_, let u), .fixed(let u): u
        }
    }
}
