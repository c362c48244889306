extension EnergyLP {
    /// Builds the linear program of MODEL.md for a system (cost objective).
    ///
    /// - Throws: ``FormulationError`` listing every missing piece of data (demand series,
    ///   profiles, fuel prices, hydro budgets) or option that does not fit the system.
    public static func build(_ system: EnergySystem, options: FormulationOptions = FormulationOptions()) throws(FormulationError) -> EnergyLP {
        var builder = try FormulationBuilder(system: system, options: options)
        return try builder.build()
    }
}
