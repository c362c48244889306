import CSV
import Foundation

/// A CSV file of a case: leading `# key: value` comment lines (file-wide metadata such as
/// `source` and `tag`), a header row, and data rows that remember their line numbers.
struct CSVTable {
    /// One data row.
    struct Row {
        /// 1-based line where the row starts.
        var line: Int
        /// Fields, trimmed of surrounding spaces.
        var fields: [String]
        /// The physical line where the row starts (for column positions).
        var raw: String
    }

    /// The file's path as reported in issues.
    let path: String
    /// Column names in file order.
    let header: [String]
    /// Line of the header row.
    let headerLine: Int
    /// `# key: value` lines before the header, keyed by lower-cased key, with their line.
    let metadata: [String: (value: String, line: Int)]
    /// Data rows in file order (blank lines and `#` comment lines skipped).
    let rows: [Row]
    private let index: [String: Int]
    /// The physical header line.
    private let headerRaw: String

    /// Parses `text`; records malformed structure (no header, duplicate columns, rows of the
    /// wrong width). Returns nil when there is no usable header.
    init?(path: String, text: String, log: IssueLog) {
        self.path = path
        var lines = TextFile.normalizedLineEndings(text).split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
        }
        var metadata: [String: (value: String, line: Int)] = [:]
        var first = 0
        while first < lines.count {
            let trimmed = lines[first].trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { first += 1; continue }
            guard trimmed.hasPrefix("#") else { break }
            let body = trimmed.dropFirst().trimmingCharacters(in: .whitespaces)
            if let colon = body.firstIndex(of: ":") {
                let key = body[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
                let value = body[body.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                if !key.isEmpty { metadata[key] = (value, first + 1) }
            }
            first += 1
        }
        self.metadata = metadata
        guard first < lines.count else {
            log.add(path, "no header row", suggestion: "the first line that is not a # comment must name the columns")
            return nil
        }
        let body = lines[first...].joined(separator: "\n")
        let parsed: [[String]]? = {
            guard let reader = try? CSVReader(string: body, hasHeaderRow: false, trimFields: true) else { return nil }
            var all: [[String]] = []
            while let row = reader.next() { all.append(row) }
            return reader.error == nil ? all : nil
        }()
        guard let parsed, !parsed.isEmpty else {
            log.add(path, line: first + 1, "cannot parse the CSV", suggestion: "check quotes and separators (comma-separated, RFC 4180)")
            return nil
        }
        var rows: [Row] = []
        var line = first + 1
        var header: [String]?
        var headerLine = line
        var headerRaw = ""
        for fields in parsed {
            let start = line
            line += 1 + fields.reduce(0) { $0 + $1.reduce(0) { $1 == "\n" ? $0 + 1 : $0 } }
            if fields.count == 1, fields[0].isEmpty { continue }
            if fields[0].hasPrefix("#") { continue }
            let raw = start - 1 < lines.count ? lines[start - 1] : ""
            if header == nil {
                header = fields
                headerLine = start
                headerRaw = raw
            } else {
                rows.append(Row(line: start, fields: fields, raw: raw))
            }
        }
        lines.removeAll()
        guard let header else {
            log.add(path, "no header row", suggestion: "the first line that is not a # comment must name the columns")
            return nil
        }
        self.header = header
        self.headerLine = headerLine
        self.headerRaw = headerRaw
        self.rows = rows
        var index: [String: Int] = [:]
        for (position, name) in header.enumerated() {
            if name.isEmpty {
                log.add(path, line: headerLine, column: Self.column(ofField: position, in: headerRaw), "column \(position + 1) has no name")
            } else if index[name] != nil {
                log.add(path, line: headerLine, "duplicate column '\(name)'", suggestion: "remove or rename one of them")
            } else {
                index[name] = position
            }
        }
        self.index = index
        for row in rows where row.fields.count != header.count {
            log.add(path, line: row.line, "row has \(row.fields.count) fields, the header has \(header.count)",
                    suggestion: "check for a missing or extra comma")
        }
    }

    /// Whether the header has a column.
    func has(_ column: String) -> Bool { index[column] != nil }

    /// Records each missing required column and each column outside `known` (with advice).
    func checkColumns(required: [String], optional: [String], log: IssueLog) {
        for name in required where index[name] == nil {
            log.add(path, line: headerLine, "missing column '\(name)'", suggestion: "add it to the header (see docs/FORMATS.md)")
        }
        let known = required + optional
        for (position, name) in header.enumerated() where !name.isEmpty && !known.contains(name) {
            log.add(path, line: headerLine, column: Self.column(ofField: position, in: headerRaw), "unknown column '\(name)'",
                    suggestion: Suggestion.advice(for: name, among: known))
        }
    }

    /// The trimmed field of `column` in `row`, or nil if the column is absent, the row is short, or the field is blank.
    func field(_ row: Row, _ column: String) -> String? {
        guard let position = index[column], position < row.fields.count else { return nil }
        let value = row.fields[position]
        return value.isEmpty ? nil : value
    }

    /// The 1-based character column of `column` in `row` (nil if the column is absent).
    func column(_ row: Row, _ column: String) -> Int? {
        guard let position = index[column] else { return nil }
        return Self.column(ofField: position, in: row.raw)
    }

    /// The 1-based character column where field `position` starts in a physical line (quotes respected).
    static func column(ofField position: Int, in raw: String) -> Int {
        var field = 0, column = 1, quoted = false
        for character in raw {
            if field == position { break }
            if character == "\"" { quoted.toggle() } else if character == ",", !quoted { field += 1 }
            column += 1
        }
        if field == position {
            // skip leading spaces of the field
            for character in raw.dropFirst(column - 1) {
                if character == " " { column += 1 } else { break }
            }
        }
        return column
    }

    /// Records an issue at a field.
    func issue(_ row: Row, _ column: String, _ message: String, suggestion: String? = nil, log: IssueLog) {
        log.add(path, line: row.line, column: self.column(row, column), message, suggestion: suggestion)
    }

    /// A text field; records a missing value if `required`.
    func string(_ row: Row, _ column: String, required: Bool, log: IssueLog) -> String? {
        let value = field(row, column)
        if value == nil, required, has(column) {
            issue(row, column, "empty '\(column)'", suggestion: "give a value", log: log)
        }
        return value
    }

    /// A finite number; blank gives `defaultValue` (or records an issue if there is none and `required`).
    func double(_ row: Row, _ column: String, required: Bool = true, default defaultValue: Double? = nil,
                log: IssueLog) -> Double? {
        guard let text = field(row, column) else {
            if required, defaultValue == nil, has(column) {
                issue(row, column, "empty '\(column)'", suggestion: "give a number", log: log)
            }
            return defaultValue
        }
        guard let value = Double(text), value.isFinite else {
            issue(row, column, "'\(column)' is not a finite number: '\(text)'", suggestion: "write a decimal number such as 12.5", log: log)
            return nil
        }
        if let problem = Magnitude.problem(value, name: column) {
            issue(row, column, problem, suggestion: Magnitude.suggestion, log: log)
            return nil
        }
        return value
    }

    /// A whole number; blank gives `defaultValue` (or records an issue if there is none and `required`).
    func int(_ row: Row, _ column: String, required: Bool = true, default defaultValue: Int? = nil, log: IssueLog) -> Int? {
        guard let text = field(row, column) else {
            if required, defaultValue == nil, has(column) {
                issue(row, column, "empty '\(column)'", suggestion: "give a whole number", log: log)
            }
            return defaultValue
        }
        guard let value = Int(text) else {
            issue(row, column, "'\(column)' is not a whole number: '\(text)'", suggestion: "write a whole number such as 2030", log: log)
            return nil
        }
        return value
    }

    /// A boolean (`true`/`false`, `yes`/`no`, `1`/`0`); blank gives `defaultValue`.
    func bool(_ row: Row, _ column: String, default defaultValue: Bool, log: IssueLog) -> Bool {
        guard let text = field(row, column) else { return defaultValue }
        switch text.lowercased() {
        case "true", "yes", "1": return true
        case "false", "no", "0": return false
        default:
            issue(row, column, "'\(column)' is not true or false: '\(text)'", suggestion: "write true or false", log: log)
            return defaultValue
        }
    }

    /// The row's source note: its `source` and `tag` columns, else the file's `# source:` and
    /// `# tag:` lines. Records a missing or unknown tag and a missing source.
    func note(_ row: Row, file: String, key: String, log: IssueLog) -> SourceNote? {
        let source = field(row, "source") ?? metadata["source"]?.value
        let tagText = field(row, "tag") ?? metadata["tag"]?.value
        let at = has("tag") ? "tag" : (has("source") ? "source" : header.first ?? "")
        guard let tagText, !tagText.isEmpty else {
            issue(row, at, "no tag for this row", suggestion: "fill the 'tag' column (SOURCED, DERIVED or ASSUMPTION) or add a '# tag:' line at the top", log: log)
            return nil
        }
        guard let tag = SourceNote.Tag(rawValue: tagText.uppercased()) else {
            let column = field(row, "tag") != nil ? "tag" : at
            issue(row, column, "unknown tag '\(tagText)'", suggestion: Suggestion.advice(for: tagText.uppercased(), among: SourceNote.Tag.allCases.map(\.rawValue)), log: log)
            return nil
        }
        guard let source, !source.isEmpty else {
            issue(row, has("source") ? "source" : at, "no source for this row", suggestion: "fill the 'source' column or add a '# source:' line at the top", log: log)
            return nil
        }
        return SourceNote(file: file, key: key, tag: tag, source: source)
    }

    /// The file-wide note of a pure time series (`# source:` and `# tag:` lines, both required).
    func fileNote(file: String, log: IssueLog) -> SourceNote? {
        guard let tagEntry = metadata["tag"] else {
            log.add(path, line: 1, "no '# tag:' line", suggestion: "start the file with '# source: ...' and '# tag: SOURCED|DERIVED|ASSUMPTION'")
            return nil
        }
        guard let tag = SourceNote.Tag(rawValue: tagEntry.value.uppercased()) else {
            log.add(path, line: tagEntry.line, "unknown tag '\(tagEntry.value)'",
                    suggestion: Suggestion.advice(for: tagEntry.value.uppercased(), among: SourceNote.Tag.allCases.map(\.rawValue)))
            return nil
        }
        guard let source = metadata["source"], !source.value.isEmpty else {
            log.add(path, line: 1, "no '# source:' line", suggestion: "start the file with '# source: ...' and '# tag: ...'")
            return nil
        }
        return SourceNote(file: file, key: "*", tag: tag, source: source.value)
    }
}
