import Foundation

/// The Slurm jobs of a sharded sweep (`bijli slurm`, docs/SCALING.md): an array job, one task per
/// shard (`--shard auto`), and a merge job that runs once every task succeeded (`afterok`).
/// Everything the jobs write goes under one folder: `parts/<task>/` (each shard's partial run
/// folder), `merged/` (the whole sweep, `merged/latest`) and `logs/`.
public struct SlurmJob: Sendable, Equatable {
    /// The sweep command and its options, without `--out` and `--shard`: e.g. `stress --model …`.
    public var sweep: [String]
    /// Array tasks, one shard each.
    public var shards: Int
    /// The absolute path of the `bijli` executable on the cluster's nodes.
    public var bijli: String
    /// The absolute folder of the scripts, parts, merged run and logs.
    public var folder: URL
    /// The directory the jobs run in (relative paths of `sweep` are relative to it).
    public var workingDirectory: URL
    /// `--job-name` (the merge job adds `-merge`).
    public var jobName: String
    /// `--partition`; the cluster's default without it.
    public var partition: String?
    /// `--cpus-per-task` of each shard (Bijli solves that many members at once).
    public var cpusPerTask: Int
    /// `--mem` of each shard (e.g. `4G`); the cluster's default without it.
    public var memory: String?
    /// `--time` of each job, e.g. `02:00:00`.
    public var time: String

    /// The sweep commands that can be sharded (`run` with `--objective pareto[:T1,...]` only).
    public static let sweeps = ["stress", "montecarlo", "sensitivity", "run"]

    /// A job; `sweep` checked: a sweep command, without `--out` or `--shard` (the jobs give them).
    public init(sweep: [String], shards: Int, bijli: String, folder: URL, workingDirectory: URL, jobName: String? = nil,
                partition: String? = nil, cpusPerTask: Int = 2, memory: String? = nil, time: String = "01:00:00") throws(WorkflowError) {
        guard let command = sweep.first, Self.sweeps.contains(command) else {
            throw .shards("give the sweep after --, e.g. `bijli slurm --shards 3 --out DIR -- stress --model … --plan …`; "
                          + "the sweeps are \(Self.sweeps.joined(separator: ", "))\(sweep.first.map { ", not '\($0)'" } ?? "")")
        }
        if command == "run", !zip(sweep, sweep.dropFirst()).contains(where: { $0 == "--objective" && $1.hasPrefix("pareto") })
            && !sweep.contains(where: { $0.hasPrefix("--objective=pareto") }) {
            throw .shards("`run` shards only with --objective pareto[:T1,...] (its points); another objective is one optimisation")
        }
        for option in ["--out", "--shard"] where sweep.contains(where: { $0 == option || $0.hasPrefix(option + "=") }) {
            throw .shards("leave \(option) out of the sweep's options: the jobs give each shard its own (\(option == "--out" ? "parts/<task>" : "auto"))")
        }
        guard shards >= 1 else { throw .shards("--shards must be at least 1") }
        guard cpusPerTask >= 1 else { throw .shards("--cpus-per-task must be at least 1") }
        for (name, value) in [("--time", time), ("--mem", memory ?? "1"), ("--partition", partition ?? "p"), ("--job-name", jobName ?? "j")]
        where value.isEmpty || value.contains(where: { $0.isWhitespace || $0 == "'" || $0 == "\"" }) {
            throw .shards("\(name) '\(value)' is not a Slurm value (no spaces or quotes)")
        }
        self.sweep = sweep
        self.shards = shards
        self.bijli = bijli
        self.folder = folder.standardizedFileURL
        self.workingDirectory = workingDirectory.standardizedFileURL
        self.jobName = jobName ?? "bijli-\(command)"
        self.partition = partition
        self.cpusPerTask = cpusPerTask
        self.memory = memory
        self.time = time
    }

    /// Where the merged run appears: `merged/latest`.
    public var merged: URL { folder.appendingPathComponent("merged/latest") }

    /// `sweep.sbatch`, `merge.sbatch` and `submit.sh` (which submits both and prints the job ids).
    public func scripts() -> [String: String] {
        let parts = folder.appendingPathComponent("parts").path, logs = folder.appendingPathComponent("logs").path
        func header(_ name: String, cpus: Int, output: String) -> [String] {
            ["#!/bin/bash", "#SBATCH --job-name=\(name)", "#SBATCH --cpus-per-task=\(cpus)", "#SBATCH --time=\(time)"]
                + (memory.map { ["#SBATCH --mem=\($0)"] } ?? []) + (partition.map { ["#SBATCH --partition=\($0)"] } ?? [])
                + ["#SBATCH --chdir=\(workingDirectory.path)", "#SBATCH --output=\(logs)/\(output)", "set -euo pipefail"]
        }
        var sweepLines = header(jobName, cpus: cpusPerTask, output: "sweep-%A_%a.out")
        sweepLines.insert("#SBATCH --array=1-\(shards)", at: 2)
        sweepLines.insert("# One shard of a Bijli sweep per array task; written by `bijli slurm` (docs/SCALING.md).", at: 1)
        sweepLines.append("exec \(Self.quoted(([bijli] + sweep + ["--shard", "auto", "--out"]))) \(Self.quoted([parts]))/\"${SLURM_ARRAY_TASK_ID}\"")
        var mergeLines = header(jobName + "-merge", cpus: 1, output: "merge-%j.out")
        mergeLines.insert("# Merges the shards of the array job into the whole sweep; written by `bijli slurm` (docs/SCALING.md).", at: 1)
        mergeLines.append("exec \(Self.quoted([bijli, "merge"])) \(Self.quoted([parts]))/* --out \(Self.quoted([folder.appendingPathComponent("merged").path]))")
        let submit = [
            "#!/bin/sh",
            "# Submits the array job of the sweep and the merge job after it (afterok); written by `bijli slurm`.",
            "set -eu",
            "cd \(Self.quoted([folder.path]))",
            "array=$(sbatch --parsable sweep.sbatch)",
            "array=${array%%;*}",
            "merge=$(sbatch --parsable --dependency=afterok:\"$array\" --kill-on-invalid-dep=yes merge.sbatch)",
            "merge=${merge%%;*}",
            "echo \"array job $array (\(shards) shards), merge job $merge\"",
            "echo \"merged run: \(merged.path) (logs in \(logs))\"",
        ]
        return ["sweep.sbatch": sweepLines.joined(separator: "\n") + "\n", "merge.sbatch": mergeLines.joined(separator: "\n") + "\n",
                "submit.sh": submit.joined(separator: "\n") + "\n"]
    }

    /// Writes the scripts into ``folder`` (made, with `parts/` and `logs/`); refuses a folder
    /// that already holds them, writing nothing.
    /// - Returns: the scripts' URLs by name.
    public func write() throws(WorkflowError) -> [String: URL] {
        let manager = FileManager.default
        let scripts = scripts()
        for name in scripts.keys.sorted() where manager.fileExists(atPath: folder.appendingPathComponent(name).path) {
            throw .shards("\(folder.appendingPathComponent(name).path): exists; give --out a new folder for each Slurm job")
        }
        var urls: [String: URL] = [:]
        do {
            for sub in ["parts", "logs"] {
                try manager.createDirectory(at: folder.appendingPathComponent(sub), withIntermediateDirectories: true)
            }
            for (name, text) in scripts.sorted(by: { $0.key < $1.key }) {
                let url = folder.appendingPathComponent(name)
                try Data(text.utf8).write(to: url, options: .atomic)
                try manager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
                urls[name] = url
            }
        } catch {
            throw .cannotWrite("\(folder.path): cannot write the Slurm scripts: \(error.localizedDescription)")
        }
        return urls
    }

    /// Arguments for a POSIX shell, each in single quotes.
    static func quoted(_ arguments: [String]) -> String {
        arguments.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
    }
}
