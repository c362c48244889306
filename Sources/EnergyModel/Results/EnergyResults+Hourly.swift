import Foundation
import LinearProgramming

/// The modelled steps of a run, region by region: what the report's dispatch stacks, unserved
/// heat map and price duration curves are drawn from (`hourly.csv`, docs/RESULTS.md).
///
/// A row stands for `weightHours` hours of its period: with `hourly` resolution every hour of the
/// year once (weight 1), with `repdays:N` the 24 hours of each representative day, weighted by the
/// days of its month that it stands for. The rows are the solved LP's values, nothing interpolated.
public struct HourlyResults: Sendable, Equatable {
    /// One region in one step of one period.
    public struct Row: Sendable, Equatable {
        /// The period's year.
        public var period: Int
        /// Region id.
        public var region: String
        /// Index of the step in the period (0-based, the order of the LP).
        public var step: Int
        /// Hour of the year the step samples (0 = 1 January 00:00–01:00).
        public var hourOfYear: Int
        /// Calendar month 1...12.
        public var month: Int
        /// Hours the step stands for.
        public var weightHours: Double
        /// Demand, MW.
        public var demandMW: Double
        /// Unserved demand, MW.
        public var unservedMW: Double
        /// Marginal price (dual of EB), USD/MWh of the period's year.
        public var priceUSDPerMWh: Double
        /// Storage charging, MW.
        public var storageChargeMW: Double
        /// Net import over corridors (arrivals after losses minus departures), MW.
        public var netImportMW: Double
        /// Generation by carrier, MW, in the order of ``HourlyResults/carriers`` (storage
        /// discharge under `storage`).
        public var generationMW: [Double]

        /// Creates a row.
        public init(period: Int, region: String, step: Int, hourOfYear: Int, month: Int, weightHours: Double,
                    demandMW: Double, unservedMW: Double, priceUSDPerMWh: Double, storageChargeMW: Double,
                    netImportMW: Double, generationMW: [Double]) {
            self.period = period
            self.region = region
            self.step = step
            self.hourOfYear = hourOfYear
            self.month = month
            self.weightHours = weightHours
            self.demandMW = demandMW
            self.unservedMW = unservedMW
            self.priceUSDPerMWh = priceUSDPerMWh
            self.storageChargeMW = storageChargeMW
            self.netImportMW = netImportMW
            self.generationMW = generationMW
        }
    }

    /// Time resolution of the run, e.g. `hourly`, `repdays:24`.
    public var resolution: String
    /// Carriers of the generation columns, sorted, `storage` last when present.
    public var carriers: [String]
    /// Rows by period, then region (the system's order), then step.
    public var rows: [Row]

    /// Creates hourly results.
    public init(resolution: String, carriers: [String], rows: [Row]) {
        self.resolution = resolution
        self.carriers = carriers
        self.rows = rows
    }

    /// The fixed columns of `hourly.csv`, before one `<carrier>_mw` column per carrier.
    public static let fixedColumns = ["period", "region", "step", "hour_of_year", "month", "weight_h", "demand_mw",
                                      "unserved_mw", "price_usd_per_mwh", "storage_charge_mw", "net_import_mw"]

    /// Reads the steps of a solved run; `nil` without a solution.
    public init?(_ run: Optimization) {
        guard let solution = run.result.solution else { return nil }
        let lp = run.lp, system = lp.system
        let reader = SolutionReader(lp: lp, solution: solution)
        var carrierSet = Set(system.generators.map(\.carrier))
        carrierSet.remove("storage")
        carriers = carrierSet.sorted() + (system.storages.isEmpty ? [] : ["storage"])
        resolution = lp.options.time.resolution.description
        let column = Dictionary(uniqueKeysWithValues: carriers.enumerated().map { ($1, $0) })
        let steps = lp.options.time.steps
        rows = []
        rows.reserveCapacity(lp.periods.count * system.regions.count * steps.count)
        for (y, period) in lp.periods.enumerated() {
            for (r, region) in system.regions.enumerated() {
                let demand = system.demand.first { $0.region == region.id && $0.year == period.year }?.hourlyMW
                let generators = system.generators.indices.filter { system.generators[$0].region == region.id }
                let storages = system.storages.indices.filter { system.storages[$0].region == region.id }
                for (t, step) in steps.enumerated() {
                    var generation = [Double](repeating: 0, count: carriers.count)
                    for g in generators {
                        generation[column[system.generators[g].carrier]!] += reader.value(lp.variables.generation[g, y, t])
                    }
                    var charge = 0.0
                    for s in storages {
                        generation[column["storage"]!] += reader.value(lp.variables.discharge[s, y, t])
                        charge += reader.value(lp.variables.charge[s, y, t])
                    }
                    var net = 0.0
                    for (l, corridor) in system.corridors.enumerated() {
                        let arrive: Double = 1 - corridor.lossFraction
                        let forward = reader.value(lp.variables.flowForward[l, y, t])
                        let backward = reader.value(lp.variables.flowBackward[l, y, t])
                        if corridor.to == region.id { net += arrive * forward - backward }
                        if corridor.from == region.id { net += arrive * backward - forward }
                    }
                    rows.append(Row(period: period.year, region: region.id, step: t, hourOfYear: step.hour, month: step.month,
                                    weightHours: step.weight, demandMW: demand?[step.hour] ?? 0,
                                    unservedMW: lp.variables.unserved.value(r, y, t, in: reader.solution.values),
                                    priceUSDPerMWh: reader.price(region: r, period: y, step: t),
                                    storageChargeMW: charge, netImportMW: net, generationMW: generation))
                }
            }
        }
    }

    /// `hourly.csv`: the fixed columns, then `<carrier>_mw`; numbers with 12 significant digits.
    public func csv() -> Data {
        var lines = [(Self.fixedColumns + carriers.map { "\($0)_mw" }).map(EnergyResults.csv).joined(separator: ",")]
        lines.reserveCapacity(rows.count + 1)
        for row in rows {
            var fields = [String(row.period), EnergyResults.csv(row.region), String(row.step), String(row.hourOfYear),
                          String(row.month)]
            fields += [row.weightHours, row.demandMW, row.unservedMW, row.priceUSDPerMWh, row.storageChargeMW, row.netImportMW]
                .map(EnergyResults.csv)
            fields += row.generationMW.map(EnergyResults.csv)
            lines.append(fields.joined(separator: ","))
        }
        return Data((lines.joined(separator: "\n") + "\n").utf8)
    }

    /// Reads `hourly.csv` back (as written by ``csv()``; region ids hold no commas or quotes).
    public static func parse(csv data: Data, resolution: String) throws(HourlyResultsError) -> HourlyResults {
        guard let text = String(data: data, encoding: .utf8) else { throw .malformed(line: 1, "not UTF-8") }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        guard let header = lines.first?.split(separator: ",").map(String.init),
              header.count >= fixedColumns.count, Array(header.prefix(fixedColumns.count)) == fixedColumns,
              header.dropFirst(fixedColumns.count).allSatisfy({ $0.hasSuffix("_mw") }) else {
            throw .malformed(line: 1, "the header must start with \(fixedColumns.joined(separator: ","))")
        }
        let carriers = header.dropFirst(fixedColumns.count).map { String($0.dropLast(3)) }
        var rows: [Row] = []
        rows.reserveCapacity(lines.count - 1)
        for (index, line) in lines.dropFirst().enumerated() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let numbers = f.count == header.count ? f.dropFirst(5).map { Double($0) } : []
            guard f.count == header.count, let period = Int(f[0]), let step = Int(f[2]), let hour = Int(f[3]),
                  let month = Int(f[4]), numbers.allSatisfy({ $0 != nil }) else {
                throw .malformed(line: index + 2, "expected \(header.count) fields: integers, then numbers")
            }
            let n = numbers.map { $0! }
            rows.append(Row(period: period, region: f[1], step: step, hourOfYear: hour, month: month, weightHours: n[0],
                            demandMW: n[1], unservedMW: n[2], priceUSDPerMWh: n[3], storageChargeMW: n[4],
                            netImportMW: n[5], generationMW: Array(n.dropFirst(6))))
        }
        return HourlyResults(resolution: resolution, carriers: carriers, rows: rows)
    }
}

/// Why `hourly.csv` could not be read.
public enum HourlyResultsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A line that does not have the shape ``HourlyResults/csv()`` writes.
    case malformed(line: Int, String)

    /// A message for people.
    public var description: String {
        switch self {
        case .malformed(let line, let message): "hourly.csv:\(line): \(message)"
        }
    }
}
