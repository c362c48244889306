/// Collects issues while a case is loaded (one per load; not shared across threads).
package final class IssueLog {
    package private(set) var issues: [CaseIssue] = []

    /// An empty log.
    package init() {}

    /// Records an issue.
    package func add(_ file: String, line: Int? = nil, column: Int? = nil, _ message: String, suggestion: String? = nil) {
        issues.append(CaseIssue(file: file, line: line, column: column, message: message, suggestion: suggestion))
    }

    /// Whether any issue is recorded.
    package var isEmpty: Bool { issues.isEmpty }
}
