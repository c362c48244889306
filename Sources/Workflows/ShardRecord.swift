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
    /// Members of the whole sweep: the stress matrix's base and scenarios, or the Monte Carlo samples.
    public var members: Int
    /// The members this shard solved, `[first, end)`.
    public var range: [Int]
    /// The ids of the stress sweep's members (`base`, then the scenarios), in order.
    public var memberIDs: [String]?
    /// SHA-256 of the plan's results.json.
    public var planSHA256: String
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

    enum CodingKeys: String, CodingKey {
        case format, sweep, shard, count, members, range, memberIDs = "member_ids", planSHA256 = "plan_sha256"
        case inputHashes = "input_hashes", seed, tolerance, settings, rows, outcomes
    }

    /// A record without results.
    public init(sweep: Sweep, shard: Shard, members: Int, planSHA256: String, inputHashes: [String: String], seed: UInt64, settings: [String: String]) {
        self.sweep = sweep
        self.shard = shard.index
        self.count = shard.count
        self.members = members
        let range = shard.members(of: members)
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

    /// Lines (stress) or sample-periods (Monte Carlo) without an optimal solution.
    public var unsolved: Int {
        (rows ?? []).filter { !$0.status.isOptimal }.count + (outcomes ?? []).filter { !$0.status.isOptimal }.count
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
