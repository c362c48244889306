import Foundation
import Testing
@testable import LinearProgramming

/// LP and MPS files with integer sections are refused with the line of the section, instead of
/// being read as their relaxation (issue 19: `lp solve` called the relaxation "optimal" and
/// `lp convert` wrote the program as continuous).
@Suite struct IntegerFileTests {
    private func write(_ text: String, _ name: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bijli-int-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private func refusal(_ path: String) -> (line: Int?, message: String)? {
        do {
            _ = try LinearProgram.read(from: path)
            return nil
        } catch {
            guard case .malformedFile(_, _, let line, let message) = error else { return nil }
            return (line, message)
        }
    }

    @Test func cplexGeneralAndBinarySectionsAreRefused() throws {
        let text = "Maximize\n obj: x + y + z\nSubject To\n c1: 2 x + 2 y + z <= 3\nBounds\n x <= 1\nGeneral\n x\nBinary\n y\nEnd\n"
        let refused = try #require(refusal(try write(text, "mip.lp")))
        #expect(refused.line == 7)
        #expect(refused.message.contains("2 integer or binary variable(s)"))
        #expect(refused.message.contains("'x'") && refused.message.contains("'y'"))
        // The same program without the sections reads and solves as an LP.
        let lp = try LinearProgram.read(from: try write(text.replacingOccurrences(of: "General\n x\nBinary\n y\n", with: ""), "lp.lp"))
        #expect(lp.variableNames.sorted() == ["x", "y", "z"])
    }

    @Test func mpsIntegerMarkersAreRefused() throws {
        let text = """
        NAME mip
        ROWS
         N obj
         L c1
        COLUMNS
         M1 'MARKER' 'INTORG'
         x obj -1 c1 2
         M2 'MARKER' 'INTEND'
         y obj -1 c1 1
        RHS
         RHS c1 3
        ENDATA

        """
        let refused = try #require(refusal(try write(text, "mip.mps")))
        #expect(refused.line == 6)
        #expect(refused.message.contains("1 integer or binary variable(s) ('x')"))
    }
}
