import EnergyModel
import Foundation
import Statistics
import Yams

/// What a Monte Carlo run samples (`Inputs/<model>/montecarlo.yaml`, docs/SCENARIOS.md):
/// correlated multiplicative shocks on selected values, and forced outages of resources.
public struct MonteCarloSpec: Sendable {
    /// One shock: each sample multiplies the selected values by `max(0, 1 + sd · z)`, with z a
    /// standard normal correlated with the other shocks.
    public struct Shock: Sendable {
        /// Shock id (rows and columns of the correlation matrix follow the list order).
        public var id: String
        /// The overlay the factor is laid through (its operation is replaced by the sampled scale).
        public var overlay: Overlay
        /// Relative standard deviation of the factor.
        public var standardDeviation: Double
    }

    /// Forced outages of one resource, as independent units that fail and are repaired.
    public struct Outage: Sendable {
        /// Generator id.
        public var resource: String
        /// Units the resource is split into (each `capacity / units`).
        public var units: Int
        /// Mean time to repair, hours.
        public var repairHours: Double
        /// Forced-outage rate (long-run share of time a unit is down).
        public var forcedOutageRate: Double
    }

    /// The shocks, in order.
    public var shocks: [Shock]
    /// Their correlation matrix (identity when not given).
    public var correlation: Matrix
    /// Resources with sampled outages.
    public var outages: [Outage]
    /// Where its numbers come from.
    public var note: SourceNote

    /// Reads a spec and checks it against the system: unknown keys and names (did you mean),
    /// negative deviations, a correlation matrix of the wrong size, not symmetric or not positive
    /// definite, outage rates outside [0, 1).
    public static func read(_ url: URL, system: EnergySystem) throws(ScenarioError) -> MonteCarloSpec {
        let log = IssueLog()
        let spec = parse(url, system: system, log: log)
        guard log.isEmpty, let spec else { throw ScenarioError(issues: log.issues) }
        return spec
    }

    private static func parse(_ url: URL, system: EnergySystem, log: IssueLog) -> MonteCarloSpec? {
        guard let text = TextFile.read(url.lastPathComponent, in: url.deletingLastPathComponent(), required: true, log: log) else { return nil }
        let yaml = YAMLFile(path: url.path, name: url.lastPathComponent, log: log)
        guard let root = yaml.parse(text), let top = yaml.mapping(root, "montecarlo.yaml") else { return nil }
        yaml.checkKeys(top, at: root, allowed: ["shocks", "correlation", "outages", "source", "tag"], context: "montecarlo.yaml")
        let provenance = yaml.provenance(top, inherited: .init())
        let note = yaml.note(provenance, key: "montecarlo", at: root)
        let reader = ScenarioReader(system: system, log: log)
        var shocks: [Shock] = []
        for item in top["shocks"].flatMap({ yaml.sequence($0, "'shocks'") }) ?? [] {
            guard let map = yaml.mapping(item, "a shock") else { continue }
            yaml.checkKeys(map, at: item, allowed: ["id", "target", "select", "sd", "source", "tag"], required: ["id", "target", "sd"], context: "a shock")
            _ = yaml.note(yaml.provenance(map, inherited: provenance), key: "shock", at: item)
            guard let id = yaml.string(map, "id"), let sd = yaml.double(map, "sd") else { continue }
            if sd < 0 { yaml.issue(map["sd"], "'sd' must not be negative, found \(sd)") ; continue }
            // The overlay reader checks target and selector; a placeholder scale is replaced per sample.
            var copy = map
            copy["scale"] = Node("1")
            copy["sd"] = nil
            copy["id"] = nil
            guard let overlay = reader.readOverlay(Node.mapping(copy), yaml: yaml, inherited: provenance) else { continue }
            if case .policy = overlay.target { yaml.issue(map["target"], "a shock cannot be laid on a policy"); continue }
            shocks.append(Shock(id: id, overlay: overlay, standardDeviation: sd))
        }
        var correlation = Matrix.identity(max(1, shocks.count))
        if let node = top["correlation"], let rows = yaml.sequence(node, "'correlation'") {
            let values = rows.map { row in (row.sequence.map(Array.init) ?? []).map { yaml.number($0, "correlation") ?? .nan } }
            if values.count != shocks.count || values.contains(where: { $0.count != shocks.count }) {
                yaml.issue(node, "the correlation matrix must be \(shocks.count) × \(shocks.count) (one row and column per shock, in order)")
            } else if !values.isEmpty, !values.joined().contains(where: \.isNaN) {
                do { correlation = try Matrix(rows: values) } catch { yaml.issue(node, "bad correlation matrix: \(error)") }
            }
        }
        if !shocks.isEmpty {
            do {
                _ = try MultivariateNormal(mean: Array(repeating: 0, count: shocks.count),
                                           standardDeviations: Array(repeating: 1, count: shocks.count), correlation: correlation)
            } catch {
                yaml.issue(top["correlation"] ?? root, "the correlation matrix cannot be used: \(error)",
                           suggestion: "it must be symmetric with a unit diagonal, entries in [-1, 1], positive definite")
            }
        }
        var outages: [Outage] = []
        for item in top["outages"].flatMap({ yaml.sequence($0, "'outages'") }) ?? [] {
            guard let map = yaml.mapping(item, "an outage") else { continue }
            yaml.checkKeys(map, at: item, allowed: ["resource", "units", "repair_hours", "forced_outage_rate", "source", "tag"],
                           required: ["resource", "units", "repair_hours"], context: "an outage")
            _ = yaml.note(yaml.provenance(map, inherited: provenance), key: "outage", at: item)
            guard let id = yaml.string(map, "resource"), let units = yaml.int(map, "units"), let repair = yaml.double(map, "repair_hours") else { continue }
            guard let generator = system.generators.first(where: { $0.id == id }) else {
                yaml.issue(map["resource"], "unknown resource '\(id)'", suggestion: Suggestion.advice(for: id, among: system.generators.map(\.id)))
                continue
            }
            let rate = yaml.double(map, "forced_outage_rate") ?? generator.forcedOutageRate
            if units < 1 { yaml.issue(map["units"], "'units' must be at least 1") }
            if repair <= 0 { yaml.issue(map["repair_hours"], "'repair_hours' must be positive") }
            if !(0..<1).contains(rate) { yaml.issue(map["forced_outage_rate"] ?? item, "the forced-outage rate must be in [0, 1), found \(rate)") }
            guard units >= 1, repair > 0, (0..<1).contains(rate) else { continue }
            outages.append(Outage(resource: id, units: units, repairHours: repair, forcedOutageRate: rate))
        }
        // Only when nothing was listed: shocks or outages refused above are reported already.
        if shocks.isEmpty && outages.isEmpty && top["shocks"] == nil && top["outages"] == nil {
            yaml.issue(root, "nothing to sample", suggestion: "add 'shocks:' or 'outages:'")
        }
        guard let note else { return nil }
        return MonteCarloSpec(shocks: shocks, correlation: correlation, outages: outages, note: note)
    }
}
