import EnergyModel
import Foundation
import Reporting
import Scenarios

/// `shard.json`, the whole of a shard's partial run folder (`--shard I/N`, docs/SCALING.md): which
/// shard of which sweep it is (the partition, the plan, the input hashes, the seed and the
/// settings) and the results of its members. `bijli merge` puts the shards back together.
public struct ShardRecord: Sendable, Equatable, Codable {
    /// The sweep command.
    public enum Sweep: String, Sendable, Codable, CustomStringConvertible {
        case stress
        case monteCarlo = "montecarlo"
        /// `bijli sensitivity` (`--vary` or `--tornado`).
        case sensitivity
        /// `bijli run --objective pareto[:T1,...]`: one point per target.
        case pareto

        /// The command's name.
        public var description: String { rawValue }
    }

    /// The version of this format.
    public var format = 1
    /// The sweep command.
    public var sweep: Sweep
    /// This shard, 1-based.
    public var shard: Int
    /// How many shards the sweep is split into.
    public var count: Int
    /// Members of the whole sweep: the stress matrix's base and scenarios, the Monte Carlo
    /// samples, the sensitivity points or the Pareto targets.
    public var members: Int
    /// For a sweep solved in fixed warm chains (sensitivity, Pareto): the chain length; a shard
    /// holds whole chains (``Shard/members(of:inChainsOf:)``). Nil: members split one by one.
    public var chain: Int?
    /// The members this shard solved, `[first, end)`.
    public var range: [Int]
    /// The ids of the members, in order: the stress sweep's (`base`, then the scenarios), the
    /// sensitivity points', the Pareto targets.
    public var memberIDs: [String]?
    /// SHA-256 of the plan's results.json (stress and Monte Carlo sweeps, which start from a plan).
    public var planSHA256: String?
    /// SHA-256 of every input file (as in results.json's provenance).
    public var inputHashes: [String: String]
    /// The seed: of the representative days (stress), of the samples (Monte Carlo).
    public var seed: UInt64
    /// The Monte Carlo convergence criterion.
    public var tolerance: Double?
    /// Resolution, periods, method, limits, demand variant, tariff file, versions.
    public var settings: [String: String]
    /// The stress lines of this shard's members.
    public var rows: [StressTest.Row]?
    /// The Monte Carlo outcomes of this shard's samples.
    public var outcomes: [MonteCarlo.Outcome]?
    /// The model's name (sensitivity, Pareto: the run folder's report names it).
    public var model: String?
    /// A sensitivity sweep's `--vary` texts, `--tornado` texts and `--measure`.
    public var vary: [String]?, tornado: [String]?, measure: String?
    /// The plan at each sensitivity point of this shard (results.json's shape), in order.
    public var results: [EnergyResults]?
    /// The Pareto points of this shard (dominance not yet flagged: it depends on every point) and
    /// the stage of each.
    public var frontier: [ParetoPoint]?, stages: [Stage]?
    /// The whole plan of this shard's answer point (the last point that solved to optimality, or
    /// its last point if none did): results.json's shape, and the files of that point alone
    /// (`hourly.csv`, `solver.log`, `time_aggregation.json`, ...) as text.
    public var answer: EnergyResults?, answerFiles: [String: String]?
    /// Seconds in the solver of each solve of this shard (sensitivity, Pareto), for run.json.
    public var stageSeconds: [Double]?

    enum CodingKeys: String, CodingKey {
        case format, sweep, shard, count, members, chain, range, memberIDs = "member_ids", planSHA256 = "plan_sha256"
        case inputHashes = "input_hashes", seed, tolerance, settings, rows, outcomes
        case model, vary, tornado, measure, results, frontier, stages, answer, answerFiles = "answer_files", stageSeconds = "stage_seconds"
    }

    /// A record without results; `chain` for a sweep solved in fixed warm chains of that length.
    public init(sweep: Sweep, shard: Shard, members: Int, chain: Int? = nil, planSHA256: String?, inputHashes: [String: String], seed: UInt64,
                settings: [String: String]) {
        self.sweep = sweep
        self.shard = shard.index
        self.count = shard.count
        self.members = members
        self.chain = chain
        let range = shard.members(of: members, chain: chain)
        self.range = [range.lowerBound, range.upperBound]
        self.planSHA256 = planSHA256
        self.inputHashes = inputHashes
        self.seed = seed
        self.settings = settings
    }

    /// The file name in a shard's folder.
    public static let fileName = "shard.json"

    /// `shard.json`: pretty-printed, sorted keys.
    public func json() throws(WorkflowError) -> Data {
        try RunReports.encoding { try RunReports.sortedEncoder.encode(self) }
    }

    /// `I/N`.
    public var label: String { "\(shard)/\(count)" }

    /// Lines (stress), sample-periods (Monte Carlo) or points (sensitivity) without an optimal
    /// solution. Pareto points are not counted: a target out of reach is a point of the frontier,
    /// not a failure (``ShardMerge/unsolved(_:)`` judges a Pareto run by its answer).
    public var unsolved: Int {
        (rows ?? []).filter { !$0.status.isOptimal }.count + (outcomes ?? []).filter { !$0.status.isOptimal }.count
            + (results ?? []).filter { !$0.status.isOptimal }.count
    }

    /// The lines this shard holds: one per member and period (stress, Monte Carlo), one per point
    /// (sensitivity, Pareto).
    var lines: Int { (rows?.count ?? 0) + (outcomes?.count ?? 0) + (results?.count ?? 0) + (frontier?.count ?? 0) }

    /// Lines per member: the periods of a stress or Monte Carlo sweep, 1 for a sensitivity or Pareto point.
    var linesPerMember: Int {
        switch sweep {
        case .stress, .monteCarlo: max(1, settings["periods"]?.split(separator: ",").count ?? 1)
        case .sensitivity, .pareto: 1
        }
    }

    /// Reads `shard.json` of a shard's folder.
    /// - Throws: ``WorkflowError/shards(_:)`` naming the folder when it is not one.
    public static func read(_ folder: URL) throws(WorkflowError) -> ShardRecord {
        let url = folder.appendingPathComponent(fileName)
        guard let data = try? Data(contentsOf: url) else {
            throw .shards("\(url.path): missing; pass the folders written by a sweep with --shard I/N (each holds shard.json)")
        }
        do {
            let record = try JSONDecoder().decode(ShardRecord.self, from: data)
            guard record.format == 1 else { throw WorkflowError.shards("\(url.path): format \(record.format) is not known to this Bijli (1)") }
            return record
        } catch let error as WorkflowError {
            throw error
        } catch {
            throw .shards("\(url.path): cannot be read: \(ReadErrorText.describe(error))")
        }
    }
}
