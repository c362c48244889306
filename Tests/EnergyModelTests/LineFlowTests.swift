import Foundation
import LinearProgramming
import Testing
@testable import EnergyModel

/// AC lines and transformers (`lines.csv`): the cycle basis, the KVL rows and the loader.
@Suite struct LineFlowTests {
    /// Solves in cost mode; the objective in USD and the net flow `q − qr` of each corridor in each step.
    static func solve(_ system: EnergySystem, _ time: TimeSlices) throws -> (objective: Double, flows: [String: [Double]]) {
        let optimization = try Optimizer(solver: GLPKSolver()).optimize(system, options: FormulationOptions(time: time), mode: .cost)
        #expect(optimization.result.status == .optimal)
        let solution = try #require(optimization.result.solution)
        let lp = optimization.lp
        var flows: [String: [Double]] = [:]
        for (c, corridor) in system.corridors.enumerated() {
            flows[corridor.id] = time.steps.indices.map { solution[lp.variables.flowForward[c, 0, $0]] - solution[lp.variables.flowBackward[c, 0, $0]] }
        }
        return (lp.objectiveUSD(solution), flows)
    }

    /// Buses 1, 2, 3 in a triangle, every line of reactance 0.1: a generator of 10 USD/MWh at bus
    /// 1, one of 50 USD/MWh at bus 3, 150 MW of load at bus 3; line 1-3 rated 60 MW, the others 100.
    static func triangle(expandable: Bool = false) -> EnergySystem {
        let build = expandable ? Investment(capexUSDPerKW: 1, lifetimeYears: 1) : nil
        return Tiny.system(regions: ["b1", "b2", "b3"],
                           generators: [Tiny.thermal("cheap", 1000, cost: 10, region: "b1"), Tiny.thermal("dear", 1000, cost: 50, region: "b3")],
                           corridors: [Tiny.line("l12", "b1", "b2", x: 0.1, mw: 100), Tiny.line("l23", "b2", "b3", x: 0.1, mw: 100),
                                       Tiny.line("l13", "b1", "b3", x: 0.1, mw: 60, investment: build)],
                           demand: [Tiny.demand("b1", 2030, 0), Tiny.demand("b2", 2030, 0), Tiny.demand("b3", 2030, 150)], discountRate: 0)
    }

    @Test func aTriangleOfEqualReactancesSendsTwoThirdsDirect() throws {
        // By hand: P MW from bus 1 to bus 3 splits in inverse proportion to the paths' reactances,
        // x on the direct line against 2x through bus 2, so f13 = 2P/3 and f12 = f23 = P/3 (KVL
        // around the cycle: x·f12 + x·f23 − x·f13 = 0). Line 1-3's 60 MW binds: P = 90 MW, the dear
        // unit makes the other 60 MW. One step standing for 8760 h:
        // cost = 8760 · (10 · 90 + 50 · 60) = 8760 · 3900 = 34,164,000 USD; flows 30, 30, 60 MW.
        let (objective, flows) = try Self.solve(Self.triangle(), Tiny.oneStep)
        #expect(abs(objective - 34_164_000) <= 1e-9 * 34_164_000, "\(objective)")
        #expect(abs(flows["l12"]![0] - 30) < 1e-6 && abs(flows["l23"]![0] - 30) < 1e-6 && abs(flows["l13"]![0] - 60) < 1e-6, "\(flows)")
        // The same corridors without KVL (a transport model) carry 60 + 90 MW from bus 1:
        // 8760 · 10 · 150 = 13,140,000 USD. So the KVL rows are what makes the difference.
        var transport = Self.triangle()
        for c in transport.corridors.indices { transport.corridors[c].line = nil }
        let (free, _) = try Self.solve(transport, Tiny.oneStep)
        #expect(abs(free - 13_140_000) <= 1e-9 * 13_140_000, "\(free)")
    }

    @Test func anExpandableLineKeepsItsReactance() throws {
        // Line 1-3 may be expanded at 1 USD/kW with a life of 1 year at discount rate 0: 1000 USD
        // per MW-year. Each MW added lets 1.5 MW more come from bus 1, saving 8760 · 40 · 1.5 USD,
        // so it is expanded until all 150 MW come from bus 1: f13 = 100 MW (then f12 = f23 = 50,
        // within their 100 MW). Cost = 8760 · 10 · 150 + 1000 · (100 − 60) = 13,180,000 USD.
        let (objective, flows) = try Self.solve(Self.triangle(expandable: true), Tiny.oneStep)
        #expect(abs(objective - 13_180_000) <= 1e-9 * 13_180_000, "\(objective)")
        #expect(abs(flows["l13"]![0] - 100) < 1e-6 && abs(flows["l12"]![0] - 50) < 1e-6, "\(flows)")
    }

    @Test func aRadialNetworkHasNoKVLRows() throws {
        var system = Self.triangle()
        system.corridors.removeLast()
        #expect(LineCycles.basis(system).isEmpty)
        let lp = try EnergyLP.build(system, options: FormulationOptions(time: Tiny.hours(3)))
        #expect(!lp.familyRows.contains { $0.family == .KVL })
        #expect(try EnergyLP.build(Self.triangle(), options: FormulationOptions(time: Tiny.hours(3))).familyRows.filter { $0.family == .KVL }.count == 3)
    }

    @Test func theCycleBasisCoversEverySubNetworkAndParallelLines() throws {
        // Two sub-networks: a square with a diagonal and a parallel line (3 cycles), a triangle (1).
        let lines = [("a", "b"), ("b", "c"), ("c", "d"), ("d", "a"), ("a", "c"), ("a", "b"),
                     ("e", "f"), ("f", "g"), ("g", "e")]
        let corridors = lines.enumerated().map { Tiny.line("l\($0.offset)", $0.element.0, $0.element.1, x: 0.1, mw: 10) }
        let system = Tiny.system(regions: ["a", "b", "c", "d", "e", "f", "g", "h"], generators: [Tiny.thermal("g", 10, cost: 1, region: "a")],
                                 corridors: corridors + [Corridor(id: "dc", from: "d", to: "h", capacityMW: 5)],
                                 demand: [Tiny.demand("a", 2030, 1)])
        let cycles = LineCycles.basis(system)
        // lines − buses touched + sub-networks = 9 − 7 + 2 (the transport corridor takes no part).
        #expect(cycles.count == 4)
        for cycle in cycles {
            // A cycle enters every bus as often as it leaves it (signed incidence sums to zero).
            var balance: [String: Double] = [:]
            for (c, sign) in cycle.members {
                balance[system.corridors[c].from, default: 0] -= sign
                balance[system.corridors[c].to, default: 0] += sign
            }
            #expect(balance.values.allSatisfy { $0 == 0 }, "\(cycle.members)")
            #expect(Set(cycle.members.map(\.corridor)).count == cycle.members.count)
            #expect(cycle.members.allSatisfy { system.corridors[$0.corridor].line != nil })
        }
        // The parallel line closes a cycle of two with the first a–b line.
        #expect(cycles.contains { $0.members.map(\.corridor).sorted() == [0, 5] })
    }

    @Test func linesAreReadFromLinesCSV() throws {
        let system = try TinyCase.system { variant in
            try variant.write("model/lines.csv", """
                id,from,to,kind,x_pu,s_nom_mw,s_max_pu,capex_usd_per_kw,lifetime_years,max_capacity_mw,source,tag
                ns_ac,north,south,line,0.0004,800,0.7,,,,test line,ASSUMPTION
                ns_tr,south,north,transformer,0.0002,400,,120,40,900,test transformer,ASSUMPTION
                """)
        }
        let ac = try #require(system.corridors.first { $0.id == "ns_ac" })
        #expect(ac.line == LineFlow(kind: .line, reactancePU: 0.0004, maxPU: 0.7))
        #expect(ac.capacityMW == 800 && ac.reverseCapacityMW == 800 && ac.lossFraction == 0 && ac.investment == nil)
        let transformer = try #require(system.corridors.first { $0.id == "ns_tr" })
        #expect(transformer.line?.kind == .transformer && transformer.line?.maxPU == 1)
        #expect(transformer.investment?.maxCapacityMW == 900 && transformer.reverseFraction == 1)
        #expect(system.corridors.contains { $0.id == "north_south" && $0.line == nil })
        // north_south (transport), ns_ac and ns_tr: the two lines form a cycle of two.
        #expect(LineCycles.basis(system).count == 1)
    }

    @Test func badLinesAreReported() throws {
        let issues = try TinyCase.issues { variant in
            try variant.write("model/lines.csv", """
                id,from,to,kind,x_pu,s_nom_mw,s_max_pu,s_max_pu_profile,source,tag
                north_south,north,south,line,0.1,100,,,dup,ASSUMPTION
                l2,north,nowhere,cable,0.1,100,,,bad,ASSUMPTION
                l3,north,south,line,-0.1,100,0.5,nope,bad,ASSUMPTION
                """)
        }
        #expect(has(issues, file: "lines.csv", "duplicate id 'north_south': a corridor of model.yaml has it"))
        #expect(has(issues, file: "lines.csv", "line 'l2': unknown region 'nowhere'"))
        #expect(has(issues, file: "lines.csv", "'kind' must be 'line' or 'transformer', found 'cable'"))
        #expect(has(issues, file: "lines.csv", "'x_pu' must not be negative"))
        #expect(has(issues, file: "lines.csv", "line 'l3' has both 's_max_pu' and 's_max_pu_profile'"))
        #expect(has(issues, file: "lines.csv", "line 'l3': unknown s_max_pu profile 'nope'"))
    }
}
