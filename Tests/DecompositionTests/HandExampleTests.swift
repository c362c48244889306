import Decomposition
import LinearProgramming
import Testing

/// A two-stage capacity problem small enough to solve by hand.
///
/// Master: baseload capacity x1 (cost 10 per MW), peaker capacity x2 (cost 2 per MW), a reserve
/// row x1 + x2 ≥ 11, and a constant 7. Two blocks (two seasons, weight 1 each), each a dispatch
/// with generation p1 ≤ x1 (cost 1), p2 ≤ x2 (cost 6) and unserved energy u (cost 100):
/// p1 + p2 + u = 10 in block A, = 6 in block B.
///
/// By hand (screening curve): a MW of load present in both blocks costs 10 + 1 + 1 = 12 on the
/// baseload and 2 + 6 + 6 = 14 on the peaker, so the first 6 MW are baseload: x1 = 6. Load only
/// in block A (6..10 MW) costs 10 + 1 = 11 on the baseload and 2 + 6 = 8 on the peaker: x2 = 4.
/// The reserve row then asks for one more MW; the cheapest is a peaker (2): x2 = 5, idle.
/// Cost: 10·6 + 2·5 = 70 capital, block A 6·1 + 4·6 = 30, block B 6·1 = 6, constant 7:
/// **113**. Block A's balance has the peaker at the margin (4 < 5 MW): its dual is **6**.
/// Without the reserve row the idle peaker MW goes: x2 = 4, **111**.
enum HandExample {
    static let optimum = 113.0
    static let optimumWithoutReserve = 111.0

    /// The program, with or without unserved energy in block A (without: block A is infeasible
    /// until the master buys 10 MW, so feasibility cuts are needed), maximised as `−cost` if asked.
    static func program(unservedInA: Bool = true, reserve: Bool = true, maximize: Bool = false) -> (LinearProgram, BlockStructure, Row) {
        let s = maximize ? -1.0 : 1.0
        var lp = LinearProgram(name: "hand", sense: maximize ? .maximize : .minimize, objectiveConstant: s * 7)
        let x1 = lp.addVariable("x1", cost: s * 10)
        let x2 = lp.addVariable("x2", cost: s * 2)
        if reserve { lp.addRow("reserve", [1 * x1, 1 * x2], .atLeast(11)) }
        var assignments: [BlockStructure.Assignment] = [.master, .master]
        var balanceA = Row(index: 0)
        for (k, (name, demand)) in [("A", 10.0), ("B", 6.0)].enumerated() {
            let p1 = lp.addVariable("p1[\(name)]", cost: s * 1)
            let p2 = lp.addVariable("p2[\(name)]", cost: s * 6)
            var terms = [1 * p1, 1 * p2]
            assignments += [.block(k), .block(k)]
            if unservedInA || name == "B" {
                let u = lp.addVariable("u[\(name)]", cost: s * 100)
                terms.append(1 * u)
                assignments.append(.block(k))
            }
            let balance = lp.addRow("balance[\(name)]", terms, .fixed(demand))
            if name == "A" { balanceA = balance }
            lp.addRow("cap1[\(name)]", [1 * p1, -1 * x1], .atMost(0))
            lp.addRow("cap2[\(name)]", [1 * p2, -1 * x2], .atMost(0))
        }
        return (lp, BlockStructure(assignments: assignments, blockNames: ["A", "B"]), balanceA)
    }
}

@Suite struct HandExampleTests {
    @Test(arguments: [1, 2, 8])
    func reachesTheHandDerivedOptimum(workers: Int) throws {
        let (lp, blocks, balanceA) = HandExample.program()
        let result = try BendersSolver(options: BendersOptions(gap: 1e-9, workers: workers)).solve(lp, blocks: blocks)
        #expect(result.status == .optimal)
        let solution = try #require(result.solution)
        #expect(abs(solution.objective - HandExample.optimum) <= 1e-6)
        #expect(abs(solution.values[0] - 6) <= 1e-6)
        #expect(abs(solution.values[1] - 5) <= 1e-6)
        #expect(abs(solution.dual(balanceA) - 6) <= 1e-6)
        #expect(result.lowerBound <= HandExample.optimum + 1e-6 && result.upperBound >= HandExample.optimum - 1e-6)
        #expect(result.optimalityCuts >= 2 && result.feasibilityCuts == 0)
        // The row activities and reduced costs of the assembled solution match a monolithic solve.
        let whole = try #require(try GLPKSolver().solve(lp).solution)
        for i in 0..<lp.rowCount { #expect(abs(solution.rowActivities[i] - whole.rowActivities[i]) <= 1e-6) }
    }

    @Test(arguments: [BendersOptions.Stabilization.none, .level(0.5), .level(0.2)])
    func everyStabilizationConverges(stabilization: BendersOptions.Stabilization) throws {
        let (lp, blocks, _) = HandExample.program()
        let result = try BendersSolver(options: BendersOptions(gap: 1e-9, stabilization: stabilization)).solve(lp, blocks: blocks)
        #expect(result.status == .optimal)
        #expect(abs((result.solution?.objective ?? 0) - HandExample.optimum) <= 1e-6)
    }

    @Test func feasibilityCutsWhereABlockCannotShed() throws {
        // The first master point buys nothing: block A cannot meet its 10 MW.
        let (lp, blocks, _) = HandExample.program(unservedInA: false, reserve: false)
        let result = try BendersSolver(options: BendersOptions(gap: 1e-9)).solve(lp, blocks: blocks)
        #expect(result.status == .optimal)
        #expect(abs((result.solution?.objective ?? 0) - HandExample.optimumWithoutReserve) <= 1e-6)
        #expect(result.feasibilityCuts > 0)
    }

    @Test func maximisationIsTheNegatedMinimisation() throws {
        let (lp, blocks, balanceA) = HandExample.program(maximize: true)
        let result = try BendersSolver(options: BendersOptions(gap: 1e-9)).solve(lp, blocks: blocks)
        #expect(result.status == .optimal)
        let solution = try #require(result.solution)
        #expect(abs(solution.objective + HandExample.optimum) <= 1e-6)
        #expect(result.lowerBound <= -HandExample.optimum + 1e-6 && result.upperBound >= -HandExample.optimum - 1e-6)
        let whole = try #require(try GLPKSolver().solve(lp).solution)
        #expect(abs(solution.dual(balanceA) - whole.dual(balanceA)) <= 1e-6)
    }

    @Test func anInfeasibleProgramIsReportedSo() throws {
        var (lp, blocks, _) = HandExample.program(unservedInA: false, reserve: false)
        lp.setBounds(.between(0, 3), for: Variable(index: 0))
        lp.setBounds(.between(0, 3), for: Variable(index: 1))
        let result = try BendersSolver().solve(lp, blocks: blocks)
        #expect(result.status == .infeasible)
        #expect(result.solution == nil)
    }

    @Test func aRowAcrossTwoBlocksIsRefused() throws {
        var (lp, blocks, _) = HandExample.program()
        lp.addRow("annual", [1 * Variable(index: 2), 1 * Variable(index: 6)], .atMost(100))
        #expect(throws: DecompositionError.rowSpansBlocks(row: "annual", blocks: ["A", "B"])) {
            try BendersSolver().solve(lp, blocks: blocks)
        }
    }

    @Test func theObserverSeesEveryIteration() throws {
        let (lp, blocks, _) = HandExample.program()
        let seen = Seen()
        let result = try BendersSolver(options: BendersOptions(gap: 1e-9)).solve(lp, blocks: blocks) { seen.add($0) }
        let all = seen.all
        #expect(all.count == result.iterations)
        #expect(all.map(\.iteration) == Array(1...result.iterations))
        // The bounds only tighten.
        for (a, b) in zip(all, all.dropFirst()) {
            #expect(b.lowerBound >= a.lowerBound - 1e-9 && b.upperBound <= a.upperBound + 1e-9)
        }
    }

    @Test func anIterationLimitReturnsTheBestPointWithItsBounds() throws {
        let (lp, blocks, _) = HandExample.program()
        let result = try BendersSolver(options: BendersOptions(gap: 1e-12, maxIterations: 1, stabilization: .none)).solve(lp, blocks: blocks)
        #expect(result.status == .limitReached(.iteration))
        #expect(result.iterations == 1)
        #expect(result.solveResult.status == .limitReached(.iteration))
    }

    @Test func asALinearSolver() throws {
        let (lp, blocks, _) = HandExample.program()
        let result = try BlockedBendersSolver(blocks: blocks, options: BendersOptions(gap: 1e-9)).solve(lp)
        #expect(result.status == .optimal)
        #expect(abs((result.objective ?? 0) - HandExample.optimum) <= 1e-6)
        // A program the structure does not fit is refused as bad input, not solved.
        var other = lp
        other.addVariable("extra")
        #expect(throws: LinearProgrammingError.self) { try BlockedBendersSolver(blocks: blocks).solve(other) }
    }

    @Test func completingALabellingFollowsTheRows() throws {
        let (lp, blocks, _) = HandExample.program()
        // Only the unserved columns labelled: the rest of each block follows through its rows.
        var partial = [BlockStructure.Assignment?](repeating: nil, count: lp.variableCount)
        partial[0] = .master; partial[1] = .master
        partial[4] = .block(0); partial[7] = .block(1)
        let completed = try BlockStructure.completing(partial, blockNames: ["A", "B"], of: lp)
        #expect(completed == blocks)
    }
}

import Synchronization

/// Progress reports collected across threads.
final class Seen: Sendable {
    private let reports = Mutex<[BendersProgress]>([])
    func add(_ p: BendersProgress) { reports.withLock { $0.append(p) } }
    var all: [BendersProgress] { reports.withLock { $0 } }
}
