import Testing
import Statistics

@Suite("LAPACK version (ilaver)")
struct LAPACKVersionTests {
    @Test("the linked LAPACK is at least 3.11 (Debian 12's liblapack3) and formats as x.y.z")
    func version() {
        let current = LAPACKVersion.current
        #expect(current >= LAPACKVersion(major: 3, minor: 11, patch: 0))
        #expect(Statistics.lapackVersion == current.description)
        #expect(Statistics.lapackVersion.split(separator: ".").count == 3)
        #expect(LAPACKVersion(major: 3, minor: 11, patch: 0).description == "3.11.0")
    }
}
