import Foundation

/// Number formatting shared by the renderers: locale-free, so the same value always gives the
/// same characters.
public enum NumberText {
    /// `x` with `decimals` decimals and commas between thousands from four digits on (`1,234`,
    /// `12,345.6`), the same in every format; `n/a` when not finite.
    public static func format(_ x: Double, decimals: Int) -> String {
        guard x.isFinite else { return "n/a" }
        let digits = max(0, min(decimals, 12))
        var text = String(format: "%.\(digits)f", x)
        if text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { text.removeFirst() }
        let negative = text.hasPrefix("-")
        if negative { text.removeFirst() }
        let parts = text.split(separator: ".", maxSplits: 1).map(String.init)
        var integer = parts[0]
        if integer.count > 3 {
            var grouped = ""
            for (i, c) in integer.enumerated() {
                if i > 0 && (integer.count - i) % 3 == 0 { grouped.append(",") }
                grouped.append(c)
            }
            integer = grouped
        }
        return (negative ? "-" : "") + integer + (parts.count > 1 ? "." + parts[1] : "")
    }

    /// `x` with 12 significant digits (the CSV and JSON precision of docs/RESULTS.md).
    public static func full(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
        return String(format: "%.12g", abs(x) < 1e-12 ? 0 : x)
    }

    /// A short coordinate for SVG: one decimal, no `-0.0`.
    static func coordinate(_ x: Double) -> String {
        let text = String(format: "%.1f", x.isFinite ? x : 0)
        return text == "-0.0" ? "0.0" : text
    }

    /// A percentage with one decimal, e.g. `31.2 %`.
    public static func percent(_ fraction: Double, decimals: Int = 1) -> String {
        format(100 * fraction, decimals: decimals) + " %"
    }

    /// An energy in MWh in the most readable unit: `1.23 TWh`, `456 GWh`, `789 MWh`.
    public static func energy(_ mwh: Double) -> String {
        let magnitude = abs(mwh)
        if magnitude >= 1e6 { return format(mwh / 1e6, decimals: magnitude >= 1e8 ? 0 : 2) + " TWh" }
        if magnitude >= 1e3 { return format(mwh / 1e3, decimals: magnitude >= 1e5 ? 0 : 1) + " GWh" }
        return format(mwh, decimals: magnitude >= 10 ? 0 : 2) + " MWh"
    }

    /// Money in USD in the most readable unit: `1.23 billion USD`, `45.6 million USD`.
    public static func money(_ usd: Double, currency: String = "USD") -> String {
        let magnitude = abs(usd)
        if magnitude >= 1e9 { return format(usd / 1e9, decimals: 2) + " billion \(currency)" }
        if magnitude >= 1e6 { return format(usd / 1e6, decimals: 1) + " million \(currency)" }
        return format(usd, decimals: 0) + " \(currency)"
    }
}
