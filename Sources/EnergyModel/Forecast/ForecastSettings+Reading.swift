import Foundation
import Yams

extension ForecastSettings {
    /// The top-level keys of forecast.yaml.
    static let topKeys = ["history", "model", "diagnostics", "base", "periods", "variants", "regions", "source", "tag"]

    /// Reads `forecast.yaml` in `inputs`; records every problem. Returns nil if it is unusable.
    static func read(file: String, in inputs: URL, log: IssueLog) -> (settings: ForecastSettings, nodes: Nodes)? {
        let path = inputs.appendingPathComponent(file).path
        guard let text = TextFile.read(file, in: inputs, required: true, log: log) else { return nil }
        let yaml = YAMLFile(path: path, name: file, log: log)
        guard let root = yaml.parse(text), let top = yaml.mapping(root, file) else { return nil }
        yaml.checkKeys(top, at: root, allowed: topKeys, required: ["history", "model", "base", "periods", "variants", "regions"], context: file)
        let provenance = yaml.provenance(top, inherited: .init())
        var sources: [SourceNote] = []
        var nodes = Nodes(root: root)

        // history
        var files: [String] = [], alignment = ForecastHistory.PopulationAlignment.fiscalMidpoint, first = 0, last = 0
        if let node = top["history"], let history = yaml.mapping(node, "'history'") {
            nodes.history = node
            yaml.checkKeys(history, at: node, allowed: ["files", "population_alignment", "first_year", "last_year"],
                           required: ["files", "first_year", "last_year"], context: "'history'")
            files = yaml.strings(history, "files") ?? []
            if history["files"] != nil, files.isEmpty { yaml.issue(history["files"], "'files' lists no history file") }
            if let text = yaml.string(history, "population_alignment") {
                if let value = ForecastHistory.PopulationAlignment(rawValue: text) { alignment = value } else {
                    yaml.issue(history["population_alignment"], "unknown population_alignment '\(text)'",
                               suggestion: Suggestion.advice(for: text, among: ForecastHistory.PopulationAlignment.allCases.map(\.rawValue)))
                }
            }
            first = yaml.int(history, "first_year") ?? 0
            last = yaml.int(history, "last_year") ?? 0
            if history["first_year"] != nil, history["last_year"] != nil, first > last {
                yaml.issue(history["last_year"], "last_year \(last) is before first_year \(first)")
            }
        }

        // models
        var model = DemandModelSpec(name: "model", dependent: .energy, regressors: [])
        if let node = top["model"] {
            if let spec = readSpec(node, name: "model", yaml: yaml, sources: &sources, inherited: provenance) { model = spec }
        }
        var diagnostics: [DemandModelSpec] = []
        if let node = top["diagnostics"], !yaml.isNull(node), let items = yaml.sequence(node, "'diagnostics'") {
            for (index, item) in items.enumerated() {
                let fallback = "diagnostic\(index + 1)"
                let name = item.mapping.flatMap { yaml.string($0, "name") } ?? fallback
                if let spec = readSpec(item, name: name, yaml: yaml, sources: &sources, inherited: provenance, needsNote: false) {
                    diagnostics.append(spec)
                }
            }
        }

        // base
        var baseYear = 0, baseEnergy: Double = 0, basePeak: Double = 0
        if let node = top["base"], let base = yaml.mapping(node, "'base'") {
            yaml.checkKeys(base, at: node, allowed: ["year", "energy_gwh", "peak_mw", "source", "tag"], required: ["year", "energy_gwh", "peak_mw"], context: "'base'")
            let inherited = yaml.provenance(base, inherited: provenance)
            baseYear = yaml.int(base, "year") ?? 0
            baseEnergy = readQuantity(base, "energy_gwh", key: "base.energy_gwh", yaml: yaml, inherited: inherited, sources: &sources) ?? 0
            basePeak = readQuantity(base, "peak_mw", key: "base.peak_mw", yaml: yaml, inherited: inherited, sources: &sources) ?? 0
            if baseEnergy > 0, basePeak > 0, basePeak < baseEnergy * 1000 / 8760 {
                yaml.issue(base["peak_mw"], "the base peak \(basePeak) MW is below the average load \((baseEnergy * 1000 / 8760).rounded()) MW")
            }
        }

        // periods
        var periods: [Int] = []
        if let node = top["periods"], let items = yaml.sequence(node, "'periods'") {
            for item in items {
                guard let text = item.scalar?.string, let year = Int(text) else {
                    yaml.issue(item, "a period must be a year such as 2030")
                    continue
                }
                if periods.contains(year) { yaml.issue(item, "period \(year) is listed twice") }
                else if baseYear > 0, year < baseYear {
                    yaml.issue(item, "period \(year) is before the base year \(baseYear)", suggestion: "the forecast grows from the base year")
                } else { periods.append(year) }
            }
            if items.isEmpty { yaml.issue(node, "'periods' lists no year") }
        }

        // variants
        var variants: [ForecastVariant] = []
        if let node = top["variants"], let mapping = yaml.mapping(node, "'variants'") {
            for (key, value) in mapping {
                let name = key.scalar?.string ?? ""
                guard !name.isEmpty, let entry = yaml.mapping(value, "variant '\(name)'") else { continue }
                yaml.checkKeys(entry, at: value, allowed: ["gdp_growth_percent", "population_growth_percent", "source", "tag"],
                               required: ["gdp_growth_percent", "population_growth_percent"], context: "variant '\(name)'")
                let inherited = yaml.provenance(entry, inherited: provenance)
                let gdp = readQuantity(entry, "gdp_growth_percent", key: "variants.\(name).gdp_growth_percent", yaml: yaml,
                                       inherited: inherited, sources: &sources, allowNegative: true)
                let population = readQuantity(entry, "population_growth_percent", key: "variants.\(name).population_growth_percent", yaml: yaml,
                                              inherited: inherited, sources: &sources, allowNegative: true)
                for (value, field) in [(gdp, "gdp_growth_percent"), (population, "population_growth_percent")] where (value ?? 0) <= -100 {
                    yaml.issue(entry[field], "a growth of \(value ?? 0) % per year is not possible", suggestion: "give a rate above -100")
                }
                if let gdp, let population, gdp > -100, population > -100 {
                    variants.append(ForecastVariant(name: name, gdpGrowthPercent: gdp, populationGrowthPercent: population))
                }
            }
            if mapping.count == 0 { yaml.issue(node, "'variants' defines no variant") }
        }

        // regions
        var regions: [RegionShare] = []
        if let node = top["regions"], let mapping = yaml.mapping(node, "'regions'") {
            nodes.regions = node
            for (key, value) in mapping {
                let name = key.scalar?.string ?? ""
                guard !name.isEmpty, let entry = yaml.mapping(value, "region '\(name)'") else { continue }
                yaml.checkKeys(entry, at: value, allowed: ["share", "source", "tag"], required: ["share"], context: "region '\(name)'")
                let inherited = yaml.provenance(entry, inherited: provenance)
                guard let share = yaml.double(entry, "share") else { continue }
                if let note = yaml.note(inherited, key: "regions.\(name).share", at: value) { sources.append(note) }
                guard share > 0, share <= 1 else {
                    yaml.issue(entry["share"], "the share of '\(name)' must be in (0, 1], found \(share)")
                    continue
                }
                regions.append(RegionShare(region: name, share: share))
            }
            let sum = regions.reduce(0) { $0 + $1.share }
            if !regions.isEmpty, regions.count == mapping.count, abs(sum - 1) > shareSumTolerance {
                yaml.issue(node, "the regional shares sum to \(String(format: "%.6g", sum)), not 1", suggestion: "adjust them so they add up to exactly 1")
            }
        }

        sources.sort { $0.key < $1.key }
        let settings = ForecastSettings(
            historyFiles: files, populationAlignment: alignment, firstYear: first, lastYear: last, model: model,
            diagnostics: diagnostics, baseYear: baseYear, baseEnergyGWh: baseEnergy, basePeakMW: basePeak, periods: periods,
            variants: variants, regions: regions, sources: sources)
        return (settings, nodes)
    }

    /// Where parts of forecast.yaml are (for issues found after reading).
    struct Nodes {
        var root: Node
        var history: Node?
        var regions: Node?
    }

    /// Reads a model specification (`dependent`, `regressors`); records unknown names and repeats.
    private static func readSpec(_ node: Node, name: String, yaml: YAMLFile, sources: inout [SourceNote],
                                 inherited: YAMLFile.Provenance, needsNote: Bool = true) -> DemandModelSpec? {
        guard let mapping = yaml.mapping(node, "'\(name)'") else { return nil }
        yaml.checkKeys(mapping, at: node, allowed: ["name", "dependent", "regressors", "source", "tag"],
                       required: ["dependent", "regressors"], context: "model '\(name)'")
        if needsNote, let note = yaml.note(yaml.provenance(mapping, inherited: inherited), key: name, at: node) { sources.append(note) }
        var dependent: DemandDependent?
        if let text = yaml.string(mapping, "dependent") {
            dependent = DemandDependent(rawValue: text)
            if dependent == nil {
                yaml.issue(mapping["dependent"], "unknown dependent '\(text)'",
                           suggestion: Suggestion.advice(for: text, among: DemandDependent.allCases.map(\.rawValue)))
            }
        }
        var regressors: [DemandRegressor] = []
        var valid = dependent != nil
        if let list = mapping["regressors"], let items = yaml.sequence(list, "'regressors'") {
            for item in items {
                let text = item.scalar?.string ?? ""
                guard let regressor = DemandRegressor(rawValue: text) else {
                    yaml.issue(item, "unknown regressor '\(text)'", suggestion: Suggestion.advice(for: text, among: DemandRegressor.allCases.map(\.rawValue)))
                    valid = false
                    continue
                }
                if regressors.contains(regressor) {
                    yaml.issue(item, "regressor '\(text)' is listed twice")
                    valid = false
                    continue
                }
                regressors.append(regressor)
            }
        }
        guard valid, let dependent else { return nil }
        return DemandModelSpec(name: name, dependent: dependent, regressors: regressors, line: node.mark?.line)
    }

    /// A number given as `key: 12` under a tagged mapping, or as `key: {value: 12, source: ..., tag: ...}`;
    /// records its source note, a missing value and (unless allowed) a non-positive value.
    private static func readQuantity(_ mapping: Node.Mapping, _ field: String, key: String, yaml: YAMLFile,
                                     inherited: YAMLFile.Provenance, sources: inout [SourceNote], allowNegative: Bool = false) -> Double? {
        guard let node = mapping[field] else { return nil }
        var value: Double?
        var provenance = inherited
        if let entry = node.mapping {
            yaml.checkKeys(entry, at: node, allowed: ["value", "source", "tag"], required: ["value"], context: "'\(field)'")
            provenance = yaml.provenance(entry, inherited: inherited)
            value = yaml.double(entry, "value")
        } else {
            value = yaml.number(node, field)
        }
        guard let value else { return nil }
        if let note = yaml.note(provenance, key: key, at: node) { sources.append(note) }
        if !allowNegative, value <= 0 {
            yaml.issue(node, "'\(field)' must be positive, found \(value)")
            return nil
        }
        return value
    }
}
