import Archive
import EnergyModel
import Foundation
import Scenarios

/// What a scheduled run records in the archive, taken from its case, plan and stress sweep.
public enum ScheduledEntry {
    /// The metric names of the base plan, per period (docs/SCHEDULING.md lists them with units).
    public static let baseMetrics = [
        "annual_cost_usd", "fuel_cost_usd", "unserved_gwh", "unserved_share_pct", "renewable_share_pct", "co2_mt",
        "average_cost_usd_per_mwh", "average_cost_pkr_per_kwh", "fuel_import_bill_musd", "import_dependence_pct",
        "reserve_margin_pct", "shortage_hours", "peak_shortfall_mw", "new_capacity_mw",
    ]
    /// The metric names of each disruption of the stress sweep, per period.
    public static let stressMetrics = ["unserved_gwh", "shortage_hours", "peak_shortfall_mw", "delta_cost_musd", "renewable_share_pct"]

    /// Fuel prices of a case, USD/MMBtu, per fuel, period and month (months without a price are left out).
    public static func prices(of system: EnergySystem, periods: [Int]) -> [ArchivePrice] {
        var rows: [ArchivePrice] = []
        for fuel in system.fuels.sorted(by: { $0.id < $1.id }) {
            for year in periods {
                for month in 1...12 {
                    guard let price = fuel.priceUSDPerMMBtu[year, month] else { continue }
                    rows.append(ArchivePrice(fuel: fuel.id, period: year, month: month, usdPerMMBtu: price))
                }
            }
        }
        return rows
    }

    /// Fuel use of the plan, per fuel, period and month.
    public static func fuels(of results: EnergyResults) -> [ArchiveFuel] {
        var rows: [ArchiveFuel] = []
        for period in results.periods {
            let byMonth = period.fuelUseByMonthMMBtu ?? [:]
            for fuel in byMonth.keys.sorted() {
                for (index, use) in byMonth[fuel]!.enumerated() {
                    rows.append(ArchiveFuel(fuel: fuel, period: period.period, month: index + 1, useMMBtu: use))
                }
            }
        }
        return rows
    }

    /// The metrics of the plan (scenario `base`) and of each disruption of the sweep.
    public static func metrics(of results: EnergyResults, stress: [StressTest.Row]) -> [ArchiveMetric] {
        var rows: [ArchiveMetric] = []
        for period in results.periods {
            let i = period.indicators
            let breakdown = period.costBreakdownUSD ?? [:]
            let values: [String: Double] = [
                "annual_cost_usd": breakdown.keys.sorted().reduce(0) { $0 + breakdown[$1]! },
                "fuel_cost_usd": breakdown["fuel"] ?? 0,
                "unserved_gwh": period.unservedMWh / 1000,
                "unserved_share_pct": 100 * i.unservedShare,
                "renewable_share_pct": 100 * i.renewableShare,
                "co2_mt": i.co2T / 1e6,
                "average_cost_usd_per_mwh": i.averageCostUSDPerMWh,
                "average_cost_pkr_per_kwh": i.averageCostPKRPerKWh,
                "fuel_import_bill_musd": i.fuelImportBillUSD / 1e6,
                "import_dependence_pct": 100 * i.importDependence,
                "reserve_margin_pct": 100 * i.reserveMargin,
                "shortage_hours": i.shortageHours,
                "peak_shortfall_mw": i.peakShortfallMW,
                "new_capacity_mw": period.newCapacityMW.keys.sorted().reduce(0) { $0 + period.newCapacityMW[$1]! },
            ]
            for name in baseMetrics where values[name]!.isFinite {
                rows.append(ArchiveMetric(scenario: "base", period: period.period, name: name, value: values[name]!))
            }
        }
        // The sweep's own `base` line (the plan re-dispatched) repeats the plan: left out.
        for row in stress where row.status.isOptimal && row.scenario != "base" {
            let values: [String: Double?] = [
                "unserved_gwh": row.unservedGWh, "shortage_hours": row.shortageHours, "peak_shortfall_mw": row.peakShortfallMW,
                "delta_cost_musd": row.deltaCostUSD.map { $0 / 1e6 }, "renewable_share_pct": row.renewableShare.map { 100 * $0 },
            ]
            for name in stressMetrics {
                guard let value = values[name] ?? nil, value.isFinite else { continue }
                rows.append(ArchiveMetric(scenario: row.scenario, period: row.period, name: name, value: value))
            }
        }
        return rows
    }
}
