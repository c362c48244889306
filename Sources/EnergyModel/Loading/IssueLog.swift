/// Collects issues while a case is loaded (one per load; not shared across threads).
final class IssueLog {
    private(set) var issues: [CaseIssue] = []

    /// Records an issue.
    func add(_ file: String, line: Int? = nil, column: Int? = nil, _ message: String, suggestion: String? = nil) {
        issues.append(CaseIssue(file: file, line: line, column: column, message: message, suggestion: suggestion))
    }

    /// Whether any issue is recorded.
    var isEmpty: Bool { issues.isEmpty }
}
