/// Transposition and products, computed with plain Swift loops (no LAPACK or BLAS routine).
extension Matrix {
    /// The transpose: a `columns` × `rows` matrix with entry `(j, i)` equal to `self[i, j]`.
    public var transposed: Matrix {
        var result = Matrix(rows: columns, columns: rows, repeating: 0)
        for j in 0..<columns {
            for i in 0..<rows {
                result[j, i] = elements[j * rows + i]
            }
        }
        return result
    }

    /// Returns the matrix product `self × other`.
    ///
    /// Uses plain Swift loops in j-k-i order (column-major friendly); no BLAS routine.
    ///
    /// - Throws: ``StatisticsError/dimensionMismatch(leftRows:leftColumns:rightRows:rightColumns:)``
    ///   when `columns != other.rows`.
    public func multiplied(by other: Matrix) throws(StatisticsError) -> Matrix {
        guard columns == other.rows else {
            throw .dimensionMismatch(
                leftRows: rows, leftColumns: columns, rightRows: other.rows, rightColumns: other.columns)
        }
        var result = [Double](repeating: 0, count: rows * other.columns)
        for j in 0..<other.columns {
            for k in 0..<columns {
                let factor: Double = other.elements[j * other.rows + k]
                if factor == 0 { continue }
                let base = k * rows
                let target = j * rows
                for i in 0..<rows {
                    result[target + i] += elements[base + i] * factor
                }
            }
        }
        // The count is rows * other.columns by construction, so this cannot throw.
        return (try? Matrix(rows: rows, columns: other.columns, columnMajor: result))!
    }

    /// Returns the matrix–vector product `self × vector`.
    ///
    /// Uses plain Swift loops; no BLAS routine.
    ///
    /// - Throws: ``StatisticsError/dimensionMismatch(leftRows:leftColumns:rightRows:rightColumns:)``
    ///   when `vector.count != columns`.
    public func multiplied(by vector: [Double]) throws(StatisticsError) -> [Double] {
        guard columns == vector.count else {
            throw .dimensionMismatch(leftRows: rows, leftColumns: columns, rightRows: vector.count, rightColumns: 1)
        }
        return product(with: vector)
    }

    /// The matrix–vector product without the dimension check; callers guarantee it.
    func product(with vector: [Double]) -> [Double] {
        var result = [Double](repeating: 0, count: rows)
        for k in 0..<columns {
            let factor: Double = vector[k]
            let base = k * rows
            for i in 0..<rows {
                result[i] += elements[base + i] * factor
            }
        }
        return result
    }

    /// Returns the matrix product `lhs × rhs`.
    ///
    /// No LAPACK routine; see ``multiplied(by:)-(Matrix)`` for a throwing variant.
    ///
    /// - Precondition: `lhs.columns == rhs.rows`.
    public static func * (lhs: Matrix, rhs: Matrix) -> Matrix {
        do {
            return try lhs.multiplied(by: rhs)
        } catch {
            preconditionFailure("Matrix product dimension mismatch: \(error)")
        }
    }

    /// Returns the matrix–vector product `lhs × rhs`.
    ///
    /// No LAPACK routine; see ``multiplied(by:)-([Double])`` for a throwing variant.
    ///
    /// - Precondition: `lhs.columns == rhs.count`.
    public static func * (lhs: Matrix, rhs: [Double]) -> [Double] {
        precondition(lhs.columns == rhs.count, "Matrix-vector product dimension mismatch")
        return lhs.product(with: rhs)
    }
}
