import Foundation
import GRDB

/// The run archive: an SQLite file (docs/SCHEDULING.md) written by `bijli scheduled`, read by
/// `bijli history`. It is opened in WAL mode, so readers see the last committed runs while a
/// run is being written, and every run is recorded in one transaction: a reader sees a run
/// whole or not at all.
public final class RunArchive: Sendable {
    /// The archive file.
    public let path: String
    private let pool: DatabasePool

    /// The schema version this Bijli writes (table `meta`).
    public static let schemaVersion = 1

    /// Opens (creating when missing) an archive for writing; creates or migrates its tables.
    public init(path: String) throws(ArchiveError) {
        self.path = path
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw .cannotOpen(path, error.localizedDescription)
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw Self.openError(path, error)
        }
        do {
            try Self.migrator.migrate(pool)
        } catch {
            throw .notAnArchive(path, String(describing: error))
        }
    }

    /// Opens an existing archive read-only (`bijli history`); never creates a file.
    public init(readingFrom path: String) throws(ArchiveError) {
        self.path = path
        guard FileManager.default.fileExists(atPath: path) else { throw .missing(path) }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(30)
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw Self.openError(path, error)
        }
        let applied: Bool
        do {
            applied = try pool.read { db in try Self.migrator.hasCompletedMigrations(db) }
        } catch {
            throw .notAnArchive(path, String(describing: error))
        }
        guard applied else { throw .notAnArchive(path, "its tables are missing or from another Bijli version") }
    }

    private static func openError(_ path: String, _ error: any Error) -> ArchiveError {
        if let error = error as? DatabaseError, error.resultCode == .SQLITE_NOTADB {
            return .notAnArchive(path, "the file is not an SQLite database")
        }
        return .cannotOpen(path, String(describing: error))
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE runs (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    run_id TEXT NOT NULL, model TEXT NOT NULL,
                    started_at TEXT NOT NULL, finished_at TEXT NOT NULL, run_date TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('succeeded', 'failed')),
                    failed_stage TEXT, message TEXT, exit_code INTEGER NOT NULL,
                    tariff_file TEXT, report_path TEXT, objective_usd REAL, bijli_version TEXT NOT NULL);
                CREATE TABLE inputs (
                    run INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                    path TEXT NOT NULL, sha256 TEXT NOT NULL, PRIMARY KEY (run, path));
                CREATE TABLE prices (
                    run INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                    fuel TEXT NOT NULL, period INTEGER NOT NULL, month INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
                    usd_per_mmbtu REAL NOT NULL, PRIMARY KEY (run, fuel, period, month));
                CREATE TABLE fuels (
                    run INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                    fuel TEXT NOT NULL, period INTEGER NOT NULL, month INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
                    use_mmbtu REAL NOT NULL, PRIMARY KEY (run, fuel, period, month));
                CREATE TABLE metrics (
                    run INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                    scenario TEXT NOT NULL, period INTEGER NOT NULL, name TEXT NOT NULL, value REAL NOT NULL,
                    PRIMARY KEY (run, scenario, period, name));
                CREATE INDEX runs_by_model ON runs(model, id);
                """)
        }
        return migrator
    }

    // MARK: writing

    /// Records a run with everything it carries, in one transaction; returns its row id.
    @discardableResult
    public func record(_ entry: ArchiveEntry) throws(ArchiveError) -> Int64 {
        try record(entry, beforeCommit: { entry.run.reportPath })
    }

    /// Records a run in one transaction that commits only if `beforeCommit` (e.g. moving the
    /// run's report into place) succeeds; its result becomes the run's `report_path`. If it
    /// throws, nothing is recorded and ``ArchiveError/aborted(_:_:)`` carries its error.
    @discardableResult
    public func record(_ entry: ArchiveEntry, beforeCommit: () throws -> String?) throws(ArchiveError) -> Int64 {
        var aborted: (any Error)?
        do {
            return try pool.write { db in
                let id = try Self.insert(entry, into: db)
                let report: String?
                do {
                    report = try beforeCommit()
                } catch {
                    aborted = error
                    throw error
                }
                try db.execute(sql: "UPDATE runs SET report_path = ? WHERE id = ?", arguments: [report, id])
                return id
            }
        } catch {
            if let aborted { throw .aborted(path, aborted) }
            throw .writeFailed(path, String(describing: error))
        }
    }

    private static func insert(_ entry: ArchiveEntry, into db: Database) throws -> Int64 {
        let r = entry.run
        try db.execute(sql: """
            INSERT INTO runs (run_id, model, started_at, finished_at, run_date, status, failed_stage, message,
                              exit_code, tariff_file, report_path, objective_usd, bijli_version)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [r.runID, r.model, r.startedAt, r.finishedAt, r.runDate, r.status, r.failedStage,
                             r.message, r.exitCode, r.tariffFile, r.reportPath, r.objectiveUSD, r.bijliVersion])
        let id = db.lastInsertedRowID
        for (path, digest) in entry.inputs.sorted(by: { $0.key < $1.key }) {
            try db.execute(sql: "INSERT INTO inputs (run, path, sha256) VALUES (?, ?, ?)", arguments: [id, path, digest])
        }
        for p in entry.prices {
            try db.execute(sql: "INSERT INTO prices (run, fuel, period, month, usd_per_mmbtu) VALUES (?, ?, ?, ?, ?)",
                           arguments: [id, p.fuel, p.period, p.month, p.usdPerMMBtu])
        }
        for f in entry.fuels {
            try db.execute(sql: "INSERT INTO fuels (run, fuel, period, month, use_mmbtu) VALUES (?, ?, ?, ?, ?)",
                           arguments: [id, f.fuel, f.period, f.month, f.useMMBtu])
        }
        for m in entry.metrics {
            try db.execute(sql: "INSERT INTO metrics (run, scenario, period, name, value) VALUES (?, ?, ?, ?, ?)",
                           arguments: [id, m.scenario, m.period, m.name, m.value])
        }
        return id
    }

    /// Runs `body` inside one write transaction (tests use it to hold the writer while reading).
    public func withWriteTransaction<T>(_ body: @Sendable () throws -> T) throws(ArchiveError) -> T {
        do {
            return try pool.write { _ in try body() }
        } catch {
            throw .writeFailed(path, String(describing: error))
        }
    }

    // MARK: reading

    /// Every run of a model (all models when `nil`), oldest first.
    public func runs(model: String? = nil) throws(ArchiveError) -> [ArchiveRun] {
        try read { db in
            let rows: [Row]
            if let model {
                rows = try Row.fetchAll(db, sql: "SELECT * FROM runs WHERE model = ? ORDER BY id", arguments: [model])
            } else {
                rows = try Row.fetchAll(db, sql: "SELECT * FROM runs ORDER BY id")
            }
            return rows.map(Self.run)
        }
    }

    /// The newest succeeded run of a model, whole, or `nil` when there is none.
    public func lastSucceeded(model: String) throws(ArchiveError) -> ArchiveEntry? {
        let id: Int64? = try read { db in
            try Int64.fetchOne(db, sql: "SELECT id FROM runs WHERE model = ? AND status = 'succeeded' ORDER BY id DESC LIMIT 1",
                               arguments: [model])
        }
        guard let id else { return nil }
        return try entry(id: id)
    }

    /// One run, whole.
    public func entry(id: Int64) throws(ArchiveError) -> ArchiveEntry? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM runs WHERE id = ?", arguments: [id]) else { return nil }
            var entry = ArchiveEntry(run: Self.run(row))
            for r in try Row.fetchAll(db, sql: "SELECT path, sha256 FROM inputs WHERE run = ?", arguments: [id]) {
                entry.inputs[r["path"]] = r["sha256"]
            }
            entry.prices = try Row.fetchAll(db, sql: "SELECT * FROM prices WHERE run = ? ORDER BY fuel, period, month", arguments: [id]).map {
                ArchivePrice(fuel: $0["fuel"], period: $0["period"], month: $0["month"], usdPerMMBtu: $0["usd_per_mmbtu"])
            }
            entry.fuels = try Row.fetchAll(db, sql: "SELECT * FROM fuels WHERE run = ? ORDER BY fuel, period, month", arguments: [id]).map {
                ArchiveFuel(fuel: $0["fuel"], period: $0["period"], month: $0["month"], useMMBtu: $0["use_mmbtu"])
            }
            entry.metrics = try Row.fetchAll(db, sql: "SELECT * FROM metrics WHERE run = ? ORDER BY scenario, period, name",
                                             arguments: [id]).map {
                ArchiveMetric(scenario: $0["scenario"], period: $0["period"], name: $0["name"], value: $0["value"])
            }
            return entry
        }
    }

    /// The names of every recorded metric, sorted.
    public func metricNames() throws(ArchiveError) -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT DISTINCT name FROM metrics ORDER BY name") }
    }

    /// One metric over the succeeded runs of a model, oldest first: run, period, value.
    public func trend(metric: String, scenario: String = "base", model: String? = nil) throws(ArchiveError) -> [TrendPoint] {
        try read { db in
            var sql = """
                SELECT runs.id AS id, runs.run_id AS run_id, runs.run_date AS run_date, metrics.period AS period, metrics.value AS value
                FROM metrics JOIN runs ON runs.id = metrics.run
                WHERE metrics.name = ? AND metrics.scenario = ? AND runs.status = 'succeeded'
                """
            var arguments: StatementArguments = [metric, scenario]
            if let model {
                sql += " AND runs.model = ?"
                arguments += [model]
            }
            sql += " ORDER BY runs.id, metrics.period"
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map {
                TrendPoint(run: $0["id"], runID: $0["run_id"], runDate: $0["run_date"], period: $0["period"], value: $0["value"])
            }
        }
    }

    private func read<T>(_ body: (Database) throws -> T) throws(ArchiveError) -> T {
        do {
            return try pool.read(body)
        } catch {
            throw .readFailed(path, String(describing: error))
        }
    }

    private static func run(_ row: Row) -> ArchiveRun {
        ArchiveRun(id: row["id"], runID: row["run_id"], model: row["model"], startedAt: row["started_at"],
                   finishedAt: row["finished_at"], runDate: row["run_date"], status: row["status"],
                   failedStage: row["failed_stage"], message: row["message"], exitCode: row["exit_code"],
                   tariffFile: row["tariff_file"], reportPath: row["report_path"], objectiveUSD: row["objective_usd"],
                   bijliVersion: row["bijli_version"])
    }
}

/// One point of a metric's trend.
public struct TrendPoint: Sendable, Equatable {
    /// The run's row id.
    public var run: Int64
    /// The run identifier.
    public var runID: String
    /// The date tariffs were selected for.
    public var runDate: String
    /// The period (year).
    public var period: Int
    /// The value.
    public var value: Double
}

/// Why the archive could not be used. Nothing in it is changed by a failed write.
public enum ArchiveError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No archive file at the path.
    case missing(String)
    /// The file or its folder cannot be opened or created.
    case cannotOpen(String, String)
    /// The file is not a Bijli archive (another database, a damaged file, an unknown schema).
    case notAnArchive(String, String)
    /// A read failed.
    case readFailed(String, String)
    /// A write failed; the transaction was rolled back.
    case writeFailed(String, String)
    /// The step run before the commit failed (its error attached); nothing was recorded.
    case aborted(String, any Error)

    /// Equal when of the same case and path (an aborted step's errors are not compared).
    public static func == (a: ArchiveError, b: ArchiveError) -> Bool {
        switch (a, b) {
        case (.missing(let x), .missing(let y)): x == y
        case (.cannotOpen(let x, let m), .cannotOpen(let y, let n)), (.notAnArchive(let x, let m), .notAnArchive(let y, let n)),
             (.readFailed(let x, let m), .readFailed(let y, let n)), (.writeFailed(let x, let m), .writeFailed(let y, let n)): x == y && m == n
        case (.aborted(let x, _), .aborted(let y, _)): x == y
        default: false
        }
    }

    /// A message for people.
    public var description: String {
        switch self {
        case .missing(let path): "\(path): no run archive here; `bijli scheduled` creates it on its first run (check the path)."
        case .cannotOpen(let path, let reason): "\(path): cannot open the run archive: \(reason)"
        case .notAnArchive(let path, let reason): "\(path): not a Bijli run archive (\(reason)); point to the archive of `bijli scheduled`."
        case .readFailed(let path, let reason): "\(path): cannot read the run archive: \(reason)"
        case .writeFailed(let path, let reason): "\(path): cannot write the run archive (nothing was recorded): \(reason)"
        case .aborted(let path, let error): "\(path): nothing was recorded because the step before the commit failed: \(error)"
        }
    }
}
