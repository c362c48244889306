import Yams

/// A YAML file of a case, parsed with Yams into nodes that keep their line and column, and
/// typed readers that record every problem instead of stopping.
package struct YAMLFile {
    /// The file's path as reported in issues.
    package let path: String
    /// The file name relative to its folder (for source notes).
    package let name: String
    package let log: IssueLog

    /// A reader for the file at `path` (shown in issues) named `name` in source notes.
    package init(path: String, name: String, log: IssueLog) {
        self.path = path
        self.name = name
        self.log = log
    }

    /// The `source` and `tag` in force for a mapping: its own, else those of the enclosing mapping.
    package struct Provenance {
        package var source: String?
        package var tag: SourceNote.Tag?

        /// Provenance with a source and a tag, either unknown.
        package init(source: String? = nil, tag: SourceNote.Tag? = nil) {
            self.source = source
            self.tag = tag
        }
    }

    /// Parses `text` into its root node; records a syntax error (or duplicate key) with its place.
    package func parse(_ text: String) -> Node? {
        do {
            guard let root = try Yams.compose(yaml: text) else {
                log.add(path, "empty file", suggestion: "fill it in (see docs/FORMATS.md)")
                return nil
            }
            return root
        } catch let error as YamlError {
            switch error {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
                log.add(path, line: mark.line, column: mark.column, "YAML syntax error: \(problem)", suggestion: "check indentation, colons and quotes")
            case .duplicatedKeysInMapping(let duplicates, let context):
                log.add(path, line: context.mark.line, column: context.mark.column,
                        "duplicate key \(duplicates.sorted().map { "'\($0)'" }.joined(separator: ", "))", suggestion: "keep one of them")
            default:
                log.add(path, "cannot parse YAML: \(error)")
            }
            return nil
        } catch {
            log.add(path, "cannot parse YAML: \(error)")
            return nil
        }
    }

    /// Records an issue at a node.
    package func issue(_ node: Node?, _ message: String, suggestion: String? = nil) {
        log.add(path, line: node?.mark?.line, column: node?.mark?.column, message, suggestion: suggestion)
    }

    /// The node as a mapping, or nil after recording that `what` must be one.
    package func mapping(_ node: Node, _ what: String) -> Node.Mapping? {
        if let mapping = node.mapping { return mapping }
        issue(node, "\(what) must be a mapping (key: value lines)")
        return nil
    }

    /// The node as a sequence, or nil after recording that `what` must be one.
    package func sequence(_ node: Node, _ what: String) -> [Node]? {
        if let sequence = node.sequence { return Array(sequence) }
        issue(node, "\(what) must be a list ('- ' items)")
        return nil
    }

    /// Records unknown keys (with "did you mean") and missing required keys of a mapping.
    package func checkKeys(_ mapping: Node.Mapping, at node: Node, allowed: [String], required: [String] = [], context: String) {
        for (key, _) in mapping {
            let name = key.scalar?.string ?? ""
            if !allowed.contains(name) {
                issue(key, "unknown key '\(name)' in \(context)", suggestion: Suggestion.advice(for: name, among: allowed))
            }
        }
        for name in required where mapping[name] == nil {
            issue(node, "missing key '\(name)' in \(context)", suggestion: "add '\(name): ...' (see docs/FORMATS.md)")
        }
    }

    /// A scalar string, if present; records a non-scalar.
    package func string(_ mapping: Node.Mapping, _ key: String) -> String? {
        guard let node = mapping[key], !isNull(node) else { return nil }
        guard let scalar = node.scalar else {
            issue(node, "'\(key)' must be a single value")
            return nil
        }
        let text = scalar.string.trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? nil : text
    }

    /// A finite number, if present; records a wrong type.
    package func double(_ mapping: Node.Mapping, _ key: String) -> Double? {
        guard let node = mapping[key], !isNull(node) else { return nil }
        return number(node, key)
    }

    /// A node read as a finite number; records a wrong type.
    package func number(_ node: Node, _ what: String) -> Double? {
        let text = node.scalar?.string.trimmingCharacters(in: .whitespaces) ?? ""
        guard node.scalar != nil, let value = Double(text.replacingOccurrences(of: "_", with: "")), value.isFinite else {
            issue(node, "'\(what)' must be a finite number, found \(describe(node))", suggestion: "write a decimal number such as 0.1")
            return nil
        }
        // The unit is the suffix of the key (`co2_cap_t.values.2030` → `co2_cap_t`, tonnes).
        if let problem = Magnitude.problem(value, ceiling: Magnitude.ceiling(for: what.split(separator: ".").first.map(String.init) ?? what), name: what) {
            issue(node, problem, suggestion: Magnitude.suggestion)
            return nil
        }
        return value
    }

    /// A whole number, if present; records a wrong type.
    package func int(_ mapping: Node.Mapping, _ key: String) -> Int? {
        guard let node = mapping[key], !isNull(node) else { return nil }
        guard let text = node.scalar?.string.trimmingCharacters(in: .whitespaces), let value = Int(text) else {
            issue(node, "'\(key)' must be a whole number, found \(describe(node))", suggestion: "write a whole number such as 2030")
            return nil
        }
        return value
    }

    /// A boolean, if present; records a wrong type.
    package func bool(_ mapping: Node.Mapping, _ key: String) -> Bool? {
        guard let node = mapping[key], !isNull(node) else { return nil }
        switch node.scalar?.string.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default:
            issue(node, "'\(key)' must be true or false, found \(describe(node))")
            return nil
        }
    }

    /// A list of strings, if present; records a wrong type.
    package func strings(_ mapping: Node.Mapping, _ key: String) -> [String]? {
        guard let node = mapping[key], !isNull(node) else { return nil }
        guard let items = sequence(node, "'\(key)'") else { return nil }
        var result: [String] = []
        for item in items {
            if let text = item.scalar?.string, !text.isEmpty { result.append(text) } else { issue(item, "items of '\(key)' must be names") }
        }
        return result
    }

    /// The `source`/`tag` of a mapping over those it inherits; records an unknown tag.
    package func provenance(_ mapping: Node.Mapping, inherited: Provenance) -> Provenance {
        var result = inherited
        if let source = string(mapping, "source") { result.source = source }
        if let text = string(mapping, "tag") {
            if let tag = SourceNote.Tag(rawValue: text.uppercased()) {
                result.tag = tag
            } else {
                issue(mapping["tag"], "unknown tag '\(text)'",
                      suggestion: Suggestion.advice(for: text.uppercased(), among: SourceNote.Tag.allCases.map(\.rawValue)))
                result.tag = .assumption  // reported; avoid a second "no tag" issue
            }
        }
        return result
    }

    /// A source note for numbers under `node`; records a missing tag or source.
    package func note(_ provenance: Provenance, key: String, at node: Node) -> SourceNote? {
        guard let tag = provenance.tag else {
            issue(node, "no tag for '\(key)'", suggestion: "add 'tag: SOURCED|DERIVED|ASSUMPTION' here or in an enclosing mapping")
            return nil
        }
        guard let source = provenance.source else {
            issue(node, "no source for '\(key)'", suggestion: "add 'source: ...' here or in an enclosing mapping")
            return nil
        }
        return SourceNote(file: name, key: key, tag: tag, source: source)
    }

    /// Whether a node is YAML null (`~`, `null` or nothing).
    package func isNull(_ node: Node) -> Bool {
        guard let scalar = node.scalar else { return false }
        return scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// A short description of a node for messages.
    package func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): "'\(scalar.string)'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }
}
