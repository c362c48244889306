import CSV
import Foundation

/// One CSV file of a PyPSA folder: a header and rows of text fields.
struct PyPSATable: Sendable {
    /// The file name, e.g. `generators.csv`.
    var file: String
    /// Column names (the first is the index: `name`, or blank for the snapshot index of a series).
    var header: [String]
    /// The rows, each as long as the header.
    var rows: [[String]]

    /// The position of a column.
    func column(_ name: String) -> Int? { header.firstIndex(of: name) }

    /// The field of `column` in `row`, or nil if the column is absent (the field itself may be blank).
    func value(_ row: [String], _ name: String) -> String? {
        guard let position = column(name), position < row.count else { return nil }
        return row[position]
    }

    /// Parses a CSV text (RFC 4180, comma-separated).
    static func parse(file: String, text: String) -> PyPSATable? {
        let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        guard let reader = try? CSVReader(string: body, hasHeaderRow: false, trimFields: true) else { return nil }
        var all: [[String]] = []
        while let row = reader.next() {
            if row.allSatisfy(\.isEmpty) { continue }
            all.append(row)
        }
        guard reader.error == nil, let header = all.first else { return nil }
        let rows = all.dropFirst().map { row in row.count < header.count ? row + Array(repeating: "", count: header.count - row.count) : row }
        return PyPSATable(file: file, header: header, rows: Array(rows))
    }
}

/// A PyPSA network as its CSV-folder export (`n.export_to_csv_folder`): `network.csv`,
/// `snapshots.csv`, one static file per component (`generators.csv`) and one file per
/// time-varying attribute (`generators-p_max_pu.csv`).
struct PyPSAFolder: Sendable {
    /// The folder.
    var url: URL
    /// `network.csv`, if present.
    var network: PyPSATable?
    /// `snapshots.csv`.
    var snapshots: PyPSATable?
    /// Static component files by component (`generators`).
    var components: [String: PyPSATable] = [:]
    /// Time series by component, then attribute (`generators` → `p_max_pu`).
    var series: [String: [String: PyPSATable]] = [:]
    /// Files that are neither (checked by the importer).
    var otherFiles: [String] = []

    /// A snapshot as a key for matching series rows to `snapshots.csv`: timestamps in one form
    /// (`2019-01-01`, `2019-01-01T00:00`, `2019-01-01 00:00:00` alike); anything else as written.
    static func snapshotKey(_ text: String) -> String {
        let characters = Array(text)
        func digits(_ range: Range<Int>) -> Bool { range.allSatisfy { $0 < characters.count && characters[$0].isASCII && characters[$0].isNumber } }
        guard digits(0..<4), characters.count >= 10, characters[4] == "-", digits(5..<7), characters[7] == "-", digits(8..<10) else { return text }
        let date = String(characters[0..<10])
        if characters.count == 10 { return date + " 00:00:00" }
        guard characters[10] == " " || characters[10] == "T" else { return text }
        let time = String(characters[11...])
        return date + " " + (time.count == 5 ? time + ":00" : time)
    }

    /// Reads every file of the folder; unreadable files are problems.
    static func read(_ url: URL) -> (PyPSAFolder, [PyPSAError.Problem]) {
        var folder = PyPSAFolder(url: url)
        var problems: [PyPSAError.Problem] = []
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue else {
            return (folder, [PyPSAError.Problem(file: url.path, "no such folder; pass the folder written by PyPSA's n.export_to_csv_folder")])
        }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted()
        for name in names where !name.hasPrefix(".") {
            guard name.hasSuffix(".csv") else { folder.otherFiles.append(name); continue }
            guard let data = FileManager.default.contents(atPath: url.appendingPathComponent(name).path),
                  let text = String(data: data, encoding: .utf8) else {
                problems.append(PyPSAError.Problem(file: name, "cannot read the file as UTF-8 text"))
                continue
            }
            guard let table = PyPSATable.parse(file: name, text: text) else {
                problems.append(PyPSAError.Problem(file: name, "cannot parse the CSV (no header, or bad quoting)"))
                continue
            }
            let stem = String(name.dropLast(4))
            switch stem {
            case "network": folder.network = table
            case "snapshots": folder.snapshots = table
            default:
                if let dash = stem.firstIndex(of: "-") {
                    let component = String(stem[..<dash]), attribute = String(stem[stem.index(after: dash)...])
                    folder.series[component, default: [:]][attribute] = table
                } else {
                    folder.components[stem] = table
                }
            }
        }
        return (folder, problems)
    }
}
