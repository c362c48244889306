import Testing
import Statistics

@Suite("SplitMix64 and xoshiro256**")
struct RandomTests {
    @Test("SplitMix64 seed 1234567 matches the published reference outputs")
    func splitMixReference1234567() {
        // Rosetta Code, "Pseudo-random numbers/Splitmix64" (seed 1234567).
        var generator = SplitMix64(seed: 1_234_567)
        let expected: [UInt64] = [
            6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423,
            4_593_380_528_125_082_431, 16_408_922_859_458_223_821,
        ]
        #expect((0..<5).map { _ in generator.next() } == expected)
    }

    @Test("SplitMix64 seed 0 matches the widely published first outputs")
    func splitMixReferenceZero() {
        var generator = SplitMix64(seed: 0)
        let expected: [UInt64] = [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F, 0xF88B_B8A8_724C_81EC]
        #expect((0..<4).map { _ in generator.next() } == expected)
    }

    @Test("xoshiro256** from state {1, 2, 3, 4} matches the reference implementation")
    func xoshiroReference() throws {
        // The vector of the rand_xoshiro crate's `reference` test, produced with the
        // authors' xoshiro256starstar.c.
        var generator = try Xoshiro256StarStar(state: [1, 2, 3, 4])
        let expected: [UInt64] = [
            11520, 0, 1_509_978_240, 1_215_971_899_390_074_240, 1_216_172_134_540_287_360,
            607_988_272_756_665_600, 16_172_922_978_634_559_625, 8_476_171_486_693_032_832,
            10_595_114_339_597_558_777, 2_904_607_092_377_533_576,
        ]
        #expect((0..<10).map { _ in generator.next() } == expected)
    }

    @Test("init(seed:) fills the state with four SplitMix64 outputs")
    func seeding() {
        var expander = SplitMix64(seed: 1_234_567)
        let words: [UInt64] = (0..<4).map { _ in expander.next() }
        #expect(Xoshiro256StarStar(seed: 1_234_567).state == words)
    }

    @Test("invalid explicit states throw")
    func invalidStates() {
        #expect(throws: StatisticsError.zeroGeneratorState) { try Xoshiro256StarStar(state: [0, 0, 0, 0]) }
        #expect(throws: StatisticsError.countMismatch(expected: 4, actual: 3)) {
            try Xoshiro256StarStar(state: [1, 2, 3])
        }
    }

    /// Regression pins, not published references: computed once by an independent Python
    /// transcription (integer arithmetic, `math.log` and `math.sqrt` from glibc) of the
    /// documented algorithms with seed 42, which also reproduces the reference vectors above.
    /// The uniforms are exact on any platform; the normals are pinned bit for bit on glibc.
    @Test("seed 42: uniforms and polar normals match the pinned values bit for bit")
    func seed42Pins() {
        var integers = Xoshiro256StarStar(seed: 42)
        let expectedIntegers: [UInt64] = [
            1_546_998_764_402_558_742, 6_990_951_692_964_543_102,
            12_544_586_762_248_559_009, 17_057_574_109_182_124_193,
        ]
        #expect((0..<4).map { _ in integers.next() } == expectedIntegers)

        var uniforms = Xoshiro256StarStar(seed: 42)
        let expectedUniforms: [Double] = [0.08386297105988216, 0.3789802506626686, 0.6800434110281394]
        #expect((0..<3).map { _ in uniforms.nextUniform() } == expectedUniforms)

        var normals = Xoshiro256StarStar(seed: 42)
        let expectedNormals: [Double] = [
            -0x1.73d2feb0fb377p-1, -0x1.b088028693f9cp-3, 0x1.c5e21f7812a4cp-3,
            0x1.0ba8bb0c5fa51p-1, 0x1.db514bfac5b4ep-2, 0x1.7b6195d5a3e23p-1,
        ]
        #expect((0..<6).map { _ in normals.nextStandardNormal() } == expectedNormals)
    }

    @Test("same seed gives the same streams; uniforms lie in [0, 1)")
    func determinism() {
        var a = Xoshiro256StarStar(seed: 2024)
        var b = Xoshiro256StarStar(seed: 2024)
        for _ in 0..<1000 {
            let u: Double = a.nextUniform()
            #expect(u == b.nextUniform())
            #expect(u >= 0 && u < 1)
            #expect(a.nextStandardNormal() == b.nextStandardNormal())
        }
        #expect(a == b)
        var c = Xoshiro256StarStar(seed: 2025)
        #expect(c.next() != Xoshiro256StarStar(seed: 2024).state[0])
    }

    @Test("works with the standard library's random APIs")
    func standardLibraryInterop() {
        var a = Xoshiro256StarStar(seed: 7)
        var b = Xoshiro256StarStar(seed: 7)
        #expect(Int.random(in: 0..<100, using: &a) == Int.random(in: 0..<100, using: &b))
    }
}
