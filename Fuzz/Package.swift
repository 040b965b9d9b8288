// swift-tools-version: 6.2
import PackageDescription

/// libFuzzer targets for goalwall's parsers, kept apart from the main package so that fuzzing
/// never changes how it builds. Build and run them with `scripts/fuzz.sh`: it passes the
/// sanitizer and coverage flags for every module (GoalwallKit, Yams' libyaml and Mustache
/// included) and where the toolchain keeps libFuzzer. See README.md.
let fuzzTargets = ["csv", "dialects", "goal", "settings", "dates", "numbers", "durations", "formula", "mustache", "site", "labels"]

let package = Package(
    name: "goalwall-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "goalwall", path: "..")],
    targets: [
        // libFuzzer's driver without its main (compiler-rt's libclang_rt.fuzzer_no_main).
        .systemLibrary(name: "CLibFuzzer"),
        // What every target shares: the driver call, and the skip rule for a known crash.
        .target(
            name: "FuzzSupport",
            dependencies: ["CLibFuzzer", .product(name: "GoalwallKit", package: "goalwall")]
        ),
    ]
        + fuzzTargets.map { name in
            .executableTarget(
                name: "fuzz-\(name)",
                dependencies: ["FuzzSupport", .product(name: "GoalwallKit", package: "goalwall")]
            )
        }
)
