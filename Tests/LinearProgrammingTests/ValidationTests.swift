import Testing
@testable import LinearProgramming

/// One test per class of input that makes GLPK abort the process or answer wrongly
/// (TOOLCHAIN.md §4). Each must come back as a typed error, before GLPK is called.
@Suite struct ValidationTests {
    private func expectIssue(_ lp: LinearProgram, _ matches: (ProgramIssue) -> Bool, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try GLPKSolver().solve(lp)
            Issue.record("expected invalidProgram", sourceLocation: sourceLocation)
        } catch {
            guard case .invalidProgram(let issues) = error else {
                Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
                return
            }
            let found = issues.contains(where: matches)
            #expect(found, "issues: \(issues)", sourceLocation: sourceLocation)
            #expect(!error.description.isEmpty)
        }
        // The session and the file writer validate too.
        #expect(throws: LinearProgrammingError.self, sourceLocation: sourceLocation) { _ = try GLPKSession(lp) }
    }

    private func oneVariable(_ edit: (inout LinearProgram, Variable) -> Void) -> LinearProgram {
        var lp = LinearProgram()
        let x = lp.addVariable("x", cost: 1)
        lp.addRow("c", [1 * x], .atLeast(1))
        edit(&lp, x)
        return lp
    }

    @Test func zeroVariables() {
        var lp = LinearProgram()
        lp.addRow("c", [], .atMost(1))
        expectIssue(lp) { $0 == .noVariables }
    }

    @Test func variableIndexOutOfRange() {
        let lp = oneVariable { lp, _ in lp.addRow("bad", [1 * Variable(index: 98)], .atMost(1)) }
        expectIssue(lp) { if case .variableIndexOutOfRange(_, 98, 1) = $0 { true } else { false } }
    }

    @Test func negativeVariableIndex() {
        let lp = oneVariable { lp, _ in lp.addRow("bad", [1 * Variable(index: -1)], .atMost(1)) }
        expectIssue(lp) { if case .variableIndexOutOfRange(_, -1, _) = $0 { true } else { false } }
    }

    @Test func rowIndexOutOfRange() {
        let lp = oneVariable { lp, x in lp.addTerm(1, x, to: Row(index: 7)) }
        expectIssue(lp) { if case .rowIndexOutOfRange(_, 7, 1) = $0 { true } else { false } }
    }

    @Test func nanCoefficient() {
        let lp = oneVariable { lp, x in lp.addRow("nan", [.nan * x], .atMost(1)) }
        expectIssue(lp) { if case .nonFiniteCoefficient(row: "nan", variable: "x", _) = $0 { true } else { false } }
    }

    @Test func infiniteCoefficient() {
        let lp = oneVariable { lp, x in lp.addRow("inf", [.infinity * x], .atMost(1)) }
        expectIssue(lp) { if case .nonFiniteCoefficient(row: "inf", _, .infinity) = $0 { true } else { false } }
    }

    @Test func nanCost() {
        let lp = oneVariable { lp, x in lp.setCost(.nan, for: x) }
        expectIssue(lp) { if case .nonFiniteCost(variable: "x", _) = $0 { true } else { false } }
    }

    @Test func infiniteCost() {
        let lp = oneVariable { lp, x in lp.setCost(-.infinity, for: x) }
        expectIssue(lp) { if case .nonFiniteCost(variable: "x", -.infinity) = $0 { true } else { false } }
    }

    @Test func nanObjectiveConstant() {
        let lp = oneVariable { lp, _ in lp.objectiveConstant = .nan }
        expectIssue(lp) { if case .nonFiniteObjectiveConstant = $0 { true } else { false } }
    }

    @Test func nanBound() {
        let lp = oneVariable { lp, x in lp.setBounds(.between(.nan, 3), for: x) }
        expectIssue(lp) { if case .invalidBound(.variable, name: "x", _, _) = $0 { true } else { false } }
    }

    @Test func wrongSideInfinity() {
        let lp = oneVariable { lp, _ in lp.setBounds(.atLeast(.infinity), for: Row(index: 0)) }
        expectIssue(lp) { if case .invalidBound(.row, name: "c", _, _) = $0 { true } else { false } }
    }

    @Test func lowerAboveUpperOnAVariable() {
        let lp = oneVariable { lp, x in lp.setBounds(.between(5, 3), for: x) }
        expectIssue(lp) { $0 == .lowerAboveUpper(.variable, name: "x", lower: 5, upper: 3) }
    }

    @Test func lowerAboveUpperOnARow() {
        let lp = oneVariable { lp, x in lp.addRow("r", [1 * x], .between(2, 1)) }
        expectIssue(lp) { $0 == .lowerAboveUpper(.row, name: "r", lower: 2, upper: 1) }
    }

    @Test func nameTooLong() {
        let lp = oneVariable { lp, _ in lp.addVariable(String(repeating: "n", count: 256)) }
        expectIssue(lp) { $0 == .nameTooLong(.variable, index: 1, length: 256) }
    }

    @Test func nameOf255BytesIsAccepted() throws {
        let lp = oneVariable { lp, _ in lp.addVariable(String(repeating: "n", count: 255)) }
        #expect(try GLPKSolver().solve(lp).status == .optimal)
    }

    @Test func multibyteNameIsMeasuredInBytes() {
        let lp = oneVariable { lp, _ in lp.addRow(String(repeating: "ب", count: 128), [], .free) }  // 256 bytes
        expectIssue(lp) { $0 == .nameTooLong(.row, index: 1, length: 256) }
    }

    @Test func nameWithControlCharacter() {
        let lp = oneVariable { lp, _ in lp.addVariable("bad\tname") }
        expectIssue(lp) { $0 == .nameHasControlCharacter(.variable, index: 1) }
    }

    @Test func programNameWithControlCharacter() {
        let lp = oneVariable { lp, _ in lp.name = "line\nbreak" }
        expectIssue(lp) { $0 == .nameHasControlCharacter(nil, index: 0) }
    }

    @Test func duplicateNames() {
        let lp = oneVariable { lp, _ in lp.addVariable("x") }
        expectIssue(lp) { $0 == .duplicateName(.variable, name: "x", first: 0, second: 1) }
    }

    @Test func everyProblemIsReportedAtOnce() {
        var lp = LinearProgram()
        let x = lp.addVariable("x", bounds: .between(3, 1), cost: .nan)
        lp.addRow("r", [.infinity * x, 1 * Variable(index: 5)], .atMost(.nan))
        #expect(lp.issues().count == 5)
    }

    @Test func invalidOptionsAreRejected() {
        for options in [SolverOptions(timeLimitSeconds: -1), SolverOptions(timeLimitSeconds: .nan),
                        SolverOptions(iterationLimit: 0), SolverOptions(primalTolerance: 0)] {
            #expect(throws: LinearProgrammingError.self) { _ = try GLPKSolver(options: options).solve(Fixtures.glpkManual()) }
        }
    }
}
