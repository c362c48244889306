import Testing
@testable import Statistics

@Suite("Matrix")
struct MatrixTests {
    @Test("init(rows:) stores column-major and round-trips")
    func rowLiteralIsColumnMajor() throws {
        let a = try Matrix(rows: [[1, 2, 3], [4, 5, 6]])
        #expect(a.rows == 2)
        #expect(a.columns == 3)
        #expect(a.elements == [1, 4, 2, 5, 3, 6])
        #expect(a[1, 2] == 6)
        #expect(a.rowArrays == [[1, 2, 3], [4, 5, 6]])
        #expect(a.column(1) == [2, 5])
        #expect(a.row(0) == [1, 2, 3])
        let b = try Matrix(rows: 2, columns: 3, columnMajor: [1, 4, 2, 5, 3, 6])
        #expect(a == b)
    }

    @Test("ragged rows and wrong element counts throw")
    func invalidShapesThrow() {
        #expect(throws: StatisticsError.raggedRows(row: 1, expectedCount: 2, actualCount: 1)) {
            try Matrix(rows: [[1, 2], [3]])
        }
        #expect(throws: StatisticsError.countMismatch(expected: 4, actual: 3)) {
            try Matrix(rows: 2, columns: 2, columnMajor: [1, 2, 3])
        }
    }

    @Test("subscript setter, identity and transpose")
    func identityAndTranspose() throws {
        var a = Matrix(rows: 2, columns: 3, repeating: 0)
        a[0, 2] = 7
        #expect(a.transposed[2, 0] == 7)
        #expect(a.transposed.rows == 3)
        #expect(Matrix.identity(3).rowArrays == [[1, 0, 0], [0, 1, 0], [0, 0, 1]])
        let b = try Matrix(rows: [[1, 2], [3, 4], [5, 6]])
        #expect(b.transposed.transposed == b)
        #expect(b.transposed.rowArrays == [[1, 3, 5], [2, 4, 6]])
    }

    @Test("matrix and vector products (exact small integers)")
    func products() throws {
        let a = try Matrix(rows: [[1, 2], [3, 4]])
        let b = try Matrix(rows: [[5, 6, 7], [8, 9, 10]])
        #expect((a * b).rowArrays == [[21, 24, 27], [47, 54, 61]])
        #expect(try a.multiplied(by: b) == a * b)
        #expect(a * [1, -1] == [-1, -1])
        #expect(try a.multiplied(by: [2, 0.5]) == [3, 8])
        #expect(a * Matrix.identity(2) == a)
    }

    @Test("mismatched products throw")
    func productMismatchThrows() throws {
        let a = try Matrix(rows: [[1, 2], [3, 4]])
        let b = Matrix(rows: 3, columns: 1, repeating: 1)
        #expect(throws: StatisticsError.dimensionMismatch(leftRows: 2, leftColumns: 2, rightRows: 3, rightColumns: 1)) {
            try a.multiplied(by: b)
        }
        #expect(throws: StatisticsError.dimensionMismatch(leftRows: 2, leftColumns: 2, rightRows: 3, rightColumns: 1)) {
            try a.multiplied(by: [1, 2, 3])
        }
    }

    @Test("non-finite entries are found and located")
    func nonFiniteValidation() throws {
        let a = try Matrix(rows: [[1, 2], [3, .infinity]])
        #expect(!a.isFinite)
        #expect(throws: StatisticsError.nonFiniteEntry(row: 1, column: 1)) { try a.validateFinite() }
        let b = try Matrix(rows: [[1, .nan], [3, 4]])
        #expect(throws: StatisticsError.nonFiniteEntry(row: 0, column: 1)) { try b.validateFinite() }
        try Matrix.identity(2).validateFinite()
    }
}

@Test("negative dimensions throw instead of trapping")
func negativeDimensionsThrow() {
    #expect(throws: StatisticsError.invalidDimensions(rows: -1, columns: 2)) {
        try Matrix(rows: -1, columns: 2, columnMajor: [])
    }
}
