import EnergyModel
import Foundation
import Reporting

/// Which dated tariff file a run applies (docs/FORMATS.md, "Tariff and fuel-price files"), and
/// how the run records it: `tariffs` is nil (the newest file of `<inputs>/tariffs/` effective on
/// the run date), `none`, a file, or a folder.
public struct TariffSelection: Sendable, Equatable {
    /// The tariff selection as given.
    public var tariffs: String?
    /// The run date as given.
    public var runDate: CalendarDate?
    /// The inputs folder.
    public var inputs: URL

    /// Creates a selection.
    public init(tariffs: String?, runDate: CalendarDate?, inputs: URL) {
        self.tariffs = tariffs
        self.runDate = runDate
        self.inputs = inputs
    }

    /// The run date: as given, else today (UTC).
    public var date: CalendarDate { runDate ?? .today() }

    /// Whether `tariffs` names a folder.
    public var isFolder: Bool {
        var isFolder: ObjCBool = false
        guard let tariffs, tariffs != "none" else { return false }
        return FileManager.default.fileExists(atPath: tariffs, isDirectory: &isFolder) && isFolder.boolValue
    }

    /// The tariffs folder: `tariffs` when it is one, else that of the inputs.
    public var folder: URL {
        if isFolder, let tariffs { return URL(fileURLWithPath: tariffs) }
        return inputs.appendingPathComponent("tariffs")
    }

    /// What the loader applies.
    public var choice: TariffChoice {
        switch tariffs {
        case "none": .none
        case let path? where isFolder: .folder(URL(fileURLWithPath: path), runDate: date)
        case let file?: .file(URL(fileURLWithPath: file), runDate: date)
        case nil: .newest(runDate: date)
        }
    }

    /// Whether the run date is an input of this run (a tariffs folder exists, or a selection or date was given):
    /// only then is it recorded, so cases without tariffs give the same provenance every day.
    public var recordsDate: Bool {
        tariffs != nil || runDate != nil || FileManager.default.fileExists(atPath: folder.path)
    }

    /// One line for the progress messages: the file applied, or that fuel_prices.csv is used alone.
    public func summary(of system: EnergySystem) -> String {
        if let tariff = system.tariff {
            let fuels = Set(tariff.changes.map(\.fuel)).sorted().joined(separator: ", ")
            return "tariffs: applying \(tariff.path) (effective \(tariff.effectiveDate), run date \(date)): \(fuels)"
        }
        if tariffs == "none" { return "tariffs: none (--tariffs none); fuel prices from fuel_prices.csv alone" }
        if !FileManager.default.fileExists(atPath: folder.path) { return "tariffs: no \(folder.path); fuel prices from fuel_prices.csv alone" }
        return "tariffs: no file of \(folder.path) is effective on \(date); fuel prices from fuel_prices.csv alone"
    }

    /// Provenance options: `run_date`, and `tariff_file`, `tariff_effective_date`, `tariff_sha256`
    /// (docs/REPORTS.md), or `tariff_file` = none.
    public func provenance(of system: EnergySystem) -> [String: String] {
        guard recordsDate else { return [:] }
        var options = ["run_date": date.description]
        if let tariff = system.tariff {
            options["tariff_file"] = tariff.name
            options["tariff_effective_date"] = tariff.effectiveDate.description
            if let digest = InputDigest.sha256(of: URL(fileURLWithPath: tariff.path)) { options["tariff_sha256"] = digest }
        } else {
            options["tariff_file"] = "none (fuel_prices.csv alone)"
        }
        return options
    }

    /// `tariff_prices.csv` for a run folder: every price the tariff changed, before and after
    /// (USD/MMBtu), or nil when no tariff was applied.
    public static func pricesCSV(_ system: EnergySystem) -> Data? {
        guard let tariff = system.tariff else { return nil }
        var lines = ["# Fuel prices before (fuel_prices.csv) and after applying \(tariff.name), effective \(tariff.effectiveDate), "
                     + "and as the run used them (after any --scenario and --overlay); USD/MMBtu net.",
                     "fuel,year,month,old_usd_per_mmbtu,new_usd_per_mmbtu,used_usd_per_mmbtu"]
        for change in tariff.changes {
            let old = change.oldUSDPerMMBtu.map { String($0) } ?? ""
            let used = system.fuels.first { $0.id == change.fuel }?.priceUSDPerMMBtu[change.year, change.month].map { String($0) } ?? ""
            lines.append("\(change.fuel),\(change.year),\(change.month),\(old),\(change.newUSDPerMMBtu),\(used)")
        }
        return Data((lines.joined(separator: "\n") + "\n").utf8)
    }
}
