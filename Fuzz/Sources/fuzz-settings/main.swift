import FuzzSupport
@_spi(Fuzzing) import GoalwallKit

// goalwall.yml (§2) through `SiteSettings.read` on any bytes.
runFuzzer { input in
    let (settings, diagnostics) = Fuzzing.readSettings(Array(input))
    if let settings {
        precondition((0...1).contains(settings.tolerance))
        precondition(settings.refreshSeconds >= 0 && settings.rotateSeconds >= 0)
    }
    precondition(diagnostics.allSatisfy { $0.location.line >= 1 && $0.location.column >= 1 })
    return 0
}
