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
        if let memory = Self.memory() {
            FileHandle.standardError.write(
                Data(
                    "timing: memory after \(stage.trimmingCharacters(in: .whitespaces)): \(memory.now) MB, at most \(memory.peak) MB\n"
                        .utf8))
        }
        last = now
    }

    /// Resident memory now and at its peak so far, in MB (Linux: /proc/self/status).
    private static func memory() -> (now: Int, peak: Int)? {
        // /proc files say they are empty: read until the end.
        let fd = open("/proc/self/status", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            bytes += chunk[..<count]
        }
        let status = String(decoding: bytes, as: UTF8.self)
        var found: [String: Int] = [:]
        for line in status.split(separator: "\n")
        where line.hasPrefix("VmRSS:") || line.hasPrefix("VmHWM:") {
            let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if parts.count >= 2, let kB = Int(parts[1]) { found[String(parts[0])] = kB / 1024 }
        }
        guard let now = found["VmRSS:"], let peak = found["VmHWM:"] else { return nil }
        return (now, peak)
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
