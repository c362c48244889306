import Testing
@testable import LinearProgramming

/// Reading GLPK's interior-point log: the iteration count and the residuals of the last progress
/// line (used to decide whether the point kept at GLPK's iteration limit is feasible enough to return).
@Suite struct InteriorLogTests {
    static let log = """
        Optimization begins...
          0: obj =   3.650735593e+09; rpi =  1.0e+03; rdi =  4.4e+00; gap =  1.0e+00
         99: obj =   4.866034337e+04; rpi =  1.3e-11; rdi =  1.4e-15; gap =  1.4e-03
        100: obj =   4.866009523e+04; rpi =  1.2e-11; rdi =  1.3e-15; gap =  1.3e-03
        ITERATION LIMIT EXCEEDED; SEARCH TERMINATED
        """

    @Test func lastProgressLineGivesTheResiduals() throws {
        let last = try #require(GLPKInteriorLog.lastResiduals(in: Self.log[...]))
        #expect(last.primal == 1.2e-11)
        #expect(last.dual == 1.3e-15)
        #expect(last.gap == 1.3e-3)
        #expect(GLPKInteriorLog.iterations(in: Self.log[...]) == 100)
    }

    @Test func logWithoutProgressHasNoResiduals() {
        #expect(GLPKInteriorLog.lastResiduals(in: "Guessing initial point...\nNUMERIC INSTABILITY\n") == nil)
        let first = GLPKInteriorLog.lastResiduals(in: "  0: obj =   1.0e+00; rpi =  2.0e+01; rdi =  3.0e-01; gap =  1.0e+00\n")
        #expect(first?.primal == 20)
    }
}
