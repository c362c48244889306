/// Cholesky factorisation with LAPACK's `dpotrf`.
extension Matrix {
    /// The default relative tolerance of the symmetry check, 1e-12 (see ``validateSymmetric(tolerance:)``).
    public static let defaultSymmetryTolerance: Double = 1e-12

    /// Returns the lower-triangular Cholesky factor L with `self == L × Lᵀ`, using LAPACK's
    /// `dpotrf` (lower triangle, column-major).
    ///
    /// The strict upper triangle of the result is zero (`dpotrf` itself leaves it untouched).
    /// Symmetry is checked first with ``validateSymmetric(tolerance:)``; within that tolerance
    /// only the lower triangle is used.
    ///
    /// - Parameter symmetryTolerance: The relative tolerance of the symmetry check.
    /// - Throws: ``StatisticsError/empty(rows:columns:)`` for a 0 × 0 matrix,
    ///   ``StatisticsError/notSquare(rows:columns:)``, ``StatisticsError/nonFiniteEntry(row:column:)``,
    ///   ``StatisticsError/notSymmetric(row:column:)``, and
    ///   ``StatisticsError/notPositiveDefinite(leadingMinorOrder:)`` naming the (one-based)
    ///   order of the first leading minor that is not positive definite.
    public func choleskyFactor(symmetryTolerance: Double = Matrix.defaultSymmetryTolerance) throws(StatisticsError) -> Matrix {
        guard rows == columns else { throw .notSquare(rows: rows, columns: columns) }
        try LAPACK.requireNonEmpty(rows: rows, columns: columns)
        try validateFinite()
        try validateSymmetric(tolerance: symmetryTolerance)
        var factor = elements
        let info = try LAPACK.dpotrf(lower: &factor, order: rows)
        if info > 0 { throw .notPositiveDefinite(leadingMinorOrder: info) }
        for j in 1..<Swift.max(columns, 1) {
            for i in 0..<j {
                factor[j * rows + i] = 0
            }
        }
        return (try? Matrix(rows: rows, columns: columns, columnMajor: factor))!
    }
}
