import LinearProgramming

/// Programs on which GLPK 5.0's interior point really stops short, generated deterministically.
///
/// Least absolute deviations (L1 regression): minimise `Σ t_i` subject to `−t_i ≤ a_i·x − b_i ≤ t_i`
/// with the coefficients `x` free. GLPK's interior point splits every free column in two, which
/// leaves the working program without a strictly feasible dual, and the normal equations become
/// singular near the optimum: it stops with numerical instability after 10 to 15 iterations,
/// often at a point with a relative gap of 1e-6 to 1e-3, too far to accept. Coefficient
/// magnitudes spread over `spread` decades make it worse.
enum StoppedShortPrograms {
    /// Interior-point options that accept a stopped-short point only within a gap of 1e-6 (the
    /// rule before the default ``InteriorResiduals/acceptanceGap`` of 1e-4), so that the points
    /// these programs stop at (gaps of 1e-6 to 1e-3) reach the retry and the crossover.
    static var strict: SolverOptions {
        var options = SolverOptions(method: .interiorPoint)
        options.acceptanceGap = 1e-6
        return options
    }

    /// A small deterministic generator (SplitMix64), so the programs are the same on every machine.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        /// Uniform in [0, 1).
        mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 53) }
        /// Uniform in [a, b), rounded to `digits` decimals (as a file would keep it).
        mutating func uniform(_ a: Double, _ b: Double, digits: Double = 1000) -> Double {
            ((a + (b - a) * uniform()) * digits).rounded() / digits
        }
    }

    /// The L1 regression with `coefficients` free columns, `3 × coefficients` observations (each
    /// a pair of rows), each observation using a coefficient with probability `density`.
    static func leastAbsoluteDeviations(coefficients n: Int, observationsPerCoefficient ratio: Int = 3,
                                        density: Double = 0.1, spread: Int = 2, seed: UInt64) -> LinearProgram {
        var random = Generator(state: seed)
        var lp = LinearProgram(name: "lad-\(n)-\(seed)")
        let x = (0..<n).map { lp.addVariable("x\($0)", bounds: .free, cost: 0) }
        for i in 0..<(n * ratio) {
            let t = lp.addVariable("t\(i)", cost: 1)
            var terms: [Term] = []
            for j in 0..<n where random.uniform() < density {
                let magnitude = pow10(Int(random.next() % UInt64(spread + 1)))
                terms.append(random.uniform(-1, 1) * magnitude * x[j])
            }
            if terms.isEmpty { terms.append(1 * x[i % n]) }
            let b = random.uniform(-10, 10)
            lp.addRow("lo\(i)", terms + [1 * t], .atLeast(b))
            lp.addRow("hi\(i)", terms + [-1 * t], .atMost(b))
        }
        return lp
    }

    private static func pow10(_ k: Int) -> Double { (0..<k).reduce(1.0) { v, _ in v * 10 } }
}
