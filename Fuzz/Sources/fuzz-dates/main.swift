import FuzzSupport
@_spi(Fuzzing) import GoalwallKit

// `Day(iso:)` and the CSV row date on any text, with the round trips they promise.
runFuzzer { input in
    let text = String(decoding: input, as: UTF8.self)
    if let day = Day(iso: text) {
        // Only YYYY-MM-DD parses, and a day prints as the text it was read from.
        precondition(day.description == text, "Day(iso: \(text)) printed as \(day)")
        precondition(day.isWritable)
        let c = day.components
        precondition(Day(year: c.year, month: c.month, day: c.day) == day)
        _ = (day.weekday, day.startOfWeek, day.startOfMonth, day.endOfMonth, day.compact)
    }
    _ = Day(iso: text.dropFirst())  // a Substring, as the readers pass
    if let date = Fuzzing.rowDate(text) {
        // The day is the text's first ten characters; the instant has a valid fraction.
        precondition(date.day.description == String(text.utf8.prefix(10))!)
        precondition((0..<1_000_000_000).contains(date.nanoseconds))
    }
    _ = Fuzzing.rowDate(String(text.dropLast()))
    return 0
}
