// swift-tools-version: 6.0
// The libFuzzer targets of issue 19 (`make fuzz`): the case loader and the LP reader, built
// with `-sanitize=fuzzer` in their own build folder so the main build is untouched.
import PackageDescription

let package = Package(
    name: "BijliFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(path: "bijli")],  // a link to the repository (made by `make fuzz`)
    targets: [
        .executableTarget(
            name: "BijliFuzz",
            dependencies: [
                .product(name: "EnergyModel", package: "bijli"),
                .product(name: "LinearProgramming", package: "bijli"),
            ],
            path: "Sources/BijliFuzz",
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
    ])
