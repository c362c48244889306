import EnergyModel
import Foundation
@testable import Interop
import Testing

/// PyPSA's lines and transformers as Bijli's lines (`lines.csv`, KVL): what is read, ignored and
/// refused (docs/PYPSA.md). The optimum of the `lines_kvl` fixture is checked with the others
/// (`PyPSAFixtureTests`, `PyPSARoundTripTests`).
@Suite struct PyPSALineTests {
    func write(_ folder: URL, _ file: String, _ text: String) throws {
        try text.write(to: folder.appendingPathComponent(file), atomically: true, encoding: .utf8)
    }

    static let lines = """
        name,bus0,bus1,x,r,s_nom,s_nom_extendable,s_nom_max,s_max_pu,capital_cost
        north_south_1,north,south,20.0,2.0,250.0,False,inf,1.0,0.0
        north_south_2,north,south,30.0,3.0,150.0,False,inf,1.0,0.0
        south_east,south,east,25.0,0.0,200.0,False,inf,0.9,0.0
        east_north,east,north,15.0,0.0,0.0,True,400.0,1.0,30000.0
        city_town,city,town,8.0,0.0,120.0,False,inf,1.0,0.0

        """

    @Test func reactancesArePerUnitAsPyPSAComputesThem() throws {
        let (system, files) = try PyPSAImport.load(folder: PyPSAFixtures.folder("lines_kvl").appendingPathComponent("network"))
        func line(_ id: String) throws -> Corridor { try #require(system.corridors.first { $0.id == id }) }
        // x_pu_eff: x / v_nom(bus0)² for lines, x · tap_ratio / s_nom for transformers.
        #expect(try line("north_south_1").line?.reactancePU == 20.0 / (220 * 220))
        #expect(try line("city_town").line?.reactancePU == 8.0 / (132 * 132))
        #expect(try line("south_city").line == LineFlow(kind: .transformer, reactancePU: 0.1 / 400))
        #expect(try abs(line("east_town").line!.reactancePU - 0.12 * 1.05 / 300) < 1e-18)
        #expect(try line("south_east").line?.maxPU == 0.9)
        // The s_max_pu series is a profile; the extendable line is expanded from nothing (LINKX).
        #expect(try line("north_south_2").line?.maxPUProfile == "north_south_2.s_max_pu")
        #expect(Array(system.profiles["north_south_2.s_max_pu"]!.prefix(4)) == [1, 0.8, 0.7, 1])
        let extendable = try line("east_north")
        #expect(extendable.capacityMW == 0 && extendable.investment?.capexUSDPerKW == 30 && extendable.investment?.maxCapacityMW == 400)
        #expect(files.modelFiles["model.yaml"]?.contains("corridors:") == false)
        #expect(LineCycles.basis(system).count == 3)
        // r and b do not enter the lossless linear flow: listed, not refused.
        #expect(files.notes.contains("lines.csv: ignored 'r': no effect on the optimum of the lossless linear power flow"), "\(files.notes)")
        #expect(files.notes.contains("transformers.csv: ignored 'b': no effect on the optimum of the lossless linear power flow"), "\(files.notes)")
    }

    @Test func exportWritesLinesAndTransformers() throws {
        let (system, _) = try PyPSAImport.load(folder: PyPSAFixtures.folder("lines_kvl").appendingPathComponent("network"))
        let files = try PyPSAExport.files(system)
        // Buses at PyPSA's default v_nom 1: a line's x is its x_pu, a transformer's x_pu · s_nom.
        #expect(files["buses.csv"]?.contains("v_nom") == false)
        let lines = try #require(files["lines.csv"])
        #expect(lines.hasPrefix("name,bus0,bus1,x,s_nom,s_nom_extendable,s_nom_min,s_nom_max,s_max_pu,capital_cost\n"))
        #expect(lines.contains("east_north,east,north,\(InteropText.number(15.0 / (220 * 220))),0,True,0,400,1,30000\n"), "\(lines)")
        #expect(lines.contains("north_south_2,north,south,\(InteropText.number(30.0 / (220 * 220))),150,False,0,inf,,0\n"), "\(lines)")
        #expect(files["lines-s_max_pu.csv"] == ",north_south_2\n0,1\n1,0.8\n2,0.7\n3,1\n")
        let transformers = try #require(files["transformers.csv"])
        #expect(transformers.contains("south_city,south,city,\(InteropText.number(0.1 / 400 * 400)),400,False,0,inf,1,0\n"), "\(transformers)")
        #expect(files["links.csv"] == nil)
    }

    @Test func whatBijliCannotRepresentIsRefusedByName() throws {
        let found = try PyPSAFixtures.problems("lines_kvl") { folder in
            try write(folder, "lines.csv", Self.lines
                .replacingOccurrences(of: "name,bus0,bus1,x,r,", with: "name,bus0,bus1,type,v_ang_max,x,r,")
                .replacingOccurrences(of: "north_south_1,north,south,", with: "north_south_1,north,south,Al/St 240/40 4-bundle 380.0,,")
                .replacingOccurrences(of: "north_south_2,north,south,", with: "north_south_2,north,south,,30,")
                .replacingOccurrences(of: "south_east,south,east,", with: "south_east,south,east,,,")
                .replacingOccurrences(of: "east_north,east,north,", with: "east_north,east,north,,,")
                .replacingOccurrences(of: "city_town,city,town,8.0,0.0,120.0,False,inf,1.0,0.0", with: "city_town,city,town,,,8.0,0.0,120.0,False,inf,1.0,500"))
            try write(folder, "transformers.csv", """
                name,bus0,bus1,x,s_nom,tap_ratio,phase_shift
                south_city,south,city,0.1,0.0,1.0,0.0
                east_town,east,town,0.12,300.0,1.05,30.0

                """)
            try write(folder, "lines-s_max_pu.csv", ",north_south_2\n0,1.0\n1,1.2\n2,0.7\n3,1.0\n")
        }
        func has(_ file: String, _ component: String, _ attribute: String, _ text: String) -> Bool {
            found.contains { $0.file == file && $0.component == component && $0.attribute == attribute && $0.message.contains(text) }
        }
        #expect(has("lines.csv", "line 'north_south_1'", "type", "type 'Al/St 240/40 4-bundle 380.0' is not in line_types.csv: PyPSA leaves its standard types out of a CSV folder unless exported with export_standard_types=True"))
        #expect(has("lines.csv", "line 'north_south_2'", "v_ang_max", "no voltage angles"))
        // A fixed line's capital cost is read (a constant, as in PyPSA): no problem for city_town.
        #expect(!found.contains { $0.component == "line 'city_town'" })
        #expect(has("lines-s_max_pu.csv", "line 'north_south_2'", "s_max_pu", "must stay in [0, 1]"))
        #expect(has("transformers.csv", "transformer 'south_city'", "s_nom", "s_nom must be positive"))
        #expect(has("transformers.csv", "transformer 'east_town'", "phase_shift", "value '30.0' is not supported"))
        #expect(found.count == 5, "\(found.map(\.description))")
    }

    @Test func linesOnADCBusAndExtendableTransformersWithoutRatingAreRefused() throws {
        let found = try PyPSAFixtures.problems("lines_kvl") { folder in
            try write(folder, "buses.csv", "name,v_nom,carrier\nnorth,220.0,AC\nsouth,220.0,\neast,220.0,DC\ncity,132.0,AC\ntown,132.0,AC\n")
            try write(folder, "transformers.csv", """
                name,bus0,bus1,x,s_nom,s_nom_extendable,tap_ratio
                south_city,south,city,0.1,0.0,True,1.0
                east_town,city,town,0.12,300.0,False,-1

                """)
        }
        #expect(found.contains { $0.component == "line 'south_east'" && $0.message.contains("bus 'east' has carrier 'DC'") })
        #expect(found.contains { $0.component == "line 'east_north'" && $0.message.contains("bus 'east' has carrier 'DC'") })
        #expect(found.contains { $0.component == "transformer 'south_city'" && $0.attribute == "s_nom" && $0.message.contains("also when extendable") })
        #expect(found.contains { $0.component == "transformer 'east_town'" && $0.attribute == "tap_ratio" })
        #expect(found.count == 4, "\(found.map(\.description))")
    }

    @Test func theExportRefusesATransformerWithoutRating() throws {
        var system = try PyPSAImport.load(folder: PyPSAFixtures.folder("lines_kvl").appendingPathComponent("network")).0
        let t = try #require(system.corridors.firstIndex { $0.id == "east_town" })
        system.corridors[t].capacityMW = 0
        system.corridors[t].reverseCapacityMW = 0
        #expect(throws: PyPSAError.self) { try PyPSAExport.files(system) }
        // An expandable one is exported with s_nom 1 (its base only) and keeps the optimum.
        system.corridors[t].investment = Investment(capexUSDPerKW: 0.5, lifetimeYears: 1, maxCapacityMW: 500)
        let files = try PyPSAExport.files(system)
        #expect(files["transformers.csv"]?.contains("east_town,east,town,\(InteropText.number(0.12 / 300 * 1.05)),1,True,0,500,1,500\n") == true,
                "\(files["transformers.csv"] ?? "")")
        let again = try PyPSAFixtures.reimport(files)
        let a = try SolvedCase(system), b = try SolvedCase(again)
        #expect(abs(a.objectiveUSD - b.objectiveUSD) <= 1e-9 * a.objectiveUSD, "\(a.objectiveUSD) vs \(b.objectiveUSD)")
    }

    @Test func anExpandableLineWithExistingCapacityIsOneExtendableBranch() throws {
        // Bijli: east_north has 100 MW and may be expanded (20 MW committed) at 30 USD/kW-year;
        // south_city has 250 MW and may be expanded at 20 USD/kW-year.
        var system = try PyPSAImport.load(folder: PyPSAFixtures.folder("lines_kvl").appendingPathComponent("network")).0
        let year = system.periods[0].year
        let l = try #require(system.corridors.firstIndex { $0.id == "east_north" })
        system.corridors[l].capacityMW = 100
        system.corridors[l].reverseCapacityMW = 100
        system.corridors[l].investment?.committedMW = [year: 20]
        let t = try #require(system.corridors.firstIndex { $0.id == "south_city" })
        system.corridors[t].capacityMW = 250
        system.corridors[t].reverseCapacityMW = 250
        system.corridors[t].investment = Investment(capexUSDPerKW: 20, lifetimeYears: 1)
        let files = try PyPSAExport.files(system)
        #expect(files["lines.csv"]?.contains(",100,True,120,400,1,30000\n") == true, "\(files["lines.csv"] ?? "")")
        #expect(files["transformers.csv"]?.contains("south_city,south,city,\(InteropText.number(0.1 / 400 * 250)),250,True,250,inf,1,20000\n") == true)
        let again = try PyPSAFixtures.reimport(files)
        let a = try SolvedCase(system), b = try SolvedCase(again)
        // PyPSA charges capital_cost on all of s_nom_opt (its objective constant is the existing
        // s_nom's share), Bijli only on what is built: 30,000 · 100 + 20,000 · 250 apart.
        #expect(abs(b.objectiveUSD - a.objectiveUSD - 8_000_000) <= 1e-9 * b.objectiveUSD, "\(a.objectiveUSD) vs \(b.objectiveUSD)")
        for id in ["east_north", "south_city"] {
            #expect(abs(a.capacityMW[id]! - b.capacityMW[id]!) <= 1e-6 * a.capacityMW[id]!, "\(id)")
        }
        #expect(a.capacityMW["east_north"]! > 120 && a.capacityMW["south_city"]! > 250)
    }
}
