import Foundation
import Yams

extension CaseReader {
    /// `reserve` in `model.yaml`: the seasons and zones of the reserve margin and the reserve
    /// credit of corridors (docs/FORMATS.md). Read after regions and corridors.
    func readReserve(_ node: Node, yaml: YAMLFile, inherited: YAMLFile.Provenance) {
        guard let map = yaml.mapping(node, "'reserve'") else { return }
        yaml.checkKeys(map, at: node, allowed: ["seasons", "zones", "corridor_credits", "source", "tag"], context: "reserve")
        let provenance = yaml.provenance(map, inherited: inherited)
        if let seasonsNode = map["seasons"], !yaml.isNull(seasonsNode) { readReserveSeasons(seasonsNode, yaml: yaml) }
        if let zonesNode = map["zones"], !yaml.isNull(zonesNode) { readReserveZones(zonesNode, yaml: yaml) }
        if let creditsNode = map["corridor_credits"], !yaml.isNull(creditsNode), let credits = yaml.mapping(creditsNode, "'reserve.corridor_credits'") {
            if reserve.zones.isEmpty {
                yaml.issue(creditsNode, "'reserve.corridor_credits' has no effect without 'reserve.zones'",
                           suggestion: "corridors count only between reserve zones; add zones or remove the key")
            }
            let ids = corridors.map(\.id)
            for (keyNode, valueNode) in credits {
                let id = keyNode.scalar?.string ?? ""
                guard ids.contains(id) else {
                    yaml.issue(keyNode, "'reserve.corridor_credits': unknown corridor '\(id)'", suggestion: Suggestion.advice(for: id, among: ids))
                    continue
                }
                guard let value = yaml.number(valueNode, "corridor_credits.\(id)") else { continue }
                if !(0...1).contains(value) {
                    yaml.issue(valueNode, "'reserve.corridor_credits.\(id)' must be in [0, 1], found \(value)",
                               suggestion: "write the share of the corridor's rating that counts as firm import, e.g. 0.9")
                    continue
                }
                reserve.corridorCredits[id] = value
            }
        }
        if let note = yaml.note(provenance, key: "reserve", at: node) { sources.append(note) }
        reserveNode = node
    }

    /// `reserve.seasons`: `- {id: summer, months: [5, 6, 7, 8, 9]}`; a month in one season at most.
    private func readReserveSeasons(_ node: Node, yaml: YAMLFile) {
        guard let items = yaml.sequence(node, "'reserve.seasons'") else { return }
        if items.isEmpty { yaml.issue(node, "'reserve.seasons' is empty", suggestion: "list at least one season, or leave the key out for the whole year") }
        var entries: [(id: String, line: Int?, column: Int?)] = []
        var seasonOfMonth: [Int: String] = [:]
        for item in items {
            guard let map = yaml.mapping(item, "a reserve season") else { continue }
            yaml.checkKeys(map, at: item, allowed: ["id", "months"], required: ["id", "months"], context: "a reserve season")
            guard let id = yaml.string(map, "id") else { continue }
            if !isValidID(id) { yaml.issue(map["id"], "reserve season id '\(id)' has characters other than letters, digits, '_', '-', '.'") }
            entries.append((id, map["id"]?.mark?.line, map["id"]?.mark?.column))
            guard let monthsNode = map["months"], let monthItems = yaml.sequence(monthsNode, "'months' of season '\(id)'") else { continue }
            if monthItems.isEmpty { yaml.issue(monthsNode, "reserve season '\(id)' has no months", suggestion: "list its calendar months, e.g. [6, 7, 8]") }
            var months: [Int] = []
            for monthNode in monthItems {
                guard let month = Int(monthNode.scalar?.string.trimmingCharacters(in: .whitespaces) ?? ""), (1...12).contains(month) else {
                    yaml.issue(monthNode, "reserve season '\(id)': a month must be 1-12, found \(yaml.describe(monthNode))")
                    continue
                }
                if let other = seasonOfMonth[month] {
                    yaml.issue(monthNode, "reserve season '\(id)': month \(month) is already in season '\(other)'",
                               suggestion: "put each month in one season only")
                    continue
                }
                seasonOfMonth[month] = id
                months.append(month)
            }
            reserve.seasons.append(ReserveSeason(id: id, months: months))
        }
        checkDuplicates(entries, path: yaml.path, what: "reserve season")
    }

    /// `reserve.zones`: `- {id: south, regions: [south, karachi], reserve_margin: {2030: 0.2}}`;
    /// every region in exactly one zone.
    private func readReserveZones(_ node: Node, yaml: YAMLFile) {
        guard let items = yaml.sequence(node, "'reserve.zones'") else { return }
        if items.isEmpty { yaml.issue(node, "'reserve.zones' is empty", suggestion: "list the zones, or leave the key out for one system-wide margin") }
        let regionIDs = regions.map(\.id)
        var entries: [(id: String, line: Int?, column: Int?)] = []
        var zoneOfRegion: [String: String] = [:]
        for item in items {
            guard let map = yaml.mapping(item, "a reserve zone") else { continue }
            yaml.checkKeys(map, at: item, allowed: ["id", "regions", "reserve_margin"], required: ["id", "regions"], context: "a reserve zone")
            guard let id = yaml.string(map, "id") else { continue }
            if !isValidID(id) { yaml.issue(map["id"], "reserve zone id '\(id)' has characters other than letters, digits, '_', '-', '.'") }
            entries.append((id, map["id"]?.mark?.line, map["id"]?.mark?.column))
            var members: [String] = []
            let regionNodes = map["regions"]?.sequence.map(Array.init) ?? []
            for (k, region) in (yaml.strings(map, "regions") ?? []).enumerated() {
                let at = k < regionNodes.count ? regionNodes[k] : map["regions"]
                if !regionIDs.contains(region) {
                    yaml.issue(at, "reserve zone '\(id)': unknown region '\(region)'", suggestion: Suggestion.advice(for: region, among: regionIDs))
                } else if let other = zoneOfRegion[region] {
                    yaml.issue(at, "reserve zone '\(id)': region '\(region)' is already in zone '\(other)'", suggestion: "put each region in one zone only")
                } else {
                    zoneOfRegion[region] = id
                    members.append(region)
                }
            }
            if members.isEmpty, map["regions"] != nil { yaml.issue(map["regions"], "reserve zone '\(id)' has no regions", suggestion: "list its region ids") }
            var margins: [Int: Double] = [:]
            if let marginNode = map["reserve_margin"], !yaml.isNull(marginNode), let values = yaml.mapping(marginNode, "'reserve_margin' of zone '\(id)'") {
                for (yearNode, valueNode) in values {
                    guard let year = Int(yearNode.scalar?.string ?? ""), periodYears.isEmpty || periodYears.contains(year) else {
                        yaml.issue(yearNode, "reserve zone '\(id)': \(yaml.describe(yearNode)) is not a period",
                                   suggestion: Suggestion.advice(for: yearNode.scalar?.string ?? "", among: periodYears.map(String.init)))
                        continue
                    }
                    guard let value = yaml.number(valueNode, "reserve_margin.\(year)") else { continue }
                    if value < 0 {
                        yaml.issue(valueNode, "reserve zone '\(id)': 'reserve_margin' in \(year) must not be negative, found \(value)")
                        continue
                    }
                    margins[year] = value
                }
            }
            reserve.zones.append(ReserveZone(id: id, regions: members, marginByYear: margins))
        }
        checkDuplicates(entries, path: yaml.path, what: "reserve zone")
        for region in regionIDs where zoneOfRegion[region] == nil && !items.isEmpty {
            yaml.issue(node, "region '\(region)' is in no reserve zone",
                       suggestion: "add it to a zone (a zone of its own to give it its own margin)")
        }
    }

    /// `Models/<model>/capacity_credits.csv` (optional): capacity credits by reserve season, per
    /// resource or per technology (a resource's row wins over its technology's; a resource with
    /// neither keeps its `capacity_credit`). Read after generators and storage.
    func readCapacityCredits() {
        let file = "capacity_credits.csv"
        guard let text = TextFile.read(file, in: model, required: false, log: log),
              let table = CSVTable(path: modelPath(file), text: text, log: log) else { return }
        table.checkColumns(required: ["season", "capacity_credit"], optional: ["resource", "technology", "source", "tag"], log: log)
        if reserve.seasons.isEmpty {
            log.add(table.path, line: 1, "capacity credits by season, but 'model.yaml' declares no reserve seasons",
                    suggestion: "add 'reserve: {seasons: [{id: summer, months: [...]}, ...]}' to model.yaml, or remove the file")
            return
        }
        let seasonIDs = reserve.seasons.map(\.id)
        let resourceIDs = declaredGenerators + storages.map(\.id)
        let technologies = Array(Set(generators.map(\.technology) + storages.map(\.technology))).sorted()
        var byResource: [String: [String: Double]] = [:], byTechnology: [String: [String: Double]] = [:]
        var seen: [String: Int] = [:]
        for row in table.rows {
            let resource = table.string(row, "resource", required: false, log: log)
            let technology = table.string(row, "technology", required: false, log: log)
            let season = table.string(row, "season", required: true, log: log)
            var credit = table.double(row, "capacity_credit", required: true, log: log)
            if let value = credit, !(0...1).contains(value) {
                table.issue(row, "capacity_credit", "'capacity_credit' must be in [0, 1], found \(value)", suggestion: "write a fraction, e.g. 0.65", log: log)
                credit = nil
            }
            let key = resource ?? technology ?? "?"
            if let note = table.note(row, file: file, key: "capacity_credits.\(key).\(season ?? "?")", log: log) { sources.append(note) }
            switch (resource, technology) {
            case (nil, nil):
                table.issue(row, table.has("resource") ? "resource" : "technology", "a row needs a 'resource' or a 'technology'",
                            suggestion: "name a generator or storage id, or a technology of generators.csv or storage.csv", log: log)
                continue
            case (.some, .some):
                table.issue(row, "technology", "a row gives both a 'resource' and a 'technology'",
                            suggestion: "leave one blank: a resource's row overrides its technology's", log: log)
                continue
            case (let id?, nil):
                if !resourceIDs.contains(id) {
                    table.issue(row, "resource", "unknown resource '\(id)'", suggestion: Suggestion.advice(for: id, among: resourceIDs), log: log)
                    continue
                }
            case (nil, let name?):
                if !technologies.contains(name) {
                    table.issue(row, "technology", "unknown technology '\(name)'", suggestion: Suggestion.advice(for: name, among: technologies), log: log)
                    continue
                }
            }
            guard let season else { continue }
            guard seasonIDs.contains(season) else {
                table.issue(row, "season", "unknown reserve season '\(season)'", suggestion: Suggestion.advice(for: season, among: seasonIDs), log: log)
                continue
            }
            let what = resource != nil ? "resource" : "technology"
            if let first = seen["\(what):\(key):\(season)"] {
                table.issue(row, "season", "\(what) '\(key)' has a credit for season '\(season)' already (line \(first))",
                            suggestion: "keep one row per \(what) and season", log: log)
                continue
            }
            seen["\(what):\(key):\(season)"] = row.line
            guard let credit else { continue }
            if resource != nil { byResource[key, default: [:]][season] = credit } else { byTechnology[key, default: [:]][season] = credit }
        }
        let technologyOf = Dictionary(generators.map { ($0.id, $0.technology) } + storages.map { ($0.id, $0.technology) }, uniquingKeysWith: { a, _ in a })
        for k in reserve.seasons.indices {
            let season = reserve.seasons[k].id
            for (id, technology) in technologyOf {
                if let credit = byResource[id]?[season] ?? byTechnology[technology]?[season] { reserve.seasons[k].credits[id] = credit }
            }
        }
    }

    /// `reserve` needs `policies.reserve_margin` (it divides that margin); checked once both are read.
    func checkReserve(yaml: YAMLFile) {
        guard let reserveNode, policies.reserveMargin == nil else { return }
        yaml.issue(reserveNode, "'reserve' divides the reserve margin, but 'policies.reserve_margin' is not set",
                   suggestion: "set 'policies.reserve_margin', or remove 'reserve'")
    }
}
