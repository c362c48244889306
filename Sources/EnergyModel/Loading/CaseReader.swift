import Foundation
import Yams

/// The state of one case load: the folders, the issue log, and what has been read so far.
/// Files are read in dependency order (periods before anything keyed by year, regions before
/// resources, resources before the data that names them).
final class CaseReader {
    let model: URL
    let inputs: URL
    let log = IssueLog()

    var name = ""
    var settings = Settings(discountRate: 0, baseYear: 0, vollUSDPerMWh: 0)
    var exchangeRate: Double = 280
    var periods: [Period] = []
    var regions: [Region] = []
    var corridors: [Corridor] = []
    var fuels: [Fuel] = []
    var generators: [Generator] = []
    var storages: [StorageUnit] = []
    var policies = Policies()
    var demand: [RegionalDemand] = []
    var profiles: [String: [Double]] = [:]
    var hydroBudgets: [HydroBudget] = []
    var sources: [SourceNote] = []
    var snapshots: TimeSlices?
    var capacityPayments: [CapacityPayment] = []
    /// The seasons and zones of the reserve margin (`reserve`, `capacity_credits.csv`).
    var reserve = ReserveStructure()
    /// Where `reserve` is in `model.yaml` (for the check that the policy is set).
    var reserveNode: Node?
    /// Storage inflow profiles named in storage.csv (checked once profiles are read).
    var inflowReferences: [(storage: String, profile: String, line: Int, column: Int?)] = []
    /// Lines' `s_max_pu_profile`s named in lines.csv (checked once profiles are read).
    var lineProfileReferences: [(line: String, profile: String, row: Int, column: Int?)] = []

    /// Carrier names written in the policies (with their nodes), checked once generators are known.
    var policyCarriers: [(name: String, node: Node, list: String)] = []
    /// Policies that are set, with their nodes, checked once resources are known.
    var policyNodes: [String: Node] = [:]
    /// Every fuel id declared, even in entries with other errors (so references to them are not reported again).
    var declaredFuels: [String] = []
    /// Every generator id declared, even in rows with other errors.
    var declaredGenerators: [String] = []
    /// Generator ids whose row says `hydro_budget` true, even in rows with other errors.
    var declaredHydro: [String] = []
    /// Every carrier named in generators.csv, even in rows with other errors.
    var declaredCarriers: Set<String> = []
    /// Where each generator was defined (for later cross-checks).
    var generatorLines: [String: Int] = [:]
    /// Where each generator's availability profile field is (line, column).
    var profileReferences: [(generator: String, profile: String, line: Int, column: Int?, kind: String)] = []

    /// The demand variant asked for by the caller (overrides `settings.yaml`).
    let requestedVariant: String?
    /// `demand_variant` of `settings.yaml` and where it is (line, column).
    var settingsVariant: (name: String, line: Int?, column: Int?)?

    /// The tariff file to apply.
    let tariffChoice: TariffChoice
    /// The tariff file read, applied once the system is assembled.
    var tariffFile: TariffFile?

    init(model: URL, inputs: URL, demandVariant: String? = nil, tariffs: TariffChoice = .none) {
        self.model = model
        self.inputs = inputs
        self.requestedVariant = demandVariant
        self.tariffChoice = tariffs
    }

    /// The path of a model file as reported in issues.
    func modelPath(_ file: String) -> String { model.appendingPathComponent(file).path }
    /// The path of an inputs file as reported in issues.
    func inputsPath(_ file: String) -> String { inputs.appendingPathComponent(file).path }

    /// Period years in order.
    var periodYears: [Int] { periods.map(\.year) }

    /// Reads everything; returns the system (meaningful only when the log is empty).
    func read() -> EnergySystem? {
        for folder in [model, inputs] {
            var isFolder: ObjCBool = false
            if !FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) || !isFolder.boolValue {
                log.add(folder.path, "no such folder", suggestion: "pass the model folder (Models/<model>) and the inputs folder (Inputs/<model>)")
            }
        }
        guard log.isEmpty else { return nil }
        readInputSettings()
        readPeriods()
        readModelFile()
        readGenerators()
        readStorage()
        readLines()
        readCapacityPayments()
        readCapacityCredits()
        readProfiles()
        readDemand()
        readFuelPrices()
        readFuelSupply()
        readFuelOfftake()
        readHydroBudgets()
        readStorageLevels()
        readTariffs()
        readSnapshots()
        checkReferences()
        checkInflowProfiles()
        checkLineProfiles()
        sources.sort { ($0.file, $0.key) < ($1.file, $1.key) }
        settings.exchangeRatePKRPerUSD = exchangeRate
        var system = EnergySystem(
            name: name, settings: settings, periods: periods, regions: regions, corridors: corridors, fuels: fuels,
            generators: generators, storages: storages, policies: policies, demand: demand, profiles: profiles,
            hydroBudgets: hydroBudgets, sources: sources)
        system.snapshots = snapshots
        system.capacityPayments = capacityPayments
        system.reserve = reserve
        guard let tariffFile else { return system }
        return system.applying(tariffFile).0
    }

    /// The tariff file of ``tariffChoice`` (none, the newest of `<inputs>/tariffs/` or another
    /// folder effective on the run date, or a given file), read into ``tariffFile``. Fuels it prices count as priced
    /// in ``checkReferences()``.
    func readTariffs() {
        let url: URL?
        switch tariffChoice {
        case .none: url = nil
        case .newest(let runDate): url = TariffLibrary.select(folder: inputs.appendingPathComponent("tariffs"), runDate: runDate, log: log)
        case .folder(let folder, let runDate):
            var isFolder: ObjCBool = false
            if !FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) || !isFolder.boolValue {
                log.add(folder.path, "no such tariffs folder", suggestion: "pass a folder of YYYY-MM-DD-<publisher>.csv files, or a tariff file")
            }
            url = TariffLibrary.select(folder: folder, runDate: runDate, log: log)
        case .file(let file, _): url = file
        }
        guard let url else { return }
        tariffFile = TariffFile.read(url, fuels: declaredFuels, exchangeRatePKRPerUSD: exchangeRate, runDate: tariffChoice.runDate, log: log)
        // A fuel priced by the tariff alone (no rows in fuel_prices.csv) gets the price flat, as
        // `applying` would, so that the price check below does not report it.
        for row in tariffFile?.rows ?? [] {
            guard let index = fuels.firstIndex(where: { $0.id == row.fuel }), fuels[index].priceUSDPerMMBtu.isEmpty else { continue }
            for year in periodYears {
                for month in 1...12 { fuels[index].priceUSDPerMMBtu.values[year, default: [:]][month] = row.usdPerMMBtu }
            }
        }
    }

    /// Records duplicates among `(id, line, column)` entries of a file.
    func checkDuplicates(_ entries: [(id: String, line: Int?, column: Int?)], path: String, what: String) {
        var seen: [String: Int?] = [:]
        for entry in entries {
            if let first = seen[entry.id] {
                let at = first.map { " (first on line \($0))" } ?? ""
                log.add(path, line: entry.line, column: entry.column, "duplicate \(what) '\(entry.id)'\(at)", suggestion: "ids must be unique; rename or remove one")
            } else {
                seen[entry.id] = entry.line
            }
        }
    }

    /// Whether an id is usable in references and LP names (letters, digits, `_`, `-`, `.`).
    func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || "_-.".unicodeScalars.contains($0) }
            && id.unicodeScalars.allSatisfy(\.isASCII)
    }
}
