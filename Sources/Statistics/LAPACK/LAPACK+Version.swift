internal import CLAPACK

extension LAPACK {
    /// The linked LAPACK's version from `LAPACKE_ilaver` (the Fortran `ILAVER`).
    static func version() -> (major: Int, minor: Int, patch: Int) {
        var major: Int32 = 0
        var minor: Int32 = 0
        var patch: Int32 = 0
        LAPACKE_ilaver(&major, &minor, &patch)
        return (Int(major), Int(minor), Int(patch))
    }
}
