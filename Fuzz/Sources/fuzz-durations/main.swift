import FuzzSupport
@_spi(Fuzzing) import GoalwallKit

// §10 durations on any text: seconds that are finite and agree with the text's sign, or a
// reason in words; text without `:` is never taken as a duration.
runFuzzer { input in
    let text = String(decoding: input, as: UTF8.self)
    let (seconds, problem) = Fuzzing.duration(text)
    if let seconds {
        precondition(seconds.isFinite, "\(text) gave \(seconds)")
        precondition(text.hasPrefix("-") || seconds >= 0, "\(text) gave \(seconds)")
        precondition(problem == nil)
    }
    if let problem { precondition(!problem.isEmpty) }
    // Bytes, not characters: a colon followed by a combining mark is one Character.
    if !text.utf8.contains(UInt8(ascii: ":")) { precondition(seconds == nil && problem == nil) }
    return 0
}
