import Testing
import Statistics

@Suite("Cholesky (dpotrf)")
struct CholeskyTests {
    @Test("textbook 3 × 3 example; exact in binary, asserted to 1e-12")
    func knownFactor() throws {
        let a = try Matrix(rows: [[4, 12, -16], [12, 37, -43], [-16, -43, 98]])
        let l = try a.choleskyFactor()
        let expected: [[Double]] = [[2, 0, 0], [6, 1, 0], [-8, 5, 3]]
        for i in 0..<3 {
            for j in 0..<3 {
                #expect(abs(l[i, j] - expected[i][j]) <= 1e-12, "L[\(i), \(j)]")
            }
        }
        // The strict upper triangle is exactly zero, not dpotrf's leftover input.
        #expect(l[0, 1] == 0 && l[0, 2] == 0 && l[1, 2] == 0)
        let product = l * l.transposed
        for k in 0..<9 {
            #expect(abs(product.elements[k] - a.elements[k]) <= 1e-12)
        }
    }

    @Test("not positive definite names the leading minor order")
    func notPositiveDefinite() throws {
        // det [[1, 2], [2, 1]] = −3: the order-1 minor is fine, order 2 fails.
        let a = try Matrix(rows: [[1, 2], [2, 1]])
        #expect(throws: StatisticsError.notPositiveDefinite(leadingMinorOrder: 2)) { try a.choleskyFactor() }
        let b = try Matrix(rows: [[-1, 0], [0, 1]])
        #expect(throws: StatisticsError.notPositiveDefinite(leadingMinorOrder: 1)) { try b.choleskyFactor() }
        // Positive semidefinite but singular is rejected too (order 2 of [[1, 1], [1, 1]]).
        let c = try Matrix(rows: [[1, 1], [1, 1]])
        #expect(throws: StatisticsError.notPositiveDefinite(leadingMinorOrder: 2)) { try c.choleskyFactor() }
    }

    @Test("non-symmetric input is rejected before dpotrf")
    func notSymmetric() throws {
        let a = try Matrix(rows: [[4, 1], [2, 3]])
        #expect(throws: StatisticsError.notSymmetric(row: 1, column: 0)) { try a.choleskyFactor() }
        // An asymmetry of 4e-14 (relative 1e-14 of max |a| = 4) is within the default 1e-12.
        let nearly = try Matrix(rows: [[4, 2], [2 + 4e-14, 3]])
        #expect(throws: Never.self) { try nearly.choleskyFactor() }
    }

    @Test("non-square input is rejected")
    func notSquare() {
        let a = Matrix(rows: 2, columns: 3, repeating: 1)
        #expect(throws: StatisticsError.notSquare(rows: 2, columns: 3)) { try a.choleskyFactor() }
    }

    @Test("NaN and infinity are rejected")
    func nonFinite() throws {
        let a = try Matrix(rows: [[4, .nan], [.nan, 3]])
        #expect(throws: StatisticsError.nonFiniteEntry(row: 1, column: 0)) { try a.choleskyFactor() }
        let b = try Matrix(rows: [[.infinity, 0], [0, 3]])
        #expect(throws: StatisticsError.nonFiniteEntry(row: 0, column: 0)) { try b.choleskyFactor() }
    }

    @Test("empty matrix and invalid tolerance are rejected")
    func emptyAndTolerance() throws {
        #expect(throws: StatisticsError.empty(rows: 0, columns: 0)) { try Matrix(rows: []).choleskyFactor() }
        #expect(throws: StatisticsError.invalidTolerance(-1)) {
            try Matrix.identity(2).choleskyFactor(symmetryTolerance: -1)
        }
    }
}
