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
///
/// It expects: the export read back by Bijli gives the same optimum (1e-9 relative) and capacities;
/// and, when `DIR/pypsa.json` holds the output of `make_fixtures.py --check DIR/network`, PyPSA's
/// `objective + objective_constant` equals Bijli's objective less the existing fleet's fixed cost
/// (1e-9 relative: the two differ by 7.3e-15 in docs/PYPSA.md).
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

        // The folder read back by Bijli is the same program.
        let (again, _) = try PyPSAImport.load(folder: folder.appendingPathComponent("network"))
        let reread = try SolvedCase(again)
        let decisions = solved.objectiveUSD - solved.constantUSD
        #expect(abs(reread.objectiveUSD - solved.objectiveUSD) <= 1e-9 * abs(solved.objectiveUSD),
                "re-imported export: \(reread.objectiveUSD) vs \(solved.objectiveUSD)")
        // A resource with an existing and a buildable part comes back as two (`<id>`, `<id>_build`);
        // one with neither in the period (retired, not yet buildable) is not exported: 0 MW.
        for (id, capacity) in solved.capacityMW {
            let total = (reread.capacityMW[id] ?? 0) + (reread.capacityMW[id + "_build"] ?? 0)
            #expect(abs(total - capacity) <= 1e-6 * abs(capacity) + 1e-6, "\(id): \(total) vs \(capacity)")
        }
        // PyPSA's optimum, when it has been solved (`make_fixtures.py --check DIR/network > DIR/pypsa.json`).
        let pypsaFile = folder.appendingPathComponent("pypsa.json")
        if let data = try? Data(contentsOf: pypsaFile) {
            let result = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let objective = try #require(result["objective"] as? Double)
            let constant = try #require(result["objective_constant"] as? Double)
            // docs/PYPSA.md: Bijli objective − Bijli constant = n.objective + n.objective_constant.
            let pypsa = objective + constant
            #expect(abs(pypsa - decisions) <= 1e-9 * abs(decisions), "PyPSA \(pypsa) vs Bijli \(decisions)")
        }
    }
}
