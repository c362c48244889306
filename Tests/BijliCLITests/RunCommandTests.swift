import Foundation
import Testing

/// End-to-end `bijli run` and `bijli validate` on the tiny two-region fixture.
@Suite struct RunCommandTests {
    static let fixture = CLITests.repository.appendingPathComponent("Tests/EnergyModelTests/Fixtures/tiny")
    let cli = CLITests()

    @Test func validateAcceptsTheFixture() throws {
        let run = try cli.bijli("validate", "--model", Self.fixture.appendingPathComponent("model").path,
                                "--inputs", Self.fixture.appendingPathComponent("inputs").path)
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("valid: tiny: 2 regions"))
    }

    @Test func validateListsEveryProblemAndExits2() throws {
        let model = cli.scratch.appendingPathComponent("model")
        try FileManager.default.copyItem(at: Self.fixture.appendingPathComponent("model"), to: model)
        let yaml = model.appendingPathComponent("model.yaml")
        let text = try String(contentsOf: yaml, encoding: .utf8).replacingOccurrences(of: "discount_rate", with: "discount_rat")
        try text.write(to: yaml, atomically: true, encoding: .utf8)
        let run = try cli.bijli("validate", "--model", model.path, "--inputs", Self.fixture.appendingPathComponent("inputs").path)
        #expect(run.status == 2)
        #expect(run.stderr.contains("model.yaml:"))
        #expect(run.stderr.contains("discount_rate"))
    }

    @Test func runWritesResultsWithTheStableKeys() throws {
        let out = cli.scratch.appendingPathComponent("runs")
        let run = try cli.bijli("run", "--model", Self.fixture.appendingPathComponent("model").path,
                                "--inputs", Self.fixture.appendingPathComponent("inputs").path,
                                "--resolution", "repdays:12", "--out", out.path, "--quiet")
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stderr.isEmpty)
        #expect(run.stdout.contains("status      optimal"))
        let latest = out.appendingPathComponent("tiny/base/latest")
        let data = try Data(contentsOf: latest.appendingPathComponent("results.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(json["schema_version"] as? Int == 2)
        #expect(json["status"] as? String == "optimal")
        #expect(json["objective_mode"] as? String == "cost")
        #expect((json["objective_usd"] as? Double ?? 0) > 0)
        let periods = try #require(json["periods"] as? [[String: Any]])
        #expect(periods.count == 2)
        let provenance = try #require(json["provenance"] as? [String: Any])
        let hashes = try #require(provenance["input_hashes"] as? [String: String])
        #expect(hashes.keys.contains("model/model.yaml"))
        for file in ["capacity.csv", "generation.csv", "indicators.csv", "marginal_prices.csv", "time_aggregation.json",
                     "hourly.csv", "run.json", "report.md", "report.html", "report.tex", "tables/capacity.tex"] {
            #expect(FileManager.default.fileExists(atPath: latest.appendingPathComponent(file).path), "missing \(file)")
        }
    }

    /// `--progress json`: every line of standard error is one JSON object with an elapsed time
    /// and an event; the solve's stage is among them. results.json records the solver, run.json
    /// each stage's seconds.
    @Test func jsonProgressAndTheSolverRecord() throws {
        let out = cli.scratch.appendingPathComponent("runs")
        let run = try cli.bijli("run", "--model", Self.fixture.appendingPathComponent("model").path,
                                "--inputs", Self.fixture.appendingPathComponent("inputs").path,
                                "--resolution", "repdays:12", "--method", "simplex", "--out", out.path, "--progress", "json")
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let events = try run.stderr.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not JSON: \(line)")
        }
        #expect(!events.isEmpty)
        #expect(events.allSatisfy { $0["elapsed"] is Double && $0["event"] is String })
        #expect(events.contains { ($0["message"] as? String)?.hasPrefix("minimise cost: optimal") == true })
        // The solver's own events: its step started and finished, with iterations in between.
        let solverEvents = events.filter { $0["event"] as? String == "solver" }
        #expect(solverEvents.first?["solver_event"] as? String == "started" && solverEvents.last?["solver_event"] as? String == "finished")
        #expect(solverEvents.contains { $0["solver_event"] as? String == "iteration" && $0["iteration"] is Int })

        let latest = out.appendingPathComponent("tiny/base/latest")
        let results = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: latest.appendingPathComponent("results.json"))) as? [String: Any])
        let solver = try #require(results["solver"] as? [String: Any])
        #expect(solver["status"] as? String == "optimal")
        #expect(solver["method"] as? String == "primal")
        #expect((solver["iterations"] as? Int ?? 0) > 0)
        #expect(solver["relative_gap"] as? Double == 0)
        #expect(solver["lower_bound"] as? Double == solver["upper_bound"] as? Double)
        let stages = try #require(results["stages"] as? [[String: Any]])
        let record = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: latest.appendingPathComponent("run.json"))) as? [String: Any])
        let seconds = try #require(record["stage_seconds"] as? [Double])
        #expect(seconds.count == stages.count && seconds.allSatisfy { $0 >= 0 })
    }

    @Test func badObjectiveIsAUsageError() throws {
        let run = try cli.bijli("run", "--model", "m", "--inputs", "i", "--out", "o", "--objective", "cheapest")
        #expect(run.status == 64)
    }

    @Test func brokenCaseExits2AndWritesNothing() throws {
        let out = cli.scratch.appendingPathComponent("runs")
        let run = try cli.bijli("run", "--model", cli.scratch.appendingPathComponent("nope").path,
                                "--inputs", Self.fixture.appendingPathComponent("inputs").path, "--out", out.path, "--quiet")
        #expect(run.status == 2)
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }
}

/// `--scenario FILE`: a scenario file outside the inputs, named by its file name.
@Suite struct ScenarioFileTests {
    let cli = CLITests()

    @Test func aScenarioFileAnywhereIsLaidOnTheCase() throws {
        let fixture = RunCommandTests.fixture
        let file = cli.scratch.appendingPathComponent("hot-summer.yaml")
        try "name: Hot summer\nsource: test what-if\ntag: ASSUMPTION\noverlays:\n  - {target: demand, select: {months: \"6-8\"}, scale: 1.2}\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let out = cli.scratch.appendingPathComponent("runs")
        let args = ["run", "--model", fixture.appendingPathComponent("model").path, "--inputs", fixture.appendingPathComponent("inputs").path,
                    "--resolution", "repdays:12", "--method", "simplex", "--out", out.path, "--quiet"]
        let base = try cli.bijli(args)
        let hot = try cli.bijli(args + ["--scenario", file.path])
        #expect(base.status == 0 && hot.status == 0, "stderr: \(hot.stderr)")
        let results = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("tiny/hot-summer/latest/results.json"))) as? [String: Any])
        let provenance = try #require(results["provenance"] as? [String: Any])
        #expect((provenance["options"] as? [String: String])?["scenario"] == "hot-summer")
        #expect((provenance["input_hashes"] as? [String: String])?["scenario/hot-summer.yaml"]?.count == 64)
        let baseResults = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("tiny/base/latest/results.json"))) as? [String: Any])
        let baseDemand = try #require((baseResults["periods"] as? [[String: Any]])?.first?["demand_mwh"] as? Double)
        let hotDemand = try #require((results["periods"] as? [[String: Any]])?.first?["demand_mwh"] as? Double)
        #expect(hotDemand > baseDemand * 1.02)

        let missing = try cli.bijli(args + ["--scenario", cli.scratch.appendingPathComponent("nope.yaml").path])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nope.yaml") && missing.stderr.contains("no such scenario file"))
    }

    @Test func overlaysOnTheCommandLineComposeWithAScenario() throws {
        let fixture = RunCommandTests.fixture
        let file = cli.scratch.appendingPathComponent("hot-summer.yaml")
        try "name: Hot summer\nsource: test what-if\ntag: ASSUMPTION\noverlays:\n  - {target: demand, select: {months: \"6-8\"}, scale: 1.2}\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let out = cli.scratch.appendingPathComponent("runs")
        let args = ["run", "--model", fixture.appendingPathComponent("model").path, "--inputs", fixture.appendingPathComponent("inputs").path,
                    "--resolution", "repdays:12", "--method", "simplex", "--out", out.path, "--quiet"]
        func results(_ scenario: String) throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("tiny/\(scenario)/latest/results.json"))) as? [String: Any])
        }
        func cost(_ scenario: String) throws -> Double { try #require(try results(scenario)["objective_usd"] as? Double) }
        #expect(try cli.bijli(args + ["--scenario", file.path]).status == 0)
        // Gas twice as dear, braces left out: the same what-if laid alone and on the scenario.
        let dearGas = "target: fuel_price, select: {fuel: gas}, scale: 2"
        let alone = try cli.bijli(args + ["--overlay", dearGas])
        let both = try cli.bijli(args + ["--scenario", file.path, "--overlay", dearGas, "--overlay", "{target: demand, scale: 1.05}"])
        #expect(alone.status == 0 && both.status == 0, "stderr: \(alone.stderr) \(both.stderr)")
        #expect(try cost("hot-summer+what-if") > cost("hot-summer"))
        let options = try #require((try results("what-if")["provenance"] as? [String: Any])?["options"] as? [String: String])
        #expect(options["overlays"] == dearGas && options["scenario"] == "what-if")
        let demand = { (name: String) throws -> Double in try #require((try results(name)["periods"] as? [[String: Any]])?.first?["demand_mwh"] as? Double) }
        #expect(abs(try demand("hot-summer+what-if") / demand("hot-summer") - 1.05) < 1e-9)

        let bad = try cli.bijli(args + ["--overlay", "{target: fuel_price, select: {fuel: gass}, scale: 2}"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--overlay '{target: fuel_price, select: {fuel: gass}, scale: 2}'") && bad.stderr.contains("gas"), "stderr: \(bad.stderr)")
    }

    @Test("--what-if is one overlay in the short form; --move-committed and --cancel move and cancel committed builds")
    func whatIfFlags() throws {
        let fixture = RunCommandTests.fixture
        let out = cli.scratch.appendingPathComponent("runs")
        let args = ["run", "--model", fixture.appendingPathComponent("model").path, "--inputs", fixture.appendingPathComponent("inputs").path,
                    "--resolution", "repdays:12", "--method", "simplex", "--out", out.path, "--quiet"]
        func results() throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("tiny/what-if/latest/results.json"))) as? [String: Any])
        }
        func newMW(_ id: String, _ year: Int) throws -> Double {
            let periods = try #require(try results()["periods"] as? [[String: Any]])
            let period = try #require(periods.first { $0["period"] as? Int == year })
            return (period["new_capacity_mw"] as? [String: Double])?[id] ?? 0
        }
        let overlay = try cli.bijli(args + ["--overlay", "{target: fuel_price, select: {fuel: gas}, scale: 2}"])
        #expect(overlay.status == 0, "stderr: \(overlay.stderr)")
        let viaOverlay = try #require(try results()["objective_usd"] as? Double)
        let whatIf = try cli.bijli(args + ["--what-if", "fuel_price.gas*=2"])
        #expect(whatIf.status == 0, "stderr: \(whatIf.stderr)")
        #expect(abs(try #require(try results()["objective_usd"] as? Double) / viaOverlay - 1) < 1e-9)
        let options = try #require((try results()["provenance"] as? [String: Any])?["options"] as? [String: String])
        #expect(options["what_ifs"] == "fuel_price.gas*=2")

        let two = try cli.bijli(args + ["--what-if", "fuel_price.gas*=1,2"])
        #expect(two.status == 2 && two.stderr.contains("--what-if 'fuel_price.gas*=1,2'") && two.stderr.contains("a what-if takes one value, found 2"),
                "stderr: \(two.stderr)")

        // north_solar is committed with 300 MW in 2030.
        #expect(try cli.bijli(args + ["--move-committed", "north_solar=2025"]).status == 0)
        #expect(try newMW("north_solar", 2025) >= 300 - 1e-6)
        #expect(try cli.bijli(args + ["--cancel", "north_solar"]).status == 0)
        #expect(try newMW("north_solar", 2025) == 0 && newMW("north_solar", 2030) == 0)
        let bad = try cli.bijli(args + ["--move-committed", "north_solar=2040"])
        #expect(bad.status == 2 && bad.stderr.contains("'move_to' must be a period year, found '2040'"), "stderr: \(bad.stderr)")
    }

    /// A what-if starts from the base run's optimum (`solution.bin`): a what-if that changes
    /// nothing binding (gas price × 1) is answered by it without a solve, one that does (× 2) is
    /// solved.
    @Test func aWhatIfStartsFromTheBaseOptimum() throws {
        let fixture = RunCommandTests.fixture
        let out = cli.scratch.appendingPathComponent("departs")
        let args = ["run", "--model", fixture.appendingPathComponent("model").path, "--inputs", fixture.appendingPathComponent("inputs").path,
                    "--resolution", "repdays:12", "--method", "simplex", "--out", out.path, "--quiet"]
        func solver(_ folder: String) throws -> (objective: Double, solver: [String: Any]) {
            let results = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("tiny/\(folder)/latest/results.json"))) as? [String: Any])
            return (try #require(results["objective_usd"] as? Double), try #require(results["solver"] as? [String: Any]))
        }
        #expect(try cli.bijli(args).status == 0)
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("tiny/base/latest/solution.bin").path))
        let base = try solver("base")
        #expect(try #require(base.solver["iterations"] as? Int) > 0)

        let same = try cli.bijli(args + ["--what-if", "fuel_price.gas*=1"])
        #expect(same.status == 0, "stderr: \(same.stderr)")
        #expect(same.stderr.contains("note: nothing this what-if changes binds: the solution of "), "stderr: \(same.stderr)")
        let kept = try solver("what-if")
        #expect(kept.solver["iterations"] as? Int == 0)
        #expect((kept.solver["fallbacks"] as? [String])?.first?.contains("passes this program's check") == true)
        #expect(abs(kept.objective / base.objective - 1) < 1e-12)

        let dearer = try cli.bijli(args + ["--what-if", "fuel_price.gas*=2"])
        #expect(dearer.status == 0 && !dearer.stderr.contains("nothing this what-if changes binds"), "stderr: \(dearer.stderr)")
        let solved = try solver("what-if")
        #expect(try #require(solved.solver["iterations"] as? Int) > 0)
        #expect(solved.objective > base.objective * (1 + 1e-6))
    }

    /// `--method benders`: the tiny case by period within the gap of the simplex optimum, the
    /// bounds in results.json; a mode with a row over all periods refused before solving.
    @Test func bendersMatchesTheSimplexWithinItsGap() throws {
        let fixture = RunCommandTests.fixture
        let out = cli.scratch.appendingPathComponent("runs")
        let args = ["run", "--model", fixture.appendingPathComponent("model").path, "--inputs", fixture.appendingPathComponent("inputs").path,
                    "--resolution", "repdays:12", "--out", out.path, "--quiet"]
        func latest() throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("tiny/base/latest/results.json"))) as? [String: Any])
        }
        #expect(try cli.bijli(args + ["--method", "simplex"]).status == 0)
        let exact = try #require(try latest()["objective_usd"] as? Double)
        let run = try cli.bijli(args + ["--method", "benders", "--gap", "1e-4"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let results = try latest()
        let solver = try #require(results["solver"] as? [String: Any])
        #expect(solver["method"] as? String == "benders")
        let lower = try #require(solver["lower_bound"] as? Double), upper = try #require(solver["upper_bound"] as? Double)
        #expect(lower <= upper && (upper - lower) / upper <= 1e-4)
        let cost = try #require(results["objective_usd"] as? Double)
        #expect(abs(cost - exact) / exact <= 1e-4)

        let deficit = try cli.bijli(args + ["--method", "benders", "--objective", "deficit"])
        #expect(deficit.status == 2 && deficit.stderr.contains("--method benders decomposes the cost and pareto modes"))
    }
}


/// A what-if prints its differences from the base run it departs from (docs/CLI.md).
@Suite struct WhatIfDifferenceTests {
    let cli = CLITests()

    @Test func aWhatIfPrintsItsDifferencesFromTheBaseRun() throws {
        let fixture = RunCommandTests.fixture
        let out = cli.scratch.appendingPathComponent("runs")
        let args = ["run", "--model", fixture.appendingPathComponent("model").path, "--inputs", fixture.appendingPathComponent("inputs").path,
                    "--resolution", "repdays:12", "--method", "simplex", "--tariffs", "none", "--out", out.path, "--quiet"]
        let dearGas = ["--overlay", "{target: fuel_price, select: {fuel: gas}, scale: 2}"]
        // No base run yet: a note says so, the what-if still succeeds.
        let alone = try cli.bijli(args + dearGas)
        #expect(alone.status == 0 && alone.stderr.contains("no base run at") && !alone.stdout.contains("differences from"), "\(alone.stderr)")
        let base = try cli.bijli(args)
        #expect(base.status == 0 && !base.stdout.contains("differences from"))
        let whatIf = try cli.bijli(args + dearGas)
        #expect(whatIf.status == 0, "\(whatIf.stderr)")
        let lines = whatIf.stdout.split(separator: "\n").map(String.init)
        let start = try #require(lines.firstIndex { $0.hasPrefix("differences from base ") }, "\(whatIf.stdout)")
        let subjects = lines[(start + 1)...].map { $0.dropFirst(2).prefix(15).trimmingCharacters(in: .whitespaces) }
        #expect(subjects == ["total cost", "2025", "2025 built", "2025 capacity", "2030", "2030 built", "2030 capacity"])
        // Dearer gas: the cost change is the objectives' difference, with a sign.
        func cost(_ scenario: String) throws -> Double {
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("tiny/\(scenario)/latest/results.json"))) as? [String: Any]
            return try #require(json?["objective_usd"] as? Double)
        }
        let delta = try cost("what-if") - cost("base")
        #expect(delta > 0 && lines[start + 1].contains("+\(String(format: "%.1f", delta / 1e6)) million USD"), "\(lines[start + 1])")
        #expect(!whatIf.stdout.contains("-0.0"))

        // compare labels the runs by scenario and draws the capacity changes.
        let compare = try cli.bijli("compare", out.appendingPathComponent("tiny/base/latest").path,
                                    out.appendingPathComponent("tiny/what-if/latest").path, "--out", cli.scratch.appendingPathComponent("compare").path)
        // Printed as a what-if's differences: a heading, then one line per subject.
        #expect(compare.status == 0 && compare.stdout.hasPrefix("what-if against base:\n  total cost      +"), "\(compare.stdout)")
        #expect(compare.stdout.contains("\n  2030 capacity   "), "\(compare.stdout)")
        let markdown = try String(contentsOf: cli.scratch.appendingPathComponent("compare/latest/compare.md"), encoding: .utf8)
        #expect(markdown.contains("| Capacity wind_onshore | 2030 | MW |") || markdown.contains("| Capacity wind\\_onshore | 2030 | MW |"))
        #expect(markdown.range(of: "-0\\.0+[^0-9]", options: .regularExpression) == nil)

        // Other periods are another case: not compared, and the note says why.
        let other = try cli.bijli(args + dearGas + ["--periods", "2030"])
        #expect(other.status == 0 && other.stderr.contains("periods 2025,2030 there, 2030 here") && !other.stdout.contains("differences from"), "\(other.stderr)")
        // --against a run folder compares anyway; a bad one stops before solving.
        let against = try cli.bijli(args + ["--against", out.appendingPathComponent("tiny/what-if/latest").path])
        #expect(against.status == 0 && against.stdout.contains("differences from what-if "))
        let bad = try cli.bijli(args + ["--against", cli.scratch.path])
        #expect(bad.status == 2 && bad.stderr.contains("results.json") && !bad.stdout.contains("status"))
    }
}
