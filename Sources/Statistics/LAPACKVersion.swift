/// The version of the LAPACK library linked at run time, as reported by LAPACK's `ilaver`.
public struct LAPACKVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The major version, e.g. 3 in 3.11.0.
    public let major: Int
    /// The minor version, e.g. 11 in 3.11.0.
    public let minor: Int
    /// The patch version, e.g. 0 in 3.11.0.
    public let patch: Int

    /// Creates a version from its three components.
    public init(major: Int, minor: Int, patch: Int) {
        self.major = major
        self.minor = minor
        self.patch = patch
    }

    /// The version of the linked LAPACK, queried with LAPACK's `ilaver`.
    public static var current: LAPACKVersion {
        let version = LAPACK.version()
        return LAPACKVersion(major: version.major, minor: version.minor, patch: version.patch)
    }

    /// The version as `"major.minor.patch"`, e.g. `"3.11.0"`.
    public var description: String {
        "\(major).\(minor).\(patch)"
    }

    /// Orders versions by major, then minor, then patch component.
    public static func < (lhs: LAPACKVersion, rhs: LAPACKVersion) -> Bool {
        (lhs.major, lhs.minor, lhs.patch) < (rhs.major, rhs.minor, rhs.patch)
    }
}

/// The linked LAPACK's version as `"major.minor.patch"` (e.g. `"3.11.0"`), from LAPACK's `ilaver`.
///
/// Spelled `Statistics.lapackVersion` from other modules.
public let lapackVersion: String = LAPACKVersion.current.description
