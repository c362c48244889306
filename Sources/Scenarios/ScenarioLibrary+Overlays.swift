import EnergyModel
import Foundation

extension ScenarioLibrary {
    /// The id of the scenario that command-line overlays make (``whatIf(base:overlays:system:)``).
    public static let whatIfID = "what-if"

    /// A what-if from the command line: `base` (an id of the library, or nil) composed with
    /// `overlays`, each one overlay of the scenario language as a YAML flow mapping
    /// (`{target: fuel_price, select: {fuel: rlng, periods: [2030, 2035]}, scale: 1.3}`; the braces
    /// may be left out), laid on in the order given after the base scenario's. Returns the library
    /// with the what-if added (id ``whatIfID``) and that id.
    /// `origins` name each overlay in messages (default `--overlay '<text>'`; a sensitivity point's
    /// overlays name their `--vary` parameter and value).
    /// - Throws: ``ScenarioError`` naming each bad overlay by its text, with line and column.
    public func whatIf(base: String?, overlays: [String], origins: [String]? = nil,
                       system: EnergySystem) throws(ScenarioError) -> (ScenarioLibrary, id: String) {
        let log = IssueLog()
        let reader = ScenarioReader(system: system, log: log)
        var laid: [Overlay] = []
        for (k, text) in overlays.enumerated() {
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            let mapping = trimmed.hasPrefix("{") ? trimmed : "{\(trimmed)}"
            // The overlay first, on line 2, so that positions in messages point into it.
            let yaml = "overlays:\n  - \(mapping)\nname: command line\nsource: \"bijli --overlay: the analyst's what-if\"\ntag: ASSUMPTION\n"
            let origin = origins.flatMap { $0.indices.contains(k) ? $0[k] : nil } ?? "--overlay '\(trimmed)'"
            if let scenario = reader.read(text: yaml, id: Self.whatIfID, path: origin, name: "--overlay") {
                laid += scenario.overlays
            }
        }
        if scenario(Self.whatIfID) != nil {
            log.add("--overlay", "the scenarios already have one named '\(Self.whatIfID)', the name of command-line what-ifs",
                    suggestion: "rename that scenario file")
        }
        if let base, scenario(base) == nil {
            log.add("--scenario", "unknown scenario '\(base)'", suggestion: Suggestion.advice(for: base, among: scenarios.map(\.id)))
        }
        guard log.isEmpty else { throw ScenarioError(issues: log.issues) }
        let note = SourceNote(file: "--overlay", key: "scenario.\(Self.whatIfID)", tag: .assumption,
                              source: "command-line what-if: " + overlays.joined(separator: "; "))
        let whatIf = Scenario(id: Self.whatIfID, name: "What-if (\(overlays.count) overlay\(overlays.count == 1 ? "" : "s"))",
                              description: overlays.joined(separator: "; "), compose: base.map { [$0] } ?? [], overlays: laid, note: note)
        return (ScenarioLibrary(scenarios: scenarios + [whatIf]), Self.whatIfID)
    }
}
