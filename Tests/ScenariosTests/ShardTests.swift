import Scenarios
import Testing

/// `--shard I/N`: parsing, the partition by member index, and `--shard auto` from the environment.
@Suite struct ShardTests {
    @Test func parsesOnlyShardsThatExist() {
        #expect(Shard(parsing: "2/3") == Shard(index: 2, count: 3))
        #expect(Shard(parsing: "1/1")?.description == "1/1")
        for text in ["0/3", "4/3", "3", "1/0", "-1/3", "a/b", "1/3/4", "", "/3"] { #expect(Shard(parsing: text) == nil, "\(text)") }
    }

    @Test(arguments: [0, 1, 2, 5, 7, 10, 101])
    func theShardsCoverEveryMemberOnceInOrder(total: Int) throws {
        for count in 1...8 {
            let ranges = try (1...count).map { try #require(Shard(index: $0, count: count)).members(of: total) }
            // Contiguous, in shard order, from 0 to total: concatenation is the sweep's own order.
            #expect(ranges.flatMap { Array($0) } == Array(0..<total), "\(count) shards of \(total)")
            let sizes = ranges.map(\.count)
            #expect(sizes.max()! - sizes.min()! <= 1, "unbalanced: \(sizes)")
        }
    }

    @Test(arguments: [0, 1, 3, 4, 5, 6, 8, 9, 17])
    func chainedSweepsSplitOnlyBetweenChains(total: Int) throws {
        for count in 1...5 {
            let ranges = try (1...count).map { try #require(Shard(index: $0, count: count)).members(of: total, inChainsOf: 4) }
            #expect(ranges.flatMap { Array($0) } == Array(0..<total), "\(count) shards of \(total)")
            // Every block starts where a chain starts, so no chain is cut.
            for range in ranges where !range.isEmpty { #expect(range.lowerBound % 4 == 0, "\(range) of \(total) in \(count) shards") }
        }
        // 6 points in chains of 4: two chains; 2 shards take one each, a third shard is empty.
        #expect(Shard(index: 1, count: 2)!.members(of: 6, inChainsOf: 4) == 0..<4)
        #expect(Shard(index: 2, count: 2)!.members(of: 6, inChainsOf: 4) == 4..<6)
        #expect(Shard(index: 3, count: 3)!.members(of: 6, inChainsOf: 4).isEmpty)
        #expect(Shard(index: 2, count: 3)!.members(of: 6, inChainsOf: 4) == 4..<6)
    }

    @Test func automaticReadsASlurmArrayFromItsFirstIndex() throws {
        let slurm = ["SLURM_ARRAY_TASK_ID": "7", "SLURM_ARRAY_TASK_MIN": "5", "SLURM_ARRAY_TASK_MAX": "7", "SLURM_ARRAY_TASK_COUNT": "3"]
        #expect(try Shard.automatic(environment: slurm) == Shard(index: 3, count: 3))
        #expect(try Shard.automatic(environment: ["SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_COUNT": "4"]) == Shard(index: 1, count: 4))
        #expect(try Shard.automatic(environment: ["JOB_COMPLETION_INDEX": "0", "BIJLI_SHARD_COUNT": "2"]) == Shard(index: 1, count: 2))
    }

    @Test(arguments: [
        (["SLURM_ARRAY_TASK_ID": "2"], "SLURM_ARRAY_TASK_COUNT is not"),
        (["SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_MAX": "9", "SLURM_ARRAY_TASK_COUNT": "3"], "contiguous"),
        (["SLURM_ARRAY_TASK_ID": "x", "SLURM_ARRAY_TASK_COUNT": "3"], "SLURM_ARRAY_TASK_ID='x'"),
        (["JOB_COMPLETION_INDEX": "3", "BIJLI_SHARD_COUNT": "3"], "0 to 2"),
        (["JOB_COMPLETION_INDEX": "0"], "BIJLI_SHARD_COUNT is not"),
        ([:], "give --shard I/N"),
    ])
    func automaticNamesWhatIsMissing(environment: [String: String], expected: String) {
        #expect(throws: ShardError.self) { try Shard.automatic(environment: environment) }
        do {
            _ = try Shard.automatic(environment: environment)
        } catch {
            #expect(error.description.contains(expected), "\(error)")
        }
    }
}
