import Foundation
import Testing
@testable import LinearProgramming

/// Issue 19: huge numbers that made GLPK abort (1e308) or answer wrongly (1e20), refused before
/// GLPK; and "optimal" answers GLPK got wrong inside the range, caught by the check against the
/// program and solved again.
@Suite struct MagnitudeAndCheckTests {
    /// The three-variable program of the issue's kind: max 3x0 + 4x1 + 3x2 with one huge coefficient.
    static func program(big: Double) -> LinearProgram {
        var lp = LinearProgram(sense: .maximize)
        let x0 = lp.addVariable("x0", cost: 3), x1 = lp.addVariable("x1", cost: 4), x2 = lp.addVariable("x2", cost: 3)
        lp.addRow("c0", [1 * x0, 2 * x1, 1 * x2], .atMost(300))
        lp.addRow("c1", [2 * x0, 2 * x1, big * x2], .atMost(200))
        lp.addRow("c2", [2 * x0, 1 * x1, 3 * x2], .atMost(300))
        return lp
    }

    private func outOfRange(_ lp: LinearProgram) -> [ProgramIssue] {
        lp.issues().filter { if case .outOfRange = $0 { true } else { false } }
    }

    @Test(arguments: [1e308, 1e100, 1e20, 1e15, -1e15])
    func hugeCoefficientsAreRefusedBeforeGLPK(big: Double) {
        let issues = outOfRange(Self.program(big: big))
        #expect(issues.count == 1)
        #expect(issues.first?.description.contains("row 'c1': coefficient of 'x2'") == true)
        #expect(throws: LinearProgrammingError.self) { _ = try GLPKSolver().solve(Self.program(big: big)) }
        #expect(throws: LinearProgrammingError.self) { _ = try GLPKSession(Self.program(big: big)) }
    }

    @Test func hugeBoundsCostsAndConstantsAndTinyCoefficientsAreRefused() {
        var lp = LinearProgram(objectiveConstant: 1e16)
        let x = lp.addVariable("x", bounds: .between(0, 1e300), cost: 1e15)
        lp.addRow("r", [1e-300 * x], .atMost(1e308))
        lp.addRow("s", [1 * x], .atLeast(-1e20))
        let issues = outOfRange(lp).map(\.description)
        #expect(issues.count == 6, "\(issues)")
        for place in ["the objective constant", "variable 'x': objective coefficient", "variable 'x': bound", "row 'r': bound",
                      "row 's': bound", "row 'r': coefficient of 'x'"] {
            #expect(issues.contains { $0.hasPrefix(place) }, "\(place) in \(issues)")
        }
    }

    @Test func theLimitsThemselves() {
        var lp = LinearProgram()
        let x = lp.addVariable("x", bounds: .between(-9.99e14, 9.99e14), cost: 9.99e14)
        lp.addRow("r", [1e-15 * x, 0 * x], .atMost(9.99e14))
        #expect(outOfRange(lp).isEmpty)
        // Repeated entries are summed first: 6e14 + 6e14 is 1.2e15.
        lp.addRow("twice", [6e14 * x, 6e14 * x], .atMost(1))
        #expect(outOfRange(lp).count == 1)
    }

    /// 1e14 is inside the range, but GLPK's scaled simplex says "optimal" 700 with row c1 at 400
    /// against 200 (`glpsol` agrees; `glpsol --exact` gives 400). The check catches it and the
    /// exact simplex answers.
    @Test(arguments: [SolverMethod.primalSimplex, .dualSimplex, .interiorPoint])
    func aWrongOptimumIsCaughtAndSolvedExactly(method: SolverMethod) throws {
        let lp = Self.program(big: 1e14)
        let result = try GLPKSolver(options: SolverOptions(method: method)).solve(lp)
        #expect(result.status == .optimal)
        let objective = try #require(result.objective)
        #expect(abs(objective - 400) <= 1e-9 * 400)
        let check = try #require(result.check)
        #expect(check.passed || result.log.contains("glp_exact"))
        #expect(lp.check(try #require(result.solution)).primalResidual <= SolutionCheck.tolerance)
    }

    /// A basis GLPK calls optimal with x1 at −3.3e-12: within any bound tolerance, but its
    /// coefficient 1e13 moves row c2 by 33 (233.3 reported, 216.7 exact).
    @Test func aTinyBoundViolationTimesAHugeCoefficientIsCaught() throws {
        var lp = LinearProgram(sense: .maximize)
        let x0 = lp.addVariable("x0", cost: 5), x1 = lp.addVariable("x1", cost: 2), x2 = lp.addVariable("x2", cost: 1)
        lp.addRow("c0", [2 * x1, 3 * x2], .atMost(200))
        lp.addRow("c1", [3 * x0], .atMost(100))
        lp.addRow("c2", [1e13 * x1, 2 * x2], .atMost(100))
        let result = try GLPKSolver().solve(lp)
        #expect(result.status == .optimal)
        #expect(abs(try #require(result.objective) - 650.0 / 3) <= 1e-9)
        // The wrong point itself fails the check, at row c2.
        let wrong = Solution(objective: 700.0 / 3, values: [100.0 / 3, -1.0 / 3e11, 200.0 / 3], reducedCosts: [0, 0, 0],
                             rowActivities: [200, 100, 100], rowDuals: [1.0 / 3, 5.0 / 3, 4.0 / 3e13])
        let check = lp.check(wrong)
        #expect(!check.passed)
        #expect(check.worst.hasPrefix("row 'c2'"))
    }

    @Test func correctSolutionsPassWithTheirDualsAndGap() throws {
        // The GLPK manual's example (max 10x1 + 6x2 + 4x3), optimum 733.33.
        var lp = LinearProgram(sense: .maximize)
        let x1 = lp.addVariable("x1", cost: 10), x2 = lp.addVariable("x2", cost: 6), x3 = lp.addVariable("x3", cost: 4)
        lp.addRow("p", [1 * x1, 1 * x2, 1 * x3], .atMost(100))
        lp.addRow("q", [10 * x1, 4 * x2, 5 * x3], .atMost(600))
        lp.addRow("r", [2 * x1, 2 * x2, 6 * x3], .atMost(300))
        for method in SolverMethod.allCases {
            let result = try GLPKSolver(options: SolverOptions(method: method)).solve(lp)
            let check = try #require(result.check)
            #expect(check.passed, "\(method): \(check.summary)")
            #expect(!result.log.contains("fails the check"))
        }
        // The same in minimisation form, with ≥ rows, equalities and free variables.
        var min = LinearProgram()
        let a = min.addVariable("a", bounds: .free, cost: 1), b = min.addVariable("b", bounds: .between(-5, 5), cost: -2)
        min.addRow("e", [1 * a, 1 * b], .fixed(3))
        min.addRow("g", [1 * a, -1 * b], .atLeast(-20))
        let result = try GLPKSolver().solve(min)
        #expect(result.status == .optimal)
        #expect(try #require(result.check).passed)
    }

    /// min a − b, a, b ∈ [0, 10⁴], a − b ≥ 100; the point a = 10⁴, b = 9,900 is optimal (P = 100).
    /// With its own dual y = 1 both gaps are 0. With y = 1 − 10⁻⁴ (duals of another program, as a
    /// departed solution brings) the dual objective is 0.9999·100 − 10⁻⁴·10⁴ = 98.99 (b's reduced
    /// cost −10⁻⁴ is taken at its upper bound): |P − D| = 1.01. Scaled by the terms (1 + Σ|c_j x_j| = 19,901)
    /// that is 5.0e-5, inside a 1e-4 acceptance gap; relative to the objective it is 1.01/101 =
    /// 1.0e-2, so the point is not accepted within 1e-4.
    @Test func aGapWithinTheTermsButNotWithinTheObjectiveIsNotAccepted() throws {
        var lp = LinearProgram()
        let a = lp.addVariable("a", bounds: .between(0, 1e4), cost: 1)
        let b = lp.addVariable("b", bounds: .between(0, 1e4), cost: -1)
        lp.addRow("r", [1 * a, -1 * b], .atLeast(100))
        func point(dual y: Double) -> Solution {
            Solution(objective: 100, values: [1e4, 9_900], reducedCosts: [1 - y, -1 + y], rowActivities: [100], rowDuals: [y])
        }
        let own = lp.check(point(dual: 1))
        #expect(own.passed && own.gap == 0 && own.objectiveGap == 0)
        let borrowed = lp.check(point(dual: 1 - 1e-4))
        #expect(abs(borrowed.gap - 1.01 / (1 + 19_900)) < 1e-12, "\(borrowed.gap)")
        #expect(abs(try #require(borrowed.objectiveGap) - 1.01 / 101) < 1e-12)
        #expect(borrowed.primalResidual == 0 && borrowed.dualResidual == 0)
        #expect(!borrowed.passed(gapTolerance: 1e-4))
        // The term-scaled gap alone would have passed it.
        var termsOnly = borrowed
        termsOnly.objectiveGap = 0
        #expect(termsOnly.passed(gapTolerance: 1e-4))
        #expect(borrowed.passed(gapTolerance: 0.02))
    }

    @Test func wrongDualsAndObjectivesFail() {
        var lp = LinearProgram()
        let x = lp.addVariable("x", cost: 1)
        lp.addRow("c", [1 * x], .atLeast(2))
        let right = Solution(objective: 2, values: [2], reducedCosts: [0], rowActivities: [2], rowDuals: [1])
        #expect(lp.check(right).passed)
        // A negative dual on a ≥ row of a minimisation would need an upper bound it does not have.
        #expect(!lp.check(Solution(objective: 2, values: [2], reducedCosts: [0], rowActivities: [2], rowDuals: [-1])).passed)
        // The objective as reported must be the objective of the point.
        #expect(lp.check(Solution(objective: 3, values: [2], reducedCosts: [0], rowActivities: [2], rowDuals: [1])).objectiveResidual > 0.1)
        // A dual of 0 leaves a gap of 2 (the dual objective is 0).
        #expect(lp.check(Solution(objective: 2, values: [2], reducedCosts: [1], rowActivities: [2], rowDuals: [0])).gap > 0.1)
        // Not finite: never passes.
        #expect(!lp.check(Solution(objective: .infinity, values: [.infinity], reducedCosts: [0], rowActivities: [2], rowDuals: [1])).passed)
        #expect(!lp.check(Solution(objective: .nan, values: [2], reducedCosts: [0], rowActivities: [2], rowDuals: [1])).passed)
    }

    /// A session's optimum is checked too (warm re-solves included).
    @Test func sessionsCheckTheirOptima() throws {
        let session = try GLPKSession(Self.program(big: 1e14))
        let first = session.solve()
        #expect(first.status == .optimal)
        #expect(abs(try #require(first.objective) - 400) <= 1e-9 * 400)
        #expect(first.check != nil)
    }

    /// Every solve has a time limit unless one asks for none.
    @Test func solvesAreTimeLimitedByDefault() {
        #expect(SolverOptions().timeLimitSeconds == SolverOptions.defaultTimeLimitSeconds)
        #expect(SolverOptions.defaultTimeLimitSeconds == 1800)
    }
}
