import ArgumentParser
import Foundation
import Scenarios
import Workflows

/// `--shard I/N` of the sweep commands (docs/SCALING.md): solve one block of the sweep's members
/// and write a partial run folder (shard.json) for `bijli merge`.
struct ShardOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Solve only shard I of N of the sweep (1-based; members split in N contiguous blocks) and write shard.json for `bijli merge`; "
                               + "auto: from SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT or JOB_COMPLETION_INDEX/BIJLI_SHARD_COUNT (docs/SCALING.md).",
                               valueName: "I/N|auto"))
    var shard: String?

    func validate() throws {
        if let shard, shard != "auto", Shard(parsing: shard) == nil {
            throw ValidationError("--shard must be I/N with 1 ≤ I ≤ N (e.g. 2/3) or auto; found '\(shard)'")
        }
    }

    /// The shard asked for, nil without `--shard`; `auto` reads the environment (exit 2 naming the variables).
    func resolved() throws -> Shard? {
        guard let shard else { return nil }
        if let parsed = Shard(parsing: shard) { return parsed }
        do {
            return try Shard.automatic(environment: ProcessInfo.processInfo.environment)
        } catch {
            printError("error: \(error)")
            throw ExitCode.badInput
        }
    }
}

/// Writes a shard's partial run folder and says which members it holds.
func writeShard(_ record: ShardRecord, under out: String) throws -> URL {
    let folder = try writeRunFolder([ShardRecord.fileName: try orExit { () throws(WorkflowError) in try record.json() }], under: out)
    print("shard       \(record.label) of the \(record.sweep) sweep: members \(record.range[0])..<\(record.range[1]) of \(record.members)")
    print("part        \(folder.path)/\(ShardRecord.fileName)  (bijli merge puts the parts together)")
    if record.unsolved > 0 {
        printError("warning: \(record.unsolved) line(s) of this shard did not solve; they are in the part, and `bijli merge` will exit 1 as the whole sweep would")
    }
    return folder
}
