/// §10 durations: `H:MM:SS` or `M:SS`, an optional sign, MM and SS two digits 00–59, SS
/// with an optional fraction after `.`, H and M one or more digits. The value is seconds:
/// `6:30` = 390, `1:02:03` = 3723.
enum DurationText {
    case seconds(Double)
    /// No `:` in it: not meant as a duration.
    case notADuration
    /// Meant as one (it has a `:`), but wrong: says why.
    case invalid(String)

    init(_ text: some StringProtocol) {
        let b = Array(text.utf8)
        guard b.contains(UInt8(ascii: ":")) else {
            self = .notADuration
            return
        }
        var i = 0
        var negative = false
        if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
            negative = b[i] == UInt8(ascii: "-")
            i += 1
        }
        let parts = b[i...].split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        let shape = "a duration is M:SS or H:MM:SS, like 6:30 or 1:02:03"
        guard parts.count == 2 || parts.count == 3 else {
            self = .invalid(shape)
            return
        }
        func isDigits(_ part: ArraySlice<UInt8>) -> Bool {
            !part.isEmpty && part.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        }
        func twoDigits(_ part: ArraySlice<UInt8>, _ what: String) -> Result<Double, DurationFailure> {
            guard part.count == 2, isDigits(part) else { return .failure(DurationFailure(shape)) }
            let value = Int(part.first! - UInt8(ascii: "0")) * 10 + Int(part.last! - UInt8(ascii: "0"))
            guard value <= 59 else { return .failure(DurationFailure("\(what) go from 00 to 59")) }
            return .success(Double(value))
        }
        // The seconds, with a fraction of one or more digits.
        let last = parts[parts.count - 1]
        let dot = last.firstIndex(of: UInt8(ascii: "."))
        let whole = dot.map { last[last.startIndex..<$0] } ?? last
        if let dot, !isDigits(last[(dot + 1)...]) {
            self = .invalid(shape)
            return
        }
        var seconds: Double
        switch twoDigits(whole, "seconds") {
        case .success(let value): seconds = value
        case .failure(let failure):
            self = .invalid(failure.message)
            return
        }
        if let dot {
            let digits = last[dot...]
            seconds += Double(String(decoding: [UInt8(ascii: "0")] + digits, as: UTF8.self)) ?? 0
        }
        let first = parts[0]
        guard isDigits(first), let lead = Double(String(decoding: first, as: UTF8.self)) else {
            self = .invalid(shape)
            return
        }
        if parts.count == 3 {
            switch twoDigits(parts[1], "minutes") {
            case .success(let minutes): seconds += lead * 3600 + minutes * 60
            case .failure(let failure):
                self = .invalid(failure.message)
                return
            }
        } else {
            seconds += lead * 60
        }
        guard seconds.isFinite else {
            self = .invalid("the duration is beyond the range of numbers")
            return
        }
        self = .seconds(negative ? -seconds : seconds)
    }

    private struct DurationFailure: Error {
        var message: String
        init(_ message: String) { self.message = message }
    }
}
