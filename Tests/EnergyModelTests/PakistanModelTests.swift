import Foundation
import Testing
@testable import EnergyModel

/// The Pakistan reference case (`Models/pakistan`, `Inputs/pakistan`): it loads, every number has
/// a tag and a source whose dossier keys are listed in `Models/pakistan/SOURCES.md`, and the data
/// obey the conventions of the model (carriers, fuels, regions, usable hydro budgets).
@Suite struct PakistanModelTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let model = repository.appendingPathComponent("Models/pakistan")
    static let inputs = repository.appendingPathComponent("Inputs/pakistan")

    /// The case, loaded once for all tests (the two 8760-row files take about a second in debug).
    static let loaded: Result<EnergySystem, CaseLoadError> = Result(catching: { () throws(CaseLoadError) in
        try CaseLoader.load(model: model, inputs: inputs)
    })

    /// The loaded case, or a recorded issue listing every load problem.
    static func system() -> EnergySystem? {
        switch loaded {
        case .success(let system): return system
        case .failure(let error):
            Issue.record("the Pakistan case does not load: \(error)")
            return nil
        }
    }

    /// Source keys `[S12]`, `[S29b]` cited in a text.
    static func keys(in text: String) -> Set<String> {
        let pattern = try! NSRegularExpression(pattern: #"\[(S[0-9]+[a-z]?)\]"#)
        let range = NSRange(text.startIndex..., in: text)
        return Set(pattern.matches(in: text, range: range).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        })
    }

    /// The keys SOURCES.md lists with a citation: lines `- **[Sx]** citation`.
    static func listedKeys() throws -> Set<String> {
        let text = try String(contentsOf: model.appendingPathComponent("SOURCES.md"), encoding: .utf8)
        let pattern = try NSRegularExpression(pattern: #"^- \*\*\[(S[0-9]+[a-z]?)\]\*\* \S.*$"#, options: [.anchorsMatchLines])
        let range = NSRange(text.startIndex..., in: text)
        return Set(pattern.matches(in: text, range: range).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        })
    }

    /// The back-cast observations: (group, carriers, GWh, share %, source, tag) per data row.
    static func observations() throws -> [[String: String]] {
        let url = inputs.appendingPathComponent("backcast/observed_generation.csv")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
            .filter { !$0.hasPrefix("#") && !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        guard let header = lines.first else { return [] }
        let names = fields(header)
        return lines.dropFirst().map { line in
            Dictionary(uniqueKeysWithValues: zip(names, fields(line)))
        }
    }

    /// Splits one CSV line with RFC 4180 quotes.
    static func fields(_ line: String) -> [String] {
        var result: [String] = [], current = "", quoted = false
        var characters = Array(line)[...]
        while let c = characters.popFirst() {
            if c == "\"" {
                if quoted, characters.first == "\"" { current.append("\""); characters.removeFirst() } else { quoted.toggle() }
            } else if c == ",", !quoted {
                result.append(current); current = ""
            } else {
                current.append(c)
            }
        }
        result.append(current)
        return result.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    static let carriers: Set<String> = ["hydro", "nuclear", "coal_import", "lignite", "rlng", "gas", "rfo", "hsd", "bagasse", "wind", "solar", "solar_rooftop"]
    static let fuels: Set<String> = ["rlng", "gas", "coal_import", "lignite", "rfo", "hsd", "uranium"]

    @Test func everyNumberHasATagAndASourceWhoseKeysAreListed() throws {
        guard let system = Self.system() else { return }
        let listed = try Self.listedKeys()
        #expect(!listed.isEmpty, "SOURCES.md lists no source keys")
        #expect(system.sources.count > 100, "expected a source note per row, found \(system.sources.count)")
        for note in system.sources {
            #expect(!note.source.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(note.file) \(note.key): empty source")
            #expect(SourceNote.Tag.allCases.contains(note.tag))
            if note.tag == .sourced || note.tag == .derived {
                // A sourced or derived number names where it comes from: a dossier key or a citation.
                #expect(!Self.keys(in: note.source).isEmpty || note.source.contains(".com") || note.source.contains("conventions"),
                        "\(note.file) \(note.key): tagged \(note.tag.rawValue) without a source key or citation")
            }
            let missing = Self.keys(in: note.source).subtracting(listed)
            #expect(missing.isEmpty, "\(note.file) \(note.key) cites \(missing.sorted()) not listed in SOURCES.md")
        }
    }

    @Test func backcastObservationsAreTaggedAndAddUp() throws {
        let rows = try Self.observations()
        let listed = try Self.listedKeys()
        #expect(rows.count >= 8)
        var total = 0.0, share = 0.0, seen: Set<String> = []
        for row in rows {
            #expect(SourceNote.Tag(rawValue: row["tag"] ?? "") != nil, "group \(row["group"] ?? "?"): bad tag")
            #expect(!(row["source"] ?? "").isEmpty, "group \(row["group"] ?? "?"): no source")
            #expect(Self.keys(in: row["source"] ?? "").isSubset(of: listed))
            for carrier in (row["carriers"] ?? "").split(separator: ";").map(String.init) {
                #expect(Self.carriers.contains(carrier), "unknown carrier \(carrier)")
                #expect(seen.insert(carrier).inserted, "carrier \(carrier) in two groups")
            }
            total += Double(row["observed_gwh"] ?? "") ?? .nan
            share += Double(row["observed_share_percent"] ?? "") ?? .nan
        }
        // FY2024-25 grid generation 127,158 GWh [S79][S9]; the shares are rounded to 0.01.
        #expect(abs(total - 127_158) < 1)
        #expect(abs(share - 100) < 0.1)
    }

    @Test func caseFollowsTheSharedConventions() {
        guard let system = Self.system() else { return }
        #expect(system.regions.map(\.id) == ["north", "south", "karachi"])
        #expect(system.periods.map(\.year) == [2025, 2030, 2035])
        #expect(Set(system.fuels.map(\.id)) == Self.fuels)
        for generator in system.generators {
            #expect(Self.carriers.contains(generator.carrier), "\(generator.id): carrier \(generator.carrier)")
        }
        // The regional demand of the back-cast year adds up to FY2024-25 grid generation.
        let demand2025MWh = system.demand.filter { $0.year == 2025 }.map { $0.hourlyMW.reduce(0, +) }.reduce(0, +)
        #expect(abs(demand2025MWh / 1000 - 127_158) < 1)
    }

    @Test func hydroBudgetsFitTheirPlants() {
        guard let system = Self.system() else { return }
        let hours = [744.0, 672, 744, 720, 744, 720, 744, 744, 720, 744, 720, 744]
        let budgeted = system.generators.filter(\.hasHydroBudget)
        #expect(!budgeted.isEmpty)
        for generator in budgeted {
            let capacity = generator.existingCapacityMW + (generator.investment?.maxCapacityMW ?? 0)
            let budgets = system.hydroBudgets.filter { $0.generator == generator.id }
            #expect(budgets.count == 12 * system.periods.count, "\(generator.id): \(budgets.count) monthly budgets")
            for budget in budgets {
                // A budget the plant cannot release is energy the model silently loses.
                #expect(budget.energyMWh <= capacity * (1 - generator.forcedOutageRate) * hours[budget.month - 1] + 1e-6,
                        "\(generator.id) \(budget.year)-\(budget.month): \(budget.energyMWh) MWh over capacity")
            }
        }
    }
}
