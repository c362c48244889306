/// Every problem found in a case, collected and reported at once (the loader never stops at
/// the first one).
public struct CaseLoadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The problems, sorted by file, line and column.
    public var issues: [CaseIssue]

    /// Creates an error from issues (sorted, duplicates removed).
    public init(issues: [CaseIssue]) {
        self.issues = Array(Set(issues)).sorted()
    }

    /// One issue per line, then a count.
    public var description: String {
        let lines = issues.map(\.description)
        let count = issues.count == 1 ? "1 problem" : "\(issues.count) problems"
        return (lines + ["\(count) found"]).joined(separator: "\n")
    }
}
