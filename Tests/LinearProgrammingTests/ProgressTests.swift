import Foundation
import Synchronization
import Testing
@testable import LinearProgramming

/// Progress events: GLPK's progress lines parsed, and events delivered live during solves.
@Suite struct ProgressTests {
    /// Lines copied from GLPK 5.0 logs (glpsol and Bijli's captured logs).
    @Test func simplexLinesAreParsed() throws {
        let phase1 = try #require(GLPKProgressLine.parse("      0: obj =   0.000000000e+00 inf =   8.764e+02 (60)"))
        #expect(phase1 == GLPKProgressLine(phase: 1, iteration: 0, objective: 0, infeasibility: 876.4, residuals: nil))
        let phase2 = try #require(GLPKProgressLine.parse("*    88: obj =   2.004986499e+02 inf =   1.596e-16 (0)"))
        #expect(phase2 == GLPKProgressLine(phase: 2, iteration: 88, objective: 200.4986499, infeasibility: 1.596e-16, residuals: nil))
        // The dual simplex marks its lines with '#'; a trailing factorisation count and flip share.
        let dual = try #require(GLPKProgressLine.parse("#   111: obj =   2.004986499e+02 inf =   0.000e+00 (0) 1"))
        #expect(dual.phase == 2 && dual.iteration == 111 && dual.infeasibility == 0)
        let big = try #require(GLPKProgressLine.parse(" 114228: obj =   6.441596549e+10 inf =   3.120e-04 (12) 4 37%"))
        #expect(big.phase == 1 && big.iteration == 114_228 && big.objective == 6.441596549e10)
    }

    @Test func interiorLinesAreParsed() throws {
        let line = try #require(GLPKProgressLine.parse(" 30: obj =   9.157945461e+03; rpi =  1.5e-12; rdi =  2.5e-16; gap =  9.4e-07"))
        #expect(line.phase == nil && line.iteration == 30 && line.objective == 9157.945461)
        #expect(line.residuals == InteriorResiduals(primal: 1.5e-12, dual: 2.5e-16, gap: 9.4e-7))
    }

    @Test func otherLinesAreNotProgress() {
        for line in ["OPTIMAL LP SOLUTION FOUND", "Best point   9.157945461e+03 was reached on iteration 30",
                     " A: min|aij| =  1.400e-02  max|aij| =  9.447e+01  ratio =  6.748e+03",
                     "120 rows, 80 columns, 358 non-zeros", "Size of triangular part is 120", "Preprocessing...",
                     "NUMERIC INSTABILITY; SEARCH TERMINATED", "Time used:   0.0 secs", ""] {
            #expect(GLPKProgressLine.parse(line[...]) == nil, "\(line)")
        }
    }

    @Test func aSimplexSolveReportsLiveEvents() throws {
        let events = Mutex<[SolverProgress]>([])
        var options = SolverOptions(method: .dualSimplex, presolve: true)
        options.progress = SolverProgressObserver { event in events.withLock { $0.append(event) } }
        let (lp, _, _) = Fixtures.dispatch(hours: 200)
        let result = try GLPKSolver(options: options).solve(lp)
        #expect(result.status == .optimal)
        let seen = events.withLock { $0 }
        #expect(seen.first?.event == .started && seen.first?.stage == .simplex && seen.first?.method == .dualSimplex)
        #expect(seen.contains { $0.event == .presolve })
        let iterations = seen.filter { $0.event == .iteration }.compactMap(\.iteration)
        #expect(!iterations.isEmpty)
        #expect(iterations == iterations.sorted() && Set(iterations).count == iterations.count)
        #expect(seen.filter { $0.event == .iteration }.allSatisfy { $0.objective != nil && $0.primalInfeasibility != nil })
        let last = try #require(seen.last)
        #expect(last.event == .finished && last.iteration == result.iterations)
        #expect(seen.map(\.elapsedSeconds) == seen.map(\.elapsedSeconds).sorted())
    }

    @Test func aCrossoverReportsEveryStage() throws {
        let events = Mutex<[SolverProgress]>([])
        var options = StoppedShortPrograms.strict
        options.progress = SolverProgressObserver { event in events.withLock { $0.append(event) } }
        let program = StoppedShortPrograms.leastAbsoluteDeviations(coefficients: 20, spread: 2, seed: 1)
        let result = try GLPKSolver(options: options).solve(program)
        #expect(result.path.map(\.kind) == [.interiorPoint, .crossover, .crossoverSimplex])
        let seen = events.withLock { $0 }
        // Interior-point iterations, every one, with their residuals.
        let interior = seen.filter { $0.stage == .interiorPoint && $0.event == .iteration }
        #expect(interior.compactMap(\.iteration) == Array(0...interior.count - 1))
        #expect(interior.allSatisfy { $0.gap != nil && $0.dualInfeasibility != nil && $0.phase == nil })
        // Started and finished for each step, in order, the finished ones with the step's summary.
        let stages = seen.filter { $0.event != .iteration && $0.event != .presolve }.map { "\($0.stage.rawValue) \($0.event.rawValue)" }
        #expect(stages == ["interior_point started", "interior_point finished", "crossover started", "crossover finished",
                           "crossover_simplex started", "crossover_simplex finished"])
        let crossoverEnd = try #require(seen.first { $0.stage == .crossover && $0.event == .finished })
        #expect(crossoverEnd.message == result.path[1].summary)
        #expect(try #require(seen.first { $0.stage == .crossover && $0.event == .started }).message?.contains("stopped short") == true)
    }

    @Test func observersDoNotChangeEquality() {
        var a = SolverOptions()
        a.progress = SolverProgressObserver { _ in }
        let b = SolverOptions()
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
    }

    @Test func eventsEncodeAsJSONLines() throws {
        let event = SolverProgress(stage: .crossover, event: .iteration, method: .dualSimplex, phase: 2, iteration: 12,
                                   objective: 1.5, primalInfeasibility: 0, elapsedSeconds: 0.25)
        let text = String(decoding: try JSONEncoder().encode(event), as: UTF8.self)
        #expect(!text.contains("\n"))
        #expect(try JSONDecoder().decode(SolverProgress.self, from: Data(text.utf8)) == event)
        #expect(text.contains("\"stage\":\"crossover\""))
    }
}
