/// The xoshiro256** generator of Blackman and Vigna, seeded through ``SplitMix64``: the
/// module's reproducible source of randomness.
///
/// **Reproducibility.** The state update and the 64-bit outputs are pure wrapping integer
/// operations (shifts, rotations, xors, multiplications), and ``nextUniform()`` converts with
/// an exact power-of-two scaling, so for a given seed the integer and uniform streams are
/// bit-identical on every platform, compiler and run. ``nextStandardNormal()`` additionally
/// calls the platform's `log` (and the IEEE-exact `squareRoot()`): normal draws are
/// bit-identical wherever the same libm is used (glibc on Debian 12), and may differ in the last
/// bits on another libm.
///
/// `init(seed:)` fills the four state words with four consecutive SplitMix64 outputs, the
/// seeding the xoshiro authors recommend. No LAPACK routine is used.
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable, Hashable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64
    /// The second normal of the last Marsaglia polar pair, returned by the next call to
    /// ``nextStandardNormal()``; part of the generator's state.
    var spareNormalValue: Double?

    /// The four 64-bit state words (s0, s1, s2, s3); never all zero.
    ///
    /// A pending spare normal from ``nextStandardNormal()`` is not part of this array.
    public var state: [UInt64] {
        [s0, s1, s2, s3]
    }

    /// Creates a generator from a 64-bit seed, expanded with ``SplitMix64``.
    public init(seed: UInt64) {
        var expander = SplitMix64(seed: seed)
        let words: [UInt64] = [expander.next(), expander.next(), expander.next(), expander.next()]
        // SplitMix64 is a bijection of distinct counters, so the four words are never all zero.
        (s0, s1, s2, s3) = (words[0], words[1], words[2], words[3])
        self.spareNormalValue = nil
    }

    /// Creates a generator with an explicit state, e.g. `[1, 2, 3, 4]` for the published
    /// reference vectors.
    ///
    /// - Throws: ``StatisticsError/countMismatch(expected:actual:)`` unless there are four
    ///   words, and ``StatisticsError/zeroGeneratorState`` if all four are zero (the generator
    ///   would output zero forever).
    public init(state: [UInt64]) throws(StatisticsError) {
        guard state.count == 4 else { throw .countMismatch(expected: 4, actual: state.count) }
        guard state.contains(where: { $0 != 0 }) else { throw .zeroGeneratorState }
        (s0, s1, s2, s3) = (state[0], state[1], state[2], state[3])
        self.spareNormalValue = nil
    }

    /// Advances the state and returns the next 64-bit output, `rotl(s1 × 5, 7) × 9`.
    public mutating func next() -> UInt64 {
        let result: UInt64 = Self.rotateLeft(s1 &* 5, by: 7) &* 9
        let t: UInt64 = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = Self.rotateLeft(s3, by: 45)
        return result
    }

    /// Returns a uniform double in [0, 1): the top 53 bits of ``next()`` times 2⁻⁵³.
    public mutating func nextUniform() -> Double {
        let bits: UInt64 = next() >> 11
        return Double(bits) * 0x1.0p-53
    }

    private static func rotateLeft(_ value: UInt64, by amount: UInt64) -> UInt64 {
        (value << amount) | (value >> (64 - amount))
    }
}
