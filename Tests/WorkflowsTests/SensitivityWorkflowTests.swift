import EnergyModel
import Foundation
import LinearProgramming
import Reporting
import Scenarios
import Testing
import Workflows

/// `CaseWorkflow.sensitivity` on the tiny case: a sweep point is the plan `run` gives with the
/// same overlay; the run folder is its own; a bad parameter stops everything before a solve.
@Suite struct SensitivityWorkflowTests {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("bijli-sensitivity-\(UUID().uuidString)")
    static let request = RunRequest(source: CaseWorkflowTests.source, tariffs: "none", resolution: .representativeDays(12), method: .simplex)

    @Test func aSweepPointIsTheRunWithItsOverlay() throws {
        let outcome = try CaseWorkflow(Self.request).sensitivity(vary: ["fuel_price.gas*=1,2"], tornado: [], out: out)
        #expect(outcome.folder.deletingLastPathComponent().path == out.appendingPathComponent("tiny/sensitivity").path)
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("tiny/base").path), "a sensitivity run leaves base/ alone")
        for file in ["sensitivity.json", "tables/sensitivity.csv", "tables/sensitivity.md", "figures/sensitivity-cost.svg", "report.html", "run.json"] {
            #expect(FileManager.default.fileExists(atPath: outcome.folder.appendingPathComponent(file).path), "no \(file)")
        }
        #expect(outcome.run.points.map(\.overlays) == [["{target: fuel_price, select: {fuel: [gas]}, scale: 1}"],
                                                      ["{target: fuel_price, select: {fuel: [gas]}, scale: 2}"]])
        #expect(outcome.solves == 2)

        // The same plans from `run`: without a change, and with the second point's overlay.
        let plain = try CaseWorkflow(Self.request).run(out: out)
        var dear = Self.request
        dear.overlays = outcome.run.points[1].overlays
        let overlaid = try CaseWorkflow(dear).run(out: out)
        for (point, run) in zip(outcome.run.results, [plain.results, overlaid.results]) {
            let a = try #require(point.objectiveUSD), b = try #require(run.objectiveUSD)
            #expect(abs(a - b) <= 1e-7 * abs(b), "sweep \(a) against run \(b)")
        }
        #expect(try #require(outcome.run.results[1].objectiveUSD) >= (outcome.run.results[0].objectiveUSD ?? .infinity) - 1e-6,
                "dearer gas cannot make the plan cheaper")
    }

    /// `demand_variant=low,high` on a copy of the tiny inputs whose demand.csv has two variants,
    /// the high one 1.2 times the low one in every region and year: the points' demand is in that
    /// ratio (same days, same shapes), and the low point is the plain run (the settings' variant).
    @Test func aDemandVariantSweepLoadsEachVariant() throws {
        let inputs = out.appendingPathComponent("inputs")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: CaseWorkflowTests.fixture.appendingPathComponent("inputs"), to: inputs)
        var demand = ["# source: illustrative test fixture", "# tag: ASSUMPTION", "region,year,variant,annual_energy_gwh,peak_mw,source,tag"]
        for (region, year, gwh) in [("north", 2025, 8760.0), ("north", 2030, 10512), ("south", 2025, 4380), ("south", 2030, 5256)] {
            for (variant, factor) in [("low", 1.0), ("high", 1.2)] { demand.append("\(region),\(year),\(variant),\(gwh * factor),,,") }
        }
        try (demand.joined(separator: "\n") + "\n").write(to: inputs.appendingPathComponent("demand.csv"), atomically: true, encoding: .utf8)
        let settings = inputs.appendingPathComponent("settings.yaml")
        try (try String(contentsOf: settings, encoding: .utf8) + "demand_variant: low\n").write(to: settings, atomically: true, encoding: .utf8)
        var request = Self.request
        request.source = .folders(model: CaseWorkflowTests.fixture.appendingPathComponent("model"), inputs: inputs)
        let outcome = try CaseWorkflow(request).sensitivity(vary: ["demand_variant=low,high"], tornado: [], out: out)
        #expect(outcome.run.points.map(\.demandVariant) == ["low", "high"] && outcome.run.points.allSatisfy(\.overlays.isEmpty))
        let low = outcome.run.results[0], high = outcome.run.results[1]
        for (a, b) in zip(low.periods, high.periods) { #expect(abs(b.demandMWh / a.demandMWh - 1.2) < 1e-9) }
        let plain = try CaseWorkflow(request).run(out: out).results
        #expect(abs(try #require(low.objectiveUSD) - (try #require(plain.objectiveUSD))) <= 1e-7 * abs(plain.objectiveUSD!))
        #expect(SensitivityReportBuilder.build(outcome.run).figures.first?.chart.categories == ["low", "high"])
    }

    @Test func badParametersAndOverlaysStopBeforeAnySolve() throws {
        func error(_ vary: [String], _ tornado: [String] = []) -> WorkflowError? {
            do {
                _ = try CaseWorkflow(Self.request).sensitivity(vary: vary, tornado: tornado, out: out)
                return nil
            } catch {
                return error
            }
        }
        let unknown = try #require(error(["fuel_price.gass*=1,2"]))
        #expect(unknown.exitCode == 2)
        #expect(unknown.description.contains("--vary 'fuel_price.gass*=1,2' at 1") && unknown.description.contains("did you mean 'gas'"), "\(unknown)")
        let three = try #require(error([], ["demand*=0.9,1,1.1"]))
        #expect(three.description.contains("takes two values"), "\(three)")
        let many = try #require(error(["demand*=1,2", "demand*=1,2", "demand*=1,2"]))
        #expect(many.description.contains("a sweep varies one or two"), "\(many)")
        #expect(!FileManager.default.fileExists(atPath: out.path), "nothing written")
    }

    /// Which base run a what-if departs from: the same case, whatever its scenario files.
    @Test func aWhatIfDepartsOnlyFromTheSameCase() {
        func provenance(_ hashes: [String: String], _ options: [String: String]) -> Provenance {
            Provenance(bijliVersion: "", glpkVersion: "", inputHashes: hashes, options: options, buildSeconds: 0, solveSeconds: 0,
                       rows: 0, columns: 0, nonzeros: 0)
        }
        let base = provenance(["model/model.yaml": "a", "inputs/demand.csv": "b", "inputs/scenarios/dry.yaml": "c"],
                              ["resolution": "repdays:12", "periods": "2025,2030"])
        let whatIf = provenance(["model/model.yaml": "a", "inputs/demand.csv": "b", "inputs/scenarios/dry.yaml": "d",
                                 "inputs/scenarios/new.yaml": "e", "scenario/mine.yaml": "f"],
                                ["resolution": "repdays:12", "periods": "2025,2030", "scenario": "mine", "overlays": "x"])
        #expect(RunReports.mismatches(whatIf, from: base).isEmpty)
        let other = provenance(["model/model.yaml": "a", "inputs/demand.csv": "z"], ["resolution": "repdays:24", "periods": "2025,2030"])
        #expect(RunReports.mismatches(other, from: base) == ["input files differ (inputs/demand.csv)", "resolution repdays:12 there, repdays:24 here"])
    }
}
