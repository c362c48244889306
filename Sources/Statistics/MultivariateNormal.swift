/// A multivariate normal distribution N(μ, Σ), sampled as μ + L z with Σ = L Lᵀ from LAPACK's
/// `dpotrf` (via ``Matrix/choleskyFactor(symmetryTolerance:)``) and z standard normal draws
/// from ``Xoshiro256StarStar/nextStandardNormal()``.
///
/// **Zero variances.** Components whose variance Σᵢᵢ is *exactly* zero are degenerate: their
/// row and column of Σ must be exactly zero, only the remaining block is factorised, and every
/// draw of such a component equals its mean exactly. Any other singular Σ (e.g. a correlation
/// of exactly ±1) is rejected; there is no jitter.
///
/// **Random stream.** Every draw consumes exactly ``dimension`` standard normals, one per
/// component in order, degenerate components included. So setting one standard deviation to
/// zero does not shift the normals the other components receive; with independent components
/// the other components' draws are unchanged.
public struct MultivariateNormal: Sendable, Equatable {
    /// The mean vector μ.
    public let mean: [Double]
    /// The covariance matrix Σ as given (or as built from standard deviations and correlations).
    public let covariance: Matrix
    /// The lower-triangular factor L with Σ = L Lᵀ; rows and columns of degenerate
    /// (zero-variance) components are zero.
    public let choleskyFactor: Matrix
    /// For each component, whether its variance is exactly zero.
    public let isDegenerate: [Bool]

    /// The number of components.
    public var dimension: Int { mean.count }

    /// Creates the distribution N(mean, covariance), factorising the covariance with LAPACK's
    /// `dpotrf` (lower triangle).
    ///
    /// - Parameters:
    ///   - mean: The mean vector, at least one component.
    ///   - covariance: A symmetric matrix of matching dimension, positive definite after
    ///     removing the components with exactly zero variance.
    ///   - symmetryTolerance: The relative tolerance of the symmetry check
    ///     (see ``Matrix/validateSymmetric(tolerance:)``).
    /// - Throws: ``StatisticsError/empty(rows:columns:)``, ``StatisticsError/notSquare(rows:columns:)``,
    ///   ``StatisticsError/dimensionMismatch(leftRows:leftColumns:rightRows:rightColumns:)``,
    ///   ``StatisticsError/nonFiniteElement(index:)``, ``StatisticsError/nonFiniteEntry(row:column:)``,
    ///   ``StatisticsError/notSymmetric(row:column:)``,
    ///   ``StatisticsError/zeroVarianceWithNonzeroCovariance(component:otherComponent:)``, and
    ///   ``StatisticsError/notPositiveDefinite(leadingMinorOrder:)``. In the last, the order is
    ///   one plus the (zero-based) index of the component at which the factorisation of the
    ///   non-degenerate block failed; without zero variances it is `dpotrf`'s leading-minor order.
    public init(
        mean: [Double], covariance: Matrix,
        symmetryTolerance: Double = Matrix.defaultSymmetryTolerance
    ) throws(StatisticsError) {
        let n = mean.count
        try LAPACK.requireNonEmpty(rows: n, columns: 1)
        guard covariance.rows == covariance.columns else {
            throw .notSquare(rows: covariance.rows, columns: covariance.columns)
        }
        guard covariance.rows == n else {
            throw .dimensionMismatch(
                leftRows: covariance.rows, leftColumns: covariance.columns, rightRows: n, rightColumns: 1)
        }
        try validateFinite(mean)
        try covariance.validateFinite()
        try covariance.validateSymmetric(tolerance: symmetryTolerance)

        var degenerate = [Bool](repeating: false, count: n)
        for i in 0..<n where covariance[i, i] == 0 {
            degenerate[i] = true
            for j in 0..<n where covariance[i, j] != 0 || covariance[j, i] != 0 {
                throw .zeroVarianceWithNonzeroCovariance(component: i, otherComponent: j)
            }
        }
        let active: [Int] = (0..<n).filter { !degenerate[$0] }

        var factor = Matrix(rows: n, columns: n, repeating: 0)
        if !active.isEmpty {
            let k = active.count
            var block = Matrix(rows: k, columns: k, repeating: 0)
            for (bj, j) in active.enumerated() {
                for (bi, i) in active.enumerated() {
                    block[bi, bj] = covariance[i, j]
                }
            }
            let blockFactor: Matrix
            do {
                // The full matrix already passed the symmetry check; the block inherits it.
                blockFactor = try block.choleskyFactor(symmetryTolerance: symmetryTolerance)
            } catch .notPositiveDefinite(let order) {
                throw .notPositiveDefinite(leadingMinorOrder: active[order - 1] + 1)
            }
            for (bj, j) in active.enumerated() {
                for (bi, i) in active.enumerated() {
                    factor[i, j] = blockFactor[bi, bj]
                }
            }
        }

        self.mean = mean
        self.covariance = covariance
        self.choleskyFactor = factor
        self.isDegenerate = degenerate
    }

    /// Creates the distribution with covariance Σ = D R D, where D = diag(`standardDeviations`)
    /// and R is the correlation matrix; factorised with LAPACK's `dpotrf`.
    ///
    /// Standard deviations may be zero (a deterministic component, see the type's note); the
    /// correlations of such a component are then ignored. Σᵢⱼ is computed from the lower
    /// triangle of R as (σᵢ Rᵢⱼ) σⱼ for i ≥ j and mirrored, so Σ is exactly symmetric.
    ///
    /// - Parameters:
    ///   - mean: The mean vector, at least one component.
    ///   - standardDeviations: Non-negative, finite, one per component.
    ///   - correlation: Square, finite, symmetric within `tolerance` (relative), diagonal within
    ///     `tolerance` of 1, entries in [−1, 1]; positive definite on the components with
    ///     nonzero standard deviation.
    ///   - tolerance: The tolerance of the symmetry and unit-diagonal checks.
    /// - Throws: the errors of ``init(mean:covariance:symmetryTolerance:)`` and
    ///   ``StatisticsError/countMismatch(expected:actual:)``,
    ///   ``StatisticsError/negativeStandardDeviation(index:)``,
    ///   ``StatisticsError/correlationDiagonalNotOne(index:)``,
    ///   ``StatisticsError/correlationOutOfRange(row:column:)``.
    public init(
        mean: [Double], standardDeviations: [Double], correlation: Matrix,
        tolerance: Double = Matrix.defaultSymmetryTolerance
    ) throws(StatisticsError) {
        let n = mean.count
        try LAPACK.requireNonEmpty(rows: n, columns: 1)
        guard standardDeviations.count == n else {
            throw .countMismatch(expected: n, actual: standardDeviations.count)
        }
        guard correlation.rows == correlation.columns else {
            throw .notSquare(rows: correlation.rows, columns: correlation.columns)
        }
        guard correlation.rows == n else {
            throw .dimensionMismatch(
                leftRows: correlation.rows, leftColumns: correlation.columns, rightRows: n, rightColumns: 1)
        }
        try validateFinite(standardDeviations)
        for (index, deviation) in standardDeviations.enumerated() where deviation < 0 {
            throw .negativeStandardDeviation(index: index)
        }
        try correlation.validateFinite()
        try correlation.validateSymmetric(tolerance: tolerance)
        for i in 0..<n where !(abs(correlation[i, i] - 1) <= tolerance) {
            throw .correlationDiagonalNotOne(index: i)
        }
        for j in 0..<n {
            for i in 0..<n where !(correlation[i, j] >= -1 && correlation[i, j] <= 1) {
                throw .correlationOutOfRange(row: i, column: j)
            }
        }

        var covariance = Matrix(rows: n, columns: n, repeating: 0)
        for j in 0..<n {
            for i in j..<n {
                let scaled: Double = standardDeviations[i] * correlation[i, j]
                let value: Double = scaled * standardDeviations[j]
                // Exact zeros keep degenerate rows exactly zero (no −0 or underflow surprises).
                let entry: Double = value == 0 ? 0 : value
                covariance[i, j] = entry
                covariance[j, i] = entry
            }
        }
        try self.init(mean: mean, covariance: covariance, symmetryTolerance: tolerance)
    }

    /// Returns one draw as an array of ``dimension`` values, μ + L z.
    ///
    /// Consumes exactly ``dimension`` standard normals from `generator`. Degenerate components
    /// are set to their mean exactly. No LAPACK routine is called (plain Swift loops).
    public func sample(using generator: inout Xoshiro256StarStar) -> [Double] {
        let n = dimension
        var normals = [Double](repeating: 0, count: n)
        for i in 0..<n {
            normals[i] = generator.nextStandardNormal()
        }
        var draw = mean
        for i in 0..<n where !isDegenerate[i] {
            var offset: Double = 0
            for j in 0...i {
                offset += choleskyFactor[i, j] * normals[j]
            }
            draw[i] = mean[i] + offset
        }
        return draw
    }

    /// Returns `count` draws as a ``dimension`` × `count` matrix: **each column is one draw**
    /// (contiguous in the column-major storage; row i holds component i of every draw).
    ///
    /// Draw k equals the k-th call of ``sample(using:)`` on the same generator. No LAPACK
    /// routine is called.
    ///
    /// - Throws: ``StatisticsError/negativeCount(_:)`` when `count < 0`.
    public func sample(count: Int, using generator: inout Xoshiro256StarStar) throws(StatisticsError) -> Matrix {
        guard count >= 0 else { throw .negativeCount(count) }
        var elements: [Double] = []
        elements.reserveCapacity(count * dimension)
        for _ in 0..<count {
            elements.append(contentsOf: sample(using: &generator))
        }
        return try Matrix(rows: dimension, columns: count, columnMajor: elements)
    }
}
