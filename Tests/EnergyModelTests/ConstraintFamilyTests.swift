import Foundation
import Testing
@testable import EnergyModel

/// The registry of constraint families: every equation ID has exactly one family, in the build
/// order, with a golden LP file, a binding sentence, a unit and a PyPSA mapping.
@Suite struct ConstraintFamilyTests {
    @Test func everyEquationIDHasOneRegisteredFamily() {
        let order = EquationID.buildOrder
        #expect(order.count == EquationID.allCases.count)
        #expect(Set(order) == Set(EquationID.allCases))
        for id in EquationID.allCases {
            #expect(ConstraintFamilies.family(id).traits.id == id, "\(id) is registered under another ID")
        }
    }

    @Test func theBuildOrderIsTodays() {
        // The LP files' column and row order depends on it (the golden files check the rest).
        #expect(EquationID.buildOrder == [.BUILD, .LINKX, .CAP, .MINGEN, .STO, .LINK, .KVL, .EB, .HYDRO, .FUEL, .FUELMIN,
                                          .RESERVE, .RESHARE, .CO2, .IMPORT, .FXBILL])
    }

    @Test(arguments: EquationID.allCases)
    func everyFamilyHasAGoldenFileASentenceAndUnits(_ id: EquationID) {
        let golden = GoldenLPTests.directory.appendingPathComponent("\(id.rawValue).lp")
        #expect(FileManager.default.fileExists(atPath: golden.path), "no golden LP file for \(id)")
        let sentence = id.sentence(["x", "2030", "m07"], shadowPrice: 12.5)
        #expect(!sentence.isEmpty)
        #expect(sentence.contains("12.50"), "\(id): \(sentence)")
        #expect(!id.shadowPriceUnit.isEmpty && !id.rowUnit.isEmpty)
        #expect(id.rowScale > 0 && id.rowScale <= 1)
    }

    @Test func reportedFamiliesHaveTheirOwnSentence() {
        for id in EquationID.allCases where id.reportsBinding {
            #expect(!id.sentence(["x", "2030", "m07"], shadowPrice: 1).hasPrefix("\(id.rawValue)["), "\(id) reports a generic sentence")
        }
        #expect(EquationID.HYDRO.sentence(["tarbela", "2030", "m07"], shadowPrice: -3) ==
                "The water budget of tarbela in July 2030 binds: one more MWh of inflow saves 3.00 USD.")
    }

    @Test func planningFamiliesAreTheCapacityDecisionsAndTheirTargets() {
        #expect(Set(EquationID.allCases.filter { $0.stage == .planning }) == [.BUILD, .LINKX, .RESERVE, .RESHARE])
        // A planning family that is a policy can be switched off through its target.
        for id in EquationID.allCases where id.stage == .planning && ![.BUILD, .LINKX].contains(id) { #expect(id.policy != nil, "\(id)") }
    }

    @Test func policyFamiliesMapToPyPSAByTheirTarget() {
        var system = Tiny.system(generators: [Tiny.thermal("th", 100, cost: 40)], demand: [Tiny.demand("r", 2030, hours: [60, 90])])
        let time = Tiny.hours(2, weight: 4380)
        #expect(EquationID.RESERVE.pypsaMapping(system, year: 2030, time: time) == .absent)
        system.policies.reserveMargin = PolicyTarget([2030: 0.15])
        guard case .refused(let component, _) = EquationID.RESERVE.pypsaMapping(system, year: 2030, time: time) else {
            Issue.record("a reserve margin must be refused"); return
        }
        #expect(component == "policies")
        system.policies.co2CapTonnes = PolicyTarget([2030: 1000])
        #expect(EquationID.CO2.pypsaMapping(system, year: 2030, time: time) != .absent)
        if case .refused = EquationID.CO2.pypsaMapping(system, year: 2030, time: time) { Issue.record("a hard CO2 cap is exported") }
        system.policies.co2CapTonnes = PolicyTarget([2030: 1000], penalty: 50)
        if case .refused = EquationID.CO2.pypsaMapping(system, year: 2030, time: time) {} else { Issue.record("a soft CO2 cap is refused") }
    }

    @Test func variablesAreKeyedByResourcePeriodAndStep() throws {
        let (system, time, _) = GoldenLPTests.goldenCase(.RESERVE)
        let lp = try EnergyLP.build(system, options: FormulationOptions(time: time, sumForm: .direct, capacityCopies: false))
        let generation = lp.variables.generation
        #expect(generation.ids == system.generators.map(\.id))
        #expect(generation.periodCount == 1 && generation.stepCount == 2)
        for (g, generator) in system.generators.enumerated() {
            for t in 0..<2 {
                #expect(generation[id: generator.id, period: 0, step: t] == generation[g, 0, t])
                #expect(generation[g][0][t] == generation[g, 0, t])
                #expect(lp.program.variableNames[generation[g, 0, t].index] == "p[\(generator.id),2030,t000\(t)]")
            }
        }
        #expect(generation[id: "nothing", period: 0, step: 0] == nil)
        // The existing thermal plant is fixed; the buildable PV is a decision (nil fixed capacity).
        #expect(lp.fixedCapacityMW["th"] == [100])
        #expect(lp.fixedCapacityMW["pv"] == [nil])
        #expect(lp.variables.capacity[id: "pv", period: 0] != nil && lp.variables.capacity[id: "th", period: 0] == nil)
    }
}
