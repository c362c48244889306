/// How carriers and resources are named in tables for papers (docs/REPORTS.md, "Display names").
/// The one place that turns ids such as `solar_rooftop` or `ke_bqps3` into text a reader expects.
public enum CarrierStyle {
    /// Display names of the usual carriers; any other carrier is spelled from its id (``spelled(_:)``).
    static let names: [String: String] = [
        "hydro": "Hydro", "nuclear": "Nuclear", "coal": "Coal", "coal_import": "Imported coal", "imported_coal": "Imported coal",
        "local_coal": "Local coal", "thar_coal": "Thar coal", "lignite": "Lignite", "gas": "Domestic gas", "rlng": "RLNG",
        "lng": "LNG", "oil": "Oil", "rfo": "Fuel oil (RFO)", "hsd": "Diesel (HSD)", "bagasse": "Bagasse", "biomass": "Biomass",
        "wind": "Wind", "solar": "Utility solar", "solar_rooftop": "Rooftop solar", "storage": "Storage", "unserved": "Unserved",
        "import": "Imports", "demand": "Demand",
    ]

    /// Words written in capitals in a spelled id.
    static let abbreviations: Set<String> = [
        "rlng", "lng", "ccgt", "ocgt", "ipp", "ke", "hsd", "rfo", "ror", "wapda", "ppa", "pv", "hvdc", "lfp", "bess", "chp",
    ]

    /// The display name of a carrier: `solar_rooftop` → `Rooftop solar`, `rlng` → `RLNG`.
    public static func name(_ carrier: String) -> String {
        names[carrier.lowercased()] ?? spelled(carrier)
    }

    /// The display name of a resource spelled from its id: words split at `_`, the first letter
    /// capitalised, known abbreviations and short codes with digits (`bqps3`, `k2`) in capitals:
    /// `ke_bqps3` → `KE BQPS3`, `hydro_ror_ipp` → `Hydro ROR IPP`, `neelum_jhelum` → `Neelum Jhelum`.
    public static func resourceName(_ id: String) -> String { spelled(id) }

    static func spelled(_ id: String) -> String {
        let words = id.split(whereSeparator: { $0 == "_" || $0 == "-" }).map { word -> String in
            let lower = word.lowercased()
            let letters = lower.filter(\.isLetter).count
            if abbreviations.contains(lower) || (lower.contains(where: \.isNumber) && letters <= 4) { return lower.uppercased() }
            return lower.prefix(1).uppercased() + lower.dropFirst()
        }
        return words.isEmpty ? id : words.joined(separator: " ")
    }
}
