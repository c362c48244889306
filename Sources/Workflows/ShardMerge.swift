import Foundation
import Reporting
import Scenarios

/// `bijli merge`: the shards of one sweep put back together into the files one machine writes
/// for the whole sweep (docs/SCALING.md). Parts that do not belong together are refused, each
/// problem named, before anything is written.
public enum ShardMerge {
    /// The files of the whole sweep from its shards' records (`label` names a part in messages:
    /// its folder). Every shard 1...N must be given once, all of one sweep: the same command,
    /// shard count, members, plan, inputs, seed and settings. `arguments` (the merge's own) go
    /// into the run.json of a sensitivity or Pareto run; the stress and Monte Carlo folders have none.
    /// - Throws: ``WorkflowError/shards(_:)`` with every problem, one a line.
    public static func files(_ parts: [(label: String, record: ShardRecord)], arguments: [String] = []) throws(WorkflowError) -> [String: Data] {
        let ordered = try check(parts)
        let records = ordered.map(\.record)
        let first = records[0]
        switch first.sweep {
        case .stress:
            return try RunReports.stressFolder(records.flatMap { $0.rows ?? [] })
        case .monteCarlo:
            return try RunReports.monteCarloFiles(records.flatMap { $0.outcomes ?? [] }, samples: first.members, seed: first.seed,
                                                  tolerance: first.tolerance ?? 0.1)
        case .sensitivity:
            return try CaseWorkflow.sensitivityFiles(records, arguments: arguments)
        case .pareto:
            return try CaseWorkflow.paretoFiles(records, arguments: arguments)
        }
    }

    /// What did not solve in the merged sweep: the lines or points without an optimal solution;
    /// for a Pareto run 1 when its answer (the last point solved to optimality) is not optimal,
    /// i.e. when no point solved, else 0.
    public static func unsolved(_ records: [ShardRecord]) -> Int {
        guard records.first?.sweep == .pareto else { return records.reduce(0) { $0 + $1.unsolved } }
        let answer = CaseWorkflow.paretoAnswer(records.compactMap(\.answer), isOptimal: { $0.status.isOptimal })
        return answer?.status.isOptimal == true ? 0 : 1
    }

    /// The parts in shard order, once each shard 1...N is there once and all belong to the sweep
    /// of the first part.
    static func check(_ parts: [(label: String, record: ShardRecord)]) throws(WorkflowError) -> [(label: String, record: ShardRecord)] {
        guard let (firstLabel, first) = parts.first else { throw .shards("give the folders of the shards to merge") }
        var problems: [String] = []
        for (label, record) in parts.dropFirst() {
            let differences = Self.differences(first, record)
            if !differences.isEmpty {
                problems.append("\(label) is not a shard of the sweep of \(firstLabel): " + differences.joined(separator: "; "))
            }
        }
        // Shards given twice or missing (only meaningful once every part has the same N).
        if problems.isEmpty {
            var byShard: [Int: [String]] = [:]
            for (label, record) in parts { byShard[record.shard, default: []].append(label) }
            for shard in byShard.keys.sorted() where byShard[shard]!.count > 1 {
                problems.append("shard \(shard)/\(first.count) is given \(byShard[shard]!.count) times (\(byShard[shard]!.joined(separator: ", "))); give each shard once")
            }
            let missing = (1...first.count).filter { byShard[$0] == nil }
            if !missing.isEmpty {
                problems.append("shard\(missing.count > 1 ? "s" : "") \(missing.map { "\($0)/\(first.count)" }.joined(separator: ", ")) "
                                + "missing; give all \(first.count) shards of the sweep")
            }
            for (label, record) in parts {
                guard let shard = Shard(index: record.shard, count: record.count) else {
                    problems.append("\(label): shard \(record.label) is not a shard")
                    continue
                }
                // One line per member and period (stress, Monte Carlo), one per point (sensitivity, Pareto).
                let range = shard.members(of: record.members, chain: record.chain)
                let perMember = record.linesPerMember
                if record.range != [range.lowerBound, range.upperBound] || record.lines != range.count * perMember {
                    let unit = record.sweep == .stress || record.sweep == .monteCarlo ? " over \(perMember) period(s)" : ""
                    problems.append("\(label): shard \(record.label) should hold members \(range.lowerBound)..<\(range.upperBound) "
                                    + "of \(record.members) (\(range.count * perMember) lines\(unit)) but holds \(record.lines) lines; write it again")
                }
            }
        }
        if !problems.isEmpty { throw .shards((problems + ["nothing was written"]).joined(separator: "\n")) }
        return parts.sorted { $0.record.shard < $1.record.shard }
    }

    /// What differs between two shards' sweeps, in words; empty when they are shards of one sweep.
    static func differences(_ a: ShardRecord, _ b: ShardRecord) -> [String] {
        var result: [String] = []
        if a.sweep != b.sweep { return ["it is a \(b.sweep) sweep, not \(a.sweep)"] }
        if a.count != b.count { result.append("it is split into \(b.count) shards, not \(a.count)") }
        if a.chain != b.chain { result.append("its chains hold \(b.chain.map(String.init) ?? "one") member(s), not \(a.chain.map(String.init) ?? "one")") }
        if a.planSHA256 != b.planSHA256 {
            result.append("the plan differs (results.json SHA-256 \(b.planSHA256?.prefix(12) ?? "none")… against \(a.planSHA256?.prefix(12) ?? "none")…)")
        }
        let files = Set(a.inputHashes.keys).union(b.inputHashes.keys).sorted().filter { a.inputHashes[$0] != b.inputHashes[$0] }
        if !files.isEmpty {
            let named = files.prefix(3).joined(separator: ", ") + (files.count > 3 ? " and \(files.count - 3) more" : "")
            result.append("the inputs differ (\(named))")
        }
        if a.seed != b.seed { result.append("the seed is \(b.seed), not \(a.seed)") }
        if a.members != b.members { result.append("the sweep has \(b.members) members, not \(a.members)") }
        if a.memberIDs != b.memberIDs, a.members == b.members {
            result.append(a.sweep == .stress ? "the scenarios differ" : a.sweep == .pareto ? "the targets differ" : "the points differ")
        }
        for (name, x, y) in [("--vary", a.vary, b.vary), ("--tornado", a.tornado, b.tornado)] where x != y {
            result.append("\(name) is \((y ?? []).joined(separator: " ")), not \((x ?? []).joined(separator: " "))")
        }
        if a.measure != b.measure { result.append("--measure is \(b.measure ?? "not set"), not \(a.measure ?? "not set")") }
        if a.tolerance != b.tolerance { result.append("the tolerance is \(b.tolerance.map { String($0) } ?? "none"), not \(a.tolerance.map { String($0) } ?? "none")") }
        for key in Set(a.settings.keys).union(b.settings.keys).sorted() where a.settings[key] != b.settings[key] {
            result.append("\(key) is \(b.settings[key] ?? "not set"), not \(a.settings[key] ?? "not set")")
        }
        return result
    }
}
