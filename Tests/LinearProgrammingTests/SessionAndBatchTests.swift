import Testing
@testable import LinearProgramming

@Suite struct SessionTests {
    /// A warm re-solve after a change must equal a cold solve of the changed program
    /// (objective to 1e-9 relative; both are exact simplex vertices of the same LP).
    private func expectWarmEqualsCold(_ change: (GLPKSession) throws -> Void) throws {
        let (lp, _, _) = Fixtures.dispatch(hours: 48)
        let session = try GLPKSession(lp, options: SolverOptions(presolve: false))
        #expect(session.solve().status == .optimal)
        try change(session)
        let warm = session.solve()
        let cold = try GLPKSolver().solve(session.program)
        #expect(warm.status == .optimal && cold.status == .optimal)
        #expect(close(try #require(warm.objective), try #require(cold.objective)))
        #expect(warm.returnCodes == [0])
    }

    @Test func availabilityCutEqualsColdSolve() throws {
        // 10 % less cheap capacity in every hour: a bound change, re-solved by the dual simplex.
        try expectWarmEqualsCold { session in
            for h in 0..<48 { try session.setBounds(.between(0, 45), for: Variable(index: 4 * h)) }
        }
    }

    @Test func demandChangeEqualsColdSolve() throws {
        try expectWarmEqualsCold { session in
            try session.setBounds(.fixed(120), for: Row(index: session.program.row(named: "EB[7]")!.index))
        }
    }

    @Test func costChangeEqualsColdSolve() throws {
        // The mid unit becomes dearer than the peaker: a cost change, re-solved by the primal simplex.
        try expectWarmEqualsCold { session in
            for h in 0..<48 { try session.setCost(90, for: Variable(index: 4 * h + 1)) }
        }
    }

    @Test func warmResolveTakesFewerIterationsThanCold() throws {
        let (lp, cheap, _) = Fixtures.dispatch(hours: 168)
        let session = try GLPKSession(lp, options: SolverOptions(presolve: false))
        let first = session.solve()
        try session.setBounds(.between(0, 45), for: cheap[100])
        let warm = session.solve()
        #expect(warm.iterations < first.iterations)
    }

    @Test func invalidUpdatesAreRejectedAndLeaveTheSessionUnchanged() throws {
        let session = try GLPKSession(Fixtures.glpkManual())
        let before = session.program
        #expect(throws: LinearProgrammingError.self) { try session.setBounds(.between(2, 1), for: Variable(index: 0)) }
        #expect(throws: LinearProgrammingError.self) { try session.setBounds(.atMost(.nan), for: Row(index: 0)) }
        #expect(throws: LinearProgrammingError.self) { try session.setCost(.infinity, for: Variable(index: 0)) }
        #expect(throws: LinearProgrammingError.self) { try session.setCost(1, for: Variable(index: 3)) }
        #expect(throws: LinearProgrammingError.self) { try session.setBounds(.free, for: Row(index: -1)) }
        #expect(throws: LinearProgrammingError.self) { try session.setBounds(.atMost(1e15), for: Variable(index: 0)) }
        #expect(throws: LinearProgrammingError.self) { try session.setBounds(.atLeast(-1e300), for: Row(index: 0)) }
        #expect(throws: LinearProgrammingError.self) { try session.setCost(2e15, for: Variable(index: 0)) }
        #expect(session.program == before)
        #expect(close(try #require(session.solve().objective), 2200.0 / 3.0))
    }

    @Test func infeasibleAfterAChangeIsAStatus() throws {
        let session = try GLPKSession(Fixtures.glpkManual())
        _ = session.solve()
        try session.setBounds(.atLeast(200), for: Variable(index: 0))
        #expect(session.solve().status == .infeasible)
        try session.setBounds(.atLeast(0), for: Variable(index: 0))
        #expect(close(try #require(session.solve().objective), 2200.0 / 3.0))
    }
}

@Suite struct BatchTests {
    @Test func batchEqualsSequential() throws {
        let programs = (0..<8).map { k in Fixtures.dispatch(hours: 24 + 12 * k, cheapCapacity: 30 + 3 * Double(k)).0 }
        let sequential = try programs.map { try GLPKSolver().solve($0) }
        let batch = BatchSolver(maxConcurrency: 2).solve(programs)
        #expect(batch.count == programs.count)
        for (s, b) in zip(sequential, batch) {
            let b = try b.get()
            #expect(b.status == s.status)
            #expect(b.solution == s.solution)   // bit-identical: same problem, same path
        }
    }

    @Test func aBadProgramFailsAlone() throws {
        var bad = Fixtures.glpkManual()
        bad.setCost(.nan, for: Variable(index: 0))
        let results = BatchSolver().solve([Fixtures.glpkManual(), bad, Fixtures.infeasible()])
        #expect(try results[0].get().status == .optimal)
        #expect(throws: LinearProgrammingError.self) { try results[1].get() }
        #expect(try results[2].get().status == .infeasible)
    }
}

@Suite struct SparseRowsTests {
    @Test func mergesRepeatsInFirstAppearanceOrder() {
        var lp = LinearProgram()
        let x = lp.addVariable("x"), y = lp.addVariable("y"), z = lp.addVariable("z")
        let r0 = lp.addRow("r0", [2 * y, 1 * x], .free)
        lp.addRow("r1", [1 * z], .free)
        lp.addTerm(3, y, to: r0)
        lp.addTerm(-1, z, to: r0)
        let m = SparseRows(lp)
        #expect(m.rowStart == [0, 3, 4])
        #expect(m.variables == [1, 0, 2, 2])
        #expect(m.coefficients == [5, 1, -1, 1])
    }
}
