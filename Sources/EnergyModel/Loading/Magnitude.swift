import Foundation

/// The largest magnitude each kind of quantity may have in a case, decided by its unit (the
/// suffix of its column or key, e.g. `existing_capacity_mw` → MW), documented in
/// docs/FORMATS.md ("Magnitudes").
///
/// The ceilings are far above anything physical, so no real case meets them, and low enough
/// that every number the formulation builds from them stays below the LP validator's 1e15
/// (`LinearProgram.largestMagnitude` in LinearProgramming): a capacity of 1e308 MW once
/// reached GLPK and aborted the process, 1e200 made a feasible case "infeasible" (issue 19).
public enum Magnitude {
    /// A ceiling: the largest magnitude allowed, its unit, and why.
    public struct Ceiling: Sendable, Equatable {
        /// The largest magnitude allowed.
        public var limit: Double
        /// The unit, for messages.
        public var unit: String
        /// Why this ceiling (for messages and docs).
        public var reason: String

        /// A ceiling of `limit` in `unit`, for `reason`.
        public init(limit: Double, unit: String, reason: String) {
            self.limit = limit
            self.unit = unit
            self.reason = reason
        }
    }

    /// Power: 1e7 MW (10 TW), above the world's whole installed capacity (about 9 TW in 2023).
    public static let power = Ceiling(limit: 1e7, unit: "MW", reason: "10 TW, more than the world's installed capacity")
    /// Energy: 1e8 GWh (100,000 TWh), over three times the world's electricity use (about 30,000 TWh a year).
    public static let energy = Ceiling(limit: 1e8, unit: "GWh", reason: "100,000 TWh, over three times the world's electricity use")
    /// Prices and costs per MWh: 1e6 USD/MWh, ten times the highest value of lost load estimates (~1e5).
    public static let pricePerMWh = Ceiling(limit: 1e6, unit: "USD/MWh", reason: "ten times the highest value-of-lost-load estimates")
    /// Capital cost: 1e6 USD/kW, a hundred times a nuclear plant's (~1e4 USD/kW).
    public static let pricePerKW = Ceiling(limit: 1e6, unit: "USD/kW", reason: "a hundred times a nuclear plant's overnight cost")
    /// Fixed O&M: 1e5 USD/kW-year.
    public static let pricePerKWYear = Ceiling(limit: 1e5, unit: "USD/kW-year", reason: "ten times the capital cost of a nuclear plant, every year")
    /// Fuel prices: 1e4 USD/MMBtu, a hundred times the 2022 record of Asian LNG (~70).
    public static let fuelPrice = Ceiling(limit: 1e4, unit: "USD/MMBtu", reason: "a hundred times the 2022 record LNG price")
    /// Heat rates: 100 MMBtu/MWh (an efficiency of 3.4 %; 3.412 is 100 %).
    public static let heatRate = Ceiling(limit: 100, unit: "MMBtu/MWh", reason: "an efficiency of 3.4 %")
    /// Emission factors: 1 t CO2/MMBtu (coal is about 0.095).
    public static let emissionFactor = Ceiling(limit: 1, unit: "t/MMBtu", reason: "ten times coal's")
    /// Heat amounts (fuel supply per month): 1e12 MMBtu, above the world's yearly primary energy (~6e11 MMBtu).
    public static let heat = Ceiling(limit: 1e12, unit: "MMBtu", reason: "more than the world's primary energy in a year")
    /// Tonnes (a CO2 cap per year): 1e11 t, over twice the world's yearly emissions (~4e10 t).
    public static let tonnes = Ceiling(limit: 1e11, unit: "t", reason: "over twice the world's yearly CO2 emissions")
    /// Money per year (a fuel import budget): 1e13 USD, a tenth of the world's GDP.
    public static let money = Ceiling(limit: 1e13, unit: "USD", reason: "a tenth of the world's GDP")
    /// Durations: 1e5 hours (over eleven years of storage).
    public static let hours = Ceiling(limit: 1e5, unit: "h", reason: "over eleven years")
    /// Years (a lifetime, years a period stands for): 1,000.
    public static let years = Ceiling(limit: 1000, unit: "years", reason: "a millennium")
    /// An exchange rate: 1e6 PKR/USD (about 280 in 2025).
    public static let exchangeRate = Ceiling(limit: 1e6, unit: "PKR/USD", reason: "over three thousand times the 2025 rate")
    /// A policy penalty: 1e7 USD per unit short or over.
    public static let penalty = Ceiling(limit: 1e7, unit: "USD per unit", reason: "ten times the highest ceiling of a price")
    /// A scenario or Monte Carlo scale factor: 1,000 (a thousandfold change is no disruption).
    public static let scale = Ceiling(limit: 1000, unit: "×", reason: "a thousandfold change")
    /// A relative standard deviation of a Monte Carlo shock: 10 (a factor of 1 ± 10 z).
    public static let relativeDeviation = Ceiling(limit: 10, unit: "(relative)", reason: "a shock of ten times the value per standard deviation")
    /// A reserve margin: 10 (1,000 % above peak demand).
    public static let margin = Ceiling(limit: 10, unit: "(fraction)", reason: "1,000 % above peak demand")
    /// Any other number (a demand shape value, a snapshot weight ...): 1e12.
    public static let other = Ceiling(limit: 1e12, unit: "", reason: "far above any quantity in a case")

    /// The ceiling of a column or key, by its unit suffix (`_mw`, `_gwh`, `_usd_per_mwh` ...).
    public static func ceiling(for name: String) -> Ceiling {
        let key = name.lowercased()
        let exact: [String: Ceiling] = ["sd": relativeDeviation, "scale": scale, "penalty": penalty, "years_represented": years]
        if let ceiling = exact[key] { return ceiling }
        let rules: [(String, Ceiling)] = [
            ("_usd_per_mwh", pricePerMWh), ("_usd_per_kw_year", pricePerKWYear), ("_usd_per_kw", pricePerKW),
            ("_mmbtu_per_mwh", heatRate), ("_usd_per_mmbtu", fuelPrice), ("_t_per_mmbtu", emissionFactor),
            ("_pkr_per_usd", exchangeRate), ("_mw", power), ("_gwh", energy), ("_mwh", energy), ("_mmbtu", heat),
            ("_hours", hours), ("_years", years), ("_usd", money), ("_t", tonnes), ("_margin", margin),
        ]
        for (suffix, ceiling) in rules where key.hasSuffix(suffix) || key == String(suffix.dropFirst()) { return ceiling }
        return other
    }

    /// A message when `value` exceeds the ceiling of `name` in magnitude, else nil.
    public static func problem(_ value: Double, name: String) -> String? {
        problem(value, ceiling: ceiling(for: name), name: name)
    }

    /// A message when `value` exceeds `ceiling` in magnitude, else nil.
    public static func problem(_ value: Double, ceiling: Ceiling, name: String) -> String? {
        guard !(abs(value) <= ceiling.limit) else { return nil }
        let unit = ceiling.unit.isEmpty ? "" : " \(ceiling.unit)"
        return "'\(name)' is \(value), beyond the largest magnitude allowed, \(Self.format(ceiling.limit))\(unit) (\(ceiling.reason))"
    }

    /// The suggestion that goes with every such problem.
    public static let suggestion = "check the number and its unit (docs/FORMATS.md, Magnitudes)"

    /// `1e7` as `1e+07`, `1000` as `1000`.
    public static func format(_ value: Double) -> String {
        value >= 1e5 ? String(format: "%.0e", value) : String(format: "%g", value)
    }
}
