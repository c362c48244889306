import Foundation

/// A case file read as UTF-8 text, or the issues that stopped it.
package enum TextFile {
    /// Reads `name` in `folder`: records a missing file (if `required`), unreadable bytes,
    /// invalid UTF-8 (with the line and column of the first bad byte) and an empty file.
    /// Returns the text, or nil if the file is absent or unusable.
    package static func read(_ name: String, in folder: URL, required: Bool, log: IssueLog) -> String? {
        let url = folder.appendingPathComponent(name)
        let path = url.path
        guard FileManager.default.fileExists(atPath: path) else {
            if required {
                log.add(path, "missing file", suggestion: "create \(name) in \(folder.path) (see docs/FORMATS.md)")
            }
            return nil
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            log.add(path, "cannot read the file", suggestion: "check that it is a readable file, not a folder")
            return nil
        }
        let bytes = [UInt8](data)
        if let bad = firstInvalidUTF8(bytes) {
            log.add(path, line: bad.line, column: bad.column, "invalid UTF-8 (byte 0x\(String(bytes[bad.offset], radix: 16, uppercase: true)))",
                    suggestion: "save the file as UTF-8")
            return nil
        }
        var text = normalizedLineEndings(String(decoding: bytes, as: UTF8.self))
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        if text.allSatisfy({ $0.isWhitespace }) {
            log.add(path, "empty file", suggestion: "fill it in or remove it (see docs/FORMATS.md)")
            return nil
        }
        return text
    }

    /// `text` with Windows (CRLF) line endings as `\n`. Swift treats "\r\n" as one `Character`, so
    /// without this a split on "\n" sees a CRLF file as one long line.
    package static func normalizedLineEndings(_ text: String) -> String {
        text.contains("\r\n") ? text.replacingOccurrences(of: "\r\n", with: "\n") : text
    }

    /// The offset, line and column (1-based, in characters) of the first byte that is not valid UTF-8.
    package static func firstInvalidUTF8(_ bytes: [UInt8]) -> (offset: Int, line: Int, column: Int)? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0, line = 1, column = 1
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                offset += encoded.count
                if encoded.count == 1, encoded.first == UInt8(ascii: "\n") { line += 1; column = 1 } else { column += 1 }
            case .emptyInput:
                return nil
            case .error:
                return (offset, line, column)
            }
        }
    }
}
