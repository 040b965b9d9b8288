import FuzzSupport
@_spi(Fuzzing) import GoalwallKit

// A theme override: the first byte picks which built-in template the rest replaces; the
// theme is compiled by `Theme.load(overrides:)` and rendered for a small computed wall.
runFuzzer { input in
    guard let (name, text) = Fuzzing.templateOverride(Array(input)) else { return -1 }
    let (diagnostics, files) = Fuzzing.renderTheme(overrides: [name: text])
    precondition(files.isEmpty || !diagnostics.contains { $0.severity == .error })
    return 0
}
