import EnergyModel
import Foundation
import Yams

/// A named set of disruptions with probabilities (`Inputs/<model>/scenarios/sets/<name>.yaml`),
/// for robust plans: the base case and each member with its probability, summing to 1.
public struct ScenarioSet: Sendable {
    /// The file name without `.yaml`.
    public var id: String
    /// A readable name.
    public var name: String
    /// Probability of the base case (no disruption).
    public var baseProbability: Double
    /// Members in order: scenario ids with their probabilities.
    public var members: [(scenario: String, probability: Double)]
    /// Where the probabilities come from.
    public var note: SourceNote

    /// Reads a set and checks it against a library: known scenarios (did you mean), no
    /// duplicates, probabilities in [0, 1] summing to 1 (within 1e-9).
    public static func read(_ url: URL, library: ScenarioLibrary) throws(ScenarioError) -> ScenarioSet {
        let log = IssueLog()
        let set = parse(url, library: library, log: log)
        guard log.isEmpty, let set else { throw ScenarioError(issues: log.issues) }
        return set
    }

    private static func parse(_ url: URL, library: ScenarioLibrary, log: IssueLog) -> ScenarioSet? {
        guard let text = TextFile.read(url.lastPathComponent, in: url.deletingLastPathComponent(), required: true, log: log) else { return nil }
        let yaml = YAMLFile(path: url.path, name: "scenarios/sets/\(url.lastPathComponent)", log: log)
        guard let root = yaml.parse(text), let top = yaml.mapping(root, "a scenario set") else { return nil }
        yaml.checkKeys(top, at: root, allowed: ["name", "base_probability", "members", "source", "tag"],
                       required: ["name", "base_probability", "members"], context: "a scenario set")
        let note = yaml.note(yaml.provenance(top, inherited: .init()), key: "set", at: root)
        let base = yaml.double(top, "base_probability")
        if let base, !(0...1).contains(base) { yaml.issue(top["base_probability"], "a probability must be in [0, 1], found \(base)") }
        var members: [(String, Double)] = []
        let ids = library.scenarios.map(\.id)
        for item in top["members"].flatMap({ yaml.sequence($0, "'members'") }) ?? [] {
            guard let map = yaml.mapping(item, "a member") else { continue }
            yaml.checkKeys(map, at: item, allowed: ["scenario", "probability"], required: ["scenario", "probability"], context: "a member")
            guard let id = yaml.string(map, "scenario"), let p = yaml.double(map, "probability") else { continue }
            if !ids.contains(id) { yaml.issue(map["scenario"], "unknown scenario '\(id)'", suggestion: Suggestion.advice(for: id, among: ids)) }
            if members.contains(where: { $0.0 == id }) { yaml.issue(map["scenario"], "scenario '\(id)' is listed twice") }
            if !(0...1).contains(p) { yaml.issue(map["probability"], "a probability must be in [0, 1], found \(p)") }
            members.append((id, p))
        }
        if let base {
            let total = members.reduce(base) { $0 + $1.1 }
            if abs(total - 1) > 1e-9 {
                yaml.issue(root, "the probabilities sum to \(total), not 1", suggestion: "base_probability plus the members' probabilities must be 1")
            }
        }
        guard let note, let base else { return nil }
        return ScenarioSet(id: url.deletingPathExtension().lastPathComponent, name: yaml.string(top, "name") ?? "", baseProbability: base,
                           members: members, note: note)
    }
}
