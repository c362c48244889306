import Foundation

/// The dated tariff files of a case (`Inputs/<model>/tariffs/`) and which one a run uses.
public enum TariffLibrary {
    /// The newest file of `folder` whose effective date (the `YYYY-MM-DD` its name starts with)
    /// is on or before `runDate`; nil when none is effective yet or the folder does not exist.
    ///
    /// Only `.csv` files count (a README beside them is fine); hidden files are skipped. A
    /// `.csv` whose name does not start with a date, and two files of the same date, are errors.
    /// Files dated after the run date are not read.
    /// - Throws: ``CaseLoadError`` listing the misnamed or clashing files.
    public static func select(folder: URL, runDate: CalendarDate) throws(CaseLoadError) -> URL? {
        let log = IssueLog()
        let chosen = select(folder: folder, runDate: runDate, log: log)
        guard log.isEmpty else { throw CaseLoadError(issues: log.issues) }
        return chosen
    }

    /// Every tariff file of `folder` with its date, oldest first (misnamed files go to `log`).
    package static func files(in folder: URL, log: IssueLog) -> [(date: CalendarDate, url: URL)] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else { return [] }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { !$0.hasPrefix(".") && $0.lowercased().hasSuffix(".csv") }.sorted()
        var result: [(date: CalendarDate, url: URL)] = []
        var byDate: [CalendarDate: String] = [:]
        for name in names {
            let url = folder.appendingPathComponent(name)
            guard let date = TariffFile.date(inName: name) else {
                log.add(url.path, "tariff file name does not start with its effective date",
                        suggestion: "name it YYYY-MM-DD-<publisher>.csv, e.g. 2025-07-01-ogra.csv, or move it out of \(folder.path)")
                continue
            }
            if let other = byDate[date] {
                log.add(url.path, "two tariff files are effective on \(date) (also \(other))",
                        suggestion: "merge them into one file: a run uses one file, the newest effective on its date")
                continue
            }
            byDate[date] = name
            result.append((date, url))
        }
        return result.sorted { $0.date < $1.date }
    }

    /// ``select(folder:runDate:)`` recording problems in `log`.
    package static func select(folder: URL, runDate: CalendarDate, log: IssueLog) -> URL? {
        files(in: folder, log: log).last { $0.date <= runDate }?.url
    }
}

/// Which tariff file a case load applies.
public enum TariffChoice: Sendable, Equatable {
    /// None: `fuel_prices.csv` alone.
    case none
    /// The newest file of `<inputs>/tariffs/` effective on the run date (none if there is none).
    case newest(runDate: CalendarDate)
    /// The newest file of another folder effective on the run date (none if there is none).
    case folder(URL, runDate: CalendarDate)
    /// This file (its effective date must not be after the run date).
    case file(URL, runDate: CalendarDate)

    /// The run date, if the choice has one.
    public var runDate: CalendarDate? {
        switch self {
        case .none: nil
        case .newest(let date), .folder(_, let date), .file(_, let date): date
        }
    }
}
