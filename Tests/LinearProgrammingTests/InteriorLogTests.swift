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

    /// The tail of GLPK's log on the Pakistan stress program of `InteriorPointAcceptanceTests`.
    static let instability = """
         28: obj =   9.157961001e+03; rpi =  2.5e-11; rdi =  1.6e-15; gap =  1.7e-05
         29: obj =   9.157950177e+03; rpi =  4.2e-12; rdi =  7.4e-16; gap =  4.9e-06
         30: obj =   9.157945461e+03; rpi =  1.5e-12; rdi =  2.5e-16; gap =  9.4e-07
        NUMERIC INSTABILITY; SEARCH TERMINATED
        Best point   9.157945461e+03 was reached on iteration 30
        """

    @Test func bestPointIsTheIterationGLPKNames() throws {
        let best = try #require(GLPKInteriorLog.bestResiduals(in: Self.instability[...]))
        #expect(best == InteriorResiduals(primal: 1.5e-12, dual: 2.5e-16, gap: 9.4e-7))
        #expect(best.isWithin(InteriorResiduals.acceptanceTolerance))
        // A best point before the last line: its own residuals, not the last line's.
        let earlier = """
             7: obj =   1.0e+00; rpi =  1.0e-09; rdi =  1.0e-12; gap =  5.0e-07
             8: obj =   2.0e+00; rpi =  3.0e-02; rdi =  1.0e-12; gap =  4.0e-01
            NUMERIC INSTABILITY; SEARCH TERMINATED
            Best point   1.0e+00 was reached on iteration 7
            """
        #expect(GLPKInteriorLog.bestResiduals(in: earlier[...]) == InteriorResiduals(primal: 1e-9, dual: 1e-12, gap: 5e-7))
        // Without a "Best point" line: the last progress line.
        #expect(GLPKInteriorLog.bestResiduals(in: Self.log[...]) == InteriorResiduals(primal: 1.2e-11, dual: 1.3e-15, gap: 1.3e-3))
    }

    @Test func acceptanceNeedsEveryResidualWithinTolerance() {
        let tolerance = InteriorResiduals.acceptanceTolerance
        #expect(InteriorResiduals(primal: 1e-6, dual: 1e-6, gap: 1e-6).isWithin(tolerance))
        #expect(!InteriorResiduals(primal: 2e-6, dual: 0, gap: 0).isWithin(tolerance))
        #expect(!InteriorResiduals(primal: 0, dual: 2e-6, gap: 0).isWithin(tolerance))
        #expect(!InteriorResiduals(primal: 0, dual: 0, gap: 1.3e-3).isWithin(tolerance))  // the iteration-limit log above
        #expect(!InteriorResiduals(primal: .nan, dual: 0, gap: 0).isWithin(tolerance))
        // Acceptance: feasible to 1e-6 on both sides, the gap within the accepted gap (1e-4 by default).
        let gap = InteriorResiduals.acceptanceGap
        #expect(InteriorResiduals(primal: 1e-6, dual: 1e-6, gap: 1e-4).isAcceptable(gap: gap))
        #expect(!InteriorResiduals(primal: 1e-6, dual: 1e-6, gap: 1e-4).isAcceptable(gap: 1e-6))
        #expect(!InteriorResiduals(primal: 0, dual: 0, gap: 1.3e-3).isAcceptable(gap: gap))  // the iteration-limit log above
        #expect(!InteriorResiduals(primal: 2e-6, dual: 0, gap: 0).isAcceptable(gap: gap))
        #expect(!InteriorResiduals(primal: 0, dual: 2e-6, gap: 0).isAcceptable(gap: gap))
        #expect(!InteriorResiduals(primal: 0, dual: 0, gap: .nan).isAcceptable(gap: gap))
        // A candidate for the program's own check: the dual residual screened at 1e-4 only.
        #expect(InteriorResiduals(primal: 1.4e-12, dual: 2.2e-6, gap: 1.8e-5).isCandidate(gap: gap))  // the LNG heat wave
        #expect(!InteriorResiduals(primal: 1.4e-12, dual: 2.2e-6, gap: 1.8e-5).isAcceptable(gap: gap))
        #expect(!InteriorResiduals(primal: 0, dual: 2e-4, gap: 0).isCandidate(gap: gap))
        #expect(!InteriorResiduals(primal: 2e-6, dual: 0, gap: 0).isCandidate(gap: gap))
        #expect(!InteriorResiduals(primal: 0, dual: 0, gap: 2e-4).isCandidate(gap: gap))
        // Which statuses may be accepted at all.
        #expect(GLPKStatusMapping.stoppedShort(.solverError(.numericalInstability)))
        #expect(GLPKStatusMapping.stoppedShort(.solverError(.noConvergence)))
        #expect(GLPKStatusMapping.stoppedShort(.limitReached(.iteration)))
        #expect(!GLPKStatusMapping.stoppedShort(.infeasibleOrUnbounded))
        #expect(!GLPKStatusMapping.stoppedShort(.solverError(.failed)))
    }
}
