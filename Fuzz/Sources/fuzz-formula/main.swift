import FuzzSupport
@_spi(Fuzzing) import GoalwallKit

// §10 formulas on any text: a formula reads or says why in words; one that reads names
// columns that are real header names, and evaluates to a finite value or nothing.
runFuzzer { input in
    let text = String(decoding: input, as: UTF8.self)
    switch Fuzzing.formula(text) {
    case .success(let columns):
        precondition(columns.allSatisfy { !$0.isEmpty }, "an empty column name from \(text)")
    case .failure(let error):
        precondition(!error.message.isEmpty)
    }
    return 0
}
