import FuzzSupport
@_spi(Fuzzing) import GoalwallKit

// A metric CSV under each §11 dialect (the first byte picks delimiter, decimal mark, date
// order and missing words): a table or errors at real positions, never a crash.
runFuzzer { input in
    let (_, _, diagnostics) = Fuzzing.readDialectCSV(Array(input))
    for diagnostic in diagnostics {
        precondition(diagnostic.location.line >= 1 && diagnostic.location.column >= 1, "\(diagnostic)")
    }
    return 0
}
