import EnergyModel
import Foundation
import Yams

/// Reads scenario files (`Inputs/<model>/scenarios/*.yaml`) and checks every name against the
/// system they will be laid on: unknown names get a "did you mean", out-of-range values are errors.
struct ScenarioReader {
    let system: EnergySystem
    let log: IssueLog

    static let topKeys = ["name", "description", "event", "compose", "overlays", "source", "tag"]
    static let overlayKeys = ["target", "select", "scale", "set", "add", "remove", "move_to", "penalty", "source", "tag"]
    static let policies = ["renewable_share", "reserve_margin", "co2_cap_t", "import_share_cap", "fx_budget_usd"]

    /// Reads one scenario file; nil after recording its problems.
    func read(_ url: URL) -> Scenario? {
        guard let text = TextFile.read(url.lastPathComponent, in: url.deletingLastPathComponent(), required: true, log: log) else { return nil }
        return read(text: text, id: url.deletingPathExtension().lastPathComponent, path: url.path, name: "scenarios/\(url.lastPathComponent)")
    }

    /// Reads a scenario from its text; `path` names it in messages, `name` in source notes.
    func read(text: String, id: String, path: String, name: String) -> Scenario? {
        let before = log.issues.count
        let yaml = YAMLFile(path: path, name: name, log: log)
        guard let root = yaml.parse(text), let top = yaml.mapping(root, "a scenario file") else { return nil }
        yaml.checkKeys(top, at: root, allowed: Self.topKeys, required: ["name"], context: "the scenario")
        let provenance = yaml.provenance(top, inherited: .init())
        let note = yaml.note(provenance, key: "scenario.\(id)", at: root)
        let compose = yaml.strings(top, "compose") ?? []
        if top["overlays"] == nil && compose.isEmpty {
            yaml.issue(root, "the scenario has no overlays and composes nothing", suggestion: "add 'overlays:' (see docs/SCENARIOS.md)")
        }
        var overlays: [Overlay] = []
        if let node = top["overlays"], let items = yaml.sequence(node, "'overlays'") {
            for item in items {
                if let overlay = readOverlay(item, yaml: yaml, inherited: provenance) { overlays.append(overlay) }
            }
        }
        guard log.issues.count == before, let note else { return nil }
        return Scenario(id: id, name: yaml.string(top, "name") ?? id, description: yaml.string(top, "description") ?? "",
                        event: yaml.string(top, "event"), compose: compose, overlays: overlays, note: note)
    }

    func readOverlay(_ node: Node, yaml: YAMLFile, inherited: YAMLFile.Provenance) -> Overlay? {
        guard let map = yaml.mapping(node, "an overlay") else { return nil }
        yaml.checkKeys(map, at: node, allowed: Self.overlayKeys, required: ["target"], context: "an overlay")
        _ = yaml.note(yaml.provenance(map, inherited: inherited), key: "overlay", at: node)
        let location = "\(yaml.path):\(node.mark?.line ?? 0):\(node.mark?.column ?? 0)"
        guard let targetName = yaml.string(map, "target") else { return nil }
        guard let target = Overlay.Target(rawValue: targetName) else {
            yaml.issue(map["target"], "unknown target '\(targetName)'", suggestion: Suggestion.advice(for: targetName, among: Overlay.Target.allCases.map(\.rawValue)))
            return nil
        }
        let operation = readOperation(map, at: node, target: target, yaml: yaml)
        let penalty = yaml.double(map, "penalty")
        if penalty != nil, !(target == .policy && map["set"] != nil) { yaml.issue(map["penalty"], "'penalty' applies only to 'set' on a policy") }
        if let penalty, penalty < 0 { yaml.issue(map["penalty"], "'penalty' must not be negative") }
        var selector = Overlay.Selector()
        if let selectNode = map["select"], !yaml.isNull(selectNode) {
            guard let select = yaml.mapping(selectNode, "'select'") else { return nil }
            yaml.checkKeys(select, at: selectNode, allowed: target.selectorKeys, context: "'select' of a \(target.rawValue) overlay")
            selector = readSelector(select, yaml: yaml)
        }
        if target == .renewableCarriers, selector.carriers == nil {
            yaml.issue(node, "a renewable_carriers overlay must select carriers", suggestion: "add 'select: {carrier: hydro}'")
            return nil
        }
        if target == .policy, selector.policy == nil {
            yaml.issue(node, "a policy overlay must select a policy", suggestion: "add 'select: {policy: renewable_share}' (one of \(Self.policies.joined(separator: ", ")))")
            return nil
        }
        guard let operation else { return nil }
        return Overlay(target: target, operation: operation, selector: selector, penalty: penalty, location: location)
    }

    /// The one operation of an overlay (scale, set, add or remove), checked against its target.
    private func readOperation(_ map: Node.Mapping, at node: Node, target: Overlay.Target, yaml: YAMLFile) -> Overlay.Operation? {
        let given = ["scale", "set", "add", "remove", "move_to"].filter { map[$0] != nil }
        guard given.count == 1, let name = given.first else {
            yaml.issue(node, given.isEmpty ? "the overlay has no operation" : "the overlay has \(given.count) operations (\(given.joined(separator: ", ")))",
                       suggestion: "give exactly one of \(target.operations.joined(separator: ", "))")
            return nil
        }
        let allowed = target.operations
        guard allowed.contains(name) else {
            yaml.issue(map[name], "'\(name)' does not apply to \(target.rawValue)", suggestion: "use \(allowed.joined(separator: ", "))")
            return nil
        }
        let operation: Overlay.Operation
        switch name {
        case "remove":
            guard yaml.bool(map, "remove") == true else {
                yaml.issue(map["remove"], "'remove' must be true", suggestion: "write 'remove: true'")
                return nil
            }
            operation = .remove
        case "move_to":
            let years = system.periods.map(\.year)
            guard let text = map["move_to"]?.scalar?.string, let year = Int(text), years.contains(year) else {
                yaml.issue(map["move_to"], "'move_to' must be a period year, found '\(map["move_to"]?.scalar?.string ?? "")'",
                           suggestion: "one of \(years.map(String.init).joined(separator: ", "))")
                return nil
            }
            operation = .moveTo(year)
        default:
            guard let value = yaml.double(map, name) else {
                if map[name].map(yaml.isNull) == true { yaml.issue(map[name], "'\(name)' needs a number") }
                return nil
            }
            if name != "scale", let problem = Magnitude.problem(value, ceiling: target.ceiling(policy: map["select"]?.mapping?["policy"]?.scalar?.string), name: name) {
                yaml.issue(map[name], "\(target.rawValue): \(problem)", suggestion: Magnitude.suggestion)
                return nil
            }
            switch name {
            case "scale":
                guard value >= 0 else { yaml.issue(map[name], "a scale factor must not be negative, found \(value)", suggestion: "use 0 to take everything away"); return nil }
                operation = .scale(value)
            case "set":
                guard value >= 0 else { yaml.issue(map[name], "'set' must not be negative, found \(value)"); return nil }
                if target == .availability, value > 1 { yaml.issue(map[name], "availability is a fraction in [0, 1], found \(value)"); return nil }
                if target == .renewableCarriers, value != 0, value != 1 {
                    yaml.issue(map[name], "renewable_carriers: 'set' is 1 (the carriers count towards the renewable share) or 0 (they do not), found \(value)")
                    return nil
                }
                operation = .set(value)
            default:
                operation = .add(value)
            }
        }
        return operation
    }

    private func readSelector(_ map: Node.Mapping, yaml: YAMLFile) -> Overlay.Selector {
        var selector = Overlay.Selector()
        let resourceIDs = system.generators.map(\.id) + system.storages.map(\.id)
        selector.resources = names(map, "resource", among: resourceIDs, yaml: yaml)
        selector.technologies = names(map, "technology", among: system.generators.map(\.technology) + system.storages.map(\.technology), yaml: yaml)
        selector.carriers = names(map, "carrier", among: system.generators.map(\.carrier), yaml: yaml)
        selector.fuels = names(map, "fuel", among: system.fuels.map(\.id), yaml: yaml)
        selector.regions = names(map, "region", among: system.regions.map(\.id), yaml: yaml)
        selector.corridors = names(map, "corridor", among: system.corridors.map(\.id), yaml: yaml)
        selector.policy = names(map, "policy", among: Self.policies, yaml: yaml)?.first
        if let periods = ranges(map, "periods", bounds: Int.min...Int.max, yaml: yaml) {
            let years = system.periods.map(\.year)
            selector.periods = periods.flatMap { range in range.count > 1000 ? [] : Array(range) }
            for year in selector.periods ?? [] where !years.contains(year) {
                yaml.issue(map["periods"], "\(year) is not a period", suggestion: Suggestion.advice(for: String(year), among: years.map(String.init)))
            }
        }
        selector.months = ranges(map, "months", bounds: 1...12, yaml: yaml)?.flatMap { Array($0) }
        selector.days = ranges(map, "days", bounds: 1...365, yaml: yaml)
        selector.hours = ranges(map, "hours", bounds: 0...23, yaml: yaml)
        return selector
    }

    /// A name or list of names, each checked against `among`.
    private func names(_ map: Node.Mapping, _ key: String, among known: [String], yaml: YAMLFile) -> [String]? {
        guard let node = map[key], !yaml.isNull(node) else { return nil }
        let values: [String]
        if let scalar = node.scalar { values = [scalar.string] } else if let list = yaml.strings(map, key) { values = list } else { return nil }
        for value in values where !known.contains(value) {
            yaml.issue(node, "unknown \(key) '\(value)'", suggestion: Suggestion.advice(for: value, among: known))
        }
        return values
    }

    /// Whole numbers and ranges (`3`, `[1, 2]`, `"1-4"`, `["17-22", 8]`), each within `bounds`.
    private func ranges(_ map: Node.Mapping, _ key: String, bounds: ClosedRange<Int>, yaml: YAMLFile) -> [ClosedRange<Int>]? {
        guard let node = map[key], !yaml.isNull(node) else { return nil }
        let items: [Node] = node.sequence.map(Array.init) ?? [node]
        var result: [ClosedRange<Int>] = []
        for item in items {
            let text = item.scalar?.string.trimmingCharacters(in: .whitespaces) ?? ""
            let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard (parts.count == 1 || parts.count == 2), let low = parts.first ?? nil, let high = parts.last ?? nil, low <= high else {
                yaml.issue(item, "'\(key)' must be whole numbers or ranges such as 3 or \"1-4\", found '\(text)'")
                continue
            }
            guard bounds.contains(low), bounds.contains(high) else {
                yaml.issue(item, "'\(key)' must be within \(bounds.lowerBound)–\(bounds.upperBound), found '\(text)'")
                continue
            }
            result.append(low...high)
        }
        return result
    }
}

extension Overlay.Target {
    /// The selector keys this target accepts.
    var selectorKeys: [String] {
        switch self {
        case .availability: ["resource", "technology", "carrier", "fuel", "region", "periods", "months", "days", "hours"]
        case .capacity: ["resource", "technology", "carrier", "fuel", "region"]
        case .fuelSupply, .fuelPrice, .fuelOfftake: ["fuel", "periods", "months"]
        case .hydroBudget: ["resource", "technology", "carrier", "region", "periods", "months"]
        case .demand: ["region", "periods", "months", "days", "hours"]
        case .corridorCapacity: ["corridor", "periods", "months", "days", "hours"]
        case .exchangeRate: []
        case .policy: ["policy", "periods"]
        case .committed: ["resource", "technology", "carrier", "fuel", "region", "periods"]
        case .renewableCarriers: ["carrier"]
        }
    }

    /// The largest magnitude of a `set` or `add` value on this target (docs/FORMATS.md, Magnitudes).
    func ceiling(policy: String?) -> Magnitude.Ceiling {
        switch self {
        case .availability: Magnitude.Ceiling(limit: 1, unit: "(fraction)", reason: "availability is a fraction")
        case .capacity, .demand, .corridorCapacity, .committed: Magnitude.power
        case .fuelSupply, .fuelOfftake: Magnitude.heat
        case .fuelPrice: Magnitude.fuelPrice
        case .hydroBudget: Magnitude.energy
        case .exchangeRate: Magnitude.exchangeRate
        case .policy: policy.map(Magnitude.ceiling(for:)) ?? Magnitude.other
        case .renewableCarriers: Magnitude.Ceiling(limit: 1, unit: "(1 counts, 0 does not)", reason: "a carrier counts or not")
        }
    }

    /// The operations this target accepts.
    var operations: [String] {
        switch self {
        case .availability, .capacity, .fuelSupply, .fuelOfftake: ["scale", "set", "add", "remove"]
        case .fuelPrice, .hydroBudget, .demand: ["scale", "set", "add"]
        case .corridorCapacity: ["scale", "remove"]
        case .exchangeRate: ["scale", "set"]
        case .policy: ["scale", "set", "remove"]
        case .committed: ["scale", "set", "add", "remove", "move_to"]
        case .renewableCarriers: ["set", "remove"]
        }
    }
}
