import FuzzSupport
@_spi(Fuzzing) import GoalwallKit

// A theme override: the first byte picks which built-in template the rest replaces; the
// theme is compiled by `Theme.load(overrides:)` and rendered for a small computed wall.
let names = Fuzzing.templateNames

runFuzzer { input in
    guard let first = input.first else { return 0 }
    let name = names[Int(first) % names.count]
    // The site loader turns away invalid UTF-8 before a template is compiled.
    guard let text = String(validating: input.dropFirst(), as: UTF8.self) else { return -1 }
    guard !MustacheLimits.isKnownStackOverflow(text, name: name) else { return -1 }
    let (diagnostics, files) = Fuzzing.renderTheme(overrides: [name: text])
    precondition(files.isEmpty || !diagnostics.contains { $0.severity == .error })
    return 0
}
