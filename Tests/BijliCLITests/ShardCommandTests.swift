import Foundation
import Testing

/// A small sweep to shard: the tiny case with two disruptions, its plan, and the stress sweep of
/// both disruptions and the N-1 sweep (9 members). Shared by the shard tests and the Slurm test.
struct ShardedSweepCase {
    let cli: CLITests
    let model: String, inputs: String, plan: String

    init(_ cli: CLITests) throws {
        self.cli = cli
        let fixture = RunCommandTests.fixture
        let inputs = cli.scratch.appendingPathComponent("inputs")
        try FileManager.default.copyItem(at: fixture.appendingPathComponent("inputs"), to: inputs)
        let scenarios = inputs.appendingPathComponent("scenarios")
        try FileManager.default.createDirectory(at: scenarios, withIntermediateDirectories: true)
        try "name: Demand 10 % up\nsource: test\ntag: ASSUMPTION\noverlays:\n  - {target: demand, scale: 1.1}\n"
            .write(to: scenarios.appendingPathComponent("mild.yaml"), atomically: true, encoding: .utf8)
        try "name: Half the gas in July and August\nsource: test\ntag: ASSUMPTION\noverlays:\n  - {target: fuel_supply, select: {fuel: gas, months: \"7-8\"}, scale: 0.5}\n"
            .write(to: scenarios.appendingPathComponent("gas-half.yaml"), atomically: true, encoding: .utf8)
        try "source: test\ntag: ASSUMPTION\nshocks:\n  - {id: d, target: demand, sd: 0.5}\noutages:\n  - {resource: south_ccgt, units: 1, repair_hours: 2000}\n"
            .write(to: inputs.appendingPathComponent("montecarlo.yaml"), atomically: true, encoding: .utf8)
        self.model = fixture.appendingPathComponent("model").path
        self.inputs = inputs.path
        let plan = try ReportCommandTests().runTiny(cli.scratch.appendingPathComponent("Reports"))
        self.plan = plan.path
    }

    /// The stress sweep's arguments, without --out.
    var stress: [String] {
        ["stress", "--model", model, "--inputs", inputs, "--plan", plan, "--scenarios", "all", "--n-1", "--n-1-minimum", "0", "--method", "simplex", "--quiet"]
    }

    /// A Monte Carlo run's arguments, without --out.
    var monteCarlo: [String] {
        ["montecarlo", "--model", model, "--inputs", inputs, "--plan", plan, "--samples", "7", "--seed", "3", "--method", "simplex", "--quiet"]
    }

    /// Runs a sweep into a new folder under `out`; returns its folder. The whole stress sweep
    /// exits 1 (cutting the tiny case's one corridor leaves 2030 infeasible); its shards exit 0.
    func run(_ arguments: [String], out: URL, status: Int32 = 0, environment: [String: String]? = nil) throws -> URL {
        let run = try cli.bijli(arguments + ["--out", out.path], environment: environment)
        #expect(run.status == status, "\(arguments.prefix(1)) \(arguments.suffix(2)): \(run.stderr)")
        return out.appendingPathComponent("latest").resolvingSymlinksInPath()
    }

    /// Every file under a folder by relative path.
    static func files(under folder: URL) throws -> [String: Data] {
        try ReportCommandTests().files(under: folder)
    }
}

/// `--shard I/N` and `bijli merge` (docs/SCALING.md).
@Suite struct ShardCommandTests {
    let cli = CLITests()

    @Test func threeStressShardsMergeIntoWhatOneRunWrites() throws {
        let sweep = try ShardedSweepCase(cli)
        let whole = try sweep.run(sweep.stress, out: cli.scratch.appendingPathComponent("whole"), status: 1)
        var parts: [String] = []
        for k in [3, 1, 2] {
            let part = try sweep.run(sweep.stress + ["--shard", "\(k)/3"], out: cli.scratch.appendingPathComponent("part\(k)"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: part.path) == ["shard.json"])
            parts.append(part.path)
        }
        let merge = try cli.bijli(["merge"] + parts + ["--out", cli.scratch.appendingPathComponent("merged").path])
        // Exit 1 as the whole sweep: the corridor's cut is infeasible in 2030.
        #expect(merge.status == 1, "\(merge.stderr)")
        #expect(merge.stderr.contains("warning: 2 line(s) did not solve"))
        #expect(merge.stdout.contains("merged      3 shards of the stress sweep, 9 members"))
        let a = try ShardedSweepCase.files(under: whole)
        let b = try ShardedSweepCase.files(under: cli.scratch.appendingPathComponent("merged/latest").resolvingSymlinksInPath())
        #expect(a.keys.contains("stress.csv") && a.keys.contains("report.html"))
        #expect(Set(a.keys) == Set(b.keys))
        for name in a.keys.sorted() { #expect(a[name] == b[name], "\(name) differs between the merged shards and one run") }
    }

    @Test func monteCarloShardsFromTheEnvironmentMergeIntoWhatOneRunWrites() throws {
        let sweep = try ShardedSweepCase(cli)
        let whole = try sweep.run(sweep.monteCarlo, out: cli.scratch.appendingPathComponent("whole"))
        // A Slurm array --array=0-1 and a Kubernetes Indexed Job's second pod.
        let first = try sweep.run(sweep.monteCarlo + ["--shard", "auto"], out: cli.scratch.appendingPathComponent("p1"),
                                  environment: ["SLURM_ARRAY_TASK_ID": "0", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_MAX": "1", "SLURM_ARRAY_TASK_COUNT": "2"])
        let second = try sweep.run(sweep.monteCarlo + ["--shard", "auto"], out: cli.scratch.appendingPathComponent("p2"),
                                   environment: ["JOB_COMPLETION_INDEX": "1", "BIJLI_SHARD_COUNT": "2"])
        // Parent folders with `latest` are accepted as parts.
        let merge = try cli.bijli("merge", cli.scratch.appendingPathComponent("p2").path, first.path, "--out", cli.scratch.appendingPathComponent("merged").path)
        #expect(merge.status == 0, "\(merge.stderr)")
        _ = second
        let a = try ShardedSweepCase.files(under: whole)
        let b = try ShardedSweepCase.files(under: cli.scratch.appendingPathComponent("merged/latest").resolvingSymlinksInPath())
        #expect(Set(a.keys) == ["montecarlo.json", "samples.csv"])
        for name in a.keys.sorted() { #expect(a[name] == b[name], "\(name) differs between the merged shards and one run") }
        let samples = try #require(String(data: a["samples.csv"]!, encoding: .utf8))
        #expect(Set(samples.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[2] }).count > 1, "the samples should differ")
    }

    @Test func partsThatDoNotBelongTogetherAreRefusedAndNothingIsWritten() throws {
        let sweep = try ShardedSweepCase(cli)
        func part(_ name: String, _ arguments: [String]) throws -> String {
            try sweep.run(arguments, out: cli.scratch.appendingPathComponent(name)).path
        }
        let one = try part("one", sweep.stress + ["--shard", "1/2"]), two = try part("two", sweep.stress + ["--shard", "2/2"])
        let otherN = try part("three", sweep.stress + ["--shard", "2/3"])
        let otherSweep = try part("other", ["stress", "--model", sweep.model, "--inputs", sweep.inputs, "--plan", sweep.plan, "--scenarios", "mild",
                                            "--method", "simplex", "--quiet", "--shard", "2/2"])
        let out = cli.scratch.appendingPathComponent("merged")
        for (parts, message) in [([one], "shard 2/2 missing"), ([one, two, two], "shard 2/2 is given 2 times"),
                                 ([one, otherN], "is not a shard of the sweep of \(one): it is split into 3 shards, not 2"),
                                 ([one, otherSweep], "the sweep has 2 members, not 9"),
                                 ([one, cli.scratch.path], "shard.json: missing")] {
            let run = try cli.bijli(["merge"] + parts + ["--out", out.path])
            #expect(run.status == 2, "\(parts): \(run.stderr)")
            #expect(run.stderr.contains(message), "\(run.stderr)")
            #expect(run.stderr.contains("nothing was written"))
            #expect(!FileManager.default.fileExists(atPath: out.path))
        }
        let bad = try cli.bijli(sweep.stress + ["--shard", "3/2", "--out", out.path])
        #expect(bad.status != 0 && bad.stderr.contains("--shard must be I/N"))
        let auto = try cli.bijli(sweep.stress + ["--shard", "auto", "--out", out.path], environment: [:])
        #expect(auto.status == 2 && auto.stderr.contains("give --shard I/N instead"), "\(auto.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test func slurmWritesTheArrayAndMergeJobs() throws {
        let out = cli.scratch.appendingPathComponent("job")
        let run = try cli.bijli("slurm", "--shards", "3", "--out", out.path, "--mem", "1G", "--", "stress", "--model", "m", "--inputs", "i", "--plan", "p")
        #expect(run.status == 0, "\(run.stderr)")
        let sweep = try String(contentsOf: out.appendingPathComponent("sweep.sbatch"), encoding: .utf8)
        #expect(sweep.contains("#SBATCH --array=1-3") && sweep.contains("#SBATCH --mem=1G") && sweep.contains("'--shard' 'auto'"))
        #expect(sweep.contains("'\(CLITests.binary.resolvingSymlinksInPath().path)' 'stress'"))
        #expect(run.stdout.contains("submit with: sh \(out.path)/submit.sh"))
        let again = try cli.bijli("slurm", "--shards", "3", "--out", out.path, "--", "stress", "--plan", "p")
        #expect(again.status == 2 && again.stderr.contains("exists; give --out a new folder"))
        let withOut = try cli.bijli("slurm", "--shards", "3", "--out", cli.scratch.appendingPathComponent("j2").path, "--", "stress", "--out", "x")
        #expect(withOut.status == 2 && withOut.stderr.contains("leave --out out of the sweep's options"))
        #expect(!FileManager.default.fileExists(atPath: cli.scratch.appendingPathComponent("j2").path))
    }
}
