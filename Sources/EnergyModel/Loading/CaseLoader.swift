import Foundation

/// Loads a case, `Models/<model>/` (what the system is) and `Inputs/<model>/` (the world it
/// runs in), into a validated ``EnergySystem``. The file formats are in docs/FORMATS.md.
public enum CaseLoader {
    /// Reads and validates every file of a case.
    ///
    /// Every problem (missing files or columns, wrong types, out-of-range values, unknown or
    /// duplicate names, inconsistent references) is collected; if there is any, the load fails
    /// with all of them at once, sorted by file, line and column.
    /// - Parameters:
    ///   - model: the model folder (`model.yaml`, `generators.csv`, `storage.csv`).
    ///   - inputs: the inputs folder (`settings.yaml`, `periods.csv`, `demand.csv`, ...).
    ///   - demandVariant: the rows of `demand.csv` to use when it has a `variant` column; `nil`
    ///     takes `demand_variant` from `settings.yaml`.
    ///   - tariffs: the dated tariff file to apply (``TariffChoice``; default none: `fuel_prices.csv`
    ///     alone). Its problems are reported with the case's.
    /// - Returns: the system, its lists in file order and its source notes sorted by file and key.
    /// - Throws: ``CaseLoadError`` with every issue found.
    public static func load(model: URL, inputs: URL, demandVariant: String? = nil,
                            tariffs: TariffChoice = .none) throws(CaseLoadError) -> EnergySystem {
        let reader = CaseReader(model: model, inputs: inputs, demandVariant: demandVariant, tariffs: tariffs)
        let system = reader.read()
        guard reader.log.isEmpty, let system else {
            throw CaseLoadError(issues: reader.log.issues)
        }
        return system
    }

    /// The issues of a case, empty when it loads cleanly (a convenience over ``load(model:inputs:)``).
    public static func validate(model: URL, inputs: URL, demandVariant: String? = nil, tariffs: TariffChoice = .none) -> [CaseIssue] {
        let reader = CaseReader(model: model, inputs: inputs, demandVariant: demandVariant, tariffs: tariffs)
        _ = reader.read()
        return CaseLoadError(issues: reader.log.issues).issues
    }
}
