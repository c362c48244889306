// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Bijli",
    products: [
        .executable(name: "bijli", targets: ["bijli"]),
        .library(name: "LinearProgramming", targets: ["LinearProgramming"]),
        .library(name: "Statistics", targets: ["Statistics"]),
        .library(name: "EnergyModel", targets: ["EnergyModel"]),
        .library(name: "Scenarios", targets: ["Scenarios"]),
        .library(name: "Reporting", targets: ["Reporting"]),
        .library(name: "Archive", targets: ["Archive"]),
        .library(name: "Interop", targets: ["Interop"]),
        .library(name: "Workflows", targets: ["Workflows"]),
        .library(name: "Scheduling", targets: ["Scheduling"]),
        .library(name: "Decomposition", targets: ["Decomposition"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // C libraries: a module map and a shim header each, no Swift (ARCHITECTURE.md).
        .systemLibrary(name: "CGLPK", path: "Sources/CGLPK", providers: [.apt(["libglpk-dev"])]),
        .systemLibrary(
            name: "CLAPACK", path: "Sources/CLAPACK", pkgConfig: "lapacke",
            providers: [.apt(["liblapacke-dev"])]),
        // GLPK's solver and file calls behind its error hook, so that GLPK's fatal errors
        // (assertions, memory) end the call, not the process. The only C source of the package.
        .target(name: "CGLPKGuard", dependencies: ["CGLPK"]),

        // Value-type LP, the GLPK solver, LP/MPS files. The only importer of CGLPK and CGLPKGuard.
        .target(name: "LinearProgramming", dependencies: ["CGLPK", "CGLPKGuard"]),
        // Block-structured Benders decomposition over LinearProgram (docs/DECOMPOSITION.md).
        .target(name: "Decomposition", dependencies: ["LinearProgramming"]),
        // Matrices, least squares, Cholesky, seeded sampling. The only importer of CLAPACK.
        .target(name: "Statistics", dependencies: ["CLAPACK"]),

        // System types, case loading and validation, formulation, results and indicators.
        .target(
            name: "EnergyModel",
            dependencies: [
                "LinearProgramming", "Statistics", "Decomposition",
                .product(name: "Yams", package: "Yams"),
                .product(name: "CSV", package: "CSV.swift"),
            ]),

        // Disruption overlays, scenario libraries, stress runs.
        .target(name: "Scenarios", dependencies: ["EnergyModel", "Decomposition", .product(name: "Yams", package: "Yams")]),
        // Run folders and provenance; the report document, its builders and renderers.
        .target(
            name: "Reporting",
            dependencies: ["EnergyModel", "Scenarios", .product(name: "Crypto", package: "swift-crypto"),
                           .product(name: "ZIPFoundation", package: "ZIPFoundation")]),

        // The run archive of scheduled runs: SQLite through GRDB (WAL, readable while written).
        .target(name: "Archive", dependencies: [.product(name: "GRDB", package: "GRDB.swift")]),
        // PyPSA CSV folders <-> Bijli cases (docs/PYPSA.md).
        .target(name: "Interop", dependencies: ["EnergyModel", .product(name: "CSV", package: "CSV.swift")]),
        // What a run is: typed requests, load -> solve -> results -> run folder, provenance, typed errors.
        .target(name: "Workflows", dependencies: ["LinearProgramming", "Decomposition", "Statistics", "EnergyModel", "Scenarios", "Reporting", "Interop"]),
        // Unattended runs: configuration, lock, JSON-lines log, the scheduled pipeline, "what changed" between runs.
        .target(
            name: "Scheduling",
            dependencies: ["EnergyModel", "Scenarios", "Reporting", "Archive", "Workflows", .product(name: "Yams", package: "Yams")]),

        // The thin command-line front end.
        .executableTarget(
            name: "bijli",
            dependencies: [
                "LinearProgramming", "Statistics", "EnergyModel", "Scenarios", "Reporting", "Archive", "Scheduling", "Interop", "Workflows",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // `make bench`: measured figures for docs/BENCHMARKS.md.
        .executableTarget(name: "BijliBench", dependencies: ["LinearProgramming", "EnergyModel", "Scenarios", "Decomposition"]),

        .testTarget(name: "LinearProgrammingTests", dependencies: ["LinearProgramming"]),
        .testTarget(name: "DecompositionTests", dependencies: ["Decomposition", "LinearProgramming", "EnergyModel"]),
        .testTarget(name: "StatisticsTests", dependencies: ["Statistics"]),
        .testTarget(name: "EnergyModelTests", dependencies: ["EnergyModel", "Statistics"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ScenariosTests", dependencies: ["Scenarios", "LinearProgramming", "Decomposition"], exclude: ["Fixtures"]),
        .testTarget(name: "ReportingTests", dependencies: ["Reporting", "EnergyModel", "Scenarios"], exclude: ["Fixtures", "Snapshots"]),
        .testTarget(name: "ArchiveTests", dependencies: ["Archive"]),
        .testTarget(name: "SchedulingTests", dependencies: ["Scheduling", "Archive", "EnergyModel", "Reporting", "Workflows"]),
        .testTarget(name: "WorkflowsTests", dependencies: ["Workflows", "EnergyModel", "LinearProgramming", "Scenarios", "Reporting"], exclude: ["Fixtures"]),
        .testTarget(name: "BijliCLITests", dependencies: ["bijli"]),
        .testTarget(name: "InteropTests", dependencies: ["Interop", "EnergyModel", "LinearProgramming"], resources: [.copy("Fixtures")]),
    ]
)
