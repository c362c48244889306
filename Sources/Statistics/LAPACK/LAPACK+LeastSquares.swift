internal import CLAPACK

extension LAPACK {
    /// Solves the full-rank least-squares problem min ‖A x − b‖₂ with `LAPACKE_dgels`
    /// (`LAPACK_COL_MAJOR`, `trans = "N"`, one right-hand side).
    ///
    /// On return `a` holds the QR factorisation (R in its upper triangle, leading dimension
    /// `rows`) and the first `columns` entries of `b` hold the solution. Returns `dgels`'s
    /// `info` when it is ≥ 0 (info > 0: `R[info-1, info-1]` is exactly zero).
    ///
    /// - Throws: when `rows < columns`, a size is < 1 or does not fit Int32, the buffers have
    ///   the wrong length, the input is not finite, or LAPACK reports an illegal argument.
    static func dgels(a: inout [Double], rows: Int, columns: Int, b: inout [Double]) throws(StatisticsError) -> Int {
        try requireNonEmpty(rows: rows, columns: columns)
        guard rows >= columns else { throw .underdetermined(rows: rows, columns: columns) }
        let m = try lapackInt(rows)
        let n = try lapackInt(columns)
        let lda = try lapackInt(Swift.max(1, rows))
        let ldb = try lapackInt(Swift.max(1, rows, columns))
        let (count, overflow) = rows.multipliedReportingOverflow(by: columns)
        guard !overflow, a.count == count else { throw .countMismatch(expected: count, actual: a.count) }
        guard b.count == Int(ldb) else { throw .countMismatch(expected: Int(ldb), actual: b.count) }
        for (index, value) in a.enumerated() where !value.isFinite {
            throw .nonFiniteEntry(row: index % rows, column: index / rows)
        }
        try validateFinite(b)

        let info: Int32 = a.withUnsafeMutableBufferPointer { aBuffer in
            b.withUnsafeMutableBufferPointer { bBuffer in
                LAPACKE_dgels(columnMajor, character("N"), m, n, 1, aBuffer.baseAddress, lda, bBuffer.baseAddress, ldb)
            }
        }
        try checkIllegalArgument(info, routine: "dgels")
        return Int(info)
    }
}
