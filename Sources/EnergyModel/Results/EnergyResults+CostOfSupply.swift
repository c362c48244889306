extension SolutionReader {
    /// The capacity payments made in period y (contracts whose last year is not before the
    /// period's year) and the fixed O&M of the existing capacity they pay for, USD per year; nil
    /// when the model has no `capacity_payments.csv`.
    func capacityPayments(_ y: Int) -> (paid: Double, coveredFixedOM: Double)? {
        guard !system.capacityPayments.isEmpty else { return nil }
        let year = lp.periods[y].year
        var paid = 0.0, covered = 0.0
        for contract in system.capacityPayments where contract.isPaid(in: year) {
            paid += contract.paymentUSDPerYear
            for id in contract.generators {
                guard let generator = system.generators.first(where: { $0.id == id }) else { continue }
                let existing = Economics.existing(generator.existingCapacityMW, retirementYear: generator.retirementYear, year: year)
                covered += generator.fixedOMUSDPerKWYear * 1000 * existing
            }
        }
        return (paid, covered)
    }
}
