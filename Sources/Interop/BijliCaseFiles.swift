import Foundation

/// A Bijli case as file texts: what `Models/<name>/` and `Inputs/<name>/` hold (docs/FORMATS.md).
public struct BijliCaseFiles: Sendable, Equatable {
    /// The model's name (the folder name under `Models/` and `Inputs/`).
    public var name: String
    /// Files of the model folder by name (`model.yaml`, `generators.csv`, ...).
    public var modelFiles: [String: String]
    /// Files of the inputs folder by name (`settings.yaml`, `demand.csv`, `snapshots.csv`, ...).
    public var inputFiles: [String: String]
    /// What the conversion did that a reader should know (components dropped, values assumed).
    public var notes: [String]

    /// Creates a case.
    public init(name: String, modelFiles: [String: String], inputFiles: [String: String], notes: [String] = []) {
        self.name = name
        self.modelFiles = modelFiles
        self.inputFiles = inputFiles
        self.notes = notes
    }

    /// Writes the files into `model` and `inputs` (created if missing; existing files of the
    /// same names are replaced).
    public func write(model: URL, inputs: URL) throws {
        for (folder, files) in [(model, modelFiles), (inputs, inputFiles)] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for (name, text) in files.sorted(by: { $0.key < $1.key }) {
                try Data(text.utf8).write(to: folder.appendingPathComponent(name), options: .atomic)
            }
        }
    }
}

/// Number and id formatting shared by the importer and the exporter.
enum InteropText {
    /// The shortest text that reads back as the same `Double` (`100.0`, `1e-05`, `inf`).
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// A CSV field, quoted when needed (RFC 4180).
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A CSV line.
    static func line(_ fields: [String]) -> String { fields.map(field).joined(separator: ",") + "\n" }

    /// A YAML double-quoted string.
    static func yamlString(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// A Bijli id (letters, digits, `_`, `-`, `.`) made from a name, unique among `taken`.
    static func id(_ name: String, taken: inout Set<String>) -> String {
        var base = String(name.unicodeScalars.map { scalar -> Character in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || "_-.".unicodeScalars.contains(scalar)) ? Character(scalar) : "_"
        })
        if base.isEmpty { base = "x" }
        var candidate = base, k = 2
        while taken.contains(candidate) { candidate = "\(base)_\(k)"; k += 1 }
        taken.insert(candidate)
        return candidate
    }
}
