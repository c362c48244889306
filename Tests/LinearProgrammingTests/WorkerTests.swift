import Testing
@testable import LinearProgramming

@Suite struct WorkerTests {
    /// Dispatch programs that differ only in bounds and costs: the second and later start warm
    /// and give the cold optimum (1e-9 relative), in fewer iterations than a cold solve.
    @Test func sameShapeProgramsStartWarmAndEqualColdSolves() throws {
        let (lp, cheap, demand) = Fixtures.dispatch(hours: 168)
        var derated = lp
        for h in 0..<168 where h % 3 == 0 { derated.setBounds(.between(0, 30), for: cheap[h]) }
        var dearer = derated
        for h in 0..<168 { dearer.setCost(95, for: Variable(index: 4 * h + 1)) }
        var moreDemand = dearer
        moreDemand.setBounds(.fixed(140), for: demand[20])

        let worker = GLPKSolver().worker()
        for (k, program) in [lp, derated, dearer, moreDemand].enumerated() {
            let warm = try worker.solve(program)
            let cold = try GLPKSolver().solve(program)
            #expect(warm.status == .optimal && cold.status == .optimal)
            #expect(close(try #require(warm.objective), try #require(cold.objective)))
            #expect(warm.warmStarted == (k > 0))
            if k == 1 { #expect(warm.iterations < cold.iterations) }
        }
        #expect(worker.warmSolves == 3 && worker.coldSolves == 1)
    }

    /// A program with another matrix is loaded anew; the kept program of the first shape still
    /// serves a later program of that shape.
    @Test func anotherShapeIsSolvedColdAndTheFirstShapeStaysWarm() throws {
        let (small, _, _) = Fixtures.dispatch(hours: 24)
        let (large, _, _) = Fixtures.dispatch(hours: 48)
        var otherMatrix = small
        otherMatrix.addTerm(0.5, Variable(index: 0), to: Row(index: 0))
        let worker = GLPKSolver().worker()
        for program in [small, large, otherMatrix, small] {
            let result = try worker.solve(program)
            #expect(close(try #require(result.objective), try #require(GLPKSolver().solve(program).objective)))
        }
        #expect(worker.coldSolves == 3 && worker.warmSolves == 1)
    }

    /// The least recently used program is released beyond the worker's capacity.
    @Test func capacityBoundsTheKeptPrograms() throws {
        let programs = (1...3).map { Fixtures.dispatch(hours: 12 * $0).0 }
        let worker = GLPKWorker(options: SolverOptions(), capacity: 2)
        for program in programs + [programs[0]] { _ = try worker.solve(program) }
        #expect(worker.coldSolves == 4 && worker.warmSolves == 0)
    }

    /// Infeasible after a change is a status, and the next program still solves from the session.
    @Test func infeasibleMemberIsAStatusAndTheWorkerRecovers() throws {
        let (lp, _, demand) = Fixtures.dispatch(hours: 24)
        var impossible = lp
        impossible.setBounds(.fixed(0), for: Variable(index: 4 * 3 + 3))  // no unserved energy in hour 3
        impossible.setBounds(.fixed(500), for: demand[3])  // above the 190 MW of capacity
        let worker = GLPKSolver().worker()
        #expect(try worker.solve(lp).status == .optimal)
        #expect(try worker.solve(impossible).status == .infeasible)
        let again = try worker.solve(lp)
        #expect(again.status == .optimal && again.warmStarted)
        #expect(close(try #require(again.objective), try #require(GLPKSolver().solve(lp).objective)))
    }

    /// The interior point leaves no basis: every program is solved cold.
    @Test func interiorPointWorkerSolvesCold() throws {
        let (lp, _, _) = Fixtures.dispatch(hours: 24)
        let worker = GLPKSolver(options: SolverOptions(method: .interiorPoint)).worker()
        let first = try worker.solve(lp), second = try worker.solve(lp)
        #expect(!first.warmStarted && !second.warmStarted && second.method == .interiorPoint)
    }

    /// Per-worker state is made once per worker: each worker counts its own items from 1, so
    /// the count 1 appears once per worker (1 to 3 of them) and the results stay in input order.
    @Test func parallelWorkStateIsPerWorker() {
        final class Counter { var items = 0 }
        let outputs = ParallelWork.map(Array(0..<40), workers: 3, state: { Counter() }) { counter, item in
            counter.items += 1
            return (item * 2, counter.items)
        }
        #expect(outputs.map(\.0) == (0..<40).map { $0 * 2 })
        let workers = outputs.filter { $0.1 == 1 }.count
        #expect((1...3).contains(workers))
        #expect(outputs.map(\.1).max()! <= 40 - (workers - 1))
    }
}
