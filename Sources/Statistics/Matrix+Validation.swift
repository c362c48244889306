/// Checks on matrix entries used before every LAPACK call (no LAPACK routine is called here).
extension Matrix {
    /// A Boolean value indicating whether every entry is finite (neither NaN nor infinite).
    public var isFinite: Bool {
        elements.allSatisfy { $0.isFinite }
    }

    /// A Boolean value indicating whether the matrix is square.
    public var isSquare: Bool {
        rows == columns
    }

    /// Throws if any entry is NaN or infinite.
    ///
    /// No LAPACK routine is called; LAPACK routines misbehave on non-finite input, so this runs
    /// before every call.
    ///
    /// - Throws: ``StatisticsError/nonFiniteEntry(row:column:)`` naming the first offending
    ///   entry in column-major order.
    public func validateFinite() throws(StatisticsError) {
        for (index, value) in elements.enumerated() where !value.isFinite {
            throw .nonFiniteEntry(row: index % rows, column: index / rows)
        }
    }

    /// Throws unless the matrix is square and symmetric within `tolerance`.
    ///
    /// Entries `a[i, j]` and `a[j, i]` count as equal when
    /// `|a[i, j] − a[j, i]| ≤ tolerance × max(1, max |a|)`, where `max |a|` is the largest
    /// absolute entry of the matrix. No LAPACK routine is called.
    ///
    /// - Throws: ``StatisticsError/notSquare(rows:columns:)``,
    ///   ``StatisticsError/invalidTolerance(_:)`` for a negative or non-finite tolerance, and
    ///   ``StatisticsError/notSymmetric(row:column:)`` naming the first asymmetric pair
    ///   (with `row > column`).
    public func validateSymmetric(tolerance: Double) throws(StatisticsError) {
        guard rows == columns else { throw .notSquare(rows: rows, columns: columns) }
        guard tolerance.isFinite, tolerance >= 0 else { throw .invalidTolerance(tolerance) }
        var largest: Double = 1
        for value in elements {
            largest = Swift.max(largest, abs(value))
        }
        let allowed: Double = tolerance * largest
        for j in 0..<columns {
            for i in (j + 1)..<rows {
                let lower: Double = elements[j * rows + i]
                let upper: Double = elements[i * rows + j]
                // `!(<=)` so that NaN differences are reported too.
                if !(abs(lower - upper) <= allowed) {
                    throw .notSymmetric(row: i, column: j)
                }
            }
        }
    }
}

/// Throws ``StatisticsError/nonFiniteElement(index:)`` for the first NaN or infinite element.
func validateFinite(_ vector: [Double]) throws(StatisticsError) {
    for (index, value) in vector.enumerated() where !value.isFinite {
        throw .nonFiniteElement(index: index)
    }
}
