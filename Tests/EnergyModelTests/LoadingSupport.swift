import Foundation
import Testing
@testable import EnergyModel

/// The tiny fixture and throw-away variants of it for the loader tests.
enum TinyCase {
    /// `Fixtures/tiny` in the test bundle.
    static var folder: URL {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("tiny")
    }

    /// Loads the fixture as it is.
    static func load() throws -> EnergySystem {
        try CaseLoader.load(model: folder.appendingPathComponent("model"), inputs: folder.appendingPathComponent("inputs"))
    }

    /// Copies the fixture to a fresh temporary folder, lets `edit` change it, and returns the
    /// issues of loading the copy (empty if it loads). The copy is removed afterwards.
    static func issues(_ edit: (Variant) throws -> Void) throws -> [CaseIssue] {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("bijli-loading-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: folder, to: root)
        defer { try? FileManager.default.removeItem(at: root) }
        let variant = Variant(root: root)
        try edit(variant)
        return CaseLoader.validate(model: variant.model, inputs: variant.inputs)
    }

    /// Copies the fixture, lets `edit` change it, and loads the copy (throws its issues).
    static func system(_ edit: (Variant) throws -> Void) throws -> EnergySystem {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("bijli-loading-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: folder, to: root)
        defer { try? FileManager.default.removeItem(at: root) }
        let variant = Variant(root: root)
        try edit(variant)
        return try CaseLoader.load(model: variant.model, inputs: variant.inputs)
    }

    /// A writable copy of the fixture.
    struct Variant {
        let root: URL
        var model: URL { root.appendingPathComponent("model") }
        var inputs: URL { root.appendingPathComponent("inputs") }

        /// The URL of `model/x` or `inputs/x`.
        func url(_ path: String) -> URL { root.appendingPathComponent(path) }

        /// Replaces the first occurrence of `old` by `new` in a file (fails the test if absent).
        func replace(_ path: String, _ old: String, _ new: String) throws {
            let text = try String(contentsOf: url(path), encoding: .utf8)
            guard let range = text.range(of: old) else {
                Issue.record("'\(old)' not in \(path)")
                return
            }
            try text.replacingCharacters(in: range, with: new).write(to: url(path), atomically: true, encoding: .utf8)
        }

        /// Writes a file.
        func write(_ path: String, _ text: String) throws {
            try text.write(to: url(path), atomically: true, encoding: .utf8)
        }

        /// Writes raw bytes.
        func write(_ path: String, bytes: [UInt8]) throws {
            try Data(bytes).write(to: url(path))
        }

        /// Removes a file.
        func remove(_ path: String) throws {
            try FileManager.default.removeItem(at: url(path))
        }
    }
}

/// Whether one issue is in `file` (name suffix) and its message contains `text`.
func has(_ issues: [CaseIssue], file: String, _ text: String, line: Int? = nil) -> Bool {
    issues.contains { $0.file.hasSuffix(file) && $0.message.contains(text) && (line == nil || $0.line == line) }
}
