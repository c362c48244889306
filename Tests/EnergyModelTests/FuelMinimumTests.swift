import Foundation
import Testing
import LinearProgramming
@testable import EnergyModel

/// Hand-derived cases for FUELMIN, the take-or-pay minimum off-take (one step of 8760 h in
/// January, demand 100 MW). RLNG plant: 100 MW, heat rate 7 MMBtu/MWh, VOM 2, fuel 10 USD/MMBtu
/// (marginal cost 72 USD/MWh); coal plant: 100 MW at 40 USD/MWh, no fuel. Tolerance 1e-7 relative.
@Suite struct FuelMinimumTests {
    func system(minimumMMBtu: Double?) -> EnergySystem {
        let rlng = Fuel(id: "rlng", imported: true, co2TonnesPerMMBtu: 0.0531, priceUSDPerMMBtu: MonthlyValues([2030: [1: 10]]),
                        minimumOfftakeMMBtu: minimumMMBtu.map { MonthlyValues([2030: [1: $0]]) } ?? MonthlyValues())
        let ccgt = Generator(id: "ccgt", region: "r", technology: "ccgt", carrier: "rlng", fuel: "rlng", existingCapacityMW: 100,
                             heatRateMMBtuPerMWh: 7, variableOMUSDPerMWh: 2)
        return Tiny.system(generators: [ccgt, Tiny.thermal("coal", 100, cost: 40)], fuels: [rlng], demand: [Tiny.demand("r", 2030, 100)])
    }

    func solve(_ system: EnergySystem) throws -> (EnergyLP, Solution) {
        let lp = try EnergyLP.build(system, options: FormulationOptions(time: Tiny.oneStep))
        let result = try GLPKSolver().solve(lp.program)
        #expect(result.status == .optimal)
        return (lp, try #require(result.solution))
    }

    @Test func withoutAMinimumCoalServesAll() throws {
        let (lp, s) = try solve(system(minimumMMBtu: nil))
        #expect(close(lp.objectiveUSD(s), 8760 * 100 * 40))
        #expect(!lp.familyRows.contains { $0.family == .FUELMIN })
    }

    @Test func aMinimumThatCanBeBurnedIsBurned() throws {
        // 1,839,600 MMBtu = 30 MW × 8760 h × 7. Burning it costs 72 − 40 = 32 USD/MWh more than
        // coal, 32/7 = 4.571 USD/MMBtu, less than the 10 a surplus MMBtu costs: RLNG runs at 30 MW,
        // no surplus. Cost 8760 · (30·72 + 70·40) = 43,449,600; the dual 32/7 USD/MMBtu.
        let (lp, s) = try solve(system(minimumMMBtu: 1_839_600))
        #expect(close(lp.objectiveUSD(s), 43_449_600))
        let row = try #require(lp.familyRows.first { $0.family == .FUELMIN })
        #expect(close(abs(lp.shadowPrice(row, in: s)), 32.0 / 7.0))
        #expect(abs(lp.violation(row, in: s)) < 1e-6)
    }

    @Test func aMinimumAboveWhatCanBeBurnedIsPaidForAsSurplus() throws {
        // 9,198,000 MMBtu = 150 MW × 8760 × 7, but demand is 100 MW: RLNG serves all of it
        // (72 − 7·10 = 2 USD/MWh net of the surplus it saves, below coal's 40), burning 6,132,000;
        // the surplus 3,066,000 MMBtu is paid at 10. Cost 8760·100·72 + 30,660,000 = 93,732,000;
        // the dual is the fuel price, 10 USD/MMBtu.
        let (lp, s) = try solve(system(minimumMMBtu: 9_198_000))
        #expect(close(lp.objectiveUSD(s), 93_732_000))
        let row = try #require(lp.familyRows.first { $0.family == .FUELMIN })
        #expect(close(abs(lp.shadowPrice(row, in: s)), 10))
        #expect(close(lp.violation(row, in: s), 3_066_000))
        let binding = EnergyResults(Optimization(mode: .cost, lp: lp, result: SolveResult(status: .optimal, solution: s, method: .primalSimplex,
                                                                                        iterations: 0, solveSeconds: 0, loadSeconds: 0, log: "", returnCodes: []),
                                                 stages: [], costUSD: nil, frontier: []),
                                    provenance: Provenance(bijliVersion: "", glpkVersion: "", inputHashes: [:], options: [:], buildSeconds: 0,
                                                           solveSeconds: 0, rows: 0, columns: 0, nonzeros: 0)).bindingConstraints
        let sentence = try #require(binding.first { $0.equation == .FUELMIN }?.sentence)
        #expect(sentence.contains("take-or-pay minimum of rlng in January 2030") && sentence.contains("Paid for and not burned: 3066000 MMBtu"))
    }

    @Test func aMinimumAboveTheSupplyLimitIsRefusedByTheLoader() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fuelmin-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let tiny = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/tiny")
        try FileManager.default.copyItem(at: tiny, to: folder)
        let inputs = folder.appendingPathComponent("inputs")
        let supply = try String(contentsOf: inputs.appendingPathComponent("fuel_supply.csv"), encoding: .utf8)
        let row = try #require(supply.split(separator: "\n").first { !$0.hasPrefix("#") && !$0.hasPrefix("fuel,") })
        let fields = row.split(separator: ",", omittingEmptySubsequences: false)
        let limit = try #require(Double(fields[3]))
        try "fuel,year,month,minimum_mmbtu,source,tag\n\(fields[0]),\(fields[1]),\(fields[2]),\(limit * 2),test,ASSUMPTION\n"
            .write(to: inputs.appendingPathComponent("fuel_offtake.csv"), atomically: true, encoding: .utf8)
        let issues = CaseLoader.validate(model: folder.appendingPathComponent("model"), inputs: inputs).map { String(describing: $0) }
        #expect(issues.count == 1, "\(issues)")  // one issue for the twelve months of the year
        #expect(issues.allSatisfy { $0.contains("fuel_offtake.csv") && $0.contains("above the supply limit") }, "\(issues)")
    }
}
