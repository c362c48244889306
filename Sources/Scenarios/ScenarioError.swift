import EnergyModel

/// Why scenarios cannot be read or applied: every problem, each as `file:line:column: message; what to do`.
public struct ScenarioError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The problems.
    public var issues: [CaseIssue]

    /// Creates an error.
    public init(issues: [CaseIssue]) {
        self.issues = issues
    }

    /// One line per problem.
    public var description: String { issues.map(\.description).joined(separator: "\n") }
}
