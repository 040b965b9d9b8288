import Foundation

/// Prints how long each stage took, when asked (`GOALWALL_TIMINGS=1`, `--verbose`): for
/// benchmarks, not tests.
struct StageClock {
    private let enabled: Bool
    private var last = DispatchTime.now()

    init(enabled: Bool) { self.enabled = enabled }

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
