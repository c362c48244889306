import ArgumentParser
import Foundation
import Workflows

/// `bijli slurm --shards N --out DIR -- SWEEP...`: the sbatch scripts of a sharded sweep.
struct SlurmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slurm",
        abstract: "Write (and with --submit, submit) a Slurm array job that runs a sweep in shards and a merge job that depends on it (afterok).",
        discussion: """
            The sweep follows --, without --out and --shard: e.g. `bijli slurm --shards 3 --out runs/s1 -- stress --model \
            Models/pakistan --inputs Inputs/pakistan --plan P --scenarios all`. Writes sweep.sbatch, merge.sbatch and \
            submit.sh into --out; the shards write parts/<task>/, the merge job merged/latest, the logs logs/. \
            Exit codes: 0 written (and submitted), 2 bad input, 73 cannot write; with --submit, sbatch's own status if it fails. See docs/SCALING.md.
            """)

    @Option(help: "Array tasks: the sweep is split into this many shards.")
    var shards: Int

    @Option(help: "A new folder for the scripts, the shards' parts, the merged run and the logs (on a file system every node sees).")
    var out: String

    @Option(help: "CPUs of each shard (Bijli solves that many members at once).")
    var cpusPerTask: Int = 2

    @Option(help: "Memory of each shard, e.g. 4G (default: the cluster's).")
    var mem: String?

    @Option(help: "Time limit of each job, e.g. 02:00:00.")
    var time: String = "01:00:00"

    @Option(help: "Partition (default: the cluster's).")
    var partition: String?

    @Option(help: "Job name (the merge job adds -merge); default bijli-<sweep>.")
    var jobName: String?

    @Option(help: "The bijli executable on the nodes (default: this one).")
    var bijli: String?

    @Flag(help: "Submit the jobs with sbatch once written.")
    var submit = false

    @Argument(parsing: .postTerminator, help: "-- then the sweep command and its options.")
    var sweep: [String] = []

    func run() throws {
        let working = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let executable = bijli.map { URL(fileURLWithPath: $0, relativeTo: working).standardizedFileURL.path }
            ?? URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        let urls = try orExit { () throws(WorkflowError) in
            let job = try SlurmJob(sweep: sweep, shards: shards, bijli: executable, folder: URL(fileURLWithPath: out, relativeTo: working),
                                   workingDirectory: working, jobName: jobName, partition: partition, cpusPerTask: cpusPerTask,
                                   memory: mem, time: time)
            return try job.write()
        }
        for name in urls.keys.sorted() { print(name.padding(toLength: 13, withPad: " ", startingAt: 0) + urls[name]!.path) }
        guard submit else {
            print("submit with: sh \(urls["submit.sh"]!.path)")
            return
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = [urls["submit.sh"]!.path]
        do { try process.run() } catch {
            printError("error: cannot run \(urls["submit.sh"]!.path): \(error.localizedDescription)")
            throw ExitCode.solverError
        }
        process.waitUntilExit()
        if process.terminationStatus != 0 {
            printError("error: submitting failed (status \(process.terminationStatus)); the scripts are in \(out)")
            throw ExitCode(process.terminationStatus)
        }
    }
}
