import EnergyModel
import Foundation
import Scenarios
import Testing
import Workflows

/// Shards of a sweep and `bijli merge` (docs/SCALING.md), as library calls.
@Suite struct ShardMergeTests {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("bijli-shards-\(UUID().uuidString)")

    /// The tiny case's plan and the workflow of its stress sweep (the surge disruption and the N-1 sweep).
    func planAndStress() throws -> (EnergyResults, CaseWorkflow, String) {
        let source = try CaseWorkflowTests().sourceWithSurge()
        let request = RunRequest(source: source, tariffs: "none", resolution: .representativeDays(12), method: .simplex)
        let outcome = try CaseWorkflow(request).run(out: out.appendingPathComponent("reports"))
        let planFile = outcome.folder.appendingPathComponent("results.json").path
        return (outcome.results, CaseWorkflow(RunRequest(source: source, tariffs: "none", method: .simplex).matching(outcome.results)), planFile)
    }

    @Test func threeShardsMergeIntoTheFilesOfOneRunAndRecordTheirSweep() throws {
        let (plan, workflow, planFile) = try planAndStress()
        let whole = try workflow.stress(plan: plan, planFile: planFile, scenarios: ["surge"], nMinusOneMinimumMW: 0)
        let records = try (1...3).map { k throws(WorkflowError) in
            try workflow.stress(plan: plan, planFile: planFile, scenarios: ["surge"], nMinusOneMinimumMW: 0, shard: Shard(index: k, count: 3)!)
        }
        let members = records[0].members
        #expect(members >= 4, "the sweep should have more members than shards")
        #expect(records.map(\.range) == (1...3).map { k in let r = Shard(index: k, count: 3)!.members(of: members); return [r.lowerBound, r.upperBound] })
        #expect(records.allSatisfy { $0.memberIDs?.first == "base" && $0.planSHA256?.count == 64 && !$0.inputHashes.isEmpty })
        // Only shard 1 holds the base lines; every shard's lines are its members'.
        #expect(records.map { Set(($0.rows ?? []).map(\.scenario)).count } == records.map { $0.range[1] - $0.range[0] })
        #expect(records[1].rows?.contains { $0.scenario == "base" } == false)
        let merged = try ShardMerge.files(records.reversed().map { ("part \($0.shard)", $0) })
        #expect(merged == (try RunReports.stressFolder(whole)))
        #expect(merged["stress.csv"] == Data(StressTest.csv(whole).utf8))
    }

    @Test func partsThatDoNotBelongTogetherAreNamed() throws {
        let base = ShardRecord(sweep: .monteCarlo, shard: Shard(index: 1, count: 3)!, members: 6, planSHA256: "a", inputHashes: ["inputs/x.csv": "1"],
                               seed: 5, settings: ["resolution": "repdays:12", "periods": "2030"])
        func part(_ k: Int, count: Int = 3, _ change: (inout ShardRecord) -> Void = { _ in }) -> (label: String, record: ShardRecord) {
            var record = base
            record.shard = k
            record.count = count
            let range = Shard(index: k, count: count)!.members(of: 6)
            record.range = [range.lowerBound, range.upperBound]
            record.outcomes = range.map { MonteCarlo.Outcome(sample: $0, period: 2030, unservedGWh: 0, lossOfLoadHours: 0, peakShortfallMW: 0, status: .optimal) }
            change(&record)
            return ("p\(k)", record)
        }
        func problems(_ parts: [(label: String, record: ShardRecord)]) -> String {
            switch Result(catching: { () throws(WorkflowError) in try ShardMerge.files(parts) }) {
            case .success: return "merged"
            case .failure(let error):
                #expect(error.exitCode == ExitStatus.badInput)
                return error.description
            }
        }
        #expect(problems([part(1), part(2), part(3)]) == "merged")
        #expect(problems([part(1), part(3)]).contains("shard 2/3 missing"))
        #expect(problems([part(1), part(2), part(2), part(3)]).contains("shard 2/3 is given 2 times (p2, p2)"))
        #expect(problems([part(1), part(2, count: 4), part(3)]).contains("p2 is not a shard of the sweep of p1: it is split into 4 shards, not 3"))
        let otherPlan = part(2) { $0.planSHA256 = "b" }, otherInputs = part(2) { $0.inputHashes["inputs/x.csv"] = "2" }
        let otherSeed = part(2) { $0.seed = 6 }, otherResolution = part(2) { $0.settings["resolution"] = "hourly" }
        let short = part(2) { _ = $0.outcomes?.removeLast() }
        #expect(problems([part(1), otherPlan, part(3)]).contains("the plan differs"))
        #expect(problems([part(1), otherInputs, part(3)]).contains("the inputs differ (inputs/x.csv)"))
        #expect(problems([part(1), otherSeed, part(3)]).contains("the seed is 6, not 5"))
        #expect(problems([part(1), otherResolution, part(3)]).contains("resolution is hourly, not repdays:12"))
        #expect(problems([part(1), short, part(3)]).contains("should hold members 2..<4 of 6 (2 lines over 1 period(s)) but holds 1 lines"))
        #expect(problems([]).contains("give the folders"))
        #expect(problems([part(1)]).hasSuffix("nothing was written"))
    }

    @Test func monteCarloShardsKeepTheirSamplesSeeds() throws {
        let (plan, workflow, planFile) = try planAndStress()
        let spec = out.appendingPathComponent("montecarlo.yaml")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try "source: test\ntag: ASSUMPTION\nshocks:\n  - {id: d, target: demand, sd: 0.5}\noutages:\n  - {resource: south_ccgt, units: 1, repair_hours: 2000}\n"
            .write(to: spec, atomically: true, encoding: .utf8)
        let whole = try workflow.monteCarlo(plan: plan, planFile: planFile, spec: spec, samples: 6, seed: 3)
        let records = try (1...2).map { k throws(WorkflowError) in
            try workflow.monteCarlo(plan: plan, planFile: planFile, spec: spec, samples: 6, seed: 3, tolerance: 0.1, shard: Shard(index: k, count: 2)!)
        }
        #expect(records.flatMap { $0.outcomes ?? [] } == whole)
        #expect(Set(whole.compactMap(\.unservedGWh)).count > 1, "the samples should differ")
        let merged = try ShardMerge.files(records.map { ("p\($0.shard)", $0) })
        let one = try RunReports.monteCarloFiles(whole, samples: 6, seed: 3, tolerance: 0.1)
        #expect(Set(merged.keys) == ["montecarlo.json", "samples.csv"] && Set(one.keys) == Set(merged.keys))
        for name in one.keys.sorted() {
            #expect(merged[name] == one[name], "\(name): \(String(decoding: merged[name] ?? Data(), as: UTF8.self).prefix(300)) against \(String(decoding: one[name]!, as: UTF8.self).prefix(300))")
        }
        #expect(records[0].inputHashes["spec/montecarlo.yaml"] != nil && records[0].tolerance == 0.1)
    }

    @Test func slurmScriptsRunEveryShardThenTheMergeAfterThem() throws {
        let folder = out.appendingPathComponent("job")
        let job = try SlurmJob(sweep: ["stress", "--plan", "it's here", "--scenarios", "all"], shards: 4, bijli: "/opt/bijli", folder: folder,
                               workingDirectory: URL(fileURLWithPath: "/data"), memory: "2G", time: "00:30:00")
        let scripts = job.scripts()
        let sweep = try #require(scripts["sweep.sbatch"]), merge = try #require(scripts["merge.sbatch"]), submit = try #require(scripts["submit.sh"])
        #expect(sweep.contains("#SBATCH --array=1-4\n") && sweep.contains("#SBATCH --mem=2G\n") && sweep.contains("#SBATCH --chdir=/data\n"))
        #expect(sweep.contains("'/opt/bijli' 'stress' '--plan' 'it'\\''s here' '--scenarios' 'all' '--shard' 'auto' '--out' '\(folder.path)/parts'/\"${SLURM_ARRAY_TASK_ID}\""))
        #expect(merge.contains("'/opt/bijli' 'merge' '\(folder.path)/parts'/* --out '\(folder.path)/merged'"))
        #expect(submit.contains("--dependency=afterok:\"$array\"") && submit.contains("sbatch --parsable sweep.sbatch"))
        // Every #SBATCH line comes before the first command.
        for script in [sweep, merge] {
            let lines = script.split(separator: "\n")
            let firstCommand = try #require(lines.firstIndex { !$0.hasPrefix("#") })
            #expect(!lines[firstCommand...].contains { $0.hasPrefix("#SBATCH") })
        }
        let written = try job.write()
        #expect(Set(written.keys) == ["sweep.sbatch", "merge.sbatch", "submit.sh"])
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("logs").path))
        #expect(throws: WorkflowError.self) { try job.write() }
        for sweep in [["run", "--model", "m"], ["stress", "--out", "x"], ["montecarlo", "--shard=1/2"], []] {
            #expect(throws: WorkflowError.self, "\(sweep)") {
                try SlurmJob(sweep: sweep, shards: 2, bijli: "/b", folder: folder, workingDirectory: folder)
            }
        }
    }
}
