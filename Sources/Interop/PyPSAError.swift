/// Why a PyPSA CSV folder cannot be imported, or a Bijli case cannot be exported: every problem,
/// each naming the file, the component and the attribute.
public struct PyPSAError: Error, Sendable, Equatable, CustomStringConvertible {
    /// One problem.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        /// The file the problem is in (e.g. `generators.csv`), or "" for the case as a whole.
        public var file: String
        /// The component (e.g. `generator 'gas'`), or "".
        public var component: String
        /// The attribute (e.g. `ramp_limit_up`), or "".
        public var attribute: String
        /// What is wrong and what to do.
        public var message: String

        /// Creates a problem.
        public init(file: String, component: String = "", attribute: String = "", _ message: String) {
            self.file = file
            self.component = component
            self.attribute = attribute
            self.message = message
        }

        /// `generators.csv: generator 'gas': attribute 'ramp_limit_up': message`.
        public var description: String {
            var parts: [String] = []
            if !file.isEmpty { parts.append(file) }
            if !component.isEmpty { parts.append(component) }
            if !attribute.isEmpty { parts.append("attribute '\(attribute)'") }
            parts.append(message)
            return parts.joined(separator: ": ")
        }
    }

    /// The problems, in the order found.
    public var problems: [Problem]

    /// Creates an error.
    public init(_ problems: [Problem]) {
        self.problems = problems
    }

    /// Every problem, one per line.
    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}
