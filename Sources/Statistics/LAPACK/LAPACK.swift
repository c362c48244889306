internal import CLAPACK

/// The only gateway to LAPACKE: thin wrappers that re-validate every argument in Swift.
///
/// Public types validate their input and throw descriptive errors first; these wrappers
/// check again, immediately before each call, that every size fits `lapack_int` (Int32 via
/// `Int32(exactly:)`), that sizes are at least 1, that leading dimensions are at least
/// `max(1, rows)`, that buffers are large enough, and that the input is finite. Pointers never
/// leave the `withUnsafe…` closures.
enum LAPACK {
    /// Converts a size to `lapack_int`, throwing ``StatisticsError/sizeTooLarge(_:)`` if it
    /// does not fit.
    static func lapackInt(_ value: Int) throws(StatisticsError) -> Int32 {
        guard let converted = Int32(exactly: value) else { throw .sizeTooLarge(value) }
        return converted
    }

    /// Throws unless `rows` and `columns` are both at least 1.
    static func requireNonEmpty(rows: Int, columns: Int) throws(StatisticsError) {
        guard rows >= 1, columns >= 1 else { throw .empty(rows: rows, columns: columns) }
    }

    /// Throws ``StatisticsError/lapackRejectedArgument(routine:position:)`` for info < 0.
    static func checkIllegalArgument(_ info: Int32, routine: String) throws(StatisticsError) {
        if info < 0 { throw .lapackRejectedArgument(routine: routine, position: Int(-info)) }
    }

    /// The `matrix_layout` argument for column-major storage.
    static var columnMajor: Int32 { Int32(LAPACK_COL_MAJOR) }

    /// A LAPACK character argument such as `"L"` or `"N"`.
    static func character(_ scalar: Unicode.Scalar) -> CChar {
        CChar(truncatingIfNeeded: UInt8(ascii: scalar))
    }
}
