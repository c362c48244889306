import Foundation
import Testing
@testable import LinearProgramming

@Suite struct FileTests {
    let directory: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bijli-files-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    private func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    private func write(_ text: String, _ name: String) -> String {
        let p = path(name)
        try! text.write(toFile: p, atomically: true, encoding: .utf8)
        return p
    }

    @Test(arguments: FileFormat.allCases)
    func roundTripKeepsTheOptimumSenseAndConstant(_ format: FileFormat) throws {
        let original = Fixtures.glpkManual(constant: 12.5)
        let file = path("manual.\(format.rawValue)")
        try original.write(to: file)
        let back = try LinearProgram.read(from: file)
        #expect(back.sense == .maximize)
        #expect(back.variableNames == original.variableNames)
        #expect(back.rowNames == original.rowNames)
        #expect(back.objectiveConstant == 12.5)
        #expect(close(try #require(try GLPKSolver().solve(back).objective), 12.5 + 2200.0 / 3.0))
    }

    @Test func mpsOfAMaximisationCarriesObjsense() throws {
        let file = path("max.mps")
        try Fixtures.glpkManual().write(to: file)
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains("OBJSENSE\n    MAX\nROWS\n"))
        try Fixtures.infeasible().write(to: path("min.mps"))
        #expect(!(try String(contentsOfFile: path("min.mps"), encoding: .utf8)).contains("OBJSENSE"))
    }

    @Test func mpsConstantFollowsTheCPLEXConvention() throws {
        // CPLEX, Gurobi and HiGHS read "RHS obj -c" as the objective constant +c.
        let file = path("constant.mps")
        try Fixtures.glpkManual(constant: 12.5).write(to: file)
        #expect(try String(contentsOfFile: file, encoding: .utf8).contains(" -12.5"))
        let other = write("NAME k\nROWS\n N obj\n L c\nCOLUMNS\n x obj 1 c 1\nRHS\n rhs obj -3 c 4\nENDATA\n", "k.mps")
        #expect(try LinearProgram.read(from: other).objectiveConstant == 3)
    }

    @Test func objsenseOnOneLineIsRead() throws {
        let file = write("""
            NAME one
            OBJSENSE MAXIMIZE
            ROWS
             N obj
             L c
            COLUMNS
             x obj 1 c 1
            RHS
             rhs c 4
            ENDATA
            """, "one.mps")
        let lp = try LinearProgram.read(from: file)
        #expect(lp.sense == .maximize)
        #expect(close(try #require(try GLPKSolver().solve(lp).objective), 4))
    }

    @Test func writtenFilesAreByteIdenticalForTheSameProgram() throws {
        let (lp, _, _) = Fixtures.dispatch(hours: 24)
        for format in FileFormat.allCases {
            try lp.write(to: path("a.\(format.rawValue)"))
            try lp.write(to: path("b.\(format.rawValue)"))
            #expect(FileManager.default.contents(atPath: path("a.\(format.rawValue)"))
                    == FileManager.default.contents(atPath: path("b.\(format.rawValue)")))
        }
    }

    @Test func dispatchRoundTripsThroughBothFormats() throws {
        let (lp, _, _) = Fixtures.dispatch(hours: 24)
        let reference = try #require(try GLPKSolver().solve(lp).objective)
        for format in FileFormat.allCases {
            try lp.write(to: path("d.\(format.rawValue)"))
            let back = try LinearProgram.read(from: path("d.\(format.rawValue)"))
            #expect(back.rowCount == lp.rowCount)
            // MPS keeps ranged rows; GLPK's LP writer adds a slack variable per ranged row (23 here).
            #expect(back.variableCount == lp.variableCount + (format == .cplexLP ? 23 : 0))
            #expect(close(try #require(try GLPKSolver().solve(back).objective), reference))
        }
    }

    @Test func missingFile() {
        #expect(throws: LinearProgrammingError.fileNotFound(path: path("none.lp"))) { try LinearProgram.read(from: path("none.lp")) }
    }

    @Test func directoryIsUnreadable() throws {
        let dir = path("dir.lp")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        #expect(throws: LinearProgrammingError.unreadableFile(path: dir, reason: "it is a directory")) {
            try LinearProgram.read(from: dir)
        }
    }

    @Test func unknownExtension() {
        let file = write("Minimize\n obj: x\nEnd\n", "model.txt")
        #expect(throws: LinearProgrammingError.self) { try LinearProgram.read(from: file) }
        #expect(throws: LinearProgrammingError.self) { try Fixtures.glpkManual().write(to: path("out.txt")) }
    }

    @Test func invalidUTF8() throws {
        let file = path("binary.lp")
        try Data([0x4D, 0x69, 0x6E, 0xFF, 0xFE, 0x0A]).write(to: URL(fileURLWithPath: file))
        #expect(throws: LinearProgrammingError.unreadableFile(path: file, reason: "it is not UTF-8 text")) {
            try LinearProgram.read(from: file)
        }
    }

    @Test func emptyFile() {
        let file = write("  \n", "empty.lp")
        #expect(throws: LinearProgrammingError.malformedFile(path: file, format: .cplexLP, line: nil, message: "the file is empty")) {
            try LinearProgram.read(from: file)
        }
    }

    /// Reading `text` as `name` must fail with `.malformedFile` at `line`, naming the user's path.
    private func expectMalformed(_ text: String, _ name: String, line expected: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        let file = write(text, name)
        do {
            _ = try LinearProgram.read(from: file)
            Issue.record("expected an error", sourceLocation: sourceLocation)
        } catch {
            guard case .malformedFile(let p, let format, let line, let message) = error else {
                Issue.record("unexpected \(error)", sourceLocation: sourceLocation); return
            }
            #expect(p == file, sourceLocation: sourceLocation)
            #expect(format == FileFormat(path: name), sourceLocation: sourceLocation)
            #expect(line == expected, sourceLocation: sourceLocation)
            #expect(!message.isEmpty, sourceLocation: sourceLocation)
        }
    }

    @Test func malformedLPNamesTheLine() {
        expectMalformed("Minimize\n obj: x + y\nSubject To\n c1: x + y >= 2\n c2: x +* y <= 9\nEnd\n", "bad.lp", line: 5)
    }

    @Test func malformedMPSNamesTheLine() {
        expectMalformed("NAME bad\nROWS\n N obj\n L c\nCOLUMNS\n x obj notanumber\nENDATA\n", "bad.mps", line: 6)
    }

    @Test func malformedMPSWithObjsenseKeepsTheUsersPathAndLine() {
        expectMalformed("NAME bad\nOBJSENSE\n    MAX\nROWS\n N obj\nCOLUMNS\n x obj oops\nENDATA\n", "bad2.mps", line: 7)
    }

    @Test func badObjsenseValue() {
        let file = write("NAME bad\nOBJSENSE\n    SIDEWAYS\nROWS\n N obj\nENDATA\n", "bad3.mps")
        #expect(throws: LinearProgrammingError.malformedFile(
            path: file, format: .freeMPS, line: 3, message: "OBJSENSE must be followed by MAX or MIN, not 'SIDEWAYS'")) {
            try LinearProgram.read(from: file)
        }
    }

    @Test func truncatedFilesAreMalformedNotFatal() throws {
        let (lp, _, _) = Fixtures.dispatch(hours: 6)
        for format in FileFormat.allCases {
            let full = path("full.\(format.rawValue)")
            try lp.write(to: full)
            let text = try String(contentsOfFile: full, encoding: .utf8)
            // Cut at several places; every cut file must give a value or a typed error, never a crash.
            for fraction in [0.1, 0.33, 0.5, 0.77, 0.95] {
                let cut = String(text.prefix(Int(Double(text.count) * fraction)))
                let file = write(cut, "cut-\(fraction).\(format.rawValue)")
                do { _ = try LinearProgram.read(from: file) } catch {
                    if case .malformedFile = error {} else { Issue.record("unexpected \(error)") }
                }
            }
        }
    }

    @Test func failedWriteLeavesNothing() throws {
        let target = path("missing-dir/out.lp")
        #expect(throws: LinearProgrammingError.self) { try Fixtures.glpkManual().write(to: target) }
        #expect(!FileManager.default.fileExists(atPath: target))
    }

    @Test func invalidProgramIsNotWritten() throws {
        var lp = Fixtures.glpkManual()
        lp.setCost(.nan, for: Variable(index: 1))
        let target = path("invalid.lp")
        #expect(throws: LinearProgrammingError.self) { try lp.write(to: target) }
        #expect(!FileManager.default.fileExists(atPath: target))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).allSatisfy { !$0.contains(".tmp-") })
    }
}
