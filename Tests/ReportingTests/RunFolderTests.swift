import Foundation
import Testing
import Reporting

@Suite struct RunFolderTests {
    let parent = FileManager.default.temporaryDirectory.appendingPathComponent("bijli-runs-\(UUID().uuidString)/lp/example")

    @Test func writesAllFilesAndPointsLatest() throws {
        let folder = try RunFolder(parent: parent).write(["a.json": Data("{}".utf8), "b.log": Data("x".utf8)], runID: "R1")
        #expect(folder.lastPathComponent == "R1")
        #expect(try String(contentsOf: folder.appendingPathComponent("a.json"), encoding: .utf8) == "{}")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: parent.appendingPathComponent("latest").path) == "R1")
    }

    @Test func neverOverwritesAnEarlierRun() throws {
        let writer = RunFolder(parent: parent)
        let first = try writer.write(["r.txt": Data("first".utf8)], runID: "R")
        let second = try writer.write(["r.txt": Data("second".utf8)], runID: "R")
        #expect(first.lastPathComponent == "R" && second.lastPathComponent == "R-2")
        #expect(try String(contentsOf: first.appendingPathComponent("r.txt"), encoding: .utf8) == "first")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: parent.appendingPathComponent("latest").path) == "R-2")
    }

    @Test func badNamesLeaveNothing() throws {
        #expect(throws: RunFolderError.invalidName("../x")) { try RunFolder(parent: parent).write(["../x": Data()], runID: "R") }
        #expect(throws: RunFolderError.invalidName("latest")) { try RunFolder(parent: parent).write(["a": Data()], runID: "latest") }
        let left = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        #expect(left.allSatisfy { !$0.contains("partial") })
    }

    @Test func unwritableParentIsAnError() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bijli-notadir-\(UUID().uuidString)")
        try Data().write(to: file)
        #expect(throws: RunFolderError.self) { try RunFolder(parent: file.appendingPathComponent("sub")).write(["a": Data()], runID: "R") }
    }

    @Test func runIDsSortByTime() {
        let a = RunFolder.runID(for: Date(timeIntervalSince1970: 0))
        let b = RunFolder.runID(for: Date(timeIntervalSince1970: 86_400 * 365))
        #expect(a == "19700101T000000Z")
        #expect(a < b)
    }
}

@Suite struct InputDigestTests {
    @Test func sha256OfKnownText() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bijli-digest-\(UUID().uuidString).txt")
        try Data("abc".utf8).write(to: file)
        // FIPS 180-2 test vector for "abc".
        #expect(InputDigest.sha256(of: file) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let digests = InputDigest.digests(of: [file.deletingLastPathComponent()])
        #expect(digests.values.contains("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"))
    }
}

@Suite struct RunFolderLayoutTests {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("bijli-layout-\(UUID().uuidString)")

    @Test func scenarioFoldersHoldSubfoldersAndTheirOwnLatest() throws {
        let writer = try RunFolder.scenario(root: root, model: "tiny", scenario: "base")
        let folder = try writer.write(["report.md": Data("r".utf8), "tables/capacity.csv": Data("c".utf8)], runID: "R1")
        #expect(folder.path == root.appendingPathComponent("tiny/base/R1").path)
        #expect(try String(contentsOf: folder.appendingPathComponent("tables/capacity.csv"), encoding: .utf8) == "c")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: root.appendingPathComponent("tiny/base/latest").path) == "R1")
        #expect(throws: RunFolderError.invalidName("..")) { try RunFolder.scenario(root: root, model: "..", scenario: "base") }
        #expect(throws: RunFolderError.invalidName("tables/.hidden")) { try writer.write(["tables/.hidden": Data()], runID: "R2") }
        #expect(throws: RunFolderError.invalidName("a//b")) { try writer.write(["a//b": Data()], runID: "R2") }
    }
}
