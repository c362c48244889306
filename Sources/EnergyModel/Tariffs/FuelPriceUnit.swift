/// The units a tariff file may price a fuel in, and the one place where each is converted to
/// the model's unit: USD per MMBtu of net (lower) heating value, the basis of the heat rates.
///
/// Every conversion is explicit: the parameters a unit needs (exchange rate, calorific value,
/// heat rate, NCV/GCV ratio) come from the file's row, never from a hidden default.
public enum FuelPriceUnit: String, Sendable, CaseIterable {
    /// US dollars per million British thermal units (heat).
    case usdPerMMBtu = "USD/MMBtu"
    /// Pakistani rupees per MMBtu (OGRA's consumer gas prices).
    case pkrPerMMBtu = "PKR/MMBtu"
    /// US dollars per gigajoule (heat).
    case usdPerGJ = "USD/GJ"
    /// US dollars per tonne (coal, lignite); needs a calorific value per mass.
    case usdPerTonne = "USD/t"
    /// Rupees per tonne; needs a calorific value per mass.
    case pkrPerTonne = "PKR/t"
    /// Rupees per litre (OGRA/PSO HSD and petrol prices); needs a calorific value per volume.
    case pkrPerLitre = "PKR/litre"
    /// US dollars per litre; needs a calorific value per volume.
    case usdPerLitre = "USD/litre"
    /// US dollars per barrel of 158.987294928 litres (oil products); needs a calorific value per volume.
    case usdPerBarrel = "USD/bbl"
    /// Rupees per kWh generated: a fuel-cost reference (NEPRA fuel-cost data, CPPA-G FCA); needs
    /// the heat rate of the plants it was observed on.
    case pkrPerKWh = "PKR/kWh"
    /// US dollars per MWh generated: a fuel-cost reference; needs a heat rate.
    case usdPerMWh = "USD/MWh"
    /// The exchange rate row (`fuel` = `pkr_per_usd`): rupees per US dollar.
    case pkrPerUSD = "PKR/USD"

    /// What a price is per: heat, mass, volume, electricity, or (for the exchange rate) a dollar.
    public enum Quantity: String, Sendable {
        /// A unit of heat (MMBtu, GJ).
        case heat
        /// A tonne.
        case mass
        /// A litre or barrel.
        case volume
        /// A kWh or MWh generated.
        case electricity
        /// One US dollar (the exchange rate).
        case currency
    }

    /// The quantity the price is per.
    public var quantity: Quantity {
        switch self {
        case .usdPerMMBtu, .pkrPerMMBtu, .usdPerGJ: .heat
        case .usdPerTonne, .pkrPerTonne: .mass
        case .pkrPerLitre, .usdPerLitre, .usdPerBarrel: .volume
        case .pkrPerKWh, .usdPerMWh: .electricity
        case .pkrPerUSD: .currency
        }
    }

    /// Whether the price is in rupees (and needs an exchange rate).
    public var isInRupees: Bool {
        switch self {
        case .pkrPerMMBtu, .pkrPerTonne, .pkrPerLitre, .pkrPerKWh: true
        default: false
        }
    }

    /// Parses a unit as written in a file: the canonical spelling, case-insensitively, or an
    /// alias (`PKR/l`, `PKR/liter`, `USD/tonne`, `USD/mmbtu` ...).
    public init?(text: String) {
        let key = text.replacingOccurrences(of: " ", with: "").lowercased()
        if let unit = Self.allCases.first(where: { $0.rawValue.lowercased() == key }) {
            self = unit
            return
        }
        let aliases: [String: FuelPriceUnit] = [
            "pkr/l": .pkrPerLitre, "pkr/liter": .pkrPerLitre, "rs/litre": .pkrPerLitre, "rs/l": .pkrPerLitre,
            "usd/l": .usdPerLitre, "usd/liter": .usdPerLitre,
            "usd/tonne": .usdPerTonne, "usd/ton": .usdPerTonne, "pkr/tonne": .pkrPerTonne, "pkr/ton": .pkrPerTonne,
            "usd/barrel": .usdPerBarrel, "rs/kwh": .pkrPerKWh, "usd/mmbtu": .usdPerMMBtu,
        ]
        guard let unit = aliases[key] else { return nil }
        self = unit
    }
}

/// Units of a calorific value (net, unless the row's basis is `gcv`).
public enum CalorificUnit: String, Sendable, CaseIterable {
    /// Kilocalories per kilogram (coal trade: "5,500 kcal/kg NAR").
    case kcalPerKg = "kcal/kg"
    /// Gigajoules per tonne (= MJ/kg).
    case gjPerTonne = "GJ/t"
    /// Megajoules per kilogram (= GJ/t).
    case mjPerKg = "MJ/kg"
    /// MMBtu per tonne.
    case mmbtuPerTonne = "MMBtu/t"
    /// Megajoules per litre (liquid fuels).
    case mjPerLitre = "MJ/l"
    /// MMBtu per barrel.
    case mmbtuPerBarrel = "MMBtu/bbl"

    /// Whether the value is per mass (tonne, kg) or per volume (litre, barrel).
    public var quantity: FuelPriceUnit.Quantity {
        switch self {
        case .kcalPerKg, .gjPerTonne, .mjPerKg, .mmbtuPerTonne: .mass
        case .mjPerLitre, .mmbtuPerBarrel: .volume
        }
    }

    /// Parses a calorific unit (case-insensitive; `MJ/litre` and `GJ/tonne` accepted).
    public init?(text: String) {
        let key = text.replacingOccurrences(of: " ", with: "").lowercased()
            .replacingOccurrences(of: "/litre", with: "/l").replacingOccurrences(of: "/liter", with: "/l")
            .replacingOccurrences(of: "/tonne", with: "/t")
        guard let unit = Self.allCases.first(where: { $0.rawValue.lowercased() == key }) else { return nil }
        self = unit
    }

    /// MMBtu per tonne (mass units) or per litre (volume units) of `value` in this unit.
    func mmbtu(_ value: Double) -> Double {
        switch self {
        case .kcalPerKg: value * FuelPriceConversion.kilojoulesPerKilocalorie / 1000 / FuelPriceConversion.gigajoulesPerMMBtu
        case .gjPerTonne, .mjPerKg: value / FuelPriceConversion.gigajoulesPerMMBtu
        case .mmbtuPerTonne: value
        case .mjPerLitre: value / (1000 * FuelPriceConversion.gigajoulesPerMMBtu)
        case .mmbtuPerBarrel: value / FuelPriceConversion.litresPerBarrel
        }
    }
}

/// The heating-value basis a price or calorific value is stated on.
public enum HeatBasis: String, Sendable, CaseIterable {
    /// Net (lower) calorific value: the model's basis.
    case ncv
    /// Gross (higher) calorific value, e.g. OGRA's RLNG prices per MMBtu.
    case gcv
}

/// Converts a tariff price to USD per MMBtu on a net (LHV) basis.
public enum FuelPriceConversion {
    /// Gigajoules per MMBtu (1 Btu = 1,055.056 J).
    public static let gigajoulesPerMMBtu = 1.055056
    /// Kilojoules per kilocalorie (International Table calorie).
    public static let kilojoulesPerKilocalorie = 4.1868
    /// Litres per US oil barrel (42 US gallons).
    public static let litresPerBarrel = 158.987294928

    /// What a conversion needs besides the price.
    public struct Parameters: Sendable, Equatable {
        /// The price's unit.
        public var unit: FuelPriceUnit
        /// The heating-value basis of the price (heat units) or of the calorific value / heat rate (others).
        public var basis: HeatBasis = .ncv
        /// NCV / GCV, required with basis `gcv` (e.g. 0.9 for natural gas).
        public var ncvPerGCV: Double?
        /// Calorific value, required for mass and volume units.
        public var calorificValue: Double?
        /// The calorific value's unit.
        public var calorificUnit: CalorificUnit?
        /// Heat rate of the plants a fuel-cost reference (PKR/kWh, USD/MWh) was observed on, MMBtu/MWh.
        public var heatRateMMBtuPerMWh: Double?
        /// PKR per USD, required for rupee units.
        public var exchangeRatePKRPerUSD: Double?

        /// Parameters for a unit (others filled in as the unit needs).
        public init(unit: FuelPriceUnit, basis: HeatBasis = .ncv, ncvPerGCV: Double? = nil, calorificValue: Double? = nil,
                    calorificUnit: CalorificUnit? = nil, heatRateMMBtuPerMWh: Double? = nil, exchangeRatePKRPerUSD: Double? = nil) {
            self.unit = unit
            self.basis = basis
            self.ncvPerGCV = ncvPerGCV
            self.calorificValue = calorificValue
            self.calorificUnit = calorificUnit
            self.heatRateMMBtuPerMWh = heatRateMMBtuPerMWh
            self.exchangeRatePKRPerUSD = exchangeRatePKRPerUSD
        }
    }

    /// Why a price cannot be converted: the column at fault, what is wrong, what to do.
    public struct Problem: Error, Sendable, Equatable {
        /// The tariff-file column the problem is in.
        public var column: String
        /// What is wrong.
        public var message: String
        /// What to do.
        public var suggestion: String
    }

    /// The price in USD per MMBtu (net), or the problem (a missing parameter, a parameter the
    /// unit does not use, or a calorific unit of the wrong kind).
    ///
    /// - heat: `USD/MMBtu` as is; `PKR/MMBtu` ÷ rate; `USD/GJ` × 1.055056 GJ/MMBtu.
    /// - mass: price per tonne (÷ rate for PKR) ÷ MMBtu per tonne (kcal/kg × 4.1868 ÷ 1000 ÷ 1.055056).
    /// - volume: price per litre (÷ rate; ÷ 158.987 l for USD/bbl) ÷ MMBtu per litre (MJ/l ÷ 1,055.056).
    /// - electricity: PKR/kWh ÷ rate × 1000 (= USD/MWh) ÷ heat rate (MMBtu/MWh).
    /// - basis `gcv`: the result per MMBtu gross ÷ (NCV/GCV), i.e. per MMBtu net.
    public static func usdPerMMBtu(_ price: Double, _ p: Parameters) -> Result<Double, Problem> {
        let quantity = p.unit.quantity
        guard quantity != .currency else {
            return .failure(Problem(column: "unit", message: "'PKR/USD' is the exchange rate's unit, not a fuel price's",
                                    suggestion: "price the fuel in one of: \(fuelUnits)"))
        }
        // Parameters the unit does not use are errors: a heat rate on a USD/t price is a mix-up.
        if quantity != .mass && quantity != .volume, p.calorificValue != nil || p.calorificUnit != nil {
            return .failure(Problem(column: "calorific_value", message: "unit '\(p.unit.rawValue)' takes no calorific value",
                                    suggestion: "leave 'calorific_value' and 'calorific_unit' empty, or price per t, litre or bbl"))
        }
        if quantity != .electricity, p.heatRateMMBtuPerMWh != nil {
            return .failure(Problem(column: "heat_rate_mmbtu_per_mwh", message: "unit '\(p.unit.rawValue)' takes no heat rate",
                                    suggestion: "leave 'heat_rate_mmbtu_per_mwh' empty; it is for fuel-cost references in PKR/kWh or USD/MWh"))
        }
        var value = price
        if p.unit.isInRupees {
            guard let rate = p.exchangeRatePKRPerUSD else {
                return .failure(Problem(column: "unit", message: "unit '\(p.unit.rawValue)' needs an exchange rate",
                                        suggestion: "add a row 'pkr_per_usd,RATE,PKR/USD,...' or set exchange_rate_pkr_per_usd in settings.yaml"))
            }
            value /= rate
        }
        switch quantity {
        case .heat:
            if p.unit == .usdPerGJ { value *= gigajoulesPerMMBtu }
        case .mass, .volume:
            guard let calorific = p.calorificValue else {
                return .failure(Problem(column: "calorific_value", message: "unit '\(p.unit.rawValue)' needs a calorific value",
                                        suggestion: quantity == .mass ? "give 'calorific_value' and 'calorific_unit' (kcal/kg, GJ/t, MJ/kg or MMBtu/t)"
                                                                      : "give 'calorific_value' and 'calorific_unit' (MJ/l or MMBtu/bbl)"))
            }
            guard let unit = p.calorificUnit else {
                return .failure(Problem(column: "calorific_unit", message: "'calorific_value' has no unit",
                                        suggestion: "give 'calorific_unit': \(CalorificUnit.allCases.filter { $0.quantity == quantity }.map(\.rawValue).joined(separator: ", "))"))
            }
            guard unit.quantity == quantity else {
                return .failure(Problem(column: "calorific_unit",
                                        message: "calorific unit '\(unit.rawValue)' is per \(unit.quantity == .mass ? "mass" : "volume") but '\(p.unit.rawValue)' is per \(quantity == .mass ? "mass" : "volume")",
                                        suggestion: "use one of: \(CalorificUnit.allCases.filter { $0.quantity == quantity }.map(\.rawValue).joined(separator: ", "))"))
            }
            guard calorific > 0 else {
                return .failure(Problem(column: "calorific_value", message: "'calorific_value' must be positive, found \(calorific)", suggestion: "give the fuel's net calorific value"))
            }
            var perUnit = unit.mmbtu(calorific)  // MMBtu per tonne or per litre
            if p.unit == .usdPerBarrel { perUnit *= litresPerBarrel }
            value /= perUnit
        case .electricity:
            guard let heatRate = p.heatRateMMBtuPerMWh else {
                return .failure(Problem(column: "heat_rate_mmbtu_per_mwh", message: "unit '\(p.unit.rawValue)' needs a heat rate",
                                        suggestion: "give 'heat_rate_mmbtu_per_mwh' of the plants the fuel cost was observed on (e.g. 8.530 at 40 % efficiency)"))
            }
            guard heatRate > 0 else {
                return .failure(Problem(column: "heat_rate_mmbtu_per_mwh", message: "'heat_rate_mmbtu_per_mwh' must be positive, found \(heatRate)", suggestion: "give the heat rate in MMBtu per MWh"))
            }
            if p.unit == .pkrPerKWh { value *= 1000 }  // USD/kWh -> USD/MWh
            value /= heatRate
        case .currency:
            break
        }
        switch p.basis {
        case .ncv:
            if p.ncvPerGCV != nil {
                return .failure(Problem(column: "ncv_per_gcv", message: "'ncv_per_gcv' is given but the basis is ncv",
                                        suggestion: "set 'basis' to gcv, or leave 'ncv_per_gcv' empty"))
            }
        case .gcv:
            guard let ratio = p.ncvPerGCV else {
                return .failure(Problem(column: "ncv_per_gcv", message: "basis 'gcv' needs the ratio of net to gross calorific value",
                                        suggestion: "give 'ncv_per_gcv' (e.g. 0.9 for natural gas, stated with its source)"))
            }
            guard ratio > 0, ratio <= 1 else {
                return .failure(Problem(column: "ncv_per_gcv", message: "'ncv_per_gcv' must be in (0, 1], found \(ratio)", suggestion: "net calorific value is below the gross"))
            }
            value /= ratio
        }
        return .success(value)
    }

    /// The fuel units, for messages.
    static var fuelUnits: String {
        FuelPriceUnit.allCases.filter { $0 != .pkrPerUSD }.map(\.rawValue).joined(separator: ", ")
    }
}
