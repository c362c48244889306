/// One problem found while loading a case: where it is, what is wrong, and what to do.
///
/// Prints as `file:line:column: message; suggestion` (line and column when known), the form
/// compilers use, so editors and terminals can jump to the place.
public struct CaseIssue: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The file's path as given to the loader (model or inputs folder + file name).
    public var file: String
    /// 1-based line, if the problem has one.
    public var line: Int?
    /// 1-based column (characters in the line), if the problem has one.
    public var column: Int?
    /// What is wrong.
    public var message: String
    /// What to do about it (e.g. "did you mean 'north'?"), if there is advice.
    public var suggestion: String?

    /// Creates an issue.
    public init(file: String, line: Int? = nil, column: Int? = nil, message: String, suggestion: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.suggestion = suggestion
    }

    /// `file:line:column`, with the parts that are known.
    public var location: String {
        var text = file
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        return text
    }

    /// `file:line:column: message; suggestion`.
    public var description: String {
        var text = "\(location): \(message)"
        if let suggestion { text += "; \(suggestion)" }
        return text
    }
}

extension CaseIssue: Comparable {
    /// Orders by file, line, column, then message (the order issues are reported in).
    public static func < (lhs: CaseIssue, rhs: CaseIssue) -> Bool {
        if lhs.file != rhs.file { return lhs.file < rhs.file }
        if (lhs.line ?? 0) != (rhs.line ?? 0) { return (lhs.line ?? 0) < (rhs.line ?? 0) }
        if (lhs.column ?? 0) != (rhs.column ?? 0) { return (lhs.column ?? 0) < (rhs.column ?? 0) }
        return lhs.message < rhs.message
    }
}
