import Foundation
import Testing
@testable import LinearProgramming

/// A what-if starts from the optimum of the run it departs from (``DepartedSolution``): when none
/// of its changes binds, that optimum passes the what-if program's check and is the answer without
/// a solve; otherwise the what-if is solved. Hand-derived: minimise x + 2y with x + y ≥ 10, x ≤ 8
/// (bound) and y ≤ `yLimit` (row): x = 8, y = 2, objective 12 while `yLimit` ≥ 2 and `xLimit` = 8.
@Suite struct DepartedSolutionTests {
    static func program(xLimit: Double = 8, yLimit: Double = 100) -> LinearProgram {
        var lp = LinearProgram(name: "departure")
        let x = lp.addVariable("x", bounds: .between(0, xLimit), cost: 1)
        let y = lp.addVariable("y", cost: 2)
        lp.addRow("demand", [1 * x, 1 * y], .atLeast(10))
        lp.addRow("y_limit", [1 * y], .atMost(yLimit))
        return lp
    }

    static func departed() throws -> DepartedSolution {
        let base = try GLPKSolver().solve(program())
        let solution = try #require(base.solution)
        #expect(close(solution.objective, 12, 1e-12))
        // Through the file form, as a run folder keeps it.
        return try #require(DepartedSolution.decode(DepartedSolution.encode(solution), source: "base"))
    }

    @Test func theFileFormKeepsEveryBitAndRefusesOtherBytes() throws {
        let solution = Solution(objective: 0, values: [1.0 / 3, -0.0, 1e300], reducedCosts: [0, 0, 0], rowActivities: [0], rowDuals: [.pi])
        let data = DepartedSolution.encode(solution)
        #expect(data.count == 24 + 8 * 4)
        let back = try #require(DepartedSolution.decode(data, source: "s"))
        #expect(back.values.map(\.bitPattern) == solution.values.map(\.bitPattern))
        #expect(back.rowDuals.map(\.bitPattern) == solution.rowDuals.map(\.bitPattern))
        #expect(DepartedSolution.decode(data.dropLast(), source: "s") == nil)
        var wrong = data
        wrong[0] = UInt8(ascii: "X")
        #expect(DepartedSolution.decode(wrong, source: "s") == nil)
    }

    @Test func aChangeThatDoesNotBindKeepsTheDepartedOptimumWithoutASolve() throws {
        let result = try DepartingSolver(GLPKSolver(), start: try Self.departed(), gap: 1e-4, method: .primalSimplex)
            .solve(Self.program(yLimit: 50))
        #expect(result.status == .optimal)
        #expect(result.path.map(\.kind) == [.departedSolution])
        #expect(result.iterations == 0 && result.returnCodes.isEmpty)
        #expect(result.fallbacks.count == 1 && result.fallbacks[0].hasPrefix("the solution of base passes this program's check"))
        let solution = try #require(result.solution)
        #expect(close(solution.objective, 12, 1e-12))
        #expect(solution.values == [8, 2])
        #expect(try #require(result.check).passed)
    }

    @Test func aChangeThatBindsIsSolved() throws {
        // x ≤ 5 cuts the departed x = 8: solved, x = 5, y = 5, objective 15.
        let tighter = try DepartingSolver(GLPKSolver(), start: try Self.departed(), gap: 1e-4, method: .primalSimplex)
            .solve(Self.program(xLimit: 5))
        #expect(tighter.status == .optimal)
        #expect(!tighter.path.contains { $0.kind == .departedSolution })
        #expect(tighter.log.hasPrefix("Bijli: the solution of base does not pass this program's check; solved"))
        #expect(close(try #require(tighter.objective), 15, 1e-12))
        // y ≤ 1 binds the other way (x would need 9 > 8): the departed point violates the row.
        let capped = try DepartingSolver(GLPKSolver(), start: try Self.departed(), gap: 1e-4, method: .primalSimplex)
            .solve(Self.program(yLimit: 1))
        #expect(!capped.path.contains { $0.kind == .departedSolution })
        #expect(capped.status == .infeasible)
    }

    @Test func anotherShapeAndEveryLaterProgramAreSolved() throws {
        var bigger = Self.program()
        _ = bigger.addVariable("z", cost: 1)
        let solver = DepartingSolver(GLPKSolver(), start: try Self.departed(), gap: 1e-4, method: .primalSimplex)
        #expect(!(try solver.solve(bigger)).path.contains { $0.kind == .departedSolution })
        // The start is for the first program only: a second stage is always solved.
        #expect(!(try solver.solve(Self.program(yLimit: 50))).path.contains { $0.kind == .departedSolution })
    }
}
