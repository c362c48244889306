/// One of `count` shards of a sweep (`--shard I/N`, docs/SCALING.md): shard `index` (1-based)
/// solves a contiguous block of the sweep's members, chosen by member index alone, so the same
/// sweep splits the same way on any machine; shard 1 has the first block, shard N the last.
/// Concatenating the shards' members in shard order gives the sweep's own order.
public struct Shard: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// 1-based.
    public var index: Int
    /// How many shards the sweep is split into.
    public var count: Int

    /// A shard; nil unless `1 ≤ index ≤ count`.
    public init?(index: Int, count: Int) {
        guard count >= 1, (1...count).contains(index) else { return nil }
        self.index = index
        self.count = count
    }

    /// `I/N`, e.g. `2/3`; nil for anything else (including `0/3` or `4/3`).
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else { return nil }
        self.init(index: index, count: count)
    }

    /// `I/N`.
    public var description: String { "\(index)/\(count)" }

    /// The members of a sweep of `total` members this shard solves: the `index`-th of `count`
    /// contiguous blocks whose sizes differ by at most one (the first `total mod count` blocks
    /// one longer). Empty when there are fewer members than shards.
    public func members(of total: Int) -> Range<Int> {
        let size = total / count, extra = total % count
        let start = (index - 1) * size + min(index - 1, extra)
        return start..<(start + size + (index <= extra ? 1 : 0))
    }

    /// The members of a sweep of `total` members solved in fixed chains of `chainLength`
    /// (``Sensitivity/chainLength``: each chain warm from point to point) that this shard
    /// solves: whole chains only, the `index`-th of `count` contiguous blocks of chains (as
    /// ``members(of:)`` splits members), so a chain is never split and every point is solved
    /// from the same state as in the unsharded sweep. Empty when there are fewer chains than shards.
    public func members(of total: Int, inChainsOf chainLength: Int) -> Range<Int> {
        precondition(chainLength >= 1, "a chain holds at least one member")
        let chains = members(of: (total + chainLength - 1) / chainLength)
        return min(total, chains.lowerBound * chainLength)..<min(total, chains.upperBound * chainLength)
    }

    /// ``members(of:inChainsOf:)`` with `chain`, ``members(of:)`` without.
    public func members(of total: Int, chain: Int?) -> Range<Int> {
        chain.map { members(of: total, inChainsOf: $0) } ?? members(of: total)
    }

    /// The shard a batch scheduler gives this process (`--shard auto`): a Slurm array task
    /// (`SLURM_ARRAY_TASK_ID` counted from `SLURM_ARRAY_TASK_MIN`, of `SLURM_ARRAY_TASK_COUNT`)
    /// or a Kubernetes Indexed Job pod (`JOB_COMPLETION_INDEX`, from 0, of `BIJLI_SHARD_COUNT`,
    /// the Job's `completions`).
    /// - Throws: ``ShardError`` naming the variables when neither is set or they do not make a shard.
    public static func automatic(environment: [String: String]) throws(ShardError) -> Shard {
        func number(_ name: String) throws(ShardError) -> Int? {
            guard let text = environment[name] else { return nil }
            guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else { throw ShardError("\(name)='\(text)' is not a whole number") }
            return value
        }
        if let id = try number("SLURM_ARRAY_TASK_ID") {
            guard let count = try number("SLURM_ARRAY_TASK_COUNT") else {
                throw ShardError("SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not; submit an array job (sbatch --array=1-N)")
            }
            let minimum = try number("SLURM_ARRAY_TASK_MIN") ?? 1
            if let maximum = try number("SLURM_ARRAY_TASK_MAX"), maximum - minimum + 1 != count {
                throw ShardError("the Slurm array \(minimum)-\(maximum) has \(count) tasks, not every index in between; "
                                 + "submit a contiguous array (sbatch --array=1-N, no step or list)")
            }
            guard let shard = Shard(index: id - minimum + 1, count: count) else {
                throw ShardError("SLURM_ARRAY_TASK_ID=\(id) is not in the array \(minimum)-\(minimum + count - 1)")
            }
            return shard
        }
        if let completion = try number("JOB_COMPLETION_INDEX") {
            guard let count = try number("BIJLI_SHARD_COUNT") else {
                throw ShardError("JOB_COMPLETION_INDEX is set but BIJLI_SHARD_COUNT is not; set it to the Job's completions (docs/SCALING.md)")
            }
            guard let shard = Shard(index: completion + 1, count: count) else {
                throw ShardError("JOB_COMPLETION_INDEX=\(completion) is not an index of \(count) completions (0 to \(count - 1))")
            }
            return shard
        }
        throw ShardError("neither SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT (a Slurm array job) nor JOB_COMPLETION_INDEX "
                         + "and BIJLI_SHARD_COUNT (a Kubernetes Indexed Job) is set; give --shard I/N instead")
    }
}

/// Why `--shard auto` cannot tell which shard this is.
public struct ShardError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The problem, naming the environment variables.
    public var message: String

    /// An error with its message.
    public init(_ message: String) { self.message = message }

    /// `--shard auto: <message>`.
    public var description: String { "--shard auto: \(message)" }
}
