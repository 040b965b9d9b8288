import FuzzSupport
@_spi(Fuzzing) import GoalwallKit

// A theme override: the first byte picks which built-in template the rest replaces; the
// theme is compiled by `Theme.load(overrides:)` and rendered for a small computed wall.
runFuzzer { input in
    guard let (name, text) = Fuzzing.templateOverride(Array(input)) else { return -1 }
    let (diagnostics, files) = Fuzzing.renderTheme(overrides: [name: text])
    precondition(files.isEmpty || !diagnostics.contains { $0.severity == .error })
    // goalwall's renderer writes what swift-mustache's writes (unless a render was cut
    // short in one and not the other: their stacks differ).
    let reference = Fuzzing.renderTheme(overrides: [name: text], swiftMustacheOnly: true)
    if reference.diagnostics.map(\.description) == diagnostics.map(\.description) {
        precondition(
            reference.files.map(\.text) == files.map(\.text), "goalwall's render differs from swift-mustache's")
    }
    return 0
}
