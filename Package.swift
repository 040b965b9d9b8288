// swift-tools-version: 6.2
import PackageDescription

/// Our own targets are held to warnings-as-errors; dependencies are not. (A safe setting,
/// unlike `-warnings-as-errors` in unsafeFlags, which SwiftPM refuses in any package that
/// depends on goalwall by version.)
let strict: [SwiftSetting] = [.treatAllWarnings(as: .error)]

let package = Package(
    name: "goalwall",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "goalwall", targets: ["goalwall"]),
        .library(name: "GoalwallKit", targets: ["GoalwallKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // The HTTP server of `goalwall serve`: small and dependency-free, so a clean CI build
        // stays short (Hummingbird would bring all of SwiftNIO).
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        // libcmark from the system (Debian: libcmark-dev), found through pkg-config.
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // Turns the top-level templates/ folder into Swift source at build time, so the
        // built-in theme travels inside the binary (no Bundle.module lookups at run time).
        .executableTarget(name: "EmbedTheme", swiftSettings: strict),
        .plugin(
            name: "EmbedThemePlugin",
            capability: .buildTool(),
            dependencies: ["EmbedTheme"]
        ),
        .target(
            name: "GoalwallKit",
            dependencies: [
                "CCmark",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strict,
            plugins: ["EmbedThemePlugin"]
        ),
        // `goalwall serve`: the HTTP server, the file watcher and live reload.
        .target(
            name: "GoalwallServe",
            dependencies: [
                "GoalwallKit",
                .product(name: "FlyingFox", package: "FlyingFox"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "goalwall",
            dependencies: [
                "GoalwallKit",
                "GoalwallServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "GoalwallKitTests",
            dependencies: ["GoalwallKit"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "GoalwallServeTests",
            dependencies: ["GoalwallServe", "GoalwallKit"],
            swiftSettings: strict
        ),
    ]
)
