import Foundation
import Testing
@testable import EnergyModel

/// Each unit conversion of a tariff price against a value computed by hand (the worked examples
/// are those of `Inputs/pakistan/fuel_prices.csv`'s source column).
@Suite struct TariffConversionTests {
    typealias P = FuelPriceConversion.Parameters

    /// The converted price, or NaN after recording the problem.
    func convert(_ price: Double, _ parameters: P) -> Double {
        switch FuelPriceConversion.usdPerMMBtu(price, parameters) {
        case .success(let value): return value
        case .failure(let problem):
            Issue.record("conversion failed: \(problem)")
            return .nan
        }
    }

    /// The problem of a conversion that must fail.
    func problem(_ price: Double, _ parameters: P) -> FuelPriceConversion.Problem? {
        if case .failure(let problem) = FuelPriceConversion.usdPerMMBtu(price, parameters) { return problem }
        Issue.record("expected the conversion to fail")
        return nil
    }

    @Test func hsdInRupeesPerLitre() {
        // 251.29 PKR/l / 279 PKR/USD = 0.90068 USD/l; 36.1 MJ/l / 1,055.056 MJ/MMBtu = 0.034216 MMBtu/l -> 26.32.
        let value = convert(251.29, P(unit: .pkrPerLitre, calorificValue: 36.1, calorificUnit: .mjPerLitre, exchangeRatePKRPerUSD: 279))
        #expect(abs(value - 26.32) < 0.005)
    }

    @Test func importedCoalInDollarsPerTonne() {
        // 5,500 kcal/kg x 4.1868 kJ/kcal = 23.0274 GJ/t = 21.8258 MMBtu/t; 130 / 21.8258 = 5.9563 (5.96).
        let value = convert(130, P(unit: .usdPerTonne, calorificValue: 5500, calorificUnit: .kcalPerKg))
        #expect(abs(value - 5.96) < 0.005)
        // The same calorific value in GJ/t, MJ/kg and MMBtu/t gives the same price.
        let gj = 5500 * 4.1868 / 1000
        for (value, unit) in [(gj, CalorificUnit.gjPerTonne), (gj, .mjPerKg), (gj / 1.055056, .mmbtuPerTonne)] {
            #expect(abs(convert(130, P(unit: .usdPerTonne, calorificValue: value, calorificUnit: unit)) - 5.9563) < 1e-4)
        }
        // In rupees per tonne at 279 PKR/USD: 36,270 PKR/t is 130 USD/t.
        #expect(abs(convert(36_270, P(unit: .pkrPerTonne, calorificValue: 5500, calorificUnit: .kcalPerKg, exchangeRatePKRPerUSD: 279)) - 5.9563) < 1e-4)
    }

    @Test func rfoFuelCostReferenceInRupeesPerKWh() {
        // 29.88 PKR/kWh / 279 = 0.107097 USD/kWh = 107.097 USD/MWh; / 8.530 MMBtu/MWh = 12.5553
        // (fuel_prices.csv writes 12.55).
        let value = convert(29.88, P(unit: .pkrPerKWh, heatRateMMBtuPerMWh: 8.530, exchangeRatePKRPerUSD: 279))
        #expect(abs(value - 12.5553) < 1e-4)
        // USD/MWh: 100 / 10 MMBtu/MWh = 10.
        #expect(abs(convert(100, P(unit: .usdPerMWh, heatRateMMBtuPerMWh: 10)) - 10) < 1e-12)
    }

    @Test func rlngOnAGrossBasis() {
        // 12.39 USD/MMBtu GCV / 0.9 = 13.77 USD/MMBtu NCV.
        #expect(abs(convert(12.39, P(unit: .usdPerMMBtu, basis: .gcv, ncvPerGCV: 0.9)) - 13.7667) < 1e-4)
        #expect(convert(12.39, P(unit: .usdPerMMBtu)) == 12.39)
    }

    @Test func heatUnits() {
        // 5 USD/GJ x 1.055056 GJ/MMBtu = 5.27528; 4,291 PKR/MMBtu / 279 = 15.3799.
        #expect(abs(convert(5, P(unit: .usdPerGJ)) - 5.27528) < 1e-9)
        #expect(abs(convert(4291, P(unit: .pkrPerMMBtu, exchangeRatePKRPerUSD: 279)) - 15.3799) < 1e-4)
    }

    @Test func volumeUnits() {
        // 0.9 USD/l at 36.1 MJ/l: 0.9 / 0.0342163 = 26.3033.
        #expect(abs(convert(0.9, P(unit: .usdPerLitre, calorificValue: 36.1, calorificUnit: .mjPerLitre)) - 26.3033) < 1e-4)
        // 80 USD/bbl at 36.1 MJ/l: 158.987 l x 0.0342163 MMBtu/l = 5.43997 MMBtu/bbl; 80 / 5.43997 = 14.7060.
        #expect(abs(convert(80, P(unit: .usdPerBarrel, calorificValue: 36.1, calorificUnit: .mjPerLitre)) - 14.7060) < 1e-4)
        // 80 USD/bbl at 5.8 MMBtu/bbl = 13.7931.
        #expect(abs(convert(80, P(unit: .usdPerBarrel, calorificValue: 5.8, calorificUnit: .mmbtuPerBarrel)) - 13.7931) < 1e-4)
    }

    @Test func missingOrMismatchedParametersAreProblems() {
        #expect(problem(130, P(unit: .usdPerTonne))?.column == "calorific_value")
        #expect(problem(130, P(unit: .usdPerTonne, calorificValue: 36.1, calorificUnit: .mjPerLitre))?.message.contains("per volume") == true)
        #expect(problem(130, P(unit: .usdPerTonne, calorificValue: 5500, calorificUnit: .kcalPerKg, heatRateMMBtuPerMWh: 9))?.column == "heat_rate_mmbtu_per_mwh")
        #expect(problem(12, P(unit: .usdPerMMBtu, calorificValue: 5500, calorificUnit: .kcalPerKg))?.column == "calorific_value")
        #expect(problem(29.88, P(unit: .pkrPerKWh, heatRateMMBtuPerMWh: 8.53))?.message.contains("exchange rate") == true)
        #expect(problem(29.88, P(unit: .pkrPerKWh, exchangeRatePKRPerUSD: 279))?.column == "heat_rate_mmbtu_per_mwh")
        #expect(problem(12.39, P(unit: .usdPerMMBtu, basis: .gcv))?.column == "ncv_per_gcv")
        #expect(problem(12.39, P(unit: .usdPerMMBtu, basis: .gcv, ncvPerGCV: 1.1))?.column == "ncv_per_gcv")
        #expect(problem(12.39, P(unit: .usdPerMMBtu, ncvPerGCV: 0.9))?.column == "ncv_per_gcv")
        #expect(problem(279, P(unit: .pkrPerUSD))?.column == "unit")
    }

    @Test func unitsParseWithAliases() {
        #expect(FuelPriceUnit(text: "PKR/l") == .pkrPerLitre)
        #expect(FuelPriceUnit(text: "usd/mmbtu") == .usdPerMMBtu)
        #expect(FuelPriceUnit(text: "USD / t") == .usdPerTonne)
        #expect(FuelPriceUnit(text: "USD/kg") == nil)
        #expect(CalorificUnit(text: "MJ/litre") == .mjPerLitre)
        #expect(CalorificUnit(text: "kcal/kg") == .kcalPerKg)
        #expect(CalorificUnit(text: "kJ/kg") == nil)
    }

    @Test func calendarDates() {
        #expect(CalendarDate(iso: "2025-07-01")?.description == "2025-07-01")
        #expect(CalendarDate(iso: "2024-02-29") != nil)
        #expect(CalendarDate(iso: "2025-02-29") == nil)
        #expect(CalendarDate(iso: "2025-7-1") == nil)
        #expect(CalendarDate(iso: "2025-13-01") == nil)
        #expect(CalendarDate(iso: "2025-06-30")! < CalendarDate(iso: "2025-07-01")!)
        #expect(CalendarDate.today(Date(timeIntervalSince1970: 0)).description == "1970-01-01")
    }
}
