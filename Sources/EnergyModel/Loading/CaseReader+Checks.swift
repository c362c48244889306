import Foundation

extension CaseReader {
    /// Cross-file checks the LP would otherwise get silently wrong: unknown profiles, fuels
    /// without prices, hydro generators without budgets, policies that name nothing.
    func checkReferences() {
        let generatorsPath = modelPath("generators.csv")
        let profileIDs = profiles.keys.sorted()
        let profilesPresent = FileManager.default.fileExists(atPath: inputsPath("profiles.csv"))
        for reference in profileReferences where profiles[reference.profile] == nil {
            if profilesPresent && profiles.isEmpty { continue }  // profiles.csv itself is broken (reported)
            log.add(generatorsPath, line: reference.line, column: reference.column,
                    "generator '\(reference.generator)': unknown \(reference.kind) profile '\(reference.profile)'",
                    suggestion: profilesPresent ? Suggestion.advice(for: reference.profile, among: profileIDs) : "add a '\(reference.profile)' column to profiles.csv")
        }
        guard !periods.isEmpty else { return }
        let years = periodYears
        // Fuels burnt by a generator must have a price in every period and month.
        let pricesPresent = FileManager.default.fileExists(atPath: inputsPath("fuel_prices.csv"))
        for fuel in fuels where generators.contains(where: { $0.fuel == fuel.id }) {
            let missing = years.flatMap { year in (1...12).compactMap { fuel.priceUSDPerMMBtu[year, $0] == nil ? "\(year)-\($0)" : nil } }
            if !missing.isEmpty, pricesPresent || fuel.priceUSDPerMMBtu.isEmpty {
                let shown = missing.prefix(4).joined(separator: ", ") + (missing.count > 4 ? ", ..." : "")
                log.add(inputsPath("fuel_prices.csv"), "fuel '\(fuel.id)' is burnt but has no price for \(missing.count) period-months (\(shown)); it would be free",
                        suggestion: "add rows '\(fuel.id),YEAR,all,PRICE' for every period")
            }
        }
        // Generators with hydro budgets need all 12 months of every period.
        for generator in generators where generator.hasHydroBudget {
            let have = Set(hydroBudgets.filter { $0.generator == generator.id }.map { "\($0.year)-\($0.month)" })
            let missing = years.flatMap { year in (1...12).compactMap { have.contains("\(year)-\($0)") ? nil : "\(year)-\($0)" } }
            if !missing.isEmpty {
                let shown = missing.prefix(4).joined(separator: ", ") + (missing.count > 4 ? ", ..." : "")
                log.add(inputsPath("hydro_budgets.csv"), "generator '\(generator.id)' has 'hydro_budget' true but no budget for \(missing.count) period-months (\(shown))",
                        suggestion: "add rows '\(generator.id),YEAR,MONTH,GWH' (month 'all' for the same each month)")
            }
        }
        // A take-or-pay minimum above the month's supply limit could never be burned.
        for fuel in fuels {
            for (year, months) in fuel.minimumOfftakeMMBtu.values.sorted(by: { $0.key < $1.key }) {
                let above = months.keys.sorted().filter { month in fuel.supplyLimitMMBtu[year, month].map { months[month]! > $0 } ?? false }
                guard let first = above.first else { continue }
                log.add(inputsPath("fuel_offtake.csv"),
                        "fuel '\(fuel.id)' \(year): the minimum off-take is above the supply limit of fuel_supply.csv in \(above.count) month(s) "
                            + "(month \(first): \(months[first]!) > \(fuel.supplyLimitMMBtu[year, first]!) MMBtu)",
                        suggestion: "lower the minimum or raise the limit; a contract cannot oblige more than can be delivered")
            }
        }
        checkPolicies()
    }

    private func checkPolicies() {
        let path = modelPath("model.yaml")
        let carriers = declaredCarriers
        for entry in policyCarriers where !carriers.contains(entry.name) {
            log.add(path, line: entry.node.mark?.line, column: entry.node.mark?.column,
                    "'\(entry.list)' names carrier '\(entry.name)', which no generator has",
                    suggestion: Suggestion.advice(for: entry.name, among: carriers))
        }
        func issue(_ key: String, _ message: String, _ suggestion: String) {
            let node = policyNodes[key]
            log.add(path, line: node?.mark?.line, column: node?.mark?.column, message, suggestion: suggestion)
        }
        if policies.renewableShare != nil, !generators.contains(where: { policies.renewableCarriers.contains($0.carrier) }) {
            issue("renewable_share", "policy 'renewable_share' counts no resource: no generator has a carrier in 'renewable_carriers' (\(policies.renewableCarriers.joined(separator: ", ")))",
                  "list the renewable carriers in 'policies.renewable_carriers'")
        }
        let importedFuels = Set(fuels.filter(\.imported).map(\.id))
        let importers = generators.contains { $0.fuel.map(importedFuels.contains) ?? false }
        for key in ["import_share_cap", "fx_budget_usd"] where policyNodes[key] != nil && !importers {
            issue(key, "policy '\(key)' applies to no resource: no generator burns an imported fuel", "mark the imported fuels 'imported: true', or remove the policy")
        }
        let emitters = generators.contains { generator in fuels.contains { $0.id == generator.fuel && $0.co2TonnesPerMMBtu > 0 } }
        if policyNodes["co2_cap_t"] != nil, !emitters {
            issue("co2_cap_t", "policy 'co2_cap_t' applies to no resource: no generator burns a fuel with CO2", "give the fuels' 'co2_t_per_mmbtu', or remove the policy")
        }
        if policyNodes["reserve_margin"] != nil, !generators.contains(where: { $0.capacityCredit > 0 }), !storages.contains(where: { $0.capacityCredit > 0 }) {
            issue("reserve_margin", "policy 'reserve_margin' counts no resource: every capacity credit is 0", "give firm resources a 'capacity_credit'")
        }
    }
}
