import EnergyModel
import Foundation
import Interop
import Testing

/// Opt-in (docs/PYPSA.md): the Pakistan case at PyPSA's reach. Set `BIJLI_PYPSA_PAKISTAN_OUT=DIR`
/// to write `DIR/network/` (the export) and `DIR/bijli.json` (Bijli's optimum of the same
/// program), then solve the folder with `make_fixtures.py --check DIR/network`. What PyPSA's CSV
/// folder cannot hold is taken out on both sides first: monthly hydro budgets, fuel supply limits,
/// and the policies other than a hard CO2 cap. One period (2030), one week of July (168 hours,
/// each standing for 8760/168), so storage is cyclic over the week on both sides.
@Suite struct PakistanPyPSAComparison {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let out = ProcessInfo.processInfo.environment["BIJLI_PYPSA_PAKISTAN_OUT"]

    @Test(.enabled(if: out != nil)) func writeExportAndBijliOptimum() throws {
        var system = try CaseLoader.load(model: Self.repository.appendingPathComponent("Models/pakistan"),
                                         inputs: Self.repository.appendingPathComponent("Inputs/pakistan"))
        for g in system.generators.indices { system.generators[g].hasHydroBudget = false }
        for f in system.fuels.indices { system.fuels[f].supplyLimitMMBtu = MonthlyValues() }
        let co2 = system.policies.co2CapTonnes.flatMap { $0.penalty == nil ? $0 : nil }
        system.policies = Policies(renewableCarriers: system.policies.renewableCarriers, cleanCarriers: system.policies.cleanCarriers, co2CapTonnes: co2)
        system.periods = system.periods.filter { $0.year == 2030 }
        let first = 181 * 24
        let steps = (first..<first + 168).map { TimeStep(hour: $0, weight: 8760.0 / 168.0, month: TimeSlices.month(ofHour: $0)) }
        let time = TimeSlices(steps: steps, blocks: [0..<168])
        system.snapshots = time

        let folder = URL(fileURLWithPath: Self.out!)
        try PyPSAExport.write(try PyPSAExport.files(system, year: 2030, time: time), to: folder.appendingPathComponent("network"))
        let solved = try SolvedCase(system)
        let json: [String: Any] = ["objective_usd": solved.objectiveUSD, "objective_constant_usd": solved.constantUSD,
                                   "objective_minus_constant_usd": solved.objectiveUSD - solved.constantUSD,
                                   "unserved_mwh": solved.unservedMWh, "capacities_mw": solved.capacityMW]
        try JSONSerialization.data(withJSONObject: json, options: [.prettyPrinted, .sortedKeys]).write(to: folder.appendingPathComponent("bijli.json"))
    }
}
