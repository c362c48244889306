import Testing
@testable import LinearProgramming

/// Tolerance: GLPK's simplex meets the manual's optimum to rounding (1e-9 relative); the interior
/// point stops at a relative gap of about 1e-8, so it is checked to 1e-6.
@Suite struct GLPKSolverTests {
    static let methods: [(SolverMethod, Bool)] = [
        (.primalSimplex, true), (.primalSimplex, false), (.dualSimplex, true), (.dualSimplex, false), (.interiorPoint, false),
    ]

    @Test(arguments: 0..<5)
    func manualExampleIsOptimalWithEveryMethod(_ k: Int) throws {
        let (method, presolve) = Self.methods[k]
        let result = try GLPKSolver(options: SolverOptions(method: method, presolve: presolve)).solve(Fixtures.glpkManual())
        let tolerance = method == .interiorPoint ? 1e-6 : 1e-9
        #expect(result.status == .optimal)
        let solution = try #require(result.solution)
        #expect(close(solution.objective, 2200.0 / 3.0, tolerance))
        #expect(close(solution.values[0], 100.0 / 3.0, tolerance))
        #expect(close(solution.values[1], 200.0 / 3.0, tolerance))
        #expect(abs(solution.values[2]) < 1e-6)
        #expect(close(solution.rowDuals[0], 10.0 / 3.0, tolerance))
        #expect(close(solution.rowDuals[1], 2.0 / 3.0, tolerance))
        #expect(abs(solution.rowDuals[2]) < 1e-6)
        #expect(close(solution.rowActivities[0], 100, tolerance))
        #expect(close(solution.rowActivities[2], 2.0 * 100.0 / 3.0 + 2.0 * 200.0 / 3.0, tolerance))
        // The reduced cost of x3 is 4 − (10/3·1 + 2/3·5 + 0·6) = −8/3.
        #expect(close(solution.reducedCosts[2], -8.0 / 3.0, tolerance))
        #expect(result.method == method)
    }

    @Test func objectiveIncludesTheConstant() throws {
        let result = try GLPKSolver().solve(Fixtures.glpkManual(constant: 1000))
        #expect(close(try #require(result.objective), 1000 + 2200.0 / 3.0))
    }

    @Test(arguments: 0..<5)
    func infeasibleIsAStatusForEveryMethod(_ k: Int) throws {
        let (method, presolve) = Self.methods[k]
        let result = try GLPKSolver(options: SolverOptions(method: method, presolve: presolve)).solve(Fixtures.infeasible())
        #expect(result.status == .infeasible)
        #expect(result.solution == nil)
    }

    @Test(arguments: 0..<5)
    func unboundedIsAStatusForEveryMethod(_ k: Int) throws {
        let (method, presolve) = Self.methods[k]
        let result = try GLPKSolver(options: SolverOptions(method: method, presolve: presolve)).solve(Fixtures.unbounded())
        #expect(result.status == .unbounded)
    }

    @Test func ambiguousStatusIsReportedWhenClassificationIsOff() throws {
        // With presolve, GLPK reports "no dual feasible solution" for an unbounded program.
        let options = SolverOptions(method: .primalSimplex, presolve: true, classifyAmbiguousStatus: false)
        let result = try GLPKSolver(options: options).solve(Fixtures.unbounded())
        #expect(result.status == .infeasibleOrUnbounded || result.status == .unbounded)
        #expect(result.returnCodes.count == 1)
    }

    @Test func iterationLimitIsAStatus() throws {
        let (lp, _, _) = Fixtures.dispatch(hours: 48)
        let options = SolverOptions(method: .primalSimplex, presolve: false, iterationLimit: 1)
        let result = try GLPKSolver(options: options).solve(lp)
        #expect(result.status == .limitReached(.iteration))
    }

    @Test func logIsCapturedOnlyWhenAsked() throws {
        let loud = try GLPKSolver(options: SolverOptions(captureLog: true)).solve(Fixtures.glpkManual())
        #expect(loud.log.contains("OPTIMAL"))
        let quiet = try GLPKSolver(options: SolverOptions(captureLog: false)).solve(Fixtures.glpkManual())
        #expect(quiet.log.isEmpty)
    }

    @Test func iterationsAndTimesAreRecorded() throws {
        let (lp, _, _) = Fixtures.dispatch(hours: 24)
        let clock = ContinuousClock()
        let start = clock.now
        let result = try GLPKSolver(options: SolverOptions(presolve: false)).solve(lp)
        let elapsed = clock.now - start
        let wallSeconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        #expect(result.status == .optimal)
        #expect(result.iterations > 0)
        // One simplex call, and it succeeded.
        #expect(result.returnCodes == [0])
        // The load and the solve are parts of the call: in seconds (not milliseconds), neither
        // negative, together no longer than the call measured from outside.
        #expect(result.loadSeconds >= 0 && result.solveSeconds >= 0)
        #expect(result.loadSeconds + result.solveSeconds <= wallSeconds)
    }

    @Test func duplicateEntriesAreSummed() throws {
        // x + 2x ≤ 6 is 3x ≤ 6: max x gives 2.
        var lp = LinearProgram(sense: .maximize)
        let x = lp.addVariable("x", cost: 1)
        let row = lp.addRow("c", [1 * x, 2 * x], .atMost(6))
        let result = try GLPKSolver().solve(lp)
        #expect(close(try #require(result.solution)[x], 2))
        #expect(close(try #require(result.solution).dual(row), 1.0 / 3.0))
    }

    @Test func programWithoutRowsSolvesWithEveryMethod() throws {
        var lp = LinearProgram()
        let x = lp.addVariable("x", bounds: .between(2, 5), cost: 3)
        for method in SolverMethod.allCases {
            let result = try GLPKSolver(options: SolverOptions(method: method)).solve(lp)
            #expect(result.status == .optimal)
            #expect(close(try #require(result.solution)[x], 2))
        }
    }

    @Test func dispatchFollowsTheMeritOrder() throws {
        // Hand-derived: demand is 60, 66, 72, 78, 84 MW. The cheap unit (50 MW at 10) runs flat
        // out; the mid unit (40 MW at 30) serves 10..34 MW, inside its capacity and its ±10 MW
        // ramp, so it is marginal in every hour: the energy-balance dual is its cost, 30.
        let (lp, cheap, demand) = Fixtures.dispatch(hours: 5)
        let solution = try #require(try GLPKSolver().solve(lp).solution)
        for (h, row) in demand.enumerated() {
            let load: Double = 60.0 + 30.0 * Double(h) / 5.0
            #expect(close(solution.activity(row), load))
            #expect(close(solution[cheap[h]], 50))
            #expect(close(solution.dual(row), 30))   // the mid unit sets the price in every hour
        }
    }
}
