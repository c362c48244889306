/// Sebastiano Vigna's SplitMix64 generator, used to expand a 64-bit seed into a
/// ``Xoshiro256StarStar`` state.
///
/// The state advances by the golden-ratio increment 0x9E3779B97F4A7C15 and each output is
/// the state passed through the `mix64` finaliser. All operations are wrapping 64-bit integer
/// arithmetic, so outputs are identical on every platform. With seed 1234567 the first outputs
/// are 6457827717110365317, 3203168211198807973, 9817491932198370423 (the published reference
/// values). No LAPACK routine is used.
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable {
    /// The current 64-bit state (the seed before the first output).
    public private(set) var state: UInt64

    /// Creates a generator whose state is `seed`.
    public init(seed: UInt64) {
        self.state = seed
    }

    /// Advances the state and returns the next 64-bit output.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z: UInt64 = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
