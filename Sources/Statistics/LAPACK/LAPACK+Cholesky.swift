internal import CLAPACK

extension LAPACK {
    /// Cholesky-factorises a symmetric matrix in place with `LAPACKE_dpotrf`
    /// (`LAPACK_COL_MAJOR`, `uplo = "L"`).
    ///
    /// Only the lower triangle of `a` is read; on success it holds L and the strict upper
    /// triangle is left untouched. Returns `info` when it is ≥ 0 (info > 0: the leading minor
    /// of that order is not positive definite).
    ///
    /// - Throws: when `order < 1`, it does not fit Int32, `a` has the wrong length, `a` is not
    ///   finite, or LAPACK reports an illegal argument.
    static func dpotrf(lower a: inout [Double], order: Int) throws(StatisticsError) -> Int {
        let (n, lda) = try squareArguments(a, order: order)

        let info: Int32 = a.withUnsafeMutableBufferPointer { buffer in
            LAPACKE_dpotrf(columnMajor, character("L"), n, buffer.baseAddress, lda)
        }
        try checkIllegalArgument(info, routine: "dpotrf")
        return Int(info)
    }

    /// Computes (UᵀU)⁻¹ from an upper-triangular factor U in place with `LAPACKE_dpotri`
    /// (`LAPACK_COL_MAJOR`, `uplo = "U"`).
    ///
    /// Only the upper triangle of `u` is read and written. Returns `info` when it is ≥ 0
    /// (info > 0: `U[info-1, info-1]` is exactly zero).
    ///
    /// - Throws: when `order < 1`, it does not fit Int32, `u` has the wrong length, `u` is not
    ///   finite, or LAPACK reports an illegal argument.
    static func dpotri(upper u: inout [Double], order: Int) throws(StatisticsError) -> Int {
        let (n, lda) = try squareArguments(u, order: order)

        let info: Int32 = u.withUnsafeMutableBufferPointer { buffer in
            LAPACKE_dpotri(columnMajor, character("U"), n, buffer.baseAddress, lda)
        }
        try checkIllegalArgument(info, routine: "dpotri")
        return Int(info)
    }

    /// Checks a column-major square matrix of `order` for LAPACK: non-empty, sizes within
    /// Int32, the right length, finite entries. Returns `n` and `lda` as LAPACK integers.
    private static func squareArguments(_ a: [Double], order: Int) throws(StatisticsError) -> (Int32, Int32) {
        try requireNonEmpty(rows: order, columns: order)
        let n = try lapackInt(order)
        let lda = try lapackInt(Swift.max(1, order))
        let (count, overflow) = order.multipliedReportingOverflow(by: order)
        guard !overflow, a.count == count else { throw .countMismatch(expected: count, actual: a.count) }
        for (index, value) in a.enumerated() where !value.isFinite {
            throw .nonFiniteEntry(row: index % order, column: index / order)
        }
        return (n, lda)
    }
}
