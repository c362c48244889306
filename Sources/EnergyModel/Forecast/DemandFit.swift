import Foundation
import Statistics

/// A log-linear demand model fitted by least squares through ``LeastSquaresFit`` (LAPACK `dgels`):
/// coefficients, standard errors, t statistics, R², adjusted R², residuals and warnings.
public struct DemandFit: Sendable, Equatable {
    /// Above this variance inflation factor a regressor is reported as nearly collinear with the
    /// others (the common rule of thumb is 10).
    public static let collinearityThreshold: Double = 10

    /// The specification.
    public let spec: DemandModelSpec
    /// The fitted years, in order.
    public let years: [Int]
    /// The observed dependent values (logarithms), one per year.
    public let observed: [Double]
    /// The least-squares fit (coefficients in ``DemandModelSpec/coefficientNames`` order).
    public let fit: LeastSquaresFit
    /// The variance inflation factor of each regressor (1/(1 − R²ⱼ) of regressor j on the others
    /// and the intercept); empty with a single regressor.
    public let varianceInflation: [Double]
    /// Plain-language warnings: near-collinearity, a coefficient of unexpected sign, few degrees of freedom.
    public let warnings: [String]

    /// The coefficients, intercept first.
    public var coefficients: [Double] { fit.coefficients }

    /// The t statistics βₖ / se(βₖ) (nil without residual degrees of freedom).
    public var tStatistics: [Double]? {
        guard let errors = fit.standardErrors else { return nil }
        return zip(fit.coefficients, errors).map { $0 / $1 }
    }

    /// The residual standard error σ̂ (nil without residual degrees of freedom).
    public var residualStandardError: Double? { fit.residualVariance.map { $0.squareRoot() } }

    /// The design row of one observation: 1, then each regressor.
    public static func designRow(_ observation: ForecastObservation, regressors: [DemandRegressor], firstYear: Int) -> [Double] {
        var row: [Double] = [1]
        for regressor in regressors {
            switch regressor {
            case .lnGDP: row.append(Foundation.log(observation.gdpIndex))
            case .lnPopulation: row.append(Foundation.log(observation.population))
            case .lnGDPPerCapita: row.append(Foundation.log(observation.gdpIndex / observation.population))
            case .trend: row.append(Double(observation.year - firstYear))
            }
        }
        return row
    }

    /// The dependent value of one observation: ln E or ln(E / POP).
    public static func dependentValue(_ observation: ForecastObservation, _ dependent: DemandDependent) -> Double {
        switch dependent {
        case .energy: Foundation.log(observation.energyGWh)
        case .energyPerCapita: Foundation.log(observation.energyGWh / observation.population)
        }
    }

    /// Fits `spec` to `observations` (years in order, all values positive).
    ///
    /// - Throws: ``StatisticsError`` from ``LeastSquaresFit`` (e.g. `rankDeficient(column:)` when a
    ///   regressor is a linear combination of the ones before it, `underdetermined` with too few years).
    public init(spec: DemandModelSpec, observations: [ForecastObservation]) throws(StatisticsError) {
        let firstYear = observations.first?.year ?? 0
        let rows = observations.map { Self.designRow($0, regressors: spec.regressors, firstYear: firstYear) }
        let observed = observations.map { Self.dependentValue($0, spec.dependent) }
        let design = try Matrix(rows: rows)
        let fit = try LeastSquaresFit(design: design, observations: observed)
        self.spec = spec
        self.years = observations.map(\.year)
        self.observed = observed
        self.fit = fit

        var inflation: [Double] = []
        if spec.regressors.count > 1 {
            for j in spec.regressors.indices {
                let others = rows.map { row in [1.0] + row.dropFirst().enumerated().filter { $0.offset != j }.map(\.element) }
                let target = rows.map { $0[j + 1] }
                if let auxiliary = try? LeastSquaresFit(design: Matrix(rows: others), observations: target), let r2 = auxiliary.rSquared {
                    inflation.append(r2 < 1 ? 1 / (1 - r2) : .infinity)
                } else {
                    inflation.append(.infinity)
                }
            }
        }
        self.varianceInflation = inflation

        var warnings: [String] = []
        for (j, factor) in inflation.enumerated() where factor > Self.collinearityThreshold {
            let shown = factor.isFinite ? String(format: "%.0f", factor) : "∞"
            warnings.append("'\(spec.regressors[j].rawValue)' is nearly collinear with the other regressors "
                + "(variance inflation \(shown) > \(Int(Self.collinearityThreshold))): its coefficient and standard error are unreliable")
        }
        for (j, regressor) in spec.regressors.enumerated() where regressor != .trend && fit.coefficients[j + 1] < 0 {
            warnings.append("'\(regressor.rawValue)' has a negative elasticity (\(String(format: "%.3f", fit.coefficients[j + 1]))): "
                + "demand would fall as it grows")
        }
        let freedom = observations.count - (spec.regressors.count + 1)
        if freedom < 5 {
            warnings.append("only \(freedom) residual degrees of freedom: standard errors are very uncertain")
        }
        self.warnings = warnings
    }
}
