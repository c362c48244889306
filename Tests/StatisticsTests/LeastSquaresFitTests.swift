import Testing
import Statistics

/// The design [1 t] for t = 1, 2, 3, 4.
private func interceptAndTrend() throws -> Matrix {
    try Matrix(rows: [[1, 1], [1, 2], [1, 3], [1, 4]])
}

@Suite("Least squares (dgels)")
struct LeastSquaresFitTests {
    @Test("exact data b = 1 + 2t gives x = [1, 2] (1e-12)")
    func exactLine() throws {
        let fit = try LeastSquaresFit(design: interceptAndTrend(), observations: [3, 5, 7, 9])
        #expect(abs(fit.coefficients[0] - 1) <= 1e-12)
        #expect(abs(fit.coefficients[1] - 2) <= 1e-12)
        #expect(fit.residualSumOfSquares <= 1e-24)
        #expect(fit.hasConstantColumn)
        #expect(abs(try #require(fit.rSquared) - 1) <= 1e-12)
    }

    /// Hand derivation for y = [1, 2, 2, 4], X = [1 t], t = 1…4, from the normal equations:
    ///   XᵀX = [[4, 10], [10, 30]], Xᵀy = [Σy, Σty] = [9, 27], det XᵀX = 120 − 100 = 20,
    ///   (XᵀX)⁻¹ = [[30, −10], [−10, 4]] / 20 = [[1.5, −0.5], [−0.5, 0.2]],
    ///   β = (XᵀX)⁻¹ Xᵀy = [(270 − 270) / 20, (−90 + 108) / 20] = [0, 0.9]  (not [0.5, 0.8]).
    ///   Fitted 0.9t = [0.9, 1.8, 2.7, 3.6]; residuals [0.1, 0.2, −0.7, 0.4];
    ///   SSR = 0.01 + 0.04 + 0.49 + 0.16 = 0.7.
    ///   ȳ = 2.25, SST = 1.25² + 0.25² + 0.25² + 1.75² = 4.75, R² = 1 − 0.7/4.75 = 81/95;
    ///   adjusted R² = 1 − (14/95)(n − 1)/(n − p) = 1 − (14/95)(3/2) = 74/95.
    ///   σ̂² = 0.7 / (4 − 2) = 0.35; Cov β̂ = 0.35 (XᵀX)⁻¹ = [[0.525, −0.175], [−0.175, 0.07]].
    @Test("noisy data y = [1, 2, 2, 4] matches the hand-derived fit (1e-12)")
    func noisyLine() throws {
        let fit = try LeastSquaresFit(design: interceptAndTrend(), observations: [1, 2, 2, 4])
        let tolerance: Double = 1e-12
        #expect(abs(fit.coefficients[0] - 0) <= tolerance)
        #expect(abs(fit.coefficients[1] - 0.9) <= tolerance)
        let fitted: [Double] = [0.9, 1.8, 2.7, 3.6]
        let residuals: [Double] = [0.1, 0.2, -0.7, 0.4]
        for i in 0..<4 {
            #expect(abs(fit.fittedValues[i] - fitted[i]) <= tolerance)
            #expect(abs(fit.residuals[i] - residuals[i]) <= tolerance)
        }
        #expect(abs(fit.residualSumOfSquares - 0.7) <= tolerance)
        #expect(abs(fit.totalSumOfSquares - 4.75) <= tolerance)
        let r2: Double = 81.0 / 95.0
        let adjusted: Double = 74.0 / 95.0
        #expect(abs(try #require(fit.rSquared) - r2) <= tolerance)
        #expect(abs(try #require(fit.adjustedRSquared) - adjusted) <= tolerance)
        #expect(abs(try #require(fit.residualVariance) - 0.35) <= tolerance)
        let covariance = try #require(fit.coefficientCovariance)
        let expected: [[Double]] = [[0.525, -0.175], [-0.175, 0.07]]
        for i in 0..<2 {
            for j in 0..<2 {
                #expect(abs(covariance[i, j] - expected[i][j]) <= tolerance)
            }
        }
        let errors = try #require(fit.standardErrors)
        let first: Double = 0.525
        let second: Double = 0.07
        #expect(abs(errors[0] - first.squareRoot()) <= tolerance)
        #expect(abs(errors[1] - second.squareRoot()) <= tolerance)
    }

    /// Without a constant column: X = [t], β = Σty / Σt² = 27/30 = 0.9 (same fit as above),
    /// SSR = 0.7, uncentred SST = Σy² = 25, R² = 1 − 0.7/25 = 0.972,
    /// adjusted R² = 1 − 0.028 × (4 − 0)/(4 − 1) = 1 − 0.112/3.
    @Test("no constant column uses the uncentred R²")
    func throughTheOrigin() throws {
        let design = try Matrix(rows: [[1], [2], [3], [4]])
        let fit = try LeastSquaresFit(design: design, observations: [1, 2, 2, 4])
        #expect(!fit.hasConstantColumn)
        #expect(abs(fit.coefficients[0] - 0.9) <= 1e-12)
        #expect(abs(fit.totalSumOfSquares - 25) <= 1e-12)
        #expect(abs(try #require(fit.rSquared) - 0.972) <= 1e-12)
        let adjusted: Double = 1 - 0.112 / 3
        #expect(abs(try #require(fit.adjustedRSquared) - adjusted) <= 1e-12)
    }

    @Test("n = p: exact solve, no variance estimates")
    func squareSystem() throws {
        let design = try Matrix(rows: [[2, 0], [0, 4]])
        let fit = try LeastSquaresFit(design: design, observations: [1, 1])
        #expect(abs(fit.coefficients[0] - 0.5) <= 1e-15)
        #expect(abs(fit.coefficients[1] - 0.25) <= 1e-15)
        #expect(fit.residualVariance == nil)
        #expect(fit.standardErrors == nil)
        #expect(fit.adjustedRSquared == nil)
    }

    @Test("underdetermined (fewer rows than columns) throws")
    func underdetermined() throws {
        let design = try Matrix(rows: [[1, 2, 3], [4, 5, 6]])
        #expect(throws: StatisticsError.underdetermined(rows: 2, columns: 3)) {
            try LeastSquaresFit(design: design, observations: [1, 2])
        }
    }

    @Test("mismatched observation count throws")
    func mismatchedLengths() throws {
        #expect(throws: StatisticsError.countMismatch(expected: 4, actual: 3)) {
            try LeastSquaresFit(design: interceptAndTrend(), observations: [1, 2, 3])
        }
    }

    @Test("NaN in the design or the observations throws")
    func nonFinite() throws {
        var design = try interceptAndTrend()
        design[2, 1] = .nan
        #expect(throws: StatisticsError.nonFiniteEntry(row: 2, column: 1)) {
            try LeastSquaresFit(design: design, observations: [1, 2, 3, 4])
        }
        #expect(throws: StatisticsError.nonFiniteElement(index: 3)) {
            try LeastSquaresFit(design: interceptAndTrend(), observations: [1, 2, 3, .infinity])
        }
    }

    @Test("a zero column is rank deficient (dgels info > 0)")
    func zeroColumn() throws {
        let design = try Matrix(rows: [[1, 0], [1, 0], [1, 0]])
        #expect(throws: StatisticsError.rankDeficient(column: 1)) {
            try LeastSquaresFit(design: design, observations: [1, 2, 3])
        }
    }

    @Test("a column that is 2 × another is rank deficient (here R[2, 2] is exactly 0: dgels info = 3)")
    func dependentColumn() throws {
        let design = try Matrix(rows: [[1, 1, 2], [1, 2, 4], [1, 3, 6], [1, 4, 8]])
        #expect(throws: StatisticsError.rankDeficient(column: 2)) {
            try LeastSquaresFit(design: design, observations: [1, 2, 2, 4])
        }
    }

    /// Column 2 is 0.1 + 0.3t, a combination with inexact coefficients: dgels succeeds
    /// (info = 0) with |R[2, 2]| ≈ 1.1e-16, about 6e-17 of the column's norm, which the
    /// relative 1e-10 rank check rejects.
    @Test("a numerically dependent column is caught by the tolerance check")
    func numericallyDependentColumn() throws {
        let design = try Matrix(rows: [[1, 1, 0.4], [1, 2, 0.7], [1, 3, 1.0], [1, 4, 1.3]])
        #expect(throws: StatisticsError.rankDeficient(column: 2)) {
            try LeastSquaresFit(design: design, observations: [1, 2, 2, 4])
        }
        #expect(throws: StatisticsError.invalidTolerance(.infinity)) {
            try LeastSquaresFit(design: interceptAndTrend(), observations: [1, 2, 2, 4], dependenceTolerance: .infinity)
        }
    }

    @Test("an empty design throws")
    func emptyDesign() {
        #expect(throws: StatisticsError.empty(rows: 0, columns: 0)) {
            try LeastSquaresFit(design: Matrix(rows: 0, columns: 0, repeating: 0), observations: [])
        }
    }
}
