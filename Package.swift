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
        // The HTTP server of `goalwall serve`: HummingbirdCore on SwiftNIO (no router, and
        // none of Hummingbird's optional traits), stopped through swift-service-lifecycle.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        // Tests only: a clock the debounce and midnight tests move by hand.
        .package(url: "https://github.com/pointfreeco/swift-clocks", from: "1.1.1"),
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
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "goalwall",
            dependencies: [
                "GoalwallKit",
                "GoalwallServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
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
            dependencies: [
                "GoalwallServe", "GoalwallKit",
                .product(name: "Clocks", package: "swift-clocks"),
            ],
            swiftSettings: strict
        ),
    ]
)
