/// A dense matrix of `Double` values stored in column-major order.
///
/// Column-major means element `(row, column)` lives at `elements[column * rows + row]`, the
/// layout LAPACK uses with `LAPACK_COL_MAJOR`. Matrices may have zero rows or columns;
/// routines that call LAPACK reject empty matrices with ``StatisticsError/empty(rows:columns:)``.
/// No LAPACK routine is used by this type itself.
public struct Matrix: Sendable, Equatable {
    /// The number of rows.
    public let rows: Int
    /// The number of columns.
    public let columns: Int
    /// The entries in column-major order; `elements.count == rows * columns`.
    public private(set) var elements: [Double]

    /// Creates a matrix with every entry equal to `value`.
    ///
    /// - Precondition: `rows >= 0`, `columns >= 0`, and `rows * columns` does not overflow.
    public init(rows: Int, columns: Int, repeating value: Double) {
        precondition(rows >= 0 && columns >= 0, "Matrix dimensions must be non-negative")
        let (count, overflow) = rows.multipliedReportingOverflow(by: columns)
        precondition(!overflow, "Matrix dimensions overflow Int")
        self.rows = rows
        self.columns = columns
        self.elements = [Double](repeating: value, count: count)
    }

    /// Creates a matrix from its entries in column-major order.
    ///
    /// - Throws: ``StatisticsError/countMismatch(expected:actual:)`` when
    ///   `columnMajor.count != rows * columns`, and ``StatisticsError/invalidDimensions(rows:columns:)``
    ///   when a dimension is negative or their product overflows.
    public init(rows: Int, columns: Int, columnMajor: [Double]) throws(StatisticsError) {
        guard rows >= 0, columns >= 0 else {
            throw .invalidDimensions(rows: rows, columns: columns)
        }
        let (count, overflow) = rows.multipliedReportingOverflow(by: columns)
        guard !overflow else {
            throw .invalidDimensions(rows: rows, columns: columns)
        }
        guard columnMajor.count == count else {
            throw .countMismatch(expected: count, actual: columnMajor.count)
        }
        self.rows = rows
        self.columns = columns
        self.elements = columnMajor
    }

    /// Creates a matrix from a row-major array of rows, the way matrices are written on paper.
    ///
    /// `Matrix(rows: [[1, 2], [3, 4]])` has first row `[1, 2]`. An empty array gives a 0 × 0
    /// matrix; `[[]]` gives a 1 × 0 matrix.
    ///
    /// - Throws: ``StatisticsError/raggedRows(row:expectedCount:actualCount:)`` when the rows
    ///   differ in length.
    public init(rows: [[Double]]) throws(StatisticsError) {
        let rowCount = rows.count
        let columnCount = rows.first?.count ?? 0
        for (index, row) in rows.enumerated() where row.count != columnCount {
            throw .raggedRows(row: index, expectedCount: columnCount, actualCount: row.count)
        }
        var elements = [Double](repeating: 0, count: rowCount * columnCount)
        for (i, row) in rows.enumerated() {
            for (j, value) in row.enumerated() {
                elements[j * rowCount + i] = value
            }
        }
        self.rows = rowCount
        self.columns = columnCount
        self.elements = elements
    }

    /// Creates a single-column matrix (a column vector) from `vector`.
    public init(column vector: [Double]) {
        self.rows = vector.count
        self.columns = 1
        self.elements = vector
    }

    /// The `n` × `n` identity matrix.
    ///
    /// - Precondition: `n >= 0`.
    public static func identity(_ n: Int) -> Matrix {
        var result = Matrix(rows: n, columns: n, repeating: 0)
        for i in 0..<n {
            result.elements[i * n + i] = 1
        }
        return result
    }

    /// Accesses the entry in the given row and column (both zero-based).
    ///
    /// - Precondition: `0 <= row < rows` and `0 <= column < columns`.
    public subscript(row: Int, column: Int) -> Double {
        get {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns, "Matrix index out of range")
            return elements[column * rows + row]
        }
        set {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns, "Matrix index out of range")
            elements[column * rows + row] = newValue
        }
    }

    /// Returns the entries of one column (zero-based) as an array.
    ///
    /// - Precondition: `0 <= index < columns`.
    public func column(_ index: Int) -> [Double] {
        precondition(index >= 0 && index < columns, "Matrix column index out of range")
        let start = index * rows
        return Array(elements[start..<(start + rows)])
    }

    /// Returns the entries of one row (zero-based) as an array.
    ///
    /// - Precondition: `0 <= index < rows`.
    public func row(_ index: Int) -> [Double] {
        precondition(index >= 0 && index < rows, "Matrix row index out of range")
        var result: [Double] = []
        result.reserveCapacity(columns)
        for j in 0..<columns {
            result.append(elements[j * rows + index])
        }
        return result
    }

    /// The rows as a row-major array of arrays, the inverse of ``init(rows:)``.
    public var rowArrays: [[Double]] {
        (0..<rows).map { row($0) }
    }
}
