import Testing

@testable import GoalwallKit

/// A page with HTML spliced in is hashed run by run (`ContentHasher`); the manifest must
/// hold the same hash as for the page's bytes in one piece, or an unchanged page would
/// count as changed.
@Suite("Hashing a file in runs")
struct ContentHasherTests {
    @Test("any split of the bytes into runs hashes as the bytes in one piece")
    func splits() {
        var generator = SystemRandomNumberGenerator()
        for length in [0, 1, 7, 8, 9, 15, 16, 17, 63, 64, 65, 1000, 4099] {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let whole = bytes.withUnsafeBytes { contentHash($0) }
            for _ in 0..<20 {
                var cuts = (0..<Int.random(in: 0...6, using: &generator)).map { _ in
                    Int.random(in: 0...length, using: &generator)
                }
                cuts = ([0] + cuts + [length]).sorted()
                var hasher = ContentHasher(count: length)
                bytes.withUnsafeBytes { all in
                    for (from, to) in zip(cuts, cuts.dropFirst()) {
                        hasher.add(UnsafeRawBufferPointer(rebasing: all[from..<to]))
                    }
                }
                #expect(hasher.finalize() == whole, "length \(length), cuts \(cuts)")
            }
        }
    }
}
