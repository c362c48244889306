import Foundation
import Testing
@testable import EnergyModel

/// Issue 19: numbers far beyond anything physical (1e308 MW, 1e308 GWh) reached GLPK and aborted
/// the process, or made a feasible case "infeasible". Each is now an issue naming the file, the
/// line and the value (docs/FORMATS.md, Magnitudes).
@Suite("Loading: magnitudes")
struct MagnitudeTests {
    private func only(_ issues: [CaseIssue], sourceLocation: SourceLocation = #_sourceLocation) throws -> CaseIssue {
        #expect(issues.count == 1, "\(issues)", sourceLocation: sourceLocation)
        return try #require(issues.first, sourceLocation: sourceLocation)
    }

    @Test(arguments: ["1e308", "1e200", "1.1e7"])
    func aHugeCapacity(value: String) throws {
        let issue = try only(TinyCase.issues {
            try $0.replace("model/generators.csv", "south_gas,south,ocgt,gas,gas,300,", "south_gas,south,ocgt,gas,gas,\(value),")
        })
        #expect(issue.file.hasSuffix("generators.csv") && issue.line == 5 && issue.column == 30)
        #expect(issue.message.contains("'existing_capacity_mw' is \(Double(value)!)") && issue.message.contains("1e+07 MW"))
    }

    @Test func theCeilingItselfIsAllowed() throws {
        let issues = try TinyCase.issues {
            try $0.replace("model/generators.csv", "south_gas,south,ocgt,gas,gas,300,", "south_gas,south,ocgt,gas,gas,1e7,")
        }
        #expect(!issues.contains { $0.message.contains("largest magnitude") })
    }

    @Test func aHugeDemand() throws {
        let issue = try only(TinyCase.issues { try $0.replace("inputs/demand.csv", "north,2025,8760,", "north,2025,1e308,") })
        #expect(issue.file.hasSuffix("demand.csv") && issue.line == 4)
        #expect(issue.message.contains("'annual_energy_gwh' is 1e+308"))
    }

    @Test func hugeNumbersInEveryFile() throws {
        let issues = try TinyCase.issues {
            try $0.replace("model/model.yaml", "voll_usd_per_mwh: 5000", "voll_usd_per_mwh: 1e300")
            try $0.replace("model/model.yaml", "capacity_mw: 1000", "capacity_mw: 1e300")
            try $0.replace("model/model.yaml", "co2_t_per_mmbtu: 0.0531", "co2_t_per_mmbtu: 2")
            try $0.replace("model/storage.csv", "south_battery,south,battery_4h,50,4,", "south_battery,south,battery_4h,50,1e9,")
            try $0.replace("model/storage.csv", "2030:100", "2030:1e300")
            try $0.replace("inputs/fuel_supply.csv", "gas,2025,all,1500000,", "gas,2025,all,1e300,")
            try $0.replace("inputs/hydro_budgets.csv", "north_hydro,2025,all,500,", "north_hydro,2025,all,1e300,")
            try $0.replace("inputs/fuel_prices.csv", "rlng,2025,all,12,", "rlng,2025,all,1e300,")
            try $0.replace("inputs/demand_profile.csv", "0,0.750000,", "0,1e300,")
        }
        for (file, key) in [("model.yaml", "voll_usd_per_mwh"), ("model.yaml", "capacity_mw"), ("model.yaml", "co2_t_per_mmbtu"),
                            ("storage.csv", "duration_hours"), ("storage.csv", "committed_mw"), ("fuel_supply.csv", "limit_mmbtu"),
                            ("hydro_budgets.csv", "energy_gwh"), ("fuel_prices.csv", "price_usd_per_mmbtu")] {
            #expect(issues.contains { $0.file.hasSuffix(file) && $0.message.contains("'\(key)' is") && $0.line != nil }, "\(file) \(key): \(issues)")
        }
        #expect(issues.contains { $0.file.hasSuffix("demand_profile.csv") && $0.message.contains("at most 1e+12") })
    }

    @Test func policyValuesUseTheirKeysUnit() {
        #expect(Magnitude.ceiling(for: "co2_cap_t") == Magnitude.tonnes)
        #expect(Magnitude.ceiling(for: "fx_budget_usd") == Magnitude.money)
        #expect(Magnitude.ceiling(for: "fixed_om_usd_per_kw_year") == Magnitude.pricePerKWYear)
        #expect(Magnitude.ceiling(for: "capex_usd_per_kw") == Magnitude.pricePerKW)
        #expect(Magnitude.ceiling(for: "sd") == Magnitude.relativeDeviation)
        #expect(Magnitude.ceiling(for: "weight") == Magnitude.other)
        #expect(Magnitude.ceiling(for: "years_represented") == Magnitude.years)
        #expect(Magnitude.problem(1e7, name: "peak_mw") == nil && Magnitude.problem(-1.5e7, name: "peak_mw") != nil)
        #expect(Magnitude.problem(.nan, name: "peak_mw") != nil)
    }

    @Test func aHugeTariffPrice() throws {
        let issue = try only(TinyCase.issuesWithTariff("fuel,price,unit,effective_date,source,tag\nrlng,1e308,USD/MMBtu,2025-01-01,test,ASSUMPTION\n"))
        #expect(issue.file.hasSuffix("2025-01-01-test.csv") && issue.line == 2)
        #expect(issue.message.contains("'price' is 1e+308"))
        // Within the raw ceiling, but above 1e4 USD/MMBtu once converted.
        let converted = try only(TinyCase.issuesWithTariff("fuel,price,unit,effective_date,source,tag\nrlng,1e9,USD/MMBtu,2025-01-01,test,ASSUMPTION\n"))
        #expect(converted.message.contains("1000000000.0 USD/MMBtu") && converted.message.contains("10000 USD/MMBtu"))
    }
}

extension TinyCase {
    /// The issues of loading a copy of the fixture with one tariff file, applied on 2025-03-01.
    static func issuesWithTariff(_ text: String) throws -> [CaseIssue] {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("bijli-tariff-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: folder, to: root)
        defer { try? FileManager.default.removeItem(at: root) }
        let tariffs = root.appendingPathComponent("inputs/tariffs")
        try FileManager.default.createDirectory(at: tariffs, withIntermediateDirectories: true)
        try text.write(to: tariffs.appendingPathComponent("2025-01-01-test.csv"), atomically: true, encoding: .utf8)
        return CaseLoader.validate(model: root.appendingPathComponent("model"), inputs: root.appendingPathComponent("inputs"),
                                   tariffs: .newest(runDate: CalendarDate(year: 2025, month: 3, day: 1)!))
    }
}

/// Issue 19: a broken model.yaml was reported last, after a dozen errors it caused.
@Suite("Loading: root cause first")
struct RootCauseFirstTests {
    @Test func aBrokenModelFileComesFirst() throws {
        let issues = try TinyCase.issues { try $0.replace("model/model.yaml", "regions:", "regions: [unclosed") }
        #expect(issues.count > 5)
        #expect(issues.first?.file.hasSuffix("model.yaml") == true)
        #expect(issues.first?.message.hasPrefix("YAML syntax error") == true)
        #expect(issues.dropFirst().allSatisfy { !$0.isRootCause })
    }

    @Test func aMissingFileComesFirst() throws {
        let issues = try TinyCase.issues {
            try $0.remove("inputs/periods.csv")
            try $0.replace("model/generators.csv", "south_ccgt,south,ccgt,rlng,rlng,1200", "south_ccgt,south,ccgt,rlng,rlng,lots")
        }
        #expect(issues.first?.file.hasSuffix("periods.csv") == true && issues.first?.message == "missing file")
    }
}
