// swift-tools-version:6.0
import PackageDescription

// MARK: - Build settings

/// Kernels are written on unsafe buffers; release builds drop overflow checks so loops vectorise.
let kernelSettings: [SwiftSetting] = [
    .unsafeFlags(["-Ounchecked", "-wmo"], .when(configuration: .release)),
]

let package = Package(
    name: "MXNetSwift",
    products: [
        // MARK: - Products
        .library(name: "MXNet", targets: ["MXNet"]),
        .library(name: "MXV1", targets: ["MXV1"]),
        .executable(name: "mxv1", targets: ["mxv1"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
    ],
    targets: [
        // MARK: - System libraries (internal; OpenBLAS is opened at run time, see Kernels/OpenBLAS.swift)
        .systemLibrary(
            name: "CJSONC", path: "Sources/CJSONC", pkgConfig: "json-c",
            providers: [.apt(["libjson-c-dev"])]),

        // MARK: - The 2.0 core
        .target(
            name: "MXNet",
            dependencies: ["CJSONC", .product(name: "RealModule", package: "swift-numerics")],
            swiftSettings: kernelSettings),

        // MARK: - The 1.x API over the core
        .target(name: "MXV1", dependencies: ["MXNet"], swiftSettings: kernelSettings),

        // MARK: - Command-line tool
        .executableTarget(
            name: "mxv1",
            dependencies: [
                "MXNet", "MXV1", "Digits",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: kernelSettings),

        // MARK: - Examples
        .executableTarget(name: "NumPyExample", dependencies: ["MXNet"]),
        .target(name: "Digits", dependencies: ["MXNet"], swiftSettings: kernelSettings),
        .executableTarget(name: "TrainDigits", dependencies: ["MXNet", "Digits"], swiftSettings: kernelSettings),

        // MARK: - Tests
        .target(name: "TestSupport", dependencies: ["MXNet"], path: "Tests/TestSupport"),
        .testTarget(name: "MXNetTests", dependencies: ["MXNet", "Digits", "TestSupport"], exclude: ["Fixtures"]),
        // MXV1's API is deprecated on purpose (each type names its 2.0 replacement); its tests use it freely.
        .testTarget(name: "MXV1Tests", dependencies: ["MXV1", "TestSupport"],
                    swiftSettings: [.unsafeFlags(["-suppress-warnings"])]),
    ],
    swiftLanguageModes: [.v5]
)
