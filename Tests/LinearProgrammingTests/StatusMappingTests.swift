import Foundation
import Testing
@testable import LinearProgramming

/// The mapping from GLPK's codes is total: every return code of `glp_simplex` and `glp_interior`
/// (glpk.h 5.0: GLP_EBADB = 1 ... GLP_ERANGE = 19) and every solution status (GLP_UNDEF = 1 ...
/// GLP_UNBND = 6) maps to a named status; unknown codes are kept, not guessed at.
@Suite struct StatusMappingTests {
    // Values from /usr/include/glpk.h (GLPK 5.0); tests do not import the C module.
    static let UNDEF: Int32 = 1, FEAS: Int32 = 2, INFEAS: Int32 = 3, NOFEAS: Int32 = 4, OPT: Int32 = 5, UNBND: Int32 = 6

    @Test func simplexReturnCodes() {
        let expected: [Int32: SolveStatus] = [
            0x01: .solverError(.invalidBasis), 0x02: .solverError(.singularBasis),
            0x03: .solverError(.illConditionedBasis), 0x04: .solverError(.invalidBounds),
            0x05: .solverError(.failed), 0x06: .limitReached(.objective), 0x07: .limitReached(.objective),
            0x08: .limitReached(.iteration), 0x09: .limitReached(.time), 0x0A: .infeasible,
            0x0B: .infeasibleOrUnbounded,
        ]
        for code in Int32(1)...Int32(0x13) {
            let status = GLPKStatusMapping.simplex(returnCode: code, status: Self.UNDEF, dualStatus: Self.UNDEF)
            #expect(status == expected[code] ?? .solverError(.unexpectedReturnCode(Int(code))), "code \(code)")
        }
        #expect(GLPKStatusMapping.simplex(returnCode: 99, status: Self.OPT, dualStatus: Self.FEAS)
                == .solverError(.unexpectedReturnCode(99)))
    }

    @Test func simplexSolutionStatuses() {
        let expected: [Int32: SolveStatus] = [
            Self.OPT: .optimal, Self.NOFEAS: .infeasible, Self.UNBND: .unbounded,
            Self.UNDEF: .solverError(.undefinedSolution(statusCode: 1)),
            Self.FEAS: .solverError(.undefinedSolution(statusCode: 2)),
            Self.INFEAS: .solverError(.undefinedSolution(statusCode: 3)),
        ]
        for (status, want) in expected {
            #expect(GLPKStatusMapping.simplex(returnCode: 0, status: status, dualStatus: Self.FEAS) == want)
        }
        // Primal feasible with no dual feasible solution: unbounded.
        #expect(GLPKStatusMapping.simplex(returnCode: 0, status: Self.FEAS, dualStatus: Self.NOFEAS) == .unbounded)
    }

    @Test func interiorReturnCodesAndStatuses() {
        let codes: [Int32: SolveStatus] = [
            0x05: .solverError(.failed), 0x10: .solverError(.noConvergence), 0x08: .limitReached(.iteration),
            0x11: .solverError(.numericalInstability), 0x0F: .infeasibleOrUnbounded,
        ]
        for code in Int32(1)...Int32(0x13) {
            #expect(GLPKStatusMapping.interior(returnCode: code, status: Self.UNDEF)
                    == codes[code] ?? .solverError(.unexpectedReturnCode(Int(code))), "code \(code)")
        }
        #expect(GLPKStatusMapping.interior(returnCode: 0, status: Self.OPT) == .optimal)
        #expect(GLPKStatusMapping.interior(returnCode: 0, status: Self.NOFEAS) == .infeasibleOrUnbounded)
        #expect(GLPKStatusMapping.interior(returnCode: 0, status: Self.INFEAS) == .solverError(.undefinedSolution(statusCode: 3)))
        #expect(GLPKStatusMapping.interior(returnCode: 0, status: Self.UNDEF) == .solverError(.undefinedSolution(statusCode: 1)))
    }

    @Test func limitsKeepAFeasiblePointOnly() {
        #expect(GLPKStatusMapping.simplexHasSolution(.limitReached(.time), primalStatus: Self.FEAS))
        #expect(!GLPKStatusMapping.simplexHasSolution(.limitReached(.time), primalStatus: Self.INFEAS))
        #expect(GLPKStatusMapping.simplexHasSolution(.optimal, primalStatus: Self.FEAS))
        #expect(!GLPKStatusMapping.simplexHasSolution(.infeasible, primalStatus: Self.INFEAS))
    }

    @Test func statusCodesAreStableWords() {
        let all: [SolveStatus] = [.optimal, .infeasible, .unbounded, .infeasibleOrUnbounded,
                                  .limitReached(.time), .limitReached(.iteration), .solverError(.failed), .numericallyUnreliable]
        #expect(all.map(\.code.rawValue) == ["optimal", "infeasible", "unbounded", "infeasible_or_unbounded",
                                             "time_limit", "iteration_limit", "solver_error", "numerically_unreliable"])
    }

    /// A recorded status is written as its word (no wrapping object) and read back as itself.
    @Test func statusCodesEncodeAsTheirWords() throws {
        let codes = SolveStatus.Code.allCases
        let json = try JSONEncoder().encode(codes)
        #expect(String(decoding: json, as: UTF8.self) == #"["optimal","infeasible","unbounded","infeasible_or_unbounded","#
                + #""time_limit","iteration_limit","objective_limit","memory_limit","solver_error","numerically_unreliable"]"#)
        #expect(try JSONDecoder().decode([SolveStatus.Code].self, from: json) == codes)
        #expect(codes.map(\.description) == codes.map(\.rawValue))
        #expect(SolveStatus.limitReached(.objective).code == .objectiveLimit)
        #expect(SolveStatus.limitReached(.memory).code == .memoryLimit)
        #expect(SolveStatus.optimal.isOptimal && SolveStatus.Code.optimal.isOptimal)
        #expect(!SolveStatus.infeasible.isOptimal && !SolveStatus.Code.timeLimit.isOptimal)
    }
}
