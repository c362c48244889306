/// Every problem found in a case, collected and reported at once (the loader never stops at
/// the first one).
public struct CaseLoadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The problems: root causes first (files that are missing or cannot be read or parsed at
    /// all, whose absence makes other files' names unknown), then the rest, each group sorted by
    /// file, line and column.
    public var issues: [CaseIssue]

    /// Creates an error from issues (root causes first, sorted, duplicates removed).
    public init(issues: [CaseIssue]) {
        let sorted = Array(Set(issues)).sorted()
        self.issues = sorted.filter(\.isRootCause) + sorted.filter { !$0.isRootCause }
    }

    /// One issue per line, then a count.
    public var description: String {
        let lines = issues.map(\.description)
        let count = issues.count == 1 ? "1 problem" : "\(issues.count) problems"
        return (lines + ["\(count) found"]).joined(separator: "\n")
    }
}

extension CaseIssue {
    /// Whether the issue is a whole file that could not be read (missing, unreadable, not
    /// UTF-8, empty, a YAML syntax error or duplicate key, a CSV without a header or that does
    /// not parse): everything that file declares is then unknown to the others, so the issues
    /// it causes elsewhere ("unknown region 'north'; none are defined") come after it.
    public var isRootCause: Bool {
        line == nil && ["missing file", "no such folder", "cannot read the file", "empty file"].contains(message)
            || ["YAML syntax error", "invalid UTF-8", "duplicate key", "cannot parse", "no header row"].contains { message.hasPrefix($0) }
    }
}
