import Foundation
import Testing
import LinearProgramming
@testable import EnergyModel

/// RESERVE by season and by zone (``ReserveStructure``): a golden LP file, optima derived by hand,
/// and the default form unchanged.
@Suite struct ReserveStructureTests {
    /// Hour 4400 lies in July (hours 4344-5087), hour 0 in January.
    static let julyHour = 4400

    static func run(_ system: EnergySystem, time: TimeSlices = Tiny.oneStep) throws -> (EnergyLP, Solution) {
        let run = try Optimizer().optimize(system, options: FormulationOptions(time: time), mode: .cost)
        #expect(run.result.status == .optimal)
        return (run.lp, try #require(run.result.solution))
    }

    static func capacity(_ lp: EnergyLP, _ solution: Solution, _ id: String) throws -> Double {
        let g = try #require(lp.system.generators.firstIndex { $0.id == id })
        return solution.values[try #require(lp.variables.capacity[g, 0]).index]
    }

    /// A candidate with no existing capacity, built only for the reserve (its VOM keeps it out of
    /// the dispatch): annuity = capex · 1000 / life at a discount rate of 0.
    static func candidate(_ id: String, region: String = "r", capex: Double, credit: Double) -> Generator {
        Generator(id: id, region: region, technology: id, carrier: "gas", existingCapacityMW: 0, variableOMUSDPerMWh: 5000,
                  capacityCredit: credit, investment: Investment(capexUSDPerKW: capex, lifetimeYears: 10))
    }

    /// An existing plant that serves the dispatch and counts nothing for the reserve.
    static func base(_ id: String = "base", region: String = "r") -> Generator {
        var plant = Tiny.thermal(id, 1000, cost: 10, region: region)
        plant.capacityCredit = 0
        return plant
    }

    // MARK: Seasons

    /// One region, 2030 alone (δ = 1, n = 1, discount rate 0). Demand 50 MW, with 80 MW in hour 0
    /// (January) and 100 MW in hour 4400 (July); margin 10 %. Seasons: winter = Oct-Mar, summer =
    /// Apr-Sep. Candidates: "hydro", capex 600 USD/kW over 10 years = 60,000 USD/MW-yr, credit 0.8
    /// in summer and 0.2 in winter (its single credit 0.4); "gas", 90,000 USD/MW-yr, credit 0.9.
    ///
    /// By hand: summer 0.8 H + 0.9 G ≥ 110, winter 0.2 H + 0.9 G ≥ 88. Gas alone needs 122.2 MW
    /// (11.0 M USD), hydro alone 440 MW (26.4 M); both rows binding, 0.6 H = 22: H = 36.667,
    /// G = (88 − 7.333)/0.9 = 89.630, 10.267 M USD, with duals 66,667 (summer) and 33,333 (winter),
    /// both ≥ 0, so this vertex is the optimum. With the single credit (0.4 H + 0.9 G ≥ 110 against the
    /// annual peak) hydro's firm MW costs 150,000 against gas's 100,000: gas alone, 122.2 MW.
    /// Dispatch: the base plant serves 80 MW × 8760 h at 10 USD/MWh = 7.008 M in both.
    static func seasonalCase(seasonal: Bool) -> EnergySystem {
        var demand = [Double](repeating: 50, count: EnergySystem.hoursPerYear)
        demand[0] = 80
        demand[julyHour] = 100
        var system = Tiny.system(generators: [base(), candidate("hydro", capex: 600, credit: 0.4), candidate("gas", capex: 900, credit: 0.9)],
                                 policies: Policies(reserveMargin: PolicyTarget([2030: 0.1])),
                                 demand: [RegionalDemand(region: "r", year: 2030, hourlyMW: demand)], discountRate: 0)
        if seasonal {
            system.reserve.seasons = [ReserveSeason(id: "winter", months: [10, 11, 12, 1, 2, 3], credits: ["hydro": 0.2]),
                                      ReserveSeason(id: "summer", months: [4, 5, 6, 7, 8, 9], credits: ["hydro": 0.8])]
        }
        return system
    }

    @Test("seasonal credits: two seasons, two technologies, the optimum derived by hand (1e-7 relative)")
    func seasonalOptimumByHand() throws {
        let (lp, solution) = try Self.run(Self.seasonalCase(seasonal: true))
        #expect(close(try Self.capacity(lp, solution, "hydro"), 110.0 / 3))
        #expect(close(try Self.capacity(lp, solution, "gas"), (88 - 0.2 * 110.0 / 3) / 0.9))
        let hydro: Double = 110.0 / 3, gas: Double = (88 - 0.2 * hydro) / 0.9
        let expected: Double = 7_008_000 + 60_000 * hydro + 90_000 * gas
        #expect(close(lp.objectiveUSD(solution), expected))
        // The margin achieved is that of the tightest season: both rows bind, so 10 %.
        let provenance = Provenance(bijliVersion: "test", glpkVersion: GLPKLibrary.version, inputHashes: [:], options: [:],
                                    buildSeconds: 0, solveSeconds: 0, rows: 0, columns: 0, nonzeros: 0)
        let run = try Optimizer().optimize(Self.seasonalCase(seasonal: true), options: FormulationOptions(time: Tiny.oneStep), mode: .cost)
        #expect(close(EnergyResults(run, provenance: provenance).periods[0].indicators.reserveMargin, 0.1, 1e-7))
        // The rows are named by period and season.
        #expect(lp.program.rowNames.contains("RESERVE[2030,summer]") && lp.program.rowNames.contains("RESERVE[2030,winter]"))

        let (single, singleSolution) = try Self.run(Self.seasonalCase(seasonal: false))
        #expect(close(try Self.capacity(single, singleSolution, "hydro"), 0, 1e-7))
        #expect(close(try Self.capacity(single, singleSolution, "gas"), 110 / 0.9))
    }

    @Test("one season of twelve months and one zone of every region give the default's optimum")
    func trivialStructureMatchesTheDefault() throws {
        var system = Self.seasonalCase(seasonal: false)
        let (_, defaultSolution) = try Self.run(system)
        system.reserve.seasons = [ReserveSeason(id: "year", months: Array(1...12))]
        system.reserve.zones = [ReserveZone(id: "all", regions: ["r"])]
        let (lp, solution) = try Self.run(system)
        #expect(lp.program.rowNames.contains("RESERVE[2030,all,year]"))
        #expect(close(solution.objective, defaultSolution.objective, 1e-9))
    }

    // MARK: Zones

    /// Zones a (demand peak 100 MW in hour 0, else 40) and b (peak 50, else 20), margin 0, one
    /// corridor a → b rated 30 MW with 10 % losses. Candidates: "ga" in a at 90,000 USD/MW-yr,
    /// "gb" in b at 120,000, both credit 1.
    ///
    /// By hand: system-wide, 150 MW of ga (13.5 M USD). By zone: a firm MW lent from a to b costs
    /// 90,000 and counts 0.9 in b, 100,000 per MW counted, below gb's 120,000, so the transfer runs
    /// at its rating: T = 30, b counts 27 and builds gb = 23; a builds ga = 100 + 30 = 130
    /// (11.7 M + 2.76 M = 14.46 M USD).
    static func zonalCase(zones: Bool, expandable: Bool = false) -> EnergySystem {
        var corridor = Corridor(id: "ab", from: "a", to: "b", capacityMW: 30, reverseCapacityMW: 30, lossFraction: 0.1)
        if expandable {
            corridor.investment = Investment(capexUSDPerKW: 10, lifetimeYears: 10, maxCapacityMW: 80)
        }
        var system = Tiny.system(regions: ["a", "b"],
                                 generators: [base("base_a", region: "a"), base("base_b", region: "b"),
                                              candidate("ga", region: "a", capex: 900, credit: 1), candidate("gb", region: "b", capex: 1200, credit: 1)],
                                 corridors: [corridor], policies: Policies(reserveMargin: PolicyTarget([2030: 0])),
                                 demand: [Tiny.demand("a", 2030, hours: [100], rest: 40), Tiny.demand("b", 2030, hours: [50], rest: 20)],
                                 discountRate: 0)
        if zones { system.reserve.zones = [ReserveZone(id: "za", regions: ["a"]), ReserveZone(id: "zb", regions: ["b"])] }
        return system
    }

    @Test("zones: the import credit is limited by the corridor and paid for by the exporting zone (by hand, 1e-7)")
    func zonalOptimumByHand() throws {
        let (system, systemSolution) = try Self.run(Self.zonalCase(zones: false))
        #expect(close(try Self.capacity(system, systemSolution, "ga"), 150))
        #expect(close(try Self.capacity(system, systemSolution, "gb"), 0, 1e-7))

        let (lp, solution) = try Self.run(Self.zonalCase(zones: true))
        #expect(close(try Self.capacity(lp, solution, "ga"), 130))
        #expect(close(try Self.capacity(lp, solution, "gb"), 23))
        // Dispatch at hour 0: 100 + 50 MW from the base plants, 8760 h at 10 USD/MWh.
        let expected: Double = 150.0 * 8760 * 10 + 130.0 * 90_000 + 23.0 * 120_000
        #expect(close(lp.objectiveUSD(solution), expected))
        let transfer = try #require(lp.program.variableNames.firstIndex(of: "RT[ab,2030]"))
        #expect(close(solution.values[transfer], 30))
        // The transfers are planning columns: the Benders split puts them with the capacities.
        let blocks = try lp.bendersBlocks()
        #expect(blocks.assignments[transfer] == .master)
    }

    /// The zonal case with a corridor that can be expanded to 80 MW at 10 USD/kW over 10 years
    /// (1,000 USD/MW-yr). Lending over a new corridor MW costs (90,000 + 1,000)/0.9 = 101,111 per MW
    /// counted in b, still below 120,000: b is covered by imports alone, T = 50/0.9 = 55.556, the
    /// corridor grows to that (25.556 MW built), ga = 155.556, gb = 0.
    @Test("zones: an expandable corridor's reserve transfer follows its capacity in service (by hand, 1e-7)")
    func zonalExpansionByHand() throws {
        let (lp, solution) = try Self.run(Self.zonalCase(zones: true, expandable: true))
        #expect(close(try Self.capacity(lp, solution, "ga"), 100 + 50 / 0.9))
        #expect(close(try Self.capacity(lp, solution, "gb"), 0, 1e-7))
        let corridorCapacity = try #require(lp.variables.corridorCapacity[id: "ab", period: 0])
        #expect(close(solution.values[corridorCapacity.index], 50 / 0.9))
        #expect(lp.program.rowNames.contains("RESERVE_T[ab,2030]"))
    }

    @Test("the binding sentence names the zone and season")
    func sentence() {
        let text = EquationID.RESERVE.sentence(["2030", "karachi", "summer"], shadowPrice: -71_000)
        #expect(text.contains("2030 (karachi, summer)") && text.contains("71000 USD"))
        #expect(EquationID.RESERVE.sentence(["2030"], shadowPrice: 5).contains("of 2030 binds"))
    }

    // MARK: Golden file

    /// The zonal case with two seasons, a seasonal credit and a zone's own margin, as an LP file
    /// (`Fixtures/golden/RESERVE-zones.lp`).
    @Test func zonalSeasonalReserveMatchesItsGoldenFile() throws {
        var system = Self.zonalCase(zones: true)
        system.demand[0].hourlyMW[Self.julyHour] = 120
        system.reserve.zones[1].marginByYear = [2030: 0.2]
        system.reserve.seasons = [ReserveSeason(id: "winter", months: [10, 11, 12, 1, 2, 3], credits: ["gb": 0.5]),
                                  ReserveSeason(id: "summer", months: [4, 5, 6, 7, 8, 9])]
        system.reserve.corridorCredits = ["ab": 0.8]
        let lp = try EnergyLP.build(system, options: FormulationOptions(time: Tiny.hours(2, weight: 4380), sumForm: .direct, capacityCopies: false))
        let names = lp.program.rowNames + lp.program.variableNames
        #expect(names.contains("RESERVE[2030,zb,summer]") && names.contains("RT[ab,2030,winter]"))
        try GoldenLPTests.expectGolden(lp, "RESERVE-zones.lp")
    }
}

/// `reserve` in `model.yaml` and `capacity_credits.csv`: read, sourced, and checked.
@Suite("Loading: reserve seasons, zones and seasonal credits")
struct ReserveLoadingTests {
    static let reserve = """
    reserve:
      seasons:
        - {id: summer, months: [4, 5, 6, 7, 8, 9]}
        - {id: winter, months: [10, 11, 12, 1, 2, 3]}
      zones:
        - {id: n, regions: [north]}
        - {id: s, regions: [south], reserve_margin: {2030: 0.2}}
      corridor_credits: {north_south: 0.9}
      source: test reasoning
      tag: ASSUMPTION

    """
    static let header = "resource,technology,season,capacity_credit,source,tag\n"

    static func append(_ variant: TinyCase.Variant, _ text: String) throws {
        let yaml = try String(contentsOf: variant.url("model/model.yaml"), encoding: .utf8)
        try variant.write("model/model.yaml", yaml + text)
    }

    @Test func readsSeasonsZonesAndCredits() throws {
        let system = try TinyCase.system { variant in
            try Self.append(variant, Self.reserve)
            try variant.write("model/capacity_credits.csv", Self.header
                + ",solar_pv,summer,0.3,test,ASSUMPTION\n"
                + "north_solar,,summer,0.35,test,ASSUMPTION\n"
                + ",hydro_reservoir,winter,0.5,test,ASSUMPTION\n")
        }
        #expect(system.reserve.seasons.map(\.id) == ["summer", "winter"])
        #expect(system.reserve.seasons[0].months == [4, 5, 6, 7, 8, 9])
        // The resource's row wins over its technology's; other resources keep their single credit.
        #expect(system.reserve.seasons[0].credits == ["north_solar": 0.35])
        #expect(system.reserve.seasons[1].credits == ["north_hydro": 0.5])
        #expect(system.reserve.zones == [ReserveZone(id: "n", regions: ["north"]), ReserveZone(id: "s", regions: ["south"], marginByYear: [2030: 0.2])])
        #expect(system.reserve.credit(ofCorridor: "north_south") == 0.9)
        #expect(system.sources.contains { $0.file == "model.yaml" && $0.key == "reserve" })
        #expect(system.sources.contains { $0.file == "capacity_credits.csv" && $0.key == "capacity_credits.north_solar.summer" })
    }

    @Test func withoutTheSectionTheStructureIsTheDefault() throws {
        #expect(try TinyCase.load().reserve.isDefault)
    }

    @Test("a wrong reserve section names the file, line and what to do")
    func yamlErrors() throws {
        let issues = try TinyCase.issues { variant in
            try Self.append(variant, """
            reserve:
              seasons:
                - {id: summer, months: [6, 7, 13]}
                - {id: monsoon, months: [7, 8]}
              zones:
                - {id: n, regions: [nort]}
              corridor_credits: {north_south: 1.5, north_east: 0.5}
              sesons: []
              source: test
              tag: ASSUMPTION

            """)
        }
        let yaml = "model.yaml"
        #expect(has(issues, file: yaml, "a month must be 1-12, found '13'"))
        #expect(has(issues, file: yaml, "month 7 is already in season 'summer'"))
        #expect(has(issues, file: yaml, "unknown region 'nort'"))
        #expect(issues.contains { $0.message.contains("unknown region 'nort'") && ($0.suggestion ?? "").contains("north") })
        #expect(has(issues, file: yaml, "region 'north' is in no reserve zone"))
        #expect(has(issues, file: yaml, "region 'south' is in no reserve zone"))
        #expect(has(issues, file: yaml, "'reserve.corridor_credits.north_south' must be in [0, 1], found 1.5"))
        #expect(has(issues, file: yaml, "unknown corridor 'north_east'"))
        #expect(has(issues, file: yaml, "unknown key 'sesons' in reserve"))
        #expect(issues.allSatisfy { !$0.file.hasSuffix(yaml) || $0.line != nil })
    }

    @Test("reserve without the policy is an error")
    func reserveNeedsThePolicy() throws {
        let issues = try TinyCase.issues { variant in
            try variant.replace("model/model.yaml", "  reserve_margin:\n    values: {2030: 0.15}\n", "")
            try Self.append(variant, "reserve:\n  seasons:\n    - {id: summer, months: [6]}\n")
        }
        #expect(has(issues, file: "model.yaml", "'policies.reserve_margin' is not set"))
    }

    @Test("a wrong capacity_credits.csv row names the file, line and column")
    func csvErrors() throws {
        let issues = try TinyCase.issues { variant in
            try Self.append(variant, Self.reserve)
            try variant.write("model/capacity_credits.csv", Self.header
                + "north_solr,,summer,0.3,test,ASSUMPTION\n"
                + ",solar_pvv,summer,0.3,test,ASSUMPTION\n"
                + "north_solar,solar_pv,summer,0.3,test,ASSUMPTION\n"
                + ",,summer,0.3,test,ASSUMPTION\n"
                + "north_solar,,monsoon,0.3,test,ASSUMPTION\n"
                + "north_solar,,summer,1.3,test,ASSUMPTION\n"
                + "north_hydro,,winter,0.5,test,ASSUMPTION\n"
                + "north_hydro,,winter,0.6,test,ASSUMPTION\n"
                + "north_hydro,,summer,0.6,,\n")
        }
        let csv = "capacity_credits.csv"
        #expect(has(issues, file: csv, "unknown resource 'north_solr'", line: 2))
        #expect(issues.contains { $0.line == 2 && $0.column == 1 && ($0.suggestion ?? "").contains("north_solar") })
        #expect(has(issues, file: csv, "unknown technology 'solar_pvv'", line: 3))
        #expect(has(issues, file: csv, "gives both a 'resource' and a 'technology'", line: 4))
        #expect(has(issues, file: csv, "needs a 'resource' or a 'technology'", line: 5))
        #expect(has(issues, file: csv, "unknown reserve season 'monsoon'", line: 6))
        #expect(has(issues, file: csv, "'capacity_credit' must be in [0, 1], found 1.3", line: 7))
        #expect(has(issues, file: csv, "has a credit for season 'winter' already (line 8)", line: 9))
        #expect(has(issues, file: csv, "no tag for this row", line: 10))
    }

    @Test("seasonal credits need seasons")
    func creditsNeedSeasons() throws {
        let issues = try TinyCase.issues { variant in
            try variant.write("model/capacity_credits.csv", Self.header + "north_solar,,summer,0.3,test,ASSUMPTION\n")
        }
        #expect(has(issues, file: "capacity_credits.csv", "declares no reserve seasons"))
    }
}
