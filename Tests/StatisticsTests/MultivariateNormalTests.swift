import Testing
import Statistics

@Suite("MultivariateNormal")
struct MultivariateNormalTests {
    static let mean: [Double] = [1, -2, 0.5]
    static let deviations: [Double] = [1, 2, 0.5]
    /// Positive definite: leading minors 1, 0.75 and det = 0.96 − 0.28 − 0.12 = 0.56.
    static func correlation() throws -> Matrix {
        try Matrix(rows: [[1, 0.5, -0.3], [0.5, 1, 0.2], [-0.3, 0.2, 1]])
    }

    /// Tolerances from the sampling error of N = 200,000 independent draws, at 5 standard
    /// errors each: the sample mean of component i has standard error σᵢ/√N; for normal data
    /// the sample covariance of (i, j) has standard error √((ΣᵢᵢΣⱼⱼ + Σᵢⱼ²)/N). The seed is
    /// fixed, so the test is deterministic; the bounds say the agreement is what sampling
    /// error allows (≈ 0.011 for the mean of component 1 and ≈ 0.045 for its variance), while
    /// a wrong factor (e.g. Lᵀ instead of L, or missing D) misses Σ by 0.1 or more.
    @Test("sample mean and covariance of 200,000 draws are within 5 standard errors")
    func moments() throws {
        let distribution = try MultivariateNormal(
            mean: Self.mean, standardDeviations: Self.deviations, correlation: Self.correlation())
        var generator = Xoshiro256StarStar(seed: 20_240_601)
        let count = 200_000
        let draws = try distribution.sample(count: count, using: &generator)
        #expect(draws.rows == 3 && draws.columns == count)

        let n: Double = Double(count)
        var sums: [Double] = [0, 0, 0]
        for k in 0..<count {
            for i in 0..<3 { sums[i] += draws[i, k] }
        }
        let sampleMean: [Double] = sums.map { $0 / n }
        var products = [Double](repeating: 0, count: 9)
        for k in 0..<count {
            for j in 0..<3 {
                let dj: Double = draws[j, k] - sampleMean[j]
                for i in 0..<3 {
                    let di: Double = draws[i, k] - sampleMean[i]
                    products[j * 3 + i] += di * dj
                }
            }
        }
        let sigma = distribution.covariance
        for i in 0..<3 {
            let meanError: Double = sigma[i, i].squareRoot() / n.squareRoot()
            #expect(abs(sampleMean[i] - Self.mean[i]) <= 5 * meanError, "mean[\(i)]")
            for j in 0..<3 {
                let sampleCovariance: Double = products[j * 3 + i] / (n - 1)
                let spread: Double = sigma[i, i] * sigma[j, j] + sigma[i, j] * sigma[i, j]
                let covarianceError: Double = (spread / n).squareRoot()
                #expect(abs(sampleCovariance - sigma[i, j]) <= 5 * covarianceError, "cov[\(i), \(j)]")
            }
        }
    }

    @Test("covariance is D R D and L Lᵀ reproduces it")
    func covarianceConstruction() throws {
        let distribution = try MultivariateNormal(
            mean: Self.mean, standardDeviations: Self.deviations, correlation: Self.correlation())
        let sigma = distribution.covariance
        #expect(sigma[1, 0] == 1.0 && sigma[0, 1] == 1.0)  // 1 × 0.5 × 2
        #expect(sigma[2, 0] == -0.15 && sigma[1, 1] == 4)
        let l = distribution.choleskyFactor
        let product = l * l.transposed
        for k in 0..<9 {
            #expect(abs(product.elements[k] - sigma.elements[k]) <= 1e-14)
        }
    }

    @Test("same seed, same samples; sample(count:) columns are successive draws")
    func reproducibility() throws {
        let distribution = try MultivariateNormal(
            mean: Self.mean, standardDeviations: Self.deviations, correlation: Self.correlation())
        var a = Xoshiro256StarStar(seed: 99)
        var b = Xoshiro256StarStar(seed: 99)
        let first = try distribution.sample(count: 50, using: &a)
        #expect(first == (try distribution.sample(count: 50, using: &b)))
        var c = Xoshiro256StarStar(seed: 99)
        for k in 0..<50 {
            #expect(first.column(k) == distribution.sample(using: &c))
        }
        #expect(try distribution.sample(count: 0, using: &c).columns == 0)
        #expect(throws: StatisticsError.negativeCount(-1)) { try distribution.sample(count: -1, using: &c) }
    }

    @Test("all-zero standard deviations give the mean exactly (the deterministic run)")
    func allZeroVariance() throws {
        let distribution = try MultivariateNormal(
            mean: Self.mean, standardDeviations: [0, 0, 0], correlation: Self.correlation())
        #expect(distribution.isDegenerate == [true, true, true])
        var generator = Xoshiro256StarStar(seed: 5)
        let draws = try distribution.sample(count: 100, using: &generator)
        for k in 0..<100 {
            #expect(draws.column(k) == Self.mean)
        }
    }

    @Test("a zero standard deviation fixes that component and leaves the others' normals alone")
    func partialZeroVariance() throws {
        let independent = Matrix.identity(3)
        let full = try MultivariateNormal(mean: Self.mean, standardDeviations: [1, 5, 2], correlation: independent)
        let fixed = try MultivariateNormal(mean: Self.mean, standardDeviations: [1, 0, 2], correlation: independent)
        var a = Xoshiro256StarStar(seed: 11)
        var b = Xoshiro256StarStar(seed: 11)
        let fullDraws = try full.sample(count: 100, using: &a)
        let fixedDraws = try fixed.sample(count: 100, using: &b)
        for k in 0..<100 {
            #expect(fixedDraws[1, k] == Self.mean[1])
            #expect(fixedDraws[0, k] == fullDraws[0, k])
            #expect(fixedDraws[2, k] == fullDraws[2, k])
        }
        // Correlations of a zero-deviation component are ignored, even perfect ones.
        let correlated = try Matrix(rows: [[1, 1, 0.3], [1, 1, 0], [0.3, 0, 1]])
        let degenerate = try MultivariateNormal(mean: Self.mean, standardDeviations: [1, 0, 2], correlation: correlated)
        #expect(degenerate.isDegenerate == [false, true, false])
    }

    @Test("zero variance with nonzero covariance is rejected")
    func zeroVarianceNonzeroCovariance() throws {
        let covariance = try Matrix(rows: [[1, 0.5], [0.5, 0]])
        #expect(throws: StatisticsError.zeroVarianceWithNonzeroCovariance(component: 1, otherComponent: 0)) {
            try MultivariateNormal(mean: [0, 0], covariance: covariance)
        }
    }

    @Test("singular non-degenerate covariance is rejected with the original component order")
    func perfectCorrelation() throws {
        let correlation = try Matrix(rows: [[1, 0, 0], [0, 1, 1], [0, 1, 1]])
        #expect(throws: StatisticsError.notPositiveDefinite(leadingMinorOrder: 3)) {
            try MultivariateNormal(mean: Self.mean, standardDeviations: [1, 1, 1], correlation: correlation)
        }
        // With component 0 degenerate, the failing block component is still reported as order 3.
        #expect(throws: StatisticsError.notPositiveDefinite(leadingMinorOrder: 3)) {
            try MultivariateNormal(mean: Self.mean, standardDeviations: [0, 1, 1], correlation: correlation)
        }
    }

    @Test("invalid correlation matrices and deviations are rejected")
    func invalidCorrelation() throws {
        let badDiagonal = try Matrix(rows: [[1, 0], [0, 0.9]])
        #expect(throws: StatisticsError.correlationDiagonalNotOne(index: 1)) {
            try MultivariateNormal(mean: [0, 0], standardDeviations: [1, 1], correlation: badDiagonal)
        }
        let outOfRange = try Matrix(rows: [[1, 1.5], [1.5, 1]])
        #expect(throws: StatisticsError.correlationOutOfRange(row: 1, column: 0)) {
            try MultivariateNormal(mean: [0, 0], standardDeviations: [1, 1], correlation: outOfRange)
        }
        let asymmetric = try Matrix(rows: [[1, 0.2], [0.3, 1]])
        #expect(throws: StatisticsError.notSymmetric(row: 1, column: 0)) {
            try MultivariateNormal(mean: [0, 0], standardDeviations: [1, 1], correlation: asymmetric)
        }
        #expect(throws: StatisticsError.negativeStandardDeviation(index: 0)) {
            try MultivariateNormal(mean: [0, 0], standardDeviations: [-1, 1], correlation: .identity(2))
        }
        #expect(throws: StatisticsError.countMismatch(expected: 2, actual: 3)) {
            try MultivariateNormal(mean: [0, 0], standardDeviations: [1, 1, 1], correlation: .identity(2))
        }
        #expect(throws: StatisticsError.nonFiniteElement(index: 1)) {
            try MultivariateNormal(mean: [0, 0], standardDeviations: [1, .nan], correlation: .identity(2))
        }
    }

    @Test("dimension errors in the covariance initialiser")
    func covarianceDimensionErrors() throws {
        #expect(throws: StatisticsError.empty(rows: 0, columns: 1)) {
            try MultivariateNormal(mean: [], covariance: Matrix(rows: 0, columns: 0, repeating: 0))
        }
        #expect(throws: StatisticsError.dimensionMismatch(leftRows: 3, leftColumns: 3, rightRows: 2, rightColumns: 1)) {
            try MultivariateNormal(mean: [0, 0], covariance: .identity(3))
        }
        #expect(throws: StatisticsError.notSquare(rows: 2, columns: 1)) {
            try MultivariateNormal(mean: [0, 0], covariance: Matrix(rows: 2, columns: 1, repeating: 1))
        }
        #expect(throws: StatisticsError.nonFiniteElement(index: 0)) {
            try MultivariateNormal(mean: [.infinity, 0], covariance: .identity(2))
        }
    }
}
