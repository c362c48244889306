import EnergyModel
import Foundation

/// Reads a PyPSA network (its CSV-folder export, single period) as a Bijli case
/// (docs/PYPSA.md). Every attribute Bijli cannot express is refused, naming the file, the
/// component and the attribute; nothing is dropped silently.
public enum PyPSAImport {
    /// MMBtu of heat in one MWh (PyPSA's `co2_emissions` are per MWh of primary energy; Bijli's
    /// fuels per MMBtu and heat rates in MMBtu/MWh).
    public static let mmbtuPerMWh = 3.412141633

    /// The period year of an imported case when the snapshots carry no date.
    public static let defaultYear = 2025

    /// Converts the network in `folder` into Bijli case files.
    ///
    /// - Throws: ``PyPSAError`` listing every unsupported attribute, file or value.
    public static func convert(folder: URL) throws(PyPSAError) -> BijliCaseFiles {
        var converter = PyPSAConverter(folder: folder)
        return try converter.convert()
    }

    /// Converts the network and loads it as an ``EnergySystem`` (through Bijli's own files,
    /// written into a temporary folder and removed again, so `bijli run --pypsa` and a run of
    /// the files `import-pypsa` writes are the same case).
    public static func load(folder: URL) throws(PyPSAError) -> (EnergySystem, BijliCaseFiles) {
        let files = try convert(folder: folder)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("bijli-pypsa-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let model = scratch.appendingPathComponent("Models").appendingPathComponent(files.name)
        let inputs = scratch.appendingPathComponent("Inputs").appendingPathComponent(files.name)
        do {
            try files.write(model: model, inputs: inputs)
        } catch {
            throw PyPSAError([PyPSAError.Problem(file: scratch.path, "cannot write the converted case: \(error)")])
        }
        switch Result(catching: { () throws(CaseLoadError) in try CaseLoader.load(model: model, inputs: inputs) }) {
        case .success(let system): return (system, files)
        case .failure(let error):
            throw PyPSAError(error.issues.map { PyPSAError.Problem(file: "(converted case)", $0.description) })
        }
    }
}

/// One generator, storage unit or corridor of the converted case.
struct ImportedGenerator {
    var id: String, region: String, carrier: String, fuel: String?, heatRate: Double
    var existingMW: Double, variableOM: Double, fixedOMPerKW: Double
    var capexPerKW: Double?, maxMW: Double?, committedMW: Double
    var profile: [Double]?, minimumFraction: Double
}

struct ImportedStorage {
    var id: String, region: String, carrier: String, existingMW: Double, durationHours: Double
    var chargeEfficiency: Double, dischargeEfficiency: Double, standingLoss: Double
    var variableOM: Double, fixedOMPerKW: Double, capexPerKW: Double?, maxMW: Double?, committedMW: Double
    var inflow: [Double]?
}

struct ImportedCorridor {
    var id: String, from: String, to: String, capacityMW: Double, reverseMW: Double, loss: Double, kind: String
    /// An extendable link's expansion (LINKX), per kW annualised.
    var expansion: (capexPerKW: Double, maxMW: Double?, committedMW: Double, reverseFraction: Double)? = nil
}

/// The state of one conversion.
struct PyPSAConverter {
    let folderURL: URL
    var folder: PyPSAFolder
    var problems: [PyPSAError.Problem] = []
    var notes: [String] = []

    var name = ""
    var year = PyPSAImport.defaultYear
    var snapshotNames: [String] = []
    var objectiveWeights: [Double] = []
    var generatorWeights: [Double] = []
    var storeWeights: [Double] = []
    var busIDs: [String: String] = [:]
    var busOrder: [String] = []
    var carrierCO2: [String: Double] = [:]
    var carrierIDs: [String: String] = [:]
    var resourceIDs: Set<String> = []
    var generators: [ImportedGenerator] = []
    var storages: [ImportedStorage] = []
    var corridors: [ImportedCorridor] = []
    var corridorIDs: Set<String> = []
    var demand: [String: [Double]] = [:]
    var co2Cap: Double?
    var maxCost = 0.0

    init(folder: URL) {
        folderURL = folder
        self.folder = PyPSAFolder(url: folder)
    }

    mutating func problem(_ file: String, _ component: String, _ attribute: String, _ message: String) {
        problems.append(PyPSAError.Problem(file: file, component: component, attribute: attribute, message))
    }

    mutating func problem(_ file: String, _ message: String) {
        problems.append(PyPSAError.Problem(file: file, message))
    }

    /// Runs every step; throws once with every problem.
    mutating func convert() throws(PyPSAError) -> BijliCaseFiles {
        let (read, readProblems) = PyPSAFolder.read(folderURL)
        folder = read
        problems = readProblems
        guard problems.isEmpty else { throw PyPSAError(problems) }
        readNetwork()
        readSnapshots()
        // Without usable snapshots no time series can be read; everything else is collected.
        guard problems.isEmpty || !problems.contains(where: { $0.file == "snapshots.csv" }) else { throw PyPSAError(problems) }
        checkFiles()
        readCarriers()
        readBuses()
        readLoads()
        readGenerators()
        readStorageUnits()
        readLinks()
        readLines()
        readGlobalConstraints()
        guard problems.isEmpty else { throw PyPSAError(problems) }
        return caseFiles()
    }

    // MARK: Network, snapshots, files

    mutating func readNetwork() {
        let fallback = folderURL.lastPathComponent == "network" ? folderURL.deletingLastPathComponent().lastPathComponent : folderURL.lastPathComponent
        var taken: Set<String> = []
        guard let table = folder.network, let row = table.rows.first else {
            name = InteropText.id(fallback, taken: &taken)
            return
        }
        // `_objective*` are results of an earlier solve; `_linearized_uc` is an option of that
        // solve that matters only for committable components (refused anyway).
        let known: Set<String> = ["name", "srid", "pypsa_version", "now", "_multi_invest", "crs", "_objective", "_objective_constant", "_linearized_uc"]
        for (position, column) in table.header.enumerated() where !known.contains(column) && !column.isEmpty {
            let value = position < row.count ? row[position] : ""
            if !value.isEmpty { problem("network.csv", "network", column, "'\(value)' is not supported by Bijli (it reads single-period networks only)") }
        }
        if let multi = table.value(row, "_multi_invest"), !multi.isEmpty, PyPSAAttributes.bool(multi) != false {
            problem("network.csv", "network", "_multi_invest", "multi-period (investment period) networks are not supported; Bijli imports one period")
        }
        let given = table.value(row, "name") ?? ""
        name = InteropText.id(given.isEmpty || given == "Unnamed Network" ? fallback : given, taken: &taken)
    }

    mutating func readSnapshots() {
        guard let table = folder.snapshots else {
            problem("snapshots.csv", "the file is missing; export the network with n.export_to_csv_folder")
            return
        }
        let nameColumn = table.column("snapshot") ?? table.column("name") ?? 0
        for row in table.rows {
            let name = nameColumn < row.count ? row[nameColumn] : ""
            func weight(_ column: String) -> Double {
                guard let text = table.value(row, column) ?? table.value(row, "weightings"), !text.isEmpty else { return 1 }
                return PyPSAAttributes.number(text) ?? .nan
            }
            let w = (weight("objective"), weight("generators"), weight("stores"))
            for (column, value) in [("objective", w.0), ("generators", w.1), ("stores", w.2)] where !(value > 0 && value.isFinite) {
                problem("snapshots.csv", "snapshot '\(name)'", column, "weighting must be a positive number, found \(value)")
            }
            snapshotNames.append(name)
            objectiveWeights.append(w.0)
            generatorWeights.append(w.1)
            storeWeights.append(w.2)
        }
        if snapshotNames.isEmpty { problem("snapshots.csv", "no snapshots") }
        if snapshotNames.count > EnergySystem.hoursPerYear {
            problem("snapshots.csv", "\(snapshotNames.count) snapshots; Bijli takes at most \(EnergySystem.hoursPerYear) (one modelled year)")
        }
        if Set(snapshotNames).count != snapshotNames.count { problem("snapshots.csv", "snapshot names are not unique") }
        // A dated first snapshot (`2013-01-01 00:00:00`) gives the period's year.
        if let first = snapshotNames.first, first.count >= 5, first.dropFirst(4).first == "-", let y = Int(first.prefix(4)) { year = y }
    }

    /// Files Bijli reads, files it may skip (metadata, results) and components it refuses.
    mutating func checkFiles() {
        let supported: Set<String> = ["buses", "carriers", "generators", "loads", "storage_units", "links", "lines", "global_constraints"]
        for file in folder.otherFiles where !["crs.json", "meta.json"].contains(file) {
            problem(file, "unknown file in a PyPSA CSV folder; remove it or convert it by hand")
        }
        for (component, table) in folder.components.sorted(by: { $0.key < $1.key }) where !supported.contains(component) {
            if component == "sub_networks" { continue }        // written by PyPSA after a solve: a result
            if table.rows.isEmpty { continue }
            let reason = [
                "stores": "stores are not supported (Bijli's storage has a fixed energy-to-power ratio; use storage_units)",
                "transformers": "transformers are not supported (Bijli is a transport model)",
                "shunt_impedances": "shunt impedances are not supported (Bijli is a transport model)",
                "investment_periods": "multi-period networks are not supported; Bijli imports one period",
                "processes": "processes are not supported",
                "line_types": "line types are not used by a transport model; remove the file",
                "transformer_types": "transformer types are not supported",
                "shapes": "shapes are not supported",
            ][component] ?? "component '\(component)' is not supported by Bijli"
            problem(component + ".csv", reason)
        }
        for (component, byAttribute) in folder.series.sorted(by: { $0.key < $1.key }) {
            if component == "buses" || component == "sub_networks" {
                // Only results are time series of buses in practice (marginal_price, p, v_ang ...).
                for (attribute, _) in byAttribute where PyPSAAttributes.table["buses"]?[attribute]?.isInput == true {
                    problem("\(component)-\(attribute).csv", "buses", attribute, "time-varying bus attributes are not supported")
                }
                continue
            }
            if !supported.contains(component) {
                problem("\(component)-*.csv", "component '\(component)' is not supported by Bijli")
            }
        }
    }

    /// The values of an attribute in every snapshot: the series file's column for `name` if
    /// there is one, else the static value (or PyPSA's default).
    mutating func values(_ component: String, _ attribute: String, name: String, row: [String], table: PyPSATable) -> [Double]? {
        let count = snapshotNames.count
        if let series = folder.series[component]?[attribute], let column = series.column(name) {
            var byName: [String: Double] = [:]
            for seriesRow in series.rows where column < seriesRow.count {
                guard let value = PyPSAAttributes.number(seriesRow[column]), value.isFinite else {
                    problem(series.file, "'\(name)'", attribute, "'\(seriesRow[column])' at snapshot '\(seriesRow.first ?? "")' is not a finite number")
                    return nil
                }
                byName[seriesRow.first ?? ""] = value
            }
            var result: [Double] = []
            for snapshot in snapshotNames {
                guard let value = byName[snapshot] else {
                    problem(series.file, "'\(name)'", attribute, "no value at snapshot '\(snapshot)'")
                    return nil
                }
                result.append(value)
            }
            return result
        }
        let text = table.value(row, attribute).flatMap { $0.isEmpty ? nil : $0 }
            ?? PyPSAAttributes.table[component]?[attribute]?.defaultValue ?? "0"
        guard let value = PyPSAAttributes.number(text), value.isFinite else {
            problem(table.file, "'\(name)'", attribute, "'\(text)' is not a finite number")
            return nil
        }
        return Array(repeating: value, count: count)
    }

    /// A static number (blank: PyPSA's default).
    mutating func number(_ table: PyPSATable, _ row: [String], _ attribute: String, component: String, name: String) -> Double {
        let text = table.value(row, attribute).flatMap { $0.isEmpty ? nil : $0 }
            ?? PyPSAAttributes.table[component]?[attribute]?.defaultValue ?? "0"
        guard let value = PyPSAAttributes.number(text), !value.isNaN else {
            problem(table.file, "'\(name)'", attribute, "'\(text)' is not a number")
            return 0
        }
        return value
    }

    /// A static boolean (blank: PyPSA's default).
    mutating func flag(_ table: PyPSATable, _ row: [String], _ attribute: String, component: String, name: String) -> Bool {
        let text = table.value(row, attribute).flatMap { $0.isEmpty ? nil : $0 }
            ?? PyPSAAttributes.table[component]?[attribute]?.defaultValue ?? "False"
        guard let value = PyPSAAttributes.bool(text) else {
            problem(table.file, "'\(name)'", attribute, "'\(text)' is not True or False")
            return false
        }
        return value
    }
}
