import EnergyModel
import Foundation
import Reporting

/// The run a what-if departs from, and how the what-if differs from it.
public struct Departure: Sendable {
    /// The reference run's folder (as found: `base/latest` resolved to its run id).
    public var folder: URL
    /// Its label: its scenario (`base`) and run id.
    public var label: String
    /// Its results.
    public var results: EnergyResults
    /// The what-if's differences from it, in plain units.
    public var differences: [ComparisonBuilder.Difference]
}

extension RunReports {
    /// The options that make two runs the same case when their input files are the same.
    static let caseOptions = ["resolution", "periods", "seed", "demand_variant", "objective", "tariff_file", "tariff_sha256"]

    /// How a run's case differs from a reference's (input files of the model and inputs folders
    /// and an applied tariff file, by SHA-256; resolution, periods, seed, demand variant,
    /// objective, tariff file), in words; empty when they are the same case. Scenario files (in
    /// `<inputs>/scenarios/` or anywhere) are what a what-if changes, so they do not count.
    public static func mismatches(_ run: Provenance, from reference: Provenance) -> [String] {
        var words: [String] = []
        func inputs(_ p: Provenance) -> [String: String] {
            p.inputHashes.filter { key, _ in
                ["model/", "inputs/", "tariff/", "pypsa/"].contains(where: key.hasPrefix) && !key.hasPrefix("inputs/scenarios/")
            }
        }
        let a = inputs(reference), b = inputs(run)
        let changed = Set(a.keys).union(b.keys).sorted().filter { a[$0] != b[$0] }
        if !changed.isEmpty {
            words.append("input files differ (\(changed.prefix(3).joined(separator: ", "))\(changed.count > 3 ? ", ..." : ""))")
        }
        for key in caseOptions where reference.options[key] != run.options[key] {
            words.append("\(key) \(reference.options[key] ?? "none") there, \(run.options[key] ?? "none") here")
        }
        return words
    }

    /// The run a finished what-if departs from: `against` when given (any run folder), else the
    /// newest base run of the model under the reports root (`<out>/<model>/base/latest`) when it is
    /// the same case (``mismatches(_:from:)``). Returns nil and a note saying why when there is none
    /// to compare with.
    /// - Throws: ``WorkflowError/runDirectory(_:)`` when `against` is not a readable run folder.
    public static func departure(of results: EnergyResults, model: String, out: URL,
                                 against: URL?) throws(WorkflowError) -> (Departure?, note: String?) {
        let folder: URL
        if let against {
            folder = against
        } else {
            let latest = out.appendingPathComponent(model).appendingPathComponent(scenario).appendingPathComponent("latest")
            guard FileManager.default.fileExists(atPath: latest.appendingPathComponent("results.json").path) else {
                return (nil, "no base run at \(latest.path) to compare with: run the base first (without --scenario/--overlay), or give --against RUN")
            }
            folder = latest
        }
        let reference = try load(folder).results
        if against == nil {
            let mismatched = mismatches(results.provenance, from: reference.provenance)
            guard mismatched.isEmpty else {
                return (nil, "not compared with \(folder.path): a different case (" + mismatched.joined(separator: "; ") + "); give --against RUN to compare anyway")
            }
        }
        let resolved = folder.standardizedFileURL.resolvingSymlinksInPath()
        let label = "\(reference.provenance.options["scenario"] ?? scenario) \(resolved.lastPathComponent)"
        return (Departure(folder: resolved, label: label, results: reference, differences: ComparisonBuilder.differences(results, from: reference)), nil)
    }
}
