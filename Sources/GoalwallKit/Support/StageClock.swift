import Foundation

/// With GOALWALL_TIMINGS=1, prints how long each stage took (for benchmarks, not tests).
struct StageClock {
    private let enabled = ProcessInfo.processInfo.environment["GOALWALL_TIMINGS"] == "1"
    private var last = DispatchTime.now()

    mutating func lap(_ stage: String) {
        guard enabled else { return }
        let now = DispatchTime.now()
        let ms = Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1e6
        FileHandle.standardError.write(Data("timing: \(stage) \(Int(ms)) ms\n".utf8))
        last = now
    }

    /// Prints the time spent per kind of work (summed over threads), and how many of each.
    func tally(_ work: [(label: String, ms: Double)]) {
        guard enabled else { return }
        var totals: [String: (count: Int, ms: Double)] = [:]
        for (label, ms) in work {
            totals[label, default: (0, 0)].count += 1
            totals[label]!.ms += ms
        }
        for (label, total) in totals.sorted(by: { $0.key < $1.key }) {
            FileHandle.standardError.write(Data("timing:     \(label) ×\(total.count): \(Int(total.ms)) ms\n".utf8))
        }
    }
}
