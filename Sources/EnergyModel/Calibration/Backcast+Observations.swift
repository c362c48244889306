import Foundation

extension Backcast {
    /// Why an observed-generation file cannot be used: every problem, as `file:line:column: message`.
    public struct ObservationError: Error, Sendable, CustomStringConvertible {
        /// The problems found.
        public var issues: [CaseIssue]

        /// One line per problem.
        public var description: String { issues.map(\.description).joined(separator: "\n") }
    }

    /// Reads an observed-generation file: columns `group,carriers,observed_gwh,observed_share_percent,source,tag`
    /// (`carriers` is a `;`-separated list of model carriers; each row needs a tag and a source,
    /// or the file's `# source:`/`# tag:` lines). Carriers must be carriers of `system` and
    /// belong to one group only.
    public static func observations(at url: URL, system: EnergySystem) throws(ObservationError) -> [Observation] {
        let log = IssueLog()
        let file = url.lastPathComponent
        let folder = url.deletingLastPathComponent()
        guard let text = TextFile.read(file, in: folder, required: true, log: log),
              let table = CSVTable(path: url.path, text: text, log: log) else {
            throw ObservationError(issues: log.issues)
        }
        table.checkColumns(required: ["group", "carriers", "observed_gwh", "observed_share_percent"], optional: ["source", "tag"], log: log)
        let known = Set(system.generators.map(\.carrier))
        var owner: [String: String] = [:]
        var result: [Observation] = []
        for row in table.rows {
            guard let group = table.string(row, "group", required: true, log: log),
                  let list = table.string(row, "carriers", required: true, log: log) else { continue }
            let carriers = list.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            var ok = true
            for carrier in carriers {
                if !known.contains(carrier) {
                    table.issue(row, "carriers", "'\(carrier)' is not the carrier of any generator", suggestion: Suggestion.advice(for: carrier, among: known), log: log)
                    ok = false
                } else if let first = owner[carrier] {
                    table.issue(row, "carriers", "carrier '\(carrier)' is already in group '\(first)'", suggestion: "put each carrier in one group", log: log)
                    ok = false
                }
                owner[carrier] = owner[carrier] ?? group
            }
            let gwh = table.double(row, "observed_gwh", log: log)
            let share = table.double(row, "observed_share_percent", log: log)
            for (column, value) in [("observed_gwh", gwh), ("observed_share_percent", share)] where (value ?? 0) < 0 {
                table.issue(row, column, "'\(column)' must not be negative", log: log)
                ok = false
            }
            let note = table.note(row, file: file, key: "backcast.\(group)", log: log)
            guard ok, let gwh, let share, let note else { continue }
            result.append(Observation(group: group, carriers: carriers, observedGWh: gwh, observedSharePercent: share, note: note))
        }
        if result.isEmpty, log.isEmpty { log.add(url.path, "no observed groups", suggestion: "add one row per fuel group") }
        guard log.isEmpty else { throw ObservationError(issues: log.issues) }
        return result
    }
}
