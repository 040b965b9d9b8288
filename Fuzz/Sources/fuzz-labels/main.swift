import FuzzSupport
@_spi(Fuzzing) import GoalwallKit

// A site's templates/labels.yml (issue 14) through `LabelsFile`, then every number and date
// format a page uses in the language it makes: no input may crash a format.
runFuzzer { input in
    let (sample, diagnostics) = Fuzzing.readLabels(Array(input))
    precondition(!sample.isEmpty)
    precondition(diagnostics.allSatisfy { $0.location.line >= 1 && $0.location.column >= 1 })
    return 0
}
