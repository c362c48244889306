#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension Xoshiro256StarStar {
    /// Returns a standard normal draw (mean 0, variance 1) by the Marsaglia polar method.
    ///
    /// Draws u, v uniform in (−1, 1) from ``nextUniform()`` (as 2U − 1) until
    /// 0 < s = u² + v² < 1, then returns u·√(−2 ln s / s) and keeps v·√(−2 ln s / s) for the
    /// next call. The result depends on the platform `log` (glibc's on Debian) and on the
    /// IEEE-exact `squareRoot()`; see the type's reproducibility note. No LAPACK routine is used.
    public mutating func nextStandardNormal() -> Double {
        if let spare = spareNormalValue {
            spareNormalValue = nil
            return spare
        }
        while true {
            let u: Double = 2 * nextUniform() - 1
            let v: Double = 2 * nextUniform() - 1
            let s: Double = u * u + v * v
            if s > 0 && s < 1 {
                let logarithm: Double = log(s)
                let factor: Double = (-2 * logarithm / s).squareRoot()
                spareNormalValue = v * factor
                return u * factor
            }
        }
    }
}
