import Foundation

/// A fuel's price in one period and month before and after a tariff file was applied.
public struct PriceChange: Sendable, Equatable, Codable {
    /// The fuel id.
    public var fuel: String
    /// The period year.
    public var year: Int
    /// The month, 1...12.
    public var month: Int
    /// The price of `fuel_prices.csv`, USD/MMBtu (nil if it had none).
    public var oldUSDPerMMBtu: Double?
    /// The price the run uses, USD/MMBtu.
    public var newUSDPerMMBtu: Double

    /// Creates a change.
    public init(fuel: String, year: Int, month: Int, oldUSDPerMMBtu: Double?, newUSDPerMMBtu: Double) {
        self.fuel = fuel
        self.year = year
        self.month = month
        self.oldUSDPerMMBtu = oldUSDPerMMBtu
        self.newUSDPerMMBtu = newUSDPerMMBtu
    }

    enum CodingKeys: String, CodingKey {
        case fuel, year, month, oldUSDPerMMBtu = "old_usd_per_mmbtu", newUSDPerMMBtu = "new_usd_per_mmbtu"
    }
}

/// The tariff file a system's fuel prices come from, and what it changed.
public struct AppliedTariff: Sendable, Equatable {
    /// The file's path as given.
    public var path: String
    /// The file as named in source notes (`tariffs/<name>`).
    public var name: String
    /// Its effective date.
    public var effectiveDate: CalendarDate
    /// The file's exchange rate, if it has one (the system's rate was set to it).
    public var exchangeRatePKRPerUSD: Double?
    /// Every fuel price of every period and month of the fuels the file prices, before and
    /// after, sorted by fuel, year, month.
    public var changes: [PriceChange]
}

extension EnergySystem {
    /// The system with a tariff file's prices applied, and the price changes.
    ///
    /// A tariff price is the fuel's price now: it becomes the average over the months of the
    /// first modelled period, and every period and month of that fuel is scaled by the same
    /// ratio (tariff ÷ old first-period average), so `fuel_prices.csv`'s month shape and
    /// projected path are kept. A fuel without a positive first-period price gets the tariff
    /// price flat in every period and month. Fuels the file does not price are unchanged.
    /// The file's exchange rate, if any, becomes the system's; its source notes are added.
    public func applying(_ tariff: TariffFile) -> (EnergySystem, [PriceChange]) {
        var system = self
        let years = periods.map(\.year).sorted()
        var changes: [PriceChange] = []
        for row in tariff.rows {
            guard let index = system.fuels.firstIndex(where: { $0.id == row.fuel }), let first = years.first else { continue }
            let old = system.fuels[index].priceUSDPerMMBtu
            let firstMonths = (1...12).compactMap { old[first, $0] }
            // The average (exactly the value when the months are equal, so a flat first period gets the tariff price exactly).
            let mean = firstMonths.isEmpty ? 0 : Set(firstMonths).count == 1 ? firstMonths[0] : firstMonths.reduce(0, +) / Double(firstMonths.count)
            var new = MonthlyValues()
            for year in years {
                for month in 1...12 {
                    let value: Double
                    if mean > 0 {
                        guard let before = old[year, month] else { continue }
                        value = before == mean ? row.usdPerMMBtu : before * (row.usdPerMMBtu / mean)
                    } else {
                        value = row.usdPerMMBtu
                    }
                    new.values[year, default: [:]][month] = value
                    changes.append(PriceChange(fuel: row.fuel, year: year, month: month, oldUSDPerMMBtu: old[year, month], newUSDPerMMBtu: value))
                }
            }
            system.fuels[index].priceUSDPerMMBtu = new
        }
        if let rate = tariff.exchangeRatePKRPerUSD { system.settings.exchangeRatePKRPerUSD = rate }
        system.sources += tariff.rows.map(\.note) + (tariff.exchangeRateNote.map { [$0] } ?? [])
        system.sources.sort { ($0.file, $0.key) < ($1.file, $1.key) }
        changes.sort { ($0.fuel, $0.year, $0.month) < ($1.fuel, $1.year, $1.month) }
        system.tariff = AppliedTariff(path: tariff.path, name: tariff.name, effectiveDate: tariff.effectiveDate,
                                      exchangeRatePKRPerUSD: tariff.exchangeRatePKRPerUSD, changes: changes)
        return (system, changes)
    }
}
