/// An ordinary least-squares fit of `observations ≈ design × coefficients`, solved with
/// LAPACK's `dgels` (QR factorisation, column-major, through the LAPACKE C interface).
///
/// The design matrix X is n × p with n ≥ p and full column rank; each row is one observation,
/// each column one regressor. Add a column of ones to fit an intercept.
///
/// **R² convention.** If X has a *constant column* (all entries equal and nonzero, e.g. all
/// ones), the model contains an intercept and R² = 1 − SSR / SST with SST = Σ(yᵢ − ȳ)², the
/// total sum of squares about the mean. Otherwise R² is the *uncentred* R² = 1 − SSR / Σyᵢ²
/// (the convention of R's `lm` for models without an intercept). Adjusted R² is
/// 1 − (1 − R²)(n − k)/(n − p) with k = 1 with a constant column and k = 0 without.
public struct LeastSquaresFit: Sendable, Equatable {
    /// The default relative tolerance of the numerical rank check, 1e-10.
    public static let defaultDependenceTolerance: Double = 1e-10

    /// The fitted coefficients β̂, one per design column.
    public let coefficients: [Double]
    /// The fitted values X β̂, one per observation.
    public let fittedValues: [Double]
    /// The residuals y − X β̂, one per observation.
    public let residuals: [Double]
    /// The residual sum of squares SSR = Σ residualᵢ².
    public let residualSumOfSquares: Double
    /// The total sum of squares used by R²: about the mean with a constant column, about
    /// zero (Σyᵢ²) without one.
    public let totalSumOfSquares: Double
    /// Whether the design has a constant column, which selects the centred R².
    public let hasConstantColumn: Bool
    /// The coefficient of determination, 1 − SSR / SST; `nil` when SST is zero.
    public let rSquared: Double?
    /// The adjusted R²; `nil` when R² is `nil` or there are no residual degrees of freedom (n = p).
    public let adjustedRSquared: Double?
    /// The residual variance estimate σ̂² = SSR / (n − p); `nil` when n = p.
    public let residualVariance: Double?
    /// The estimated covariance of the coefficients, σ̂² (XᵀX)⁻¹; `nil` when n = p.
    ///
    /// (XᵀX)⁻¹ = R⁻¹R⁻ᵀ is computed from `dgels`'s R factor with LAPACK's `dpotri`.
    public let coefficientCovariance: Matrix?
    /// The standard errors of the coefficients, the square roots of the diagonal of
    /// ``coefficientCovariance``; `nil` when n = p.
    public let standardErrors: [Double]?

    /// Fits `observations ≈ design × coefficients` by least squares with LAPACK's `dgels`
    /// (QR without pivoting, column-major), then computes (XᵀX)⁻¹ with `dpotri`.
    ///
    /// **Rank check.** `dgels` only reports exactly-zero diagonal entries of R. In addition,
    /// column j counts as dependent when |R[j, j]| ≤ `dependenceTolerance` × ‖X[:, j]‖₂, i.e.
    /// when the part of column j orthogonal to the columns before it is relatively tiny.
    ///
    /// - Parameters:
    ///   - design: The n × p design matrix X, n ≥ p ≥ 1.
    ///   - observations: The n observations y.
    ///   - dependenceTolerance: The relative tolerance of the rank check.
    /// - Throws: ``StatisticsError/empty(rows:columns:)``,
    ///   ``StatisticsError/countMismatch(expected:actual:)`` when `observations.count != n`,
    ///   ``StatisticsError/underdetermined(rows:columns:)`` when n < p,
    ///   ``StatisticsError/nonFiniteEntry(row:column:)`` / ``StatisticsError/nonFiniteElement(index:)``,
    ///   ``StatisticsError/invalidTolerance(_:)``, and ``StatisticsError/rankDeficient(column:)``
    ///   naming the first column that is a linear combination of the columns before it.
    public init(
        design: Matrix, observations: [Double],
        dependenceTolerance: Double = LeastSquaresFit.defaultDependenceTolerance
    ) throws(StatisticsError) {
        let n = design.rows
        let p = design.columns
        try LAPACK.requireNonEmpty(rows: n, columns: p)
        guard observations.count == n else { throw .countMismatch(expected: n, actual: observations.count) }
        guard n >= p else { throw .underdetermined(rows: n, columns: p) }
        guard dependenceTolerance.isFinite, dependenceTolerance >= 0 else {
            throw .invalidTolerance(dependenceTolerance)
        }
        try design.validateFinite()
        try validateFinite(observations)

        var qr = design.elements
        var solution = observations
        let info = try LAPACK.dgels(a: &qr, rows: n, columns: p, b: &solution)
        if info > 0 { throw .rankDeficient(column: info - 1) }
        for j in 0..<p {
            let diagonal: Double = abs(qr[j * n + j])
            if diagonal <= dependenceTolerance * Self.norm(of: design, column: j) {
                throw .rankDeficient(column: j)
            }
        }

        let beta = Array(solution[0..<p])
        let fitted = design.product(with: beta)
        var residuals: [Double] = []
        residuals.reserveCapacity(n)
        var ssr: Double = 0
        for i in 0..<n {
            let residual: Double = observations[i] - fitted[i]
            residuals.append(residual)
            ssr += residual * residual
        }

        let constant = Self.hasConstantColumn(design)
        var sst: Double = 0
        if constant {
            var total: Double = 0
            for y in observations { total += y }
            let mean: Double = total / Double(n)
            for y in observations {
                let deviation: Double = y - mean
                sst += deviation * deviation
            }
        } else {
            for y in observations { sst += y * y }
        }

        self.coefficients = beta
        self.fittedValues = fitted
        self.residuals = residuals
        self.residualSumOfSquares = ssr
        self.totalSumOfSquares = sst
        self.hasConstantColumn = constant

        let r2: Double? = sst > 0 ? 1 - ssr / sst : nil
        self.rSquared = r2
        let residualDegrees = n - p
        if let r2, residualDegrees > 0 {
            let k = constant ? 1 : 0
            let ratio: Double = Double(n - k) / Double(residualDegrees)
            self.adjustedRSquared = 1 - (1 - r2) * ratio
        } else {
            self.adjustedRSquared = nil
        }

        guard residualDegrees > 0 else {
            self.residualVariance = nil
            self.coefficientCovariance = nil
            self.standardErrors = nil
            return
        }
        let variance: Double = ssr / Double(residualDegrees)
        self.residualVariance = variance

        // (XᵀX)⁻¹ = (RᵀR)⁻¹: copy the p × p upper triangle of R and invert with dpotri.
        var inverse = [Double](repeating: 0, count: p * p)
        for j in 0..<p {
            for i in 0...j {
                inverse[j * p + i] = qr[j * n + i]
            }
        }
        let inverseInfo = try LAPACK.dpotri(upper: &inverse, order: p)
        if inverseInfo > 0 { throw .rankDeficient(column: inverseInfo - 1) }
        var covariance = Matrix(rows: p, columns: p, repeating: 0)
        var errors: [Double] = []
        errors.reserveCapacity(p)
        for j in 0..<p {
            for i in 0...j {
                let value: Double = variance * inverse[j * p + i]
                covariance[i, j] = value
                covariance[j, i] = value
            }
            errors.append(covariance[j, j].squareRoot())
        }
        self.coefficientCovariance = covariance
        self.standardErrors = errors
    }

    /// The Euclidean norm of one column, scaled to avoid overflow.
    private static func norm(of matrix: Matrix, column: Int) -> Double {
        let values = matrix.column(column)
        var scale: Double = 0
        for value in values { scale = Swift.max(scale, abs(value)) }
        guard scale > 0 else { return 0 }
        var sum: Double = 0
        for value in values {
            let scaled: Double = value / scale
            sum += scaled * scaled
        }
        return scale * sum.squareRoot()
    }

    /// Whether some column has all entries equal and nonzero (it spans the constant vector).
    private static func hasConstantColumn(_ matrix: Matrix) -> Bool {
        for j in 0..<matrix.columns {
            let first: Double = matrix[0, j]
            guard first != 0 else { continue }
            var constant = true
            for i in 1..<Swift.max(matrix.rows, 1) where matrix[i, j] != first {
                constant = false
                break
            }
            if constant { return true }
        }
        return false
    }
}
