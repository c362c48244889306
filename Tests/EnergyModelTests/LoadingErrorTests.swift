import Foundation
import Testing
@testable import EnergyModel

/// One test per class of bad input: each edits one file of a copy of the tiny case and expects
/// the clear issue (file, line, message, advice), never a crash.
@Suite("Loading: bad input")
struct LoadingErrorTests {
    @Test func missingFile() throws {
        let issues = try TinyCase.issues { try $0.remove("inputs/periods.csv") }
        #expect(has(issues, file: "periods.csv", "missing file"))
    }

    @Test func missingColumn() throws {
        let issues = try TinyCase.issues { try $0.replace("model/generators.csv", "existing_capacity_mw,", "capacity,") }
        #expect(has(issues, file: "generators.csv", "missing column 'existing_capacity_mw'", line: 1))
        let unknown = try #require(issues.first { $0.message.contains("unknown column 'capacity'") })
        #expect(unknown.column == 35)
    }

    @Test func wrongType() throws {
        let issues = try TinyCase.issues { try $0.replace("model/generators.csv", "south_ccgt,south,ccgt,rlng,rlng,1200", "south_ccgt,south,ccgt,rlng,rlng,lots") }
        let issue = try #require(issues.first { $0.message.contains("not a finite number: 'lots'") })
        #expect(issue.line == 4 && issue.column == 33)
        #expect(issue.description.hasSuffix("generators.csv:4:33: 'existing_capacity_mw' is not a finite number: 'lots'; write a decimal number such as 12.5"))
    }

    @Test func wrongTypeInYAML() throws {
        let issues = try TinyCase.issues { try $0.replace("model/model.yaml", "discount_rate: 0.08", "discount_rate: eight") }
        let issue = try #require(issues.first { $0.message.contains("'discount_rate' must be a finite number") })
        #expect(issue.line == 6 && issue.column == 18)
    }

    @Test func availabilityCutoffOutOfRange() throws {
        let issues = try TinyCase.issues { try $0.replace("model/model.yaml", "discount_rate: 0.08", "discount_rate: 0.08\n  availability_cutoff: 0.01") }
        #expect(issues.contains { $0.message.contains("'availability_cutoff' must be in [0, 0.001], found 0.01") })
        let system = try TinyCase.system { try $0.replace("model/model.yaml", "discount_rate: 0.08", "discount_rate: 0.08\n  availability_cutoff: 0") }
        #expect(try TinyCase.load().settings.availabilityCutoff == Economics.minimumAvailability)
        #expect(system.settings.availabilityCutoff == 0)
    }

    @Test func nanAndEmptyNumbers() throws {
        let issues = try TinyCase.issues {
            try $0.replace("inputs/periods.csv", "2025,5,", "2025,nan,")
            try $0.replace("inputs/periods.csv", "2030,5,", "2030,,")
        }
        #expect(has(issues, file: "periods.csv", "not a finite number: 'nan'", line: 2))
        #expect(has(issues, file: "periods.csv", "empty 'years_represented'", line: 3))
    }

    @Test func negativeCapacityAndCost() throws {
        let issues = try TinyCase.issues {
            try $0.replace("model/generators.csv", "south_gas,south,ocgt,gas,gas,300,", "south_gas,south,ocgt,gas,gas,-300,")
            try $0.replace("model/storage.csv", "1100,15", "-1100,15")
        }
        #expect(has(issues, file: "generators.csv", "'existing_capacity_mw' must not be negative, found -300.0", line: 5))
        #expect(has(issues, file: "storage.csv", "'capex_usd_per_kw' must not be negative", line: 2))
    }

    @Test func availabilityAndEfficiencyOutsideUnitInterval() throws {
        let issues = try TinyCase.issues {
            try $0.replace("model/storage.csv", "4,0.95,0.95", "4,1.2,0.95")
            try $0.replace("model/generators.csv", "1500,,0,1,15,0.02", "1500,,0,1,15,1.02")
            try $0.replace("inputs/profiles.csv", "12,1.0000,", "12,1.5000,")
        }
        #expect(has(issues, file: "storage.csv", "'charge_efficiency' must be in (0, 1], found 1.2"))
        #expect(has(issues, file: "generators.csv", "'forced_outage_rate' must be in [0, 1], found 1.02"))
        #expect(has(issues, file: "profiles.csv", "availability 'solar_north' must be in [0.0, 1.0], found 1.5", line: 16))
    }

    @Test func profileOfWrongLength() throws {
        let issues = try TinyCase.issues { variant in
            let text = try String(contentsOf: variant.url("inputs/profiles.csv"), encoding: .utf8)
            try variant.write("inputs/profiles.csv", text.split(separator: "\n").dropLast(24).joined(separator: "\n") + "\n")
        }
        #expect(has(issues, file: "profiles.csv", "8736 hourly rows, expected 8760"))
    }

    @Test func duplicateIDs() throws {
        let issues = try TinyCase.issues {
            try $0.replace("model/generators.csv", "south_wind,south", "south_gas,south")
            try $0.replace("model/model.yaml", "  - id: south\n", "  - id: north\n")
        }
        #expect(has(issues, file: "generators.csv", "duplicate generator 'south_gas' (first on line 5)", line: 6))
        #expect(has(issues, file: "model.yaml", "duplicate region 'north'"))
    }

    @Test func unknownReferencesWithSuggestions() throws {
        let issues = try TinyCase.issues {
            try $0.replace("model/generators.csv", "south_ccgt,south,ccgt,rlng,rlng", "south_ccgt,sout,ccgt,rlng,lng")
            try $0.replace("model/generators.csv", "solar_north", "solar_nrth")
            try $0.replace("inputs/hydro_budgets.csv", "north_hydro,2025", "north_hydr,2025")
        }
        let region = try #require(issues.first { $0.message == "unknown region 'sout'" })
        #expect(region.suggestion == "did you mean 'south'?")
        #expect(issues.contains { $0.message == "unknown fuel 'lng'" && $0.suggestion == "did you mean 'rlng'?" })
        #expect(issues.contains { $0.message.contains("unknown availability profile 'solar_nrth'") && $0.suggestion == "did you mean 'solar_north'?" })
        #expect(issues.contains { $0.message == "unknown generator 'north_hydr'" && $0.suggestion == "did you mean 'north_hydro'?" })
    }

    @Test func periodsOutOfOrderOrDuplicated() throws {
        let outOfOrder = try TinyCase.issues { try $0.write("inputs/periods.csv", "year,years_represented,source,tag\n2030,5,s,SOURCED\n2025,5,s,SOURCED\n") }
        #expect(has(outOfOrder, file: "periods.csv", "period 2025 comes after 2030", line: 3))
        let duplicated = try TinyCase.issues { try $0.write("inputs/periods.csv", "year,years_represented,source,tag\n2025,5,s,SOURCED\n2025,5,s,SOURCED\n") }
        #expect(has(duplicated, file: "periods.csv", "period 2025 is given twice (first on line 2)", line: 3))
    }

    @Test func policyThatNamesNoCarrierOrAnUnknownOne() throws {
        let unknown = try TinyCase.issues { try $0.replace("model/model.yaml", "renewable_carriers: [solar, wind, hydro]", "renewable_carriers: [solar, wnd, hydro]") }
        let issue = try #require(unknown.first { $0.message.contains("carrier 'wnd'") })
        #expect(issue.suggestion == "did you mean 'wind'?" && issue.line == 29)
        let none = try TinyCase.issues { try $0.replace("model/model.yaml", "renewable_carriers: [solar, wind, hydro]", "renewable_carriers: []") }
        #expect(has(none, file: "model.yaml", "policy 'renewable_share' counts no resource"))
        let noImports = try TinyCase.issues { try $0.replace("model/model.yaml", "imported: true", "imported: false") }
        #expect(has(noImports, file: "model.yaml", "policy 'import_share_cap' applies to no resource"))
        #expect(has(noImports, file: "model.yaml", "policy 'fx_budget_usd' applies to no resource"))
    }

    @Test func unknownYAMLKeysGetDidYouMean() throws {
        let issues = try TinyCase.issues {
            try $0.replace("model/model.yaml", "voll_usd_per_mwh:", "vol_usd_per_mwh:")
            try $0.replace("model/model.yaml", "    penalty: 1000", "    penalty: 1000\n    penaltyy: 3")
        }
        let key = try #require(issues.first { $0.message == "unknown key 'vol_usd_per_mwh' in settings" })
        #expect(key.suggestion == "did you mean 'voll_usd_per_mwh'?" && key.line == 8 && key.column == 3)
        #expect(issues.contains { $0.message == "missing key 'voll_usd_per_mwh' in settings" })
        #expect(issues.contains { $0.message.contains("unknown key 'penaltyy'") && $0.suggestion == "did you mean 'penalty'?" })
    }

    @Test func invalidUTF8() throws {
        let issues = try TinyCase.issues { variant in
            var bytes = [UInt8]("year,years_represented,source,tag\n2025,5,caf".utf8)
            bytes += [0xE9] + [UInt8](",SOURCED\n".utf8)
            try variant.write("inputs/periods.csv", bytes: bytes)
        }
        let issue = try #require(issues.first { $0.message.contains("invalid UTF-8") })
        #expect(issue.line == 2 && issue.column == 11 && issue.suggestion == "save the file as UTF-8")
    }

    @Test func emptyFile() throws {
        let csv = try TinyCase.issues { try $0.write("model/generators.csv", "") }
        #expect(has(csv, file: "generators.csv", "empty file"))
        let yaml = try TinyCase.issues { try $0.write("model/model.yaml", "\n  \n") }
        #expect(has(yaml, file: "model.yaml", "empty file"))
    }

    @Test func yamlSyntaxError() throws {
        let issues = try TinyCase.issues { try $0.replace("model/model.yaml", "  base_year: 2025", "  base_year: [2025") }
        #expect(issues.contains { $0.file.hasSuffix("model.yaml") && $0.message.hasPrefix("YAML syntax error") && $0.line != nil })
    }

    @Test func missingTagOrSource() throws {
        let issues = try TinyCase.issues {
            try $0.replace("inputs/fuel_prices.csv", "rlng,2025,all,12,illustrative test fixture,ASSUMPTION", "rlng,2025,all,12,illustrative test fixture,")
            try $0.replace("inputs/fuel_supply.csv", "gas,2025,all,1500000,illustrative test fixture,ASSUMPTION", "gas,2025,all,1500000,,GUESS")
            try $0.replace("inputs/profiles.csv", "# tag: ASSUMPTION\n", "")
        }
        #expect(has(issues, file: "fuel_prices.csv", "no tag for this row", line: 2))
        #expect(issues.contains { $0.message == "unknown tag 'GUESS'" })
        #expect(has(issues, file: "profiles.csv", "no '# tag:' line"))
    }

    // MARK: semantic checks the LP would otherwise get silently wrong

    @Test func fuelWithoutHeatRate() throws {
        let issues = try TinyCase.issues { try $0.replace("model/generators.csv", "rlng,1200,2035,7.2", "rlng,1200,2035,0") }
        #expect(has(issues, file: "generators.csv", "burns fuel 'rlng' but its heat rate is 0", line: 4))
    }

    @Test func hydroGeneratorWithoutBudgets() throws {
        let issues = try TinyCase.issues { try $0.remove("inputs/hydro_budgets.csv") }
        #expect(has(issues, file: "hydro_budgets.csv", "generator 'north_hydro' has 'hydro_budget' true but no budget for 24 period-months"))
        let partial = try TinyCase.issues { try $0.replace("inputs/hydro_budgets.csv", "north_hydro,2030,all,520", "north_hydro,2030,8,520") }
        #expect(has(partial, file: "hydro_budgets.csv", "no budget for 10 period-months"))
    }

    @Test func yearsRepresentedNotPositive() throws {
        let issues = try TinyCase.issues { try $0.replace("inputs/periods.csv", "2030,5,", "2030,0,") }
        #expect(has(issues, file: "periods.csv", "'years_represented' must be positive, found 0.0", line: 3))
    }

    @Test func demandRegionWithoutProfileColumn() throws {
        let issues = try TinyCase.issues { variant in
            let text = try String(contentsOf: variant.url("inputs/demand_profile.csv"), encoding: .utf8)
            let lines = text.split(separator: "\n").map { line -> String in
                line.hasPrefix("#") ? String(line) : line.split(separator: ",").prefix(2).joined(separator: ",")
            }
            try variant.write("inputs/demand_profile.csv", lines.joined(separator: "\n") + "\n")
        }
        #expect(has(issues, file: "demand.csv", "region 'south' has no column in demand_profile.csv", line: 6))
    }

    @Test func fuelWithoutPrice() throws {
        let issues = try TinyCase.issues { try $0.replace("inputs/fuel_prices.csv", "gas,2030,all,7", "gas,2030,3,7") }
        #expect(has(issues, file: "fuel_prices.csv", "fuel 'gas' is burnt but has no price for 11 period-months"))
    }

    @Test func peakThatCannotBeMet() throws {
        let issues = try TinyCase.issues { try $0.replace("inputs/demand.csv", "south,2025,4380,800", "south,2025,4380,400") }
        #expect(has(issues, file: "demand.csv", "peak 400.0 MW is below the average demand 500.0 MW", line: 6))
    }

    @Test func manyProblemsAreReportedTogetherInOrder() throws {
        let issues = try TinyCase.issues {
            try $0.replace("model/generators.csv", "1500,,0,1,15,0.02", "1500,,0,1,15,1.02")
            try $0.replace("inputs/periods.csv", "2030,5,", "2030,-1,")
            try $0.replace("model/model.yaml", "voll_usd_per_mwh: 5000", "voll_usd_per_mwh: -5")
        }
        #expect(issues.count == 3)
        #expect(issues == issues.sorted())
        let error = CaseLoadError(issues: issues)
        #expect(error.description.hasSuffix("3 problems found"))
    }

    @Test func loadThrowsTheCollectedIssues() throws {
        let missing = URL(fileURLWithPath: "/nonexistent/bijli/model")
        #expect(throws: CaseLoadError.self) { try CaseLoader.load(model: missing, inputs: missing) }
    }
}
