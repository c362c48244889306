import Foundation
import Testing

/// Issue 19's cases end to end: each is a clear refusal (exit 2 naming the file) or a checked
/// answer, never exit 134, a wrong "optimal" or a raw Foundation error.
@Suite struct HardeningCLITests {
    let cli = CLITests()
    static let fixture = RunCommandTests.fixture

    static func program(_ big: String) -> String {
        """
        Maximize
         obj: 3 x0 + 4 x1 + 3 x2
        Subject To
         c0: x0 + 2 x1 + x2 <= 300
         c1: 2 x0 + 2 x1 + \(big) x2 <= 200
         c2: 2 x0 + x1 + 3 x2 <= 300
        End

        """
    }

    @Test(arguments: ["1e308", "1e100", "1e20", "1e15"])
    func hugeCoefficientsAreRefusedNotAborted(big: String) throws {
        let run = try cli.bijli("lp", "solve", cli.file("big.lp", Self.program(big)))
        #expect(run.status == 2, "stderr: \(run.stderr)")
        #expect(run.stderr.contains("row 'c1': coefficient of 'x2' is"))
    }

    /// 1e14 is inside the range; GLPK's simplex says 700 (a row at 400 against 200): the check
    /// catches it and the exact simplex answers 400.
    @Test(arguments: ["simplex", "dual", "interior"])
    func aWrongOptimumIsCheckedAndCorrected(method: String) throws {
        let run = try cli.bijli("lp", "solve", cli.file("v14.lp", Self.program("1e14")), "--format", "json", "--method", method, "--log")
        #expect(run.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(json["status"] as? String == "optimal")
        #expect(abs((json["objective"] as? Double ?? 0) - 400) < 1e-9)
    }

    /// The fuzzer's finding: GLPK's interior point fails one of its assertions on this program
    /// (exit 134 before CGLPKGuard). Now the process lives, the cold simplex answers, and the path
    /// in the JSON says what happened.
    @Test func glpksAssertionDoesNotEndTheProcess() throws {
        let finding = CLITests.repository.appendingPathComponent("Tests/Fuzz/findings/interior-abort-1.lp").path
        let run = try cli.bijli("lp", "solve", finding, "--method", "interior", "--format", "json")
        #expect(run.status == 3, "stderr: \(run.stderr)")
        #expect(run.stdout.contains("Assertion failed"))
        #expect(run.stdout.contains("cold simplex after GLPK's internal error"))
    }

    @Test func glpksMemoryLimitIsAStatus() throws {
        // 300 variables in 300 rows of 300 entries: GLPK's interior point needs several MiB.
        let variables = (0..<300).map { "x\($0)" }
        let rows = (0..<300).map { i in " r\(i): " + variables.enumerated().map { "\(($0.offset * 31 + i * 17) % 11 + 1) \($0.element)" }.joined(separator: " + ") + " >= \(50 + i)" }
        let text = "Minimize\n obj: " + variables.joined(separator: " + ") + "\nSubject To\n" + rows.joined(separator: "\n")
            + "\nBounds\n" + variables.map { " 0 <= \($0) <= 10" }.joined(separator: "\n") + "\nEnd\n"
        let path = cli.file("dense.lp", text)
        let run = try cli.bijli("lp", "solve", path, "--method", "interior", "--memory-limit", "1", "--format", "json")
        #expect(run.status == 5, "stderr: \(run.stderr)")
        #expect(run.stdout.contains("\"memory_limit\""))
        #expect(try cli.bijli("lp", "solve", path, "--method", "interior").status == 0)
    }

    @Test func anObjectiveWithoutSolutionIsNull() throws {
        let run = try cli.bijli("lp", "solve", cli.file("inf.lp", "Minimize\n obj: x\nSubject To\n c: x <= -1\nEnd\n"), "--format", "json")
        #expect(run.status == 3)
        #expect(run.stdout.contains("\"objective\" : null"))
        #expect(!run.stdout.contains("\"inf\""))
    }

    private func tinyCopy(_ edit: (URL) throws -> Void) throws -> URL {
        let root = cli.scratch.appendingPathComponent("case-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Self.fixture, to: root)
        try edit(root)
        return root
    }

    private func replace(_ url: URL, _ old: String, _ new: String) throws {
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains(old))
        try text.replacingOccurrences(of: old, with: new).write(to: url, atomically: true, encoding: .utf8)
    }

    @Test(arguments: ["1e308", "1e200"])
    func aHugeCapacityIsRefusedByValidateAndRun(value: String) throws {
        let root = try tinyCopy { try replace($0.appendingPathComponent("model/generators.csv"), "south_gas,south,ocgt,gas,gas,300,", "south_gas,south,ocgt,gas,gas,\(value),") }
        let model = root.appendingPathComponent("model").path, inputs = root.appendingPathComponent("inputs").path
        for arguments in [["validate"], ["run", "--method", "simplex", "--resolution", "repdays:12", "--quiet", "--out", cli.scratch.appendingPathComponent("o").path]] {
            let run = try cli.bijli(arguments + ["--model", model, "--inputs", inputs])
            #expect(run.status == 2, "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains("generators.csv:5:30: 'existing_capacity_mw' is"))
        }
    }

    /// `bijli robust` on the tiny case with a July demand surge: the robust plan is the base plan's
    /// equal in the base case, so its regret there is 0 up to rounding, which `%.1f` printed as
    /// "-0.0". The summary prints it as 0.0 (NumberText), and the run finishes (its release build
    /// crashed on every case, .ci/release-smoke).
    @Test func theRobustSummaryPrintsNoNegativeZero() throws {
        let root = try tinyCopy { root in
            let folder = root.appendingPathComponent("inputs/scenarios")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try "name: surge\nsource: test\ntag: ASSUMPTION\noverlays:\n  - {target: demand, select: {months: \"7\"}, scale: 1.1}\n"
                .write(to: folder.appendingPathComponent("surge.yaml"), atomically: true, encoding: .utf8)
        }
        let run = try cli.bijli("robust", "--model", root.appendingPathComponent("model").path, "--inputs", root.appendingPathComponent("inputs").path,
                                "--scenarios", "surge", "--out", cli.scratch.appendingPathComponent("robust").path, "--quiet")
        #expect(run.status == 0, "\(run.stderr)")
        let base = try #require(run.stdout.split(separator: "\n").first { $0.hasPrefix("base ") })
        #expect(base.split(separator: " ").count == 7, "\(base)")
        #expect(!run.stdout.contains("-0.0"), "\(run.stdout)")
    }

    @Test func stressRefusesAPlanThatDoesNotMatchTheCase() throws {
        let out = cli.scratch.appendingPathComponent("runs")
        let model = Self.fixture.appendingPathComponent("model").path, inputs = Self.fixture.appendingPathComponent("inputs").path
        let planRun = try cli.bijli("run", "--model", model, "--inputs", inputs, "--resolution", "repdays:12", "--out", out.path, "--quiet")
        #expect(planRun.status == 0)
        let plan = cli.scratch.appendingPathComponent("plan")
        try FileManager.default.copyItem(at: out.appendingPathComponent("tiny/base/latest").resolvingSymlinksInPath(), to: plan)
        let results = plan.appendingPathComponent("results.json")
        var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: results)) as? [String: Any])
        var periods = try #require(json["periods"] as? [[String: Any]])
        for k in periods.indices {
            var capacities = try #require(periods[k]["capacity_mw"] as? [String: Any])
            capacities["south_gas"] = nil
            if k == 0 { capacities["north_hydro"] = -500 }
            periods[k]["capacity_mw"] = capacities
        }
        json["periods"] = periods
        try JSONSerialization.data(withJSONObject: json).write(to: results)
        let inputsWithScenario = try tinyCopy { root in
            let folder = root.appendingPathComponent("inputs/scenarios")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try "name: mild\nsource: test\ntag: ASSUMPTION\noverlays:\n  - {target: demand, scale: 1.1}\n"
                .write(to: folder.appendingPathComponent("mild.yaml"), atomically: true, encoding: .utf8)
        }.appendingPathComponent("inputs").path
        let run = try cli.bijli("stress", "--plan", plan.path, "--model", model, "--inputs", inputsWithScenario, "--scenarios", "all",
                                "--out", cli.scratch.appendingPathComponent("stress").path, "--quiet")
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("\(results.path): the plan has no capacity for resource 'south_gas' in 2025, 2030"))
        #expect(run.stderr.contains("resource 'north_hydro' in 2025: capacity -500.0 MW is not a capacity"))
    }

    @Test func unreadableResultsAreDescribedNotDumped() throws {
        let folder = cli.scratch.appendingPathComponent("bad")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "{not json".write(to: folder.appendingPathComponent("results.json"), atomically: true, encoding: .utf8)
        for arguments in [["report", "--run", folder.path], ["table", "capacity", "--run", folder.path],
                          ["stress", "--plan", folder.path, "--model", "m", "--inputs", "i", "--out", "o"]] {
            let run = try cli.bijli(arguments)
            #expect(run.status == 2)
            #expect(run.stderr.contains("results.json") && run.stderr.contains("not valid JSON"), "\(arguments): \(run.stderr)")
            #expect(!run.stderr.contains("DecodingError") && !run.stderr.contains("NSCocoaErrorDomain"))
        }
    }
}
