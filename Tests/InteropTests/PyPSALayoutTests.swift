import EnergyModel
import Foundation
@testable import Interop
import Testing

/// The CSV layouts PyPSA releases have written (docs/PYPSA.md, "Layouts"): each variant of the
/// `dated_layout` fixture reaches PyPSA's optimum of the fixture; descriptive and unknown columns
/// are listed as ignored; availabilities below Bijli's default cut-off are kept.
@Suite struct PyPSALayoutTests {
    /// Converts, loads and solves a fixture after `edit` changed its copy.
    func solved(_ fixture: String, _ edit: (URL) throws -> Void = { _ in }) throws -> (SolvedCase, BijliCaseFiles, EnergySystem) {
        let scratch = try PyPSAFixtures.scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let folder = try PyPSAFixtures.copy(fixture, into: scratch)
        try edit(folder)
        let (system, files) = try PyPSAImport.load(folder: folder)
        return (try SolvedCase(system), files, system)
    }

    /// The problems of converting a fixture after `edit`, empty if it converts.
    func problems(_ fixture: String, _ edit: (URL) throws -> Void) throws -> [PyPSAError.Problem] {
        try PyPSAFixtures.problems(fixture, edit)
    }

    /// Rewrites every line of a file (the header is line 0).
    func rewrite(_ folder: URL, _ file: String, _ transform: (Int, String) -> String) throws {
        let url = folder.appendingPathComponent(file)
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let body = lines.last == "" ? lines.dropLast() : lines[...]
        try (body.enumerated().map { transform($0.offset, $0.element) }.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
    }

    /// The series files of a folder (`generators-p_max_pu.csv` ...).
    func seriesFiles(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains("-") && $0.hasSuffix(".csv") }.sorted()
    }

    func expectOptimum(_ solved: SolvedCase, _ fixture: String, _ label: String) throws {
        let expected = try PyPSAFixtures.expected(fixture)
        #expect(abs(solved.objectiveUSD - expected.total_cost) <= 1e-6 * abs(expected.total_cost), "\(label): \(solved.objectiveUSD) vs PyPSA \(expected.total_cost)")
    }

    /// The snapshots of the fixture, `2019-01-01 00:00:00` ... in 4-hour steps.
    static let stamps = (0..<6).map { String(format: "2019-01-01 %02d:00:00", 4 * $0) }

    @Test func theFixtureHasDatedSnapshotsInThe1xLayout() throws {
        // pypsa 1.4.0 (and 0.25.2, see dated_layout_pypsa025) index both by position.
        let text = try String(contentsOf: PyPSAFixtures.folder("dated_layout").appendingPathComponent("network/snapshots.csv"), encoding: .utf8)
        #expect(text.hasPrefix(",snapshot,objective,stores,generators\n0,2019-01-01 00:00:00,4,"))
        let series = try String(contentsOf: PyPSAFixtures.folder("dated_layout").appendingPathComponent("network/generators-p_max_pu.csv"), encoding: .utf8)
        #expect(series.hasPrefix(",solar,wind\n0,0.0,0.6\n1,0.0008,"))
        let (_, _, system) = try solved("dated_layout")
        #expect(system.periods.map(\.year) == [2019])
        #expect(system.snapshots?.steps.map(\.weight) == Array(repeating: 4, count: 6))
    }

    @Test func seriesIndexedByTimestampInAnotherForm() throws {
        // Indexed by the snapshot, as `2019-01-01T04:00` against `2019-01-01 04:00:00`.
        let (result, _, _) = try solved("dated_layout") { folder in
            for file in try seriesFiles(folder) {
                try rewrite(folder, file) { i, line in
                    guard i > 0 else { return "snapshot" + line }
                    let stamp = Self.stamps[i - 1].replacingOccurrences(of: " ", with: "T").replacingOccurrences(of: ":00:00", with: ":00")
                    return stamp + line[line.firstIndex(of: ",")!...]
                }
            }
        }
        try expectOptimum(result, "dated_layout", "series by timestamp")
        #expect(PyPSAFolder.snapshotKey("2019-01-01") == "2019-01-01 00:00:00")
        #expect(PyPSAFolder.snapshotKey("2019-01-01T04:00") == "2019-01-01 04:00:00")
        #expect(PyPSAFolder.snapshotKey("now") == "now")
        #expect(PyPSAFolder.snapshotKey("7") == "7")
    }

    @Test func seriesRowsOutOfOrderAreRefused() throws {
        // PyPSA reads a series by row order, whatever its index says: rows out of order would be
        // read for other snapshots than they name.
        let found = try problems("dated_layout") { folder in
            try rewrite(folder, "loads-p_set.csv") { i, line in
                i == 0 ? "snapshot" + line : Self.stamps[i == 1 ? 1 : i == 2 ? 0 : i - 1] + line[line.firstIndex(of: ",")!...]
            }
        }
        #expect(found.count == 3)
        #expect(found.first?.description == "loads-p_set.csv: 'north_load': attribute 'p_set': the rows are not the snapshots: row 1 is indexed '2019-01-01 04:00:00' but snapshot 0 is '2019-01-01 00:00:00' (PyPSA reads series by row order, so the rows are out of order: '2019-01-01 04:00:00' is snapshot 1)")
    }

    @Test func snapshotsIndexedByTimestampWithOneWeightingsColumn() throws {
        // The layout of releases before 0.18: the index is the snapshot, one `weightings` column
        // for all; series indexed by the snapshot.
        let (result, _, system) = try solved("dated_layout") { folder in
            try rewrite(folder, "snapshots.csv") { i, line in
                let fields = line.split(separator: ",", omittingEmptySubsequences: false)
                return i == 0 ? "name,weightings" : "\(fields[1]),\(fields[2])"
            }
            for file in try seriesFiles(folder) {
                try rewrite(folder, file) { i, line in i == 0 ? "name" + line : Self.stamps[i - 1] + line[line.firstIndex(of: ",")!...] }
            }
        }
        #expect(system.snapshots?.steps.map(\.weight) == Array(repeating: 4, count: 6))
        try expectOptimum(result, "dated_layout", "name,weightings")
    }

    @Test func seriesThatAreNotTheSnapshotsAreRefusedByName() throws {
        // Positions 1...6 for snapshots at positions 0...5.
        let found = try problems("dated_layout") { folder in
            try rewrite(folder, "generators-p_max_pu.csv") { i, line in i == 0 ? line : String(i) + line[line.firstIndex(of: ",")!...] }
        }
        #expect(found.count == 2)
        #expect(found.allSatisfy { $0.file == "generators-p_max_pu.csv" && $0.attribute == "p_max_pu" && $0.message.hasPrefix("the rows are not the snapshots: row 1 is indexed '1' but snapshot 0 is '2019-01-01 00:00:00'") })
        #expect(Set(found.map(\.component)) == ["'solar'", "'wind'"])
    }

    @Test func descriptiveAndUnknownColumnsAreListedAsIgnored() throws {
        let (_, files, _) = try solved("dated_layout")
        let notes = files.notes.joined(separator: "\n")
        // v_nom is read (a line's per-unit reactance is x / v_nom²), so it is not listed.
        #expect(notes.contains("buses.csv: ignored 'x', 'y', 'unit', 'country' (not a pypsa 1.4.0 attribute), 'symbol' (not a pypsa 1.4.0 attribute)"), "\(notes)")
        #expect(notes.contains("lines.csv: ignored 'r', 'length': no effect on the optimum of the lossless linear power flow"), "\(notes)")
        #expect(notes.contains("carriers.csv: ignored 'color', 'nice_name'"), "\(notes)")
        #expect(notes.contains("generators.csv: ignored 'commissioned' (not a pypsa 1.4.0 attribute)"), "\(notes)")
        #expect(notes.contains("links.csv: ignored 'length'"), "\(notes)")
    }

    @Test func missingOptionalFilesAreNotNeeded() throws {
        // Without network.csv and carriers.csv (no CO2 limit: carriers' emissions change nothing).
        let (result, files, system) = try solved("dated_layout") { folder in
            for file in ["network.csv", "carriers.csv", "crs.json", "meta.json"] {
                try? FileManager.default.removeItem(at: folder.appendingPathComponent(file))
            }
        }
        try expectOptimum(result, "dated_layout", "no network.csv, carriers.csv")
        #expect(files.name == "dated_layout")
        #expect(system.fuels.isEmpty)
    }

    @Test func withoutSnapshotsAFolderHasPyPSAsSingleSnapshot() throws {
        let scratch = try PyPSAFixtures.scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        func write(_ file: String, _ text: String) throws { try text.write(to: scratch.appendingPathComponent(file), atomically: true, encoding: .utf8) }
        try write("buses.csv", "name\ntown\n")
        try write("loads.csv", "name,bus,p_set\ndemand,town,50\n")
        try write("generators.csv", "name,bus,p_nom,marginal_cost\ncoal,town,40,30\ngas,town,80,60\n")
        let (system, files) = try PyPSAImport.load(folder: scratch)
        #expect(system.snapshots?.steps.count == 1)
        #expect(files.notes.contains { $0.contains("snapshots.csv is missing: one snapshot 'now'") })
        #expect(abs(try SolvedCase(system).objectiveUSD - (40 * 30 + 10 * 60)) < 1e-9)
        // A series of that one snapshot is read; one of two rows is not.
        try write("loads-p_set.csv", "snapshot,demand\nnow,60\n")
        #expect(abs(try SolvedCase(PyPSAImport.load(folder: scratch).0).objectiveUSD - (40 * 30 + 20 * 60)) < 1e-9)
        try write("loads-p_set.csv", "snapshot,demand\n0,60\n1,70\n")
        #expect(throws: PyPSAError.self) { try PyPSAImport.convert(folder: scratch) }
    }

    /// Capital costs of a full-year network (1e5 per MW and year, steps of one hour) put ten times
    /// the largest cost per weighted hour at 1.1e6, which rounded up to 1e7 the loader refused as
    /// a value of lost load. The import keeps VoLL at the loader's ceiling, still above every cost.
    @Test func fullYearCapitalCostsKeepTheValueOfLostLoadWithinTheLoadersCeiling() throws {
        let scratch = try PyPSAFixtures.scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let folder = try PyPSAFixtures.copy("extendable_profiles", into: scratch)
        let snapshots = folder.appendingPathComponent("snapshots.csv")
        let rows = try String(contentsOf: snapshots, encoding: .utf8).split(separator: "\n").dropFirst()
        let hourly = rows.map { $0.split(separator: ",").prefix(2).joined(separator: ",") + ",1,1,1" }
        try ([",snapshot,objective,stores,generators"] + hourly).joined(separator: "\n").appending("\n")
            .write(to: snapshots, atomically: true, encoding: .utf8)
        let (system, _) = try PyPSAImport.load(folder: folder)
        #expect(system.settings.vollUSDPerMWh == Magnitude.pricePerMWh.limit)
        #expect(try SolvedCase(system).unservedMWh < 1e-9)
    }

    @Test func anAvailabilityBelowTheDefaultCutOffIsKept() throws {
        let (result, files, system) = try solved("dated_layout")
        #expect(system.settings.availabilityCutoff == 0)
        #expect(files.modelFiles["model.yaml"]?.contains("availability_cutoff: 0\n") == true)
        let solar = try #require(system.generators.first { $0.id == "solar" })
        #expect(Economics.availability(of: solar, in: system, year: 2019, hour: 1) == 0.0008)
        try expectOptimum(result, "dated_layout", "0.0008 kept")
        // The fixture depends on it: with the default cut-off the optimum is off by more than 1e-6.
        var cut = system
        cut.settings.availabilityCutoff = Economics.minimumAvailability
        let expected = try PyPSAFixtures.expected("dated_layout").total_cost
        #expect(abs(try SolvedCase(cut).objectiveUSD - expected) > 1e-6 * expected)
    }
}
