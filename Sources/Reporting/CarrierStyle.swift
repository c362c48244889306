import Foundation

/// How carriers look and are named in every chart and table (docs/REPORTS.md, "Colours" and
/// "Display names"): the one place that holds the carrier palette, the colours of series that are
/// not carriers, the neutral inks of the axes, and the names that turn ids such as `solar_rooftop`
/// or `ke_bqps3` into text a reader expects. ``SVGChart`` (and so ``PDFChart``) takes every colour
/// from here.
public enum CarrierStyle {
    /// One colour per carrier, the same in every chart (mix, dispatch, comparisons...). Okabe and
    /// Ito's colour-blind-safe set for the eight main families (hydro blue, wind sky blue, utility
    /// solar yellow, rooftop solar orange, nuclear reddish purple, imported coal black, RLNG
    /// vermilion, bagasse bluish green), completed from Paul Tol's sets so that every pair of the
    /// fourteen carriers of the Pakistan model stays apart (CIE76 ΔE ≥ 14) for normal vision and
    /// simulated protanopia, deuteranopia and tritanopia (CarrierPaletteTests checks it). Synonyms
    /// share their family's colour.
    public static let colors: [String: String] = [
        "hydro": "#0072B2", "wind": "#56B4E9", "solar": "#F0E442", "solar_rooftop": "#E69F00", "nuclear": "#CC79A7",
        "coal_import": "#1A1A1A", "coal": "#1A1A1A", "imported_coal": "#1A1A1A",
        "lignite": "#8C6D31", "local_coal": "#8C6D31", "thar_coal": "#8C6D31",
        "rlng": "#D55E00", "lng": "#D55E00", "gas": "#BBBBBB",
        "rfo": "#882255", "oil": "#882255", "hsd": "#661100",
        "bagasse": "#009E73", "biomass": "#009E73", "storage": "#FFBB78", "unserved": "#332288", "import": "#44AA99",
    ]

    /// Colours of series that are not carriers (regions, runs, technologies, periods), by position:
    /// Okabe and Ito's order, then Paul Tol's muted set.
    public static let series: [String] = [
        "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442",
        "#332288", "#88CCEE", "#117733", "#999933", "#882255", "#AA4499",
    ]

    /// The colour of a series: its carrier's, or the `index`-th of ``series``.
    public static func color(_ name: String, index: Int) -> String {
        colors[name.lowercased()] ?? series[index % series.count]
    }

    /// Neutral inks: lines over bars (demand) and their legend, axes and ticks, grid lines, the
    /// page, the frame of the heat-map scale.
    static let ink = "#000000", axis = "#333333", grid = "#dddddd", paper = "#ffffff", frame = "#999999"

    /// The heat-map ramp from white (0) to dark red (1): one hue, falling lightness, readable
    /// with any colour vision and in greyscale.
    static func heat(_ share: Double) -> String {
        let r = Int((255 - share * (255 - 150)).rounded()), g = Int((255 - share * 255).rounded()), b = Int((255 - share * 235).rounded())
        return String(format: "#%02x%02x%02x", r, g, b)
    }

    /// The legend label of a series: a known carrier's display name, any other name as it is.
    static func legendName(_ name: String) -> String { names[name.lowercased()] ?? name }

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
