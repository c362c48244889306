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
    /// An hourly minimum as a fraction of capacity (`p_min_pu` that is not a constant share of `p_max_pu`).
    var minimumProfile: [Double]? = nil
}

struct ImportedStorage {
    var id: String, region: String, carrier: String, existingMW: Double, durationHours: Double
    var chargeEfficiency: Double, dischargeEfficiency: Double, standingLoss: Double
    var variableOM: Double, fixedOMPerKW: Double, capexPerKW: Double?, maxMW: Double?, committedMW: Double
    var inflow: [Double]?
    /// `state_of_charge_initial` of a unit that is not cyclic (`nil`: cyclic).
    var initialState: Double?
    /// `state_of_charge_set`: (snapshot position, MWh) where it is given.
    var levels: [(Int, Double)] = []
}

struct ImportedCorridor {
    var id: String, from: String, to: String, capacityMW: Double, reverseMW: Double, loss: Double, kind: String
    /// A line or transformer (Bijli's lines.csv), with its effective reactance.
    var line: ImportedLine? = nil
    /// An extendable link's expansion (LINKX), per kW annualised.
    var expansion: (capexPerKW: Double, maxMW: Double?, committedMW: Double, reverseFraction: Double)? = nil
    /// A link's `marginal_cost`, charged on what is sent (one-way links only).
    var flowCost: Double = 0
    /// An extendable link's `p_max_pu` (the usable share of its rating).
    var usableShare: Double = 1
    /// A fixed link's or line's capital cost per kW of its capacity (a constant).
    var fixedOMPerKW: Double = 0
}

/// What makes an imported corridor a line (`lines.csv`): kind, `x_pu_eff`, static `s_max_pu`
/// or its series.
struct ImportedLine {
    var kind: String, reactancePU: Double, maxPU: Double, maxPUSeries: [Double]?
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
    /// The position index of `snapshots.csv` (`0`, `1`, ...) when the snapshot is in a column of its own.
    var snapshotPositions: [String] = []
    var objectiveWeights: [Double] = []
    var generatorWeights: [Double] = []
    var storeWeights: [Double] = []
    var busIDs: [String: String] = [:]
    var busOrder: [String] = []
    /// Buses' `v_nom` (kV) and `carrier` by PyPSA name, read when the network has lines or transformers.
    var busVoltages: [String: Double] = [:]
    var busCarriers: [String: String] = [:]
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
        readStores()
        readLinks()
        readPassiveBranches()
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

    /// `snapshots.csv` in the layouts PyPSA has written since 0.2x: indexed by position with the
    /// snapshot in a `snapshot` column (1.x), or indexed by the snapshot itself (first column
    /// `name`, `snapshot` or blank); weightings `objective`, `stores`, `generators`, or one
    /// `weightings` column (older releases) for all three, 1 where absent. Without the file the
    /// network has PyPSA's single snapshot `now` of weight 1.
    mutating func readSnapshots() {
        guard let table = folder.snapshots else {
            notes.append("snapshots.csv is missing: one snapshot 'now' of weight 1, as PyPSA reads such a folder")
            snapshotNames = ["now"]
            objectiveWeights = [1]
            generatorWeights = [1]
            storeWeights = [1]
            return
        }
        let index = table.header.first ?? ""
        if table.column("period") != nil && table.column("timestep") != nil {
            problem("snapshots.csv", "", "period", "snapshots indexed by investment period and time step (a multi-period network) are not supported; Bijli imports one period")
            return
        }
        // 1.x: a position index (blank header) and the snapshot in `snapshot`; else the index is the snapshot.
        let nameColumn = index.isEmpty ? (table.column("snapshot") ?? 0) : 0
        let weightColumns: Set<String> = ["objective", "stores", "generators", "weightings"]
        let ignored = table.header.enumerated().filter { $0.offset > 0 && $0.offset != nameColumn && !weightColumns.contains($0.element) }.map(\.element)
        if !ignored.isEmpty {
            notes.append("snapshots.csv: ignored column(s) \(ignored.map { "'\($0)'" }.joined(separator: ", ")) (PyPSA reads only the weightings)")
        }
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
            if nameColumn != 0 { snapshotPositions.append(row.first ?? "") }
            objectiveWeights.append(w.0)
            generatorWeights.append(w.1)
            storeWeights.append(w.2)
        }
        if snapshotNames.isEmpty { problem("snapshots.csv", "no snapshots") }
        if snapshotNames.count > EnergySystem.hoursPerYear {
            problem("snapshots.csv", "\(snapshotNames.count) snapshots; Bijli takes at most \(EnergySystem.hoursPerYear) (one modelled year)")
        }
        if Set(snapshotNames.map(PyPSAFolder.snapshotKey)).count != snapshotNames.count { problem("snapshots.csv", "snapshot names are not unique") }
        // A dated first snapshot (`2013-01-01 00:00:00`) gives the period's year.
        if let first = snapshotNames.first, first.count >= 5, first.dropFirst(4).first == "-", let y = Int(first.prefix(4)) { year = y }
    }

    /// Why the rows of a series file are not the snapshots, or nil when they are. PyPSA reads a
    /// series by row order (row k is snapshot k, whatever its index says); Bijli does the same
    /// and checks that the index agrees: row k's index is snapshot k (timestamps compared in one
    /// form, `2019-01-01` = `2019-01-01 00:00:00`) or its position `k` (the index of 1.x files).
    func seriesMismatch(_ series: PyPSATable) -> String? {
        let count = snapshotNames.count
        guard series.rows.count == count else {
            return "\(series.rows.count) rows for \(count) snapshots in snapshots.csv"
        }
        for (k, row) in series.rows.enumerated() {
            let key = PyPSAFolder.snapshotKey(row.first ?? "")
            if key == PyPSAFolder.snapshotKey(snapshotNames[k]) || key == String(k) || (k < snapshotPositions.count && key == snapshotPositions[k]) { continue }
            let other = snapshotNames.firstIndex { PyPSAFolder.snapshotKey($0) == key }
            return "row \(k + 1) is indexed '\(row.first ?? "")' but snapshot \(k) is '\(snapshotNames[k])'"
                + (other.map { " (PyPSA reads series by row order, so the rows are out of order: '\(row.first ?? "")' is snapshot \($0))" } ?? "")
        }
        return nil
    }

    /// Files Bijli reads, files it may skip (metadata, results, descriptive tables, files PyPSA
    /// does not read either: listed in the notes) and components it refuses.
    mutating func checkFiles() {
        let supported: Set<String> = ["buses", "carriers", "generators", "loads", "storage_units", "stores", "links", "lines", "transformers", "global_constraints"]
        let extra = folder.otherFiles.filter { !["crs.json", "meta.json"].contains($0) }
        if !extra.isEmpty {
            notes.append("ignored file(s) \(extra.map { "'\($0)'" }.joined(separator: ", ")): not part of a PyPSA CSV folder (PyPSA does not read them either)")
        }
        let refused = [
            "shunt_impedances": "shunt impedances are not supported (Bijli is a transport model)",
            "investment_periods": "multi-period networks are not supported; Bijli imports one period",
            "processes": "processes are not supported",
        ]
        // line_types.csv is read where a line names a type (readPassiveBranches); a transformer
        // with a type is refused, so transformer_types.csv changes nothing; shapes are geometry.
        let descriptive: Set<String> = ["transformer_types", "shapes"]
        for (component, table) in folder.components.sorted(by: { $0.key < $1.key }) where !supported.contains(component) {
            if component == "sub_networks" || table.rows.isEmpty { continue }        // sub_networks: a result of a solve
            if component == "line_types" {
                let used = folder.components["lines"]?.rows.contains { row in !PyPSAAttributes.isBlank(folder.components["lines"]!.value(row, "type") ?? "") } ?? false
                if !used { notes.append("line_types.csv: ignored (no line names a type)") }
                continue
            }
            if let reason = refused[component] {
                problem(component + ".csv", reason)
            } else if descriptive.contains(component) {
                notes.append("\(component).csv: ignored (a transformer may not name a type; geometry does not change the optimum)")
            } else {
                notes.append("\(component).csv: ignored ('\(component)' is not a pypsa 1.4.0 component; PyPSA does not read it either)")
            }
        }
        for (component, byAttribute) in folder.series.sorted(by: { $0.key < $1.key }) where !supported.contains(component) && component != "sub_networks" {
            // With rows, the static file is refused or ignored above, and its series with it.
            if folder.components[component]?.rows.isEmpty == false { continue }
            notes.append("\(component)-\(byAttribute.keys.sorted().joined(separator: "|")).csv: ignored (no '\(component)' in the network)")
        }
    }

    /// The values of an attribute in every snapshot: the series file's column for `name` if
    /// there is one, else the static value (or PyPSA's default).
    mutating func values(_ component: String, _ attribute: String, name: String, row: [String], table: PyPSATable) -> [Double]? {
        let count = snapshotNames.count
        if let series = folder.series[component]?[attribute], let column = series.column(name) {
            if let mismatch = seriesMismatch(series) {
                problem(series.file, "'\(name)'", attribute, "the rows are not the snapshots: \(mismatch)")
                return nil
            }
            var result: [Double] = []
            for (t, seriesRow) in series.rows.enumerated() {
                let text = column < seriesRow.count ? seriesRow[column] : ""
                guard let value = PyPSAAttributes.number(text), value.isFinite else {
                    problem(series.file, "'\(name)'", attribute, "'\(text)' at snapshot '\(snapshotNames[t])' is not a finite number")
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
