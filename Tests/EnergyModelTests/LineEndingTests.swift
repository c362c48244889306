import Foundation
import Testing
@testable import EnergyModel

/// Files saved with Windows line endings (CRLF) load exactly as their LF originals (issue 19:
/// the CSVs that start with `# source:` lines were refused with "no header row").
struct LineEndingTests {
    @Test func crlfCaseLoadsAsTheLFCase() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("bijli-crlf-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: TinyCase.folder, to: root)
        defer { try? FileManager.default.removeItem(at: root) }
        var converted = 0
        for folder in ["model", "inputs"] {
            let url = root.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: url.path) {
                let file = url.appendingPathComponent(name)
                let text = try String(contentsOf: file, encoding: .utf8)
                #expect(!text.contains("\r"))
                try text.replacingOccurrences(of: "\n", with: "\r\n").write(to: file, atomically: true, encoding: .utf8)
                converted += 1
            }
        }
        #expect(converted >= 10)
        let issues = CaseLoader.validate(model: root.appendingPathComponent("model"), inputs: root.appendingPathComponent("inputs"))
        #expect(issues.isEmpty, "\(issues.map(\.description))")
        let crlf = try CaseLoader.load(model: root.appendingPathComponent("model"), inputs: root.appendingPathComponent("inputs"))
        let lf = try TinyCase.load()
        #expect(crlf.generators == lf.generators)
        #expect(crlf.storages == lf.storages)
        #expect(crlf.fuels == lf.fuels)
        #expect(crlf.demand == lf.demand)
        #expect(crlf.profiles == lf.profiles)
        #expect(crlf.hydroBudgets == lf.hydroBudgets)
        #expect(crlf.sources.map(\.source) == lf.sources.map(\.source))
    }

    @Test func normalisesOnlyCRLF() {
        #expect(TextFile.normalizedLineEndings("a,b\r\n1,2\r\n") == "a,b\n1,2\n")
        #expect(TextFile.normalizedLineEndings("a,b\n1,2\n") == "a,b\n1,2\n")
        #expect(TextFile.normalizedLineEndings("# source: x\r\n# tag: ASSUMPTION\r\nh\r\n").split(separator: "\n").count == 3)
    }
}
