import EnergyModel
import Foundation

/// The scenarios of a case (`Inputs/<model>/scenarios/*.yaml`), read and checked against the
/// system, with compositions resolved.
public struct ScenarioLibrary: Sendable {
    /// Scenarios by id, in file-name order.
    public var scenarios: [Scenario]

    /// Reads every `*.yaml` file of `folder` and checks it against `system`.
    /// - Throws: ``ScenarioError`` with every problem of every file (and unknown or cyclic compositions).
    public static func load(folder: URL, system: EnergySystem) throws(ScenarioError) -> ScenarioLibrary {
        let log = IssueLog()
        let files = ((try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? [])
            .filter { $0.pathExtension == "yaml" || $0.pathExtension == "yml" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        if files.isEmpty {
            log.add(folder.path, "no scenario files (*.yaml)", suggestion: "write one as docs/SCENARIOS.md shows")
        }
        let reader = ScenarioReader(system: system, log: log)
        let scenarios = files.compactMap(reader.read)
        let library = ScenarioLibrary(scenarios: scenarios)
        let ids = Set(files.map { $0.deletingPathExtension().lastPathComponent })
        for scenario in scenarios {
            for part in scenario.compose where !ids.contains(part) {
                log.add(folder.appendingPathComponent("\(scenario.id).yaml").path, "composes unknown scenario '\(part)'",
                        suggestion: Suggestion.advice(for: part, among: ids))
            }
            if library.hasCycle(from: scenario.id) {
                log.add(folder.appendingPathComponent("\(scenario.id).yaml").path, "scenario '\(scenario.id)' composes itself (directly or through others)",
                        suggestion: "remove the cycle from 'compose'")
            }
        }
        guard log.isEmpty else { throw ScenarioError(issues: log.issues) }
        return library
    }

    /// The library with one more scenario read from `file` (anywhere), its id the file's name
    /// without extension; it may compose the library's scenarios.
    /// - Throws: ``ScenarioError`` for a missing or bad file, an id the library already has, or an
    ///   unknown or cyclic composition.
    public func adding(_ file: URL, system: EnergySystem) throws(ScenarioError) -> ScenarioLibrary {
        let log = IssueLog()
        let id = file.deletingPathExtension().lastPathComponent
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw ScenarioError(issues: [CaseIssue(file: file.path, message: "no such scenario file",
                                                   suggestion: "give the path of a scenario YAML file (docs/SCENARIOS.md), or the id of one in <inputs>/scenarios/")])
        }
        if scenario(id) != nil {
            throw ScenarioError(issues: [CaseIssue(file: file.path, message: "the inputs' scenarios already have one named '\(id)'",
                                                   suggestion: "rename the file, or give '--scenario \(id)' for the inputs' own")])
        }
        guard let read = ScenarioReader(system: system, log: log).read(file), log.isEmpty else { throw ScenarioError(issues: log.issues) }
        let library = ScenarioLibrary(scenarios: scenarios + [read])
        for part in read.compose where scenario(part) == nil {
            log.add(file.path, "composes unknown scenario '\(part)'", suggestion: Suggestion.advice(for: part, among: scenarios.map(\.id)))
        }
        if library.hasCycle(from: id) { log.add(file.path, "scenario '\(id)' composes itself (directly or through others)", suggestion: "remove the cycle from 'compose'") }
        guard log.isEmpty else { throw ScenarioError(issues: log.issues) }
        return library
    }

    /// Creates a library from scenarios already read.
    public init(scenarios: [Scenario]) {
        self.scenarios = scenarios
    }

    /// The scenario with an id.
    public func scenario(_ id: String) -> Scenario? { scenarios.first { $0.id == id } }

    /// Looks up ids (`all` for every scenario, `none` for none).
    /// - Throws: ``ScenarioError`` naming each unknown id, with a suggestion.
    public func select(_ ids: [String]) throws(ScenarioError) -> [Scenario] {
        if ids == ["all"] { return scenarios }
        if ids == ["none"] { return [] }
        var issues: [CaseIssue] = []
        var result: [Scenario] = []
        for id in ids {
            if let scenario = scenario(id) { result.append(scenario) } else {
                issues.append(CaseIssue(file: "--scenario", message: "unknown scenario '\(id)'",
                                        suggestion: Suggestion.advice(for: id, among: scenarios.map(\.id))))
            }
        }
        guard issues.isEmpty else { throw ScenarioError(issues: issues) }
        return result
    }

    /// Applies a scenario (its composed scenarios of this library first, in order; the scenario
    /// itself need not be in the library, e.g. a generated N-1 case) to a system; capacities fixed
    /// by a plan are changed by capacity overlays too.
    public func apply(_ scenario: Scenario, to system: EnergySystem,
                      fixedCapacityMW: CapacityPlan = CapacityPlan()) throws(ScenarioError) -> (EnergySystem, CapacityPlan) {
        var result = system
        var fixed = fixedCapacityMW
        for id in scenario.compose.flatMap({ expansion(of: $0, seen: [scenario.id]) }) {
            try self.scenario(id)!.applyOwnOverlays(to: &result, fixedCapacityMW: &fixed)
        }
        try scenario.applyOwnOverlays(to: &result, fixedCapacityMW: &fixed)
        result.scenarioChanges += changes(of: scenario)
        return (result, fixed)
    }

    /// The ids to apply for a scenario: composed ones depth-first, then itself.
    func expansion(of id: String, seen: [String] = []) -> [String] {
        guard let scenario = scenario(id), !seen.contains(id) else { return [] }
        return scenario.compose.flatMap { expansion(of: $0, seen: seen + [id]) } + [id]
    }

    private func hasCycle(from id: String, path: [String] = []) -> Bool {
        if path.contains(id) { return true }
        return scenario(id)?.compose.contains { hasCycle(from: $0, path: path + [id]) } ?? false
    }
}
