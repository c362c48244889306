import Foundation
import Testing

/// `bijli scheduled` and `bijli history` end to end on the tiny fixture (docs/SCHEDULING.md):
/// archived runs, what changed, failures that leave the previous report, the lock, signals.
@Suite struct ScheduledCommandTests {
    let cli = CLITests()
    static let fixture = RunCommandTests.fixture

    /// A scratch case (inputs copied so tests may change them) and its configuration.
    struct Setup {
        let root: URL
        var inputs: URL { root.appendingPathComponent("inputs") }
        var config: String { root.appendingPathComponent("schedule.yaml").path }
        var log: URL { root.appendingPathComponent("logs/scheduled.jsonl") }
        var archive: String { root.appendingPathComponent("archive/runs.sqlite").path }
        var runs: URL { root.appendingPathComponent("reports/tiny/scheduled") }
        var latest: URL { runs.appendingPathComponent("latest") }

        func runFolders() -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: runs.path)) ?? []).filter { $0 != "latest" }.sorted()
        }

        func latestTarget() -> String? { try? FileManager.default.destinationOfSymbolicLink(atPath: latest.path) }

        func events() -> [[String: Any]] {
            guard let data = try? Data(contentsOf: log) else { return [] }
            return data.split(separator: 0x0A).compactMap { try? JSONSerialization.jsonObject(with: Data($0)) as? [String: Any] }
        }

        func setPrice(_ fuel: String, _ year: Int, _ price: Double) throws {
            let file = inputs.appendingPathComponent("fuel_prices.csv")
            let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map { line -> String in
                let prefix = "\(fuel),\(year),all,"
                guard line.hasPrefix(prefix) else { return String(line) }
                let rest = line.dropFirst(prefix.count).split(separator: ",", maxSplits: 1)
                return prefix + String(price) + "," + rest[1]
            }
            try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        }
    }

    func setup(scenarios: String = "[surge]") throws -> Setup {
        let setup = Setup(root: cli.scratch)
        try FileManager.default.copyItem(at: Self.fixture.appendingPathComponent("inputs"), to: setup.inputs)
        let folder = setup.inputs.appendingPathComponent("scenarios")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try """
            name: July demand surge
            description: Demand 10 % higher in July (test).
            source: test fixture
            tag: ASSUMPTION
            overlays:
              - target: demand
                select: {months: "7"}
                scale: 1.1
            """.write(to: folder.appendingPathComponent("surge.yaml"), atomically: true, encoding: .utf8)
        try """
            model: \(Self.fixture.appendingPathComponent("model").path)
            inputs: inputs
            reports: reports
            archive: archive/runs.sqlite
            log: logs/scheduled.jsonl
            resolution: repdays:12
            scenarios: \(scenarios)
            """.write(toFile: setup.config, atomically: true, encoding: .utf8)
        return setup
    }

    func scheduled(_ setup: Setup, _ extra: String...) throws -> CLITests.Run {
        try cli.bijli(["scheduled", "--config", setup.config, "--quiet"] + extra)
    }

    func changes(_ folder: URL) throws -> [String: Any] {
        let data = try Data(contentsOf: folder.appendingPathComponent("changes.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func threeRunsWithChangedPricesGiveThreeArchivedRunsATrendAndAttributionsThatAddUp() throws {
        let setup = try setup()
        var folders: [URL] = []
        for step in 0..<3 {
            if step == 1 { try setup.setPrice("rlng", 2025, 13.2) }     // +10 %
            if step == 2 { try setup.setPrice("gas", 2025, 7.5) }       // +25 %
            let run = try scheduled(setup)
            #expect(run.status == 0, "run \(step): \(run.stderr)")
            folders.append(setup.runs.appendingPathComponent(try #require(setup.latestTarget())))
            Thread.sleep(forTimeInterval: 1.05)   // run ids have a one-second resolution
        }
        #expect(setup.runFolders().count == 3)
        for folder in folders {
            for file in ["report.html", "report.md", "results.json", "changes.json", "stress.csv"] {
                #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(file).path), "\(folder.lastPathComponent) lacks \(file)")
            }
        }
        // The first run has nothing to compare with.
        #expect(try changes(folders[0])["previous_run_id"] == nil)
        // Second run: rlng 2025 12 -> 13.2 USD/MMBtu; its term is the first run's rlng burn × 1.2.
        let first = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folders[0].appendingPathComponent("results.json"))) as? [String: Any])
        let period2025 = try #require((first["periods"] as? [[String: Any]])?.first { $0["period"] as? Int == 2025 })
        let rlngUse = try #require((period2025["fuel_use_mmbtu"] as? [String: Double])?["rlng"])
        #expect(rlngUse > 0)
        for (index, folder) in folders.enumerated().dropFirst() {
            let report = try changes(folder)
            let inputs = try #require(report["inputs"] as? [[String: Any]])
            #expect(inputs.map { $0["path"] as? String } == ["inputs/fuel_prices.csv"])
            let attribution = try #require(report["attribution"] as? [[String: Any]])
            #expect(attribution.count == 2)
            for period in attribution {
                let old = try #require(period["old_cost_usd"] as? Double), new = try #require(period["new_cost_usd"] as? Double)
                let terms = try #require(period["by_fuel_usd"] as? [String: Double]).values.reduce(0, +)
                let residual = try #require(period["residual_usd"] as? Double)
                #expect(abs(terms + residual - (new - old)) <= 1e-9 * abs(new), "parts do not add up in \(folder.lastPathComponent)")
            }
            let p2025 = try #require(attribution.first { $0["period"] as? Int == 2025 })
            let byFuel = try #require(p2025["by_fuel_usd"] as? [String: Double])
            if index == 1 {
                #expect(abs(try #require(byFuel["rlng"]) - rlngUse * 1.2) <= 1e-6 * rlngUse)
                // The merit order did not move (rlng stays dearer than coal, cheaper than gas), so first order is exact.
                #expect(abs(try #require(p2025["residual_usd"] as? Double)) <= 1e-6 * (p2025["new_cost_usd"] as? Double ?? 1))
            }
            let text = try String(contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8)
            #expect(text.contains("## What changed since the previous run"))
            #expect(text.contains(index == 1 ? "| rlng | 2025 | 12.000 | 13.200 | 10.0 |" : "| gas | 2025 | 6.000 | 7.500 | 25.0 |"))
        }
        // The trend: three succeeded runs; and the list of runs.
        let trend = try cli.bijli("history", "--archive", setup.archive, "--metric", "annual_cost_usd",
                                  "--svg", cli.scratch.appendingPathComponent("trend.svg").path)
        #expect(trend.status == 0, "\(trend.stderr)")
        #expect(trend.stdout.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| #") && !$0.hasPrefix("| ---") }.count == 3)
        let svg = try String(contentsOf: cli.scratch.appendingPathComponent("trend.svg"), encoding: .utf8)
        #expect(svg.hasPrefix("<svg") && svg.contains("2025") && svg.contains("2030"))
        let stress = try cli.bijli("history", "--archive", setup.archive, "--metric", "unserved_gwh", "--scenario", "surge")
        #expect(stress.status == 0, "\(stress.stderr)")
        let runs = try cli.bijli("history", "--archive", setup.archive)
        #expect(runs.stdout.components(separatedBy: "| succeeded |").count - 1 == 3)
        // Each stress line names its own period's binding constraint, never another period's.
        let stressCSV = try String(contentsOf: folders[2].appendingPathComponent("stress.csv"), encoding: .utf8)
        for line in stressCSV.split(separator: "\n").dropFirst() where line.contains(",2030,") {
            #expect(!line.contains(" 2025 "), "\(line)")
        }
        let events = setup.events()
        #expect(events.filter { $0["event"] as? String == "succeeded" }.count == 3)
    }

    func writeTariff(_ setup: Setup, _ name: String, _ body: String) throws {
        let folder = setup.inputs.appendingPathComponent("tariffs")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(body.utf8).write(to: folder.appendingPathComponent(name))
    }

    static func tariff(_ date: String, rlng: Double, gas: Double) -> String {
        "fuel,price,unit,effective_date,source,tag\n"
            + "rlng,\(rlng),USD/MMBtu,\(date),test publication,ASSUMPTION\n"
            + "gas,\(gas),USD/MMBtu,\(date),test publication,ASSUMPTION\n"
    }

    /// Issue 7's "done when": a cron-style loop of three runs, each after a new tariff file.
    @Test func aCronLoopOverNewTariffFilesArchivesThreeRunsWhoseAttributionsAddUp() throws {
        let setup = try setup(scenarios: "none")
        let files = [("2026-01-01-ogra.csv", "2026-01-15", 12.0, 6.0), ("2026-02-01-ogra.csv", "2026-02-15", 13.2, 6.0),
                     ("2026-03-01-ogra.csv", "2026-03-15", 13.2, 7.5)]
        var folders: [URL] = []
        for (name, runDate, rlng, gas) in files {
            try writeTariff(setup, name, Self.tariff(String(name.prefix(10)), rlng: rlng, gas: gas))
            let run = try scheduled(setup, "--run-date", runDate)
            #expect(run.status == 0, "\(runDate): \(run.stderr)")
            folders.append(setup.runs.appendingPathComponent(try #require(setup.latestTarget())))
            Thread.sleep(forTimeInterval: 1.05)
        }
        let history = try cli.bijli("history", "--archive", setup.archive, "--format", "csv")
        for (name, runDate, _, _) in files { #expect(history.stdout.contains("\(runDate),succeeded,,tariffs/\(name)"), "\(history.stdout)") }
        let trend = try cli.bijli("history", "--archive", setup.archive, "--metric", "fuel_cost_usd", "--format", "csv")
        #expect(trend.stdout.split(separator: "\n").count == 4)   // header + 3 runs
        for (index, folder) in folders.enumerated().dropFirst() {
            let report = try changes(folder)
            let inputs = try #require(report["inputs"] as? [[String: Any]])
            #expect(inputs.map { $0["path"] as? String } == ["inputs/tariffs/\(files[index].0)"])
            #expect(inputs.map { $0["change"] as? String } == ["added"])
            let prices = try #require(report["prices"] as? [[String: Any]])
            let moved = Set(prices.compactMap { $0["fuel"] as? String })
            #expect(moved == (index == 1 ? ["rlng"] : ["gas"]))
            for period in try #require(report["attribution"] as? [[String: Any]]) {
                let change = try #require(period["new_cost_usd"] as? Double) - (try #require(period["old_cost_usd"] as? Double))
                let parts = try #require(period["by_fuel_usd"] as? [String: Double]).values.reduce(0, +) + (try #require(period["residual_usd"] as? Double))
                #expect(abs(parts - change) <= 1e-9 * abs(try #require(period["new_cost_usd"] as? Double)))
            }
            let markdown = try String(contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8)
            #expect(markdown.contains("total change in annual cost"))
        }
    }

    /// A tariff folder outside the inputs folder: the applied file still counts as an input.
    @Test func anAppliedTariffFileOutsideTheInputsIsHashedAsAnInput() throws {
        let setup = try setup(scenarios: "none")
        let outside = setup.root.appendingPathComponent("published")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try (try String(contentsOfFile: setup.config, encoding: .utf8) + "\ntariffs: published\n").write(toFile: setup.config, atomically: true, encoding: .utf8)
        try Data(Self.tariff("2026-01-01", rlng: 12, gas: 6).utf8).write(to: outside.appendingPathComponent("2026-01-01-ogra.csv"))
        #expect(try scheduled(setup, "--run-date", "2026-01-15").status == 0)
        Thread.sleep(forTimeInterval: 1.05)
        try Data(Self.tariff("2026-02-01", rlng: 12.5, gas: 6).utf8).write(to: outside.appendingPathComponent("2026-02-01-ogra.csv"))
        #expect(try scheduled(setup, "--run-date", "2026-02-15").status == 0)
        let report = try changes(setup.runs.appendingPathComponent(try #require(setup.latestTarget())))
        let inputs = try #require(report["inputs"] as? [[String: Any]])
        #expect(inputs.map { "\($0["change"] ?? "") \($0["path"] ?? "")" } == ["removed tariff/2026-01-01-ogra.csv", "added tariff/2026-02-01-ogra.csv"])
    }

    @Test(arguments: [
        ("missing column", "fuel,price,effective_date,source,tag\nrlng,13,2026-04-01,t,ASSUMPTION\n"),
        ("negative price", "fuel,price,unit,effective_date,source,tag\nrlng,-13,USD/MMBtu,2026-04-01,t,ASSUMPTION\n"),
        ("NaN price", "fuel,price,unit,effective_date,source,tag\nrlng,nan,USD/MMBtu,2026-04-01,t,ASSUMPTION\n"),
        ("unknown fuel", "fuel,price,unit,effective_date,source,tag\nlng,13,USD/MMBtu,2026-04-01,t,ASSUMPTION\n"),
        ("unit mismatch", "fuel,price,unit,effective_date,source,tag\nrlng,130,USD/t,2026-04-01,t,ASSUMPTION\n"),
        ("duplicate rows", "fuel,price,unit,effective_date,source,tag\nrlng,13,USD/MMBtu,2026-04-01,t,ASSUMPTION\nrlng,14,USD/MMBtu,2026-04-01,t,ASSUMPTION\n"),
        ("date in the future", "fuel,price,unit,effective_date,source,tag\nrlng,13,USD/MMBtu,2026-05-01,t,ASSUMPTION\n"),
        ("empty file", ""),
        ("truncated file", "fuel,price,unit,effective_date,source,tag\nrlng,13,USD/MMBtu,2026-04-01,t,ASSUMPTION\ngas,7,USD/MM"),
        ("invalid UTF-8", "fuel,price,unit,effective_date,source,tag\nrlng,13,USD/MMBtu,2026-04-01,t\u{00FF},ASSUMPTION\n"),
    ])
    func aBadTariffFileFailsTheRunAndLeavesThePreviousReport(_ name: String, _ body: String) throws {
        let setup = try setup(scenarios: "none")
        try writeTariff(setup, "2026-01-01-ogra.csv", Self.tariff("2026-01-01", rlng: 12, gas: 6))
        #expect(try scheduled(setup, "--run-date", "2026-03-15").status == 0)
        let before = try #require(setup.latestTarget())
        var bytes = Data(body.utf8)
        if name == "invalid UTF-8" { bytes = Data(body.utf8.map { $0 == 0xC3 ? 0xFF : $0 }) }   // a lone 0xFF byte
        let folder = setup.inputs.appendingPathComponent("tariffs")
        try bytes.write(to: folder.appendingPathComponent("2026-04-01-bad.csv"))
        Thread.sleep(forTimeInterval: 1.05)
        let run = try scheduled(setup, "--run-date", "2026-04-15")
        #expect(run.status == 2, "\(name): \(run.stderr)")
        #expect(run.stderr.contains("2026-04-01-bad.csv"), "\(name): \(run.stderr)")
        #expect(setup.latestTarget() == before, "\(name)")
        #expect(setup.runFolders() == [before], "\(name)")
        let failed = try #require(setup.events().last)
        #expect(failed["event"] as? String == "failed" && failed["stage"] as? String == "validate", "\(name)")
        #expect((failed["message"] as? String ?? "").contains("2026-04-01-bad.csv"), "\(name)")
    }

    @Test func aBadInputFailsTheRunAndLeavesThePreviousReport() throws {
        let setup = try setup()
        #expect(try scheduled(setup).status == 0)
        let before = try #require(setup.latestTarget())
        let prices = setup.inputs.appendingPathComponent("fuel_prices.csv")
        try (try String(contentsOf: prices, encoding: .utf8) + "gas,2030,all,-3,bad row,ASSUMPTION\n").write(to: prices, atomically: true, encoding: .utf8)
        let run = try scheduled(setup)
        #expect(run.status == 2)
        #expect(run.stderr.contains("fuel_prices.csv:"))
        #expect(setup.latestTarget() == before)
        #expect(setup.runFolders() == [before])
        let failed = try #require(setup.events().last)
        #expect(failed["event"] as? String == "failed")
        #expect(failed["stage"] as? String == "validate")
        #expect((failed["message"] as? String ?? "").contains("fuel_prices.csv"))
        let history = try cli.bijli("history", "--archive", setup.archive, "--format", "csv")
        #expect(history.stdout.contains("failed,validate"))
    }

    /// Starts a run held at `stage` (BIJLI_SCHEDULED_HOLD) and waits until it says so.
    func startHeld(_ setup: Setup, at stage: String) throws -> Process {
        let process = Process()
        process.executableURL = CLITests.binary
        process.arguments = ["scheduled", "--config", setup.config, "--quiet"]
        process.environment = ProcessInfo.processInfo.environment.merging(["BIJLI_SCHEDULED_HOLD": stage]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        for _ in 0..<300 where !setup.events().contains(where: { $0["event"] as? String == "holding" && $0["stage"] as? String == stage }) {
            Thread.sleep(forTimeInterval: 0.1)
        }
        return process
    }

    @Test func aSecondRunIsRefusedWhileTheFirstHoldsTheLockAndSIGTERMLeavesNoReport() throws {
        let setup = try setup()
        #expect(try scheduled(setup).status == 0)
        let before = try #require(setup.latestTarget())
        Thread.sleep(forTimeInterval: 1.05)
        let first = try startHeld(setup, at: "stress")
        let second = try scheduled(setup)
        #expect(second.status == 75)
        #expect(second.stderr.contains("another scheduled run holds the lock"))
        #expect(setup.events().contains { $0["event"] as? String == "refused" })
        first.terminate()   // SIGTERM, midway: the plan is solved, the sweep not yet
        first.waitUntilExit()
        #expect(first.terminationStatus == 143)
        #expect(setup.latestTarget() == before)
        #expect(setup.runFolders() == [before])
        let hidden = try FileManager.default.contentsOfDirectory(atPath: setup.runs.path).filter { $0.hasPrefix(".") }
        #expect(hidden.isEmpty)
        #expect(setup.events().last?["event"] as? String == "terminated")
        let history = try cli.bijli("history", "--archive", setup.archive, "--format", "csv")
        #expect(history.stdout.contains("failed,terminated"))
        // The lock went with the process: the next run goes ahead.
        Thread.sleep(forTimeInterval: 1.05)
        #expect(try scheduled(setup).status == 0)
    }

    @Test func aSignalWhileTheReportIsMovedIntoPlaceWaitsForItToFinish() throws {
        let setup = try setup(scenarios: "none")
        let run = try startHeld(setup, at: "rename")
        run.terminate()
        run.waitUntilExit()
        #expect(run.terminationStatus == 143)
        let target = try #require(setup.latestTarget())
        #expect(FileManager.default.fileExists(atPath: setup.runs.appendingPathComponent(target).appendingPathComponent("report.html").path))
        #expect(setup.events().last?["event"] as? String == "succeeded")
    }

    @Test func leftoversOfAKilledRunAreRemovedByTheNextRun() throws {
        let setup = try setup(scenarios: "none")
        let stale = setup.runs.appendingPathComponent(".20260101T000000Z.partial-1234")
        try FileManager.default.createDirectory(at: stale, withIntermediateDirectories: true)
        try Data("half".utf8).write(to: stale.appendingPathComponent("report.md"))
        #expect(try scheduled(setup).status == 0)
        #expect(!FileManager.default.fileExists(atPath: stale.path))
        #expect(setup.events().contains { $0["event"] as? String == "cleaned" })
    }

    @Test func configurationErrorsNameTheFileAndLineAndRunNothing() throws {
        let setup = try setup()
        try "model: m\ninputs: i\nreports: r\narchive: a.sqlite\nlog: l.jsonl\nscenarioz: all\n".write(toFile: setup.config, atomically: true, encoding: .utf8)
        let run = try scheduled(setup)
        #expect(run.status == 2)
        #expect(run.stderr.contains("schedule.yaml:6:1: unknown key 'scenarioz'"))
        #expect(run.stderr.contains("did you mean 'scenarios'"))
        #expect(!FileManager.default.fileExists(atPath: setup.root.appendingPathComponent("a.sqlite").path))
    }

    @Test func historyRefusesAMissingArchiveWithoutCreatingIt() throws {
        let path = cli.scratch.appendingPathComponent("none.sqlite").path
        let run = try cli.bijli("history", "--archive", path)
        #expect(run.status == 2)
        #expect(run.stderr.contains("no run archive here"))
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}
