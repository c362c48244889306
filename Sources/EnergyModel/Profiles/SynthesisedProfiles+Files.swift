import Foundation

extension SynthesisedProfiles {
    /// `demand_profile.csv`: header `hour,<region>,...`, every region column the same hourly demand
    /// (MW), with `# source:` naming the shape files and the method and `# tag: DERIVED`.
    /// - Parameters:
    ///   - tables: the tables the series came from (for the provenance lines).
    ///   - shapesFolder: the shapes folder as the user wrote it (written into the source line).
    ///   - files: the shape table names.
    ///   - regions: the region columns.
    ///   - extra: more metadata lines (e.g. the command that wrote the file).
    public func demandFile(tables: ShapeTables, shapesFolder: String, files: ShapeTableFiles = .pakistan,
                           regions: [String], extra: [(key: String, value: String)] = []) -> HourlySeriesFile {
        let monthly = Self.describe(tables, file: files.monthlyDemand, folder: shapesFolder)
        let hourly = Self.describe(tables, file: files.hourlyDemandShape, folder: shapesFolder)
        let total = HourlySeriesFile.format(tables.annualEnergyGWh, decimals: 1)
        let seasons = tables.seasonMultipliers.keys.sorted().joined(separator: ", ")
        let source = "bijli profiles (method: docs/PROFILES.md): monthly energy (12 calendar months, \(total) GWh) of \(monthly), "
            + "spread evenly over each month's days and shaped by the 24-h multipliers (mean 1; seasons \(seasons)) of \(hourly), "
            + "blended linearly over \(HourlySeriesFile.format(blendDays, decimals: 1)) days either side of a season change; "
            + "values are MW of the whole grid, hour 0 = 1 January 00:00 PKT; every region column carries the same shape "
            + "(no regional hourly data found), which the loader rescales to each region's annual energy"
        let metadata: [(key: String, value: String)] = [("source", source), ("tag", "DERIVED")] + extra
        return HourlySeriesFile(metadata: metadata, columns: regions, series: regions.map { _ in demandMW }, decimals: 3)
    }

    /// `profiles.csv`: header `hour,<profile>,...` in table order, availability fractions, with
    /// `# source:` naming the shape files and the method and `# tag: DERIVED`.
    public func profilesFile(tables: ShapeTables, shapesFolder: String, files: ShapeTableFiles = .pakistan,
                             extra: [(key: String, value: String)] = []) -> HourlySeriesFile {
        var parts: [String] = []
        for profile in tables.profiles {
            let clipped = clippedHours[profile.id] ?? 0
            let note = clipped > 0 ? ", \(clipped) hours clipped at 1 and their excess moved to the month's other hours" : ""
            switch profile.shape {
            case .flat:
                parts.append("\(profile.id): the month's capacity factor in every hour")
            case .diurnal:
                parts.append("\(profile.id): the month's capacity factor times the 24-h multipliers (mean 1) of "
                             + Self.describe(tables, file: files.diurnal, folder: shapesFolder) + note)
            case .clearSky:
                var site = ""
                if let sky = tables.clearSky {
                    site = " at \(HourlySeriesFile.format(sky.latitudeDeg, decimals: 3)) N, \(HourlySeriesFile.format(sky.longitudeDeg, decimals: 3)) E, "
                        + "clock UTC\(sky.utcOffsetHours >= 0 ? "+" : "")\(HourlySeriesFile.format(sky.utcOffsetHours, decimals: 2))"
                }
                parts.append("\(profile.id): clear-sky horizontal irradiance\(site) (Spencer declination and equation of time, "
                             + "Kasten-Young air mass, Meinel beam attenuation; parameters in "
                             + Self.describe(tables, file: files.clearSky, folder: shapesFolder) + ") scaled so each month's mean is its capacity factor" + note)
            }
        }
        let source = "bijli profiles (method: docs/PROFILES.md): monthly capacity factors of "
            + Self.describe(tables, file: files.capacityFactors, folder: shapesFolder) + " spread over the hours; "
            + parts.joined(separator: "; ") + "; hour 0 = 1 January 00:00 PKT; no day-to-day weather variability"
        let metadata: [(key: String, value: String)] = [("source", source), ("tag", "DERIVED")] + extra
        return HourlySeriesFile(metadata: metadata, columns: availabilityIDs, series: availabilityIDs.map { availability[$0] ?? [] }, decimals: 6)
    }

    /// `folder/file (tags ...; sources [S..])`: the file with the tags of its numbers and the source keys they cite.
    static func describe(_ tables: ShapeTables, file: String, folder: String) -> String {
        let notes = tables.sources.filter { $0.file == file }
        let path = folder.isEmpty ? file : (folder.hasSuffix("/") ? folder + file : folder + "/" + file)
        guard !notes.isEmpty else { return path }
        let tags = SourceNote.Tag.allCases.filter { tag in notes.contains { $0.tag == tag } }.map(\.rawValue).joined(separator: "/")
        var keys: Set<String> = []
        for note in notes {
            var rest = Substring(note.source)
            while let open = rest.firstIndex(of: "[") {
                rest = rest[rest.index(after: open)...]
                guard let close = rest.firstIndex(of: "]") else { break }
                let key = rest[..<close]
                if key.first == "S", key.dropFirst().allSatisfy(\.isNumber), key.count > 1 { keys.insert(String(key)) }
                rest = rest[close...]
            }
        }
        let sorted = keys.sorted { Int($0.dropFirst())! < Int($1.dropFirst())! }
        return path + " (" + tags + (sorted.isEmpty ? "" : "; " + sorted.map { "[\($0)]" }.joined()) + ")"
    }
}
