import Foundation
import Testing

/// `bijli forecast` end to end on a temporary copy of the Pakistan forecast inputs (docs/CLI.md).
@Suite struct ForecastCommandTests {
    let scratch: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bijli-forecast-cli-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url.appendingPathComponent("history"), withIntermediateDirectories: true)
        return url
    }()

    /// Copies forecast.yaml and the history files of Inputs/pakistan into the scratch folder.
    func copyPakistanInputs() throws {
        let inputs = CLITests.repository.appendingPathComponent("Inputs/pakistan")
        for name in ["forecast.yaml", "history/generation_pbs.csv", "history/wdi_drivers.csv"] {
            try FileManager.default.copyItem(at: inputs.appendingPathComponent(name), to: scratch.appendingPathComponent(name))
        }
    }

    func run(_ arguments: String...) throws -> CLITests.Run {
        try CLITests().bijli(arguments)
    }

    @Test func printsTheFitAndVariantsAndWritesOnlyWithWrite() throws {
        defer { try? FileManager.default.removeItem(at: scratch) }
        try copyPakistanInputs()
        let demand = scratch.appendingPathComponent("demand.csv")
        let dry = try run("forecast", "--inputs", scratch.path)
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("Model used for the variants: ln(energy_per_capita) ~ 1 + ln_gdp_per_capita"))
        #expect(dry.stdout.contains("R² = "))
        #expect(dry.stdout.contains("residuals (log points): 2007 "))
        #expect(dry.stdout.contains("warning: 'ln_population' has a negative elasticity"))
        for variant in ["low", "medium", "high"] {
            #expect(dry.stdout.contains("\n  \(variant) "), "no \(variant) row")
        }
        #expect(!FileManager.default.fileExists(atPath: demand.path))

        let wet = try run("forecast", "--inputs", scratch.path, "--write")
        #expect(wet.status == 0, "\(wet.stderr)")
        #expect(wet.stdout.contains("wrote \(demand.path) (27 rows)"))
        let text = try String(contentsOf: demand, encoding: .utf8)
        #expect(text.contains("\nregion,year,variant,annual_energy_gwh,peak_mw,source,tag\n"))
        // The committed file is what the command writes.
        let committed = try String(contentsOf: CLITests.repository.appendingPathComponent("Inputs/pakistan/demand.csv"), encoding: .utf8)
        #expect(text == committed)
    }

    @Test func badInputsExitTwoWithPlaces() throws {
        defer { try? FileManager.default.removeItem(at: scratch) }
        try copyPakistanInputs()
        let file = scratch.appendingPathComponent("history/generation_pbs.csv")
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(of: "energy_gwh,2010,100369,", with: "energy_gwh,2010,-1,").write(to: file, atomically: true, encoding: .utf8)
        let result = try run("forecast", "--inputs", scratch.path, "--write")
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(file.path):7:17: energy_gwh must be positive"), "\(result.stderr)")
        #expect(result.stderr.contains("1 problem found"))
        #expect(!FileManager.default.fileExists(atPath: scratch.appendingPathComponent("demand.csv").path))
    }

    @Test func anUnwritableDemandFileExits73() throws {
        defer { try? FileManager.default.removeItem(at: scratch) }
        try copyPakistanInputs()
        // A folder where demand.csv should go cannot be replaced by a file.
        try FileManager.default.createDirectory(at: scratch.appendingPathComponent("demand.csv/inner"), withIntermediateDirectories: true)
        let result = try run("forecast", "--inputs", scratch.path, "--write")
        #expect(result.status == 73, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("cannot write"))
    }
}
