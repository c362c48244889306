import ArgumentParser
import Foundation
import Workflows

/// `bijli merge PART... --out DIR`: the shards of a sweep (`--shard I/N`) put back together.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Put the shards of a sweep (stress, montecarlo, sensitivity or run --objective pareto with --shard I/N) back together: the folder one machine writes for the whole sweep.",
        discussion: """
            Each PART is a folder with shard.json (or its parent holding a `latest` link). The parts must be every shard \
            1..N of one sweep, once each: the same command, plan, inputs, seed and settings. Otherwise nothing is written \
            and each problem is named. The merged folder is a new <out>/<run id>/ whatever the sweep. Exit codes: 0 merged, 1 merged but a member \
            did not solve (as the sweep without shards; a Pareto run: no point solved), 2 parts that do not belong together, 73 cannot write. See docs/SCALING.md.
            """)

    @Argument(help: "The shards' folders (each holds shard.json).")
    var parts: [String]

    @Option(help: "Folder for the merged run: a new folder <out>/<run id>/, as the sweep without shards writes it.")
    var out: String

    func validate() throws {
        guard !parts.isEmpty else { throw ValidationError("give the folders of the shards to merge") }
    }

    func run() throws {
        var records: [(label: String, record: ShardRecord)] = []
        var problems: [String] = []
        for part in parts {
            var folder = URL(fileURLWithPath: part)
            // A shard's --out folder: its newest run.
            let latest = folder.appendingPathComponent("latest")
            if !FileManager.default.fileExists(atPath: folder.appendingPathComponent(ShardRecord.fileName).path),
               FileManager.default.fileExists(atPath: latest.appendingPathComponent(ShardRecord.fileName).path) {
                folder = latest
            }
            switch Result(catching: { () throws(WorkflowError) in try ShardRecord.read(folder) }) {
            case .success(let record): records.append((part, record))
            case .failure(let error): problems.append(error.description)
            }
        }
        if !problems.isEmpty {
            printError((problems + ["error: nothing was written"]).joined(separator: "\n"))
            throw ExitCode.badInput
        }
        let files = try orExit { () throws(WorkflowError) in try ShardMerge.files(records, arguments: Array(CommandLine.arguments.dropFirst())) }
        let folder = try writeRunFolder(files, under: out)
        let first = records[0].record
        print("merged      \(records.count) shards of the \(first.sweep) sweep, \(first.members) members")
        print("\(first.sweep.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0)) \(folder.path)")
        let unsolved = ShardMerge.unsolved(records.map(\.record))
        if unsolved > 0 {
            printError(first.sweep == .pareto ? "warning: no Pareto point solved to optimality (the statuses are in the merged files)"
                                              : "warning: \(unsolved) line(s) did not solve (their status is in the merged files)")
            throw ExitCode.solverError
        }
    }
}
