import Foundation

/// What a log-linear demand model explains: annual energy, or annual energy per head.
public enum DemandDependent: String, Sendable, CaseIterable {
    /// ln E, E the annual energy in GWh.
    case energy
    /// ln(E / POP), the annual energy per head.
    case energyPerCapita = "energy_per_capita"
}

/// A regressor of a log-linear demand model (the intercept is always added).
public enum DemandRegressor: String, Sendable, CaseIterable {
    /// ln GDP, GDP a real index chained from growth rates.
    case lnGDP = "ln_gdp"
    /// ln POP, the fiscal-year population.
    case lnPopulation = "ln_population"
    /// ln(GDP / POP).
    case lnGDPPerCapita = "ln_gdp_per_capita"
    /// Years since the first fitted year.
    case trend

    /// The change of this regressor over `years` years of constant GDP growth `gdpGrowth` and
    /// population growth `populationGrowth` (fractions per year, e.g. 0.035).
    ///
    /// ln GDP changes by n ln(1 + g), ln POP by n ln(1 + m), ln(GDP/POP) by n (ln(1 + g) − ln(1 + m)),
    /// and the trend by n.
    public func change(years: Int, gdpGrowth: Double, populationGrowth: Double) -> Double {
        let n = Double(years)
        switch self {
        case .lnGDP: return n * Foundation.log1p(gdpGrowth)
        case .lnPopulation: return n * Foundation.log1p(populationGrowth)
        case .lnGDPPerCapita: return n * (Foundation.log1p(gdpGrowth) - Foundation.log1p(populationGrowth))
        case .trend: return n
        }
    }
}

/// One log-linear specification: `dependent ~ 1 + regressors`, fitted by least squares.
public struct DemandModelSpec: Sendable, Equatable {
    /// A name for reports (`model` for the one the variants use).
    public var name: String
    /// What is explained.
    public var dependent: DemandDependent
    /// The regressors after the intercept, in design-column order.
    public var regressors: [DemandRegressor]
    /// The line of the specification in forecast.yaml (for issues), if known.
    public var line: Int?

    /// Creates a specification.
    public init(name: String, dependent: DemandDependent, regressors: [DemandRegressor], line: Int? = nil) {
        self.name = name
        self.dependent = dependent
        self.regressors = regressors
        self.line = line
    }

    /// The coefficient names: `intercept`, then the regressors.
    public var coefficientNames: [String] { ["intercept"] + regressors.map(\.rawValue) }

    /// A one-line formula such as `ln(energy_per_capita) ~ 1 + ln_gdp_per_capita`.
    public var formula: String {
        "ln(\(dependent.rawValue)) ~ " + (["1"] + regressors.map(\.rawValue)).joined(separator: " + ")
    }

    /// The growth factor E_t / E_base of annual energy over `years` years at constant GDP and
    /// population growth, given the fitted coefficients (intercept first).
    ///
    /// For `energy`: exp(Σ βₖ Δxₖ). For `energy_per_capita`: exp(Σ βₖ Δxₖ + n ln(1 + m)), since
    /// ln E = ln(E/POP) + ln POP. The intercept cancels: the forecast grows from the base year.
    public func growthFactor(coefficients: [Double], years: Int, gdpGrowth: Double, populationGrowth: Double) -> Double {
        precondition(coefficients.count == regressors.count + 1, "one coefficient per design column")
        var exponent: Double = 0
        for (index, regressor) in regressors.enumerated() {
            let change: Double = regressor.change(years: years, gdpGrowth: gdpGrowth, populationGrowth: populationGrowth)
            exponent += coefficients[index + 1] * change
        }
        if dependent == .energyPerCapita {
            exponent += Double(years) * Foundation.log1p(populationGrowth)
        }
        return Foundation.exp(exponent)
    }
}

/// One fitted year: the observed values the design is built from.
public struct ForecastObservation: Sendable, Equatable {
    /// The fiscal year (ending in June).
    public var year: Int
    /// Annual energy, GWh.
    public var energyGWh: Double
    /// Real GDP index (the first year of the chain = 100).
    public var gdpIndex: Double
    /// Fiscal-year population (persons).
    public var population: Double

    /// Creates an observation.
    public init(year: Int, energyGWh: Double, gdpIndex: Double, population: Double) {
        self.year = year
        self.energyGWh = energyGWh
        self.gdpIndex = gdpIndex
        self.population = population
    }
}
