import Foundation
import Testing

/// `--shard I/N` of the sweeps solved in fixed warm chains of four points (docs/SCALING.md):
/// `bijli sensitivity` and `bijli run --objective pareto`, merged by `bijli merge` into what one
/// machine writes. On the tiny case (the shard tests' fixture).
@Suite struct ChainedShardCommandTests {
    let cli = CLITests()

    var model: String { RunCommandTests.fixture.appendingPathComponent("model").path }
    var inputs: String { RunCommandTests.fixture.appendingPathComponent("inputs").path }

    /// Six gas prices: two chains (0‥3, 4‥5); of three shards the third is empty.
    var sensitivity: [String] {
        ["sensitivity", "--model", model, "--inputs", inputs, "--vary", "fuel_price.gas*=0.5:3:0.5", "--method", "simplex", "--quiet"]
    }

    /// Six renewable-share targets: two chains; the high ones are out of the tiny case's reach.
    var pareto: [String] {
        ["run", "--model", model, "--inputs", inputs, "--objective", "pareto:0,0.2,0.4,0.6,0.8,0.95", "--method", "simplex", "--quiet"]
    }

    /// Runs the shards 3, 1, 2 of `arguments` and merges them; returns the part folders and the merged folder.
    func shardAndMerge(_ arguments: [String], name: String) throws -> (parts: [String], merged: URL) {
        var parts: [String] = []
        for k in [3, 1, 2] {
            let out = cli.scratch.appendingPathComponent("\(name)-part\(k)")
            let run = try cli.bijli(arguments + ["--shard", "\(k)/3", "--out", out.path])
            #expect(run.status == 0, "shard \(k): \(run.stderr)")
            let folder = out.appendingPathComponent("latest").resolvingSymlinksInPath()
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["shard.json"])
            parts.append(folder.path)
        }
        let merged = cli.scratch.appendingPathComponent("\(name)-merged")
        let merge = try cli.bijli(["merge"] + parts + ["--out", merged.path])
        #expect(merge.status == 0, "\(merge.stderr)")
        #expect(merge.stdout.contains("merged      3 shards of the \(arguments[0] == "run" ? "pareto" : "sensitivity") sweep, 6 members"), "\(merge.stdout)")
        return (parts, merged.appendingPathComponent("latest").resolvingSymlinksInPath())
    }

    /// Every file of two folders is the same, but run.json (dates, arguments, timings) and
    /// solver.log (GLPK prints its progress lines by the clock: two runs on one machine differ).
    func expectSameFiles(_ whole: URL, _ merged: URL, including: [String]) throws {
        var a = try ShardedSweepCase.files(under: whole), b = try ShardedSweepCase.files(under: merged)
        #expect(a.removeValue(forKey: "run.json") != nil && b.removeValue(forKey: "run.json") != nil)
        #expect((a.removeValue(forKey: "solver.log") == nil) == (b.removeValue(forKey: "solver.log") == nil))
        for name in including { #expect(a[name] != nil, "no \(name) in the whole run") }
        #expect(Set(a.keys) == Set(b.keys), "\(Set(a.keys).symmetricDifference(b.keys).sorted())")
        for name in a.keys.sorted() { #expect(a[name] == b[name], "\(name) differs between the merged shards and one run") }
    }

    @Test func sensitivityShardsOfWholeChainsMergeIntoWhatOneRunWrites() throws {
        let reports = cli.scratch.appendingPathComponent("Reports")
        let whole = try cli.bijli(sensitivity + ["--out", reports.path])
        #expect(whole.status == 0, "\(whole.stderr)")
        let (parts, merged) = try shardAndMerge(sensitivity, name: "sensitivity")
        // Shard 1 holds the first chain, shard 2 the second (two points), shard 3 none.
        let ranges = try parts.map { part -> [Int] in
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: part).appendingPathComponent("shard.json"))) as? [String: Any]
            #expect(json?["sweep"] as? String == "sensitivity" && json?["chain"] as? Int == 4)
            return json?["range"] as? [Int] ?? []
        }
        #expect(ranges == [[6, 6], [0, 4], [4, 6]])
        try expectSameFiles(reports.appendingPathComponent("tiny/sensitivity/latest").resolvingSymlinksInPath(), merged,
                            including: ["sensitivity.json", "tables/sensitivity.csv", "report.html"])
    }

    @Test func paretoShardsMergeIntoWhatOneRunWrites() throws {
        let reports = cli.scratch.appendingPathComponent("Reports")
        let whole = try cli.bijli(pareto + ["--out", reports.path])
        #expect(whole.status == 0, "\(whole.stderr)")
        // The frontier is the answer on screen: one line per target, solved or not.
        let frontierLines = whole.stdout.split(separator: "\n").filter { $0.hasPrefix("frontier    target ") }
        #expect(frontierLines.count == 6 && frontierLines[0].hasPrefix("frontier    target 0 %: cost "), "\(whole.stdout)")
        #expect(frontierLines.contains { $0.hasSuffix(": infeasible") }, "\(whole.stdout)")
        let folder = reports.appendingPathComponent("tiny/pareto/latest").resolvingSymlinksInPath()
        // A Pareto run has its own folder: base/latest, the run what-ifs depart from, is not moved.
        #expect(!FileManager.default.fileExists(atPath: reports.appendingPathComponent("tiny/base").path))
        let frontier = try String(contentsOf: folder.appendingPathComponent("pareto.csv"), encoding: .utf8)
        #expect(frontier.contains(",optimal,") && frontier.contains(",infeasible,"), "the frontier should reach past the tiny case: \(frontier)")
        let (_, merged) = try shardAndMerge(pareto, name: "pareto")
        try expectSameFiles(folder, merged, including: ["results.json", "pareto.csv", "hourly.csv", "report.html"])
    }

    @Test func chainedPartsOfOtherSweepsOrMissingAreRefused() throws {
        func part(_ name: String, _ arguments: [String]) throws -> String {
            let out = cli.scratch.appendingPathComponent(name)
            let run = try cli.bijli(arguments + ["--out", out.path])
            #expect(run.status == 0, "\(name): \(run.stderr)")
            return out.path
        }
        let one = try part("s1", sensitivity + ["--shard", "1/2"]), two = try part("s2", sensitivity + ["--shard", "2/2"])
        let paretoTwo = try part("p2", pareto + ["--shard", "2/2"])
        let tornadoTwo = try part("t2", ["sensitivity", "--model", model, "--inputs", inputs, "--tornado", "fuel_price.gas*=0.5:2",
                                         "--tornado", "demand*=0.9:1.1", "--method", "simplex", "--quiet", "--shard", "2/2"])
        let out = cli.scratch.appendingPathComponent("merged")
        for (parts, message) in [([one], "shard 2/2 missing"), ([two], "shard 1/2 missing"),
                                 ([one, paretoTwo], "it is a pareto sweep, not sensitivity"),
                                 ([one, tornadoTwo], "--tornado is fuel_price.gas*=0.5:2 demand*=0.9:1.1, not")] {
            let run = try cli.bijli(["merge"] + parts + ["--out", out.path])
            #expect(run.status == 2, "\(parts): \(run.stderr)")
            #expect(run.stderr.contains(message), "\(run.stderr)")
            #expect(run.stderr.contains("nothing was written"))
            #expect(!FileManager.default.fileExists(atPath: out.path))
        }
        let cost = try cli.bijli(["run", "--model", model, "--inputs", inputs, "--shard", "1/2", "--out", out.path])
        #expect(cost.status == 64 && cost.stderr.contains("--shard splits the points of --objective pareto"), "\(cost.stderr)")
        let slurm = try cli.bijli("slurm", "--shards", "2", "--out", cli.scratch.appendingPathComponent("job").path, "--", "run", "--model", model)
        #expect(slurm.status == 2 && slurm.stderr.contains("`run` shards only with --objective pareto"), "\(slurm.stderr)")
        let slurmPareto = try cli.bijli(["slurm", "--shards", "2", "--out", cli.scratch.appendingPathComponent("job2").path, "--"] + pareto)
        #expect(slurmPareto.status == 0, "\(slurmPareto.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }
}
