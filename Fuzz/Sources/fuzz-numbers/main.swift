import FuzzSupport
@_spi(Fuzzing) import GoalwallKit

// `parseDecimal` (§4/§9 numbers) on any text.
runFuzzer { input in
    let text = String(decoding: input, as: UTF8.self)
    if let value = Fuzzing.decimal(text) {
        precondition(value.isFinite)
        // The grammar is a subset of what Double reads, so both agree.
        precondition(
            Double(text) == value, "parseDecimal(\(text)) = \(value), Double says \(String(describing: Double(text)))")
    }
    return 0
}
