/// An error thrown by the Statistics module instead of passing bad input to LAPACK.
///
/// Every routine in the module validates its arguments in Swift before calling LAPACK,
/// because the reference LAPACK aborts the process (via `XERBLA`) or silently misbehaves
/// on bad arguments. Row, column and component indices in the cases are zero-based;
/// `leadingMinorOrder` is a one-based order, as LAPACK reports it.
public enum StatisticsError: Error, Equatable, Sendable {
    /// A matrix or vector that must be non-empty has no rows or no columns.
    case empty(rows: Int, columns: Int)
    /// Matrix dimensions are negative or their product overflows `Int`.
    case invalidDimensions(rows: Int, columns: Int)
    /// The rows given to `Matrix(rows:)` do not all have the same length.
    case raggedRows(row: Int, expectedCount: Int, actualCount: Int)
    /// An array's length does not match the length the other arguments require.
    case countMismatch(expected: Int, actual: Int)
    /// Two matrices (or a matrix and a vector) have incompatible dimensions for the operation.
    case dimensionMismatch(leftRows: Int, leftColumns: Int, rightRows: Int, rightColumns: Int)
    /// A matrix entry is NaN or infinite.
    case nonFiniteEntry(row: Int, column: Int)
    /// A vector element is NaN or infinite.
    case nonFiniteElement(index: Int)
    /// A size does not fit LAPACK's 32-bit integer type (`lapack_int`).
    case sizeTooLarge(Int)
    /// A square matrix was required.
    case notSquare(rows: Int, columns: Int)
    /// A symmetric matrix was required; `a[row, column]` and `a[column, row]` differ by more
    /// than the tolerance allows.
    case notSymmetric(row: Int, column: Int)
    /// The leading minor of this (one-based) order is not positive definite (`dpotrf` info > 0).
    case notPositiveDefinite(leadingMinorOrder: Int)
    /// A least-squares problem has fewer observations (rows) than coefficients (columns).
    case underdetermined(rows: Int, columns: Int)
    /// The design matrix is rank deficient: this column is (numerically) a linear combination
    /// of the columns before it.
    case rankDeficient(column: Int)
    /// A component has exactly zero variance but a nonzero covariance with another component,
    /// so the covariance matrix is not positive semidefinite.
    case zeroVarianceWithNonzeroCovariance(component: Int, otherComponent: Int)
    /// A standard deviation is negative.
    case negativeStandardDeviation(index: Int)
    /// A correlation matrix has a diagonal entry that is not 1 (within the tolerance).
    case correlationDiagonalNotOne(index: Int)
    /// A correlation matrix has an entry outside [-1, 1].
    case correlationOutOfRange(row: Int, column: Int)
    /// A tolerance argument is negative or not finite.
    case invalidTolerance(Double)
    /// A xoshiro256** state of four zero words was given; the generator would output zero forever.
    case zeroGeneratorState
    /// A count argument is negative.
    case negativeCount(Int)
    /// LAPACK reported an illegal argument (info < 0) despite validation; this is a bug in
    /// the Statistics module.
    case lapackRejectedArgument(routine: String, position: Int)
}
