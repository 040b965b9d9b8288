/// A 64-bit hash of a file's bytes, stable across runs and machines of one byte order,
/// eight bytes at a time (fast enough for hundreds of megabytes of output). It tells an
/// unchanged file from a changed one; it is not meant to resist a forger.
func contentHash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
    let count = bytes.count
    var i = 0
    while i + 8 <= count {
        let word = bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        h = (h ^ word) &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 31
        i += 8
    }
    var tail: UInt64 = 0
    var shift: UInt64 = 0
    while i < count {
        tail |= UInt64(bytes[i]) << shift
        shift += 8
        i += 1
    }
    h = (h ^ tail) &* 0xC4CE_B9FE_1A85_EC53
    h ^= h >> 33
    h = h &* 0xFF51_AFD7_ED55_8CCD
    h ^= h >> 33
    return h
}

/// `contentHash` of bytes that come in runs (a page written run by run): the same value as
/// `contentHash` of the runs joined, given their whole length first.
struct ContentHasher {
    private var h: UInt64
    /// The bytes of a word not yet whole, as `loadUnaligned` would read them.
    private var pending: UInt64 = 0
    private var pendingCount = 0

    init(count: Int) { h = 0x9E37_79B9_7F4A_7C15 ^ UInt64(count) }

    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        var i = 0
        if pendingCount > 0 {
            while pendingCount < 8, i < bytes.count {
                keep(bytes[i])
                i += 1
            }
            guard pendingCount == 8 else { return }
            mix(pending)
            (pending, pendingCount) = (0, 0)
        }
        while i + 8 <= bytes.count {
            mix(bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            i += 8
        }
        while i < bytes.count {
            keep(bytes[i])
            i += 1
        }
    }

    func finalize() -> UInt64 {
        var tail: UInt64 = 0
        withUnsafeBytes(of: pending) { word in
            for k in 0..<pendingCount { tail |= UInt64(word[k]) << UInt64(8 * k) }
        }
        var h = (self.h ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        return h
    }

    private mutating func keep(_ byte: UInt8) {
        let at = pendingCount
        withUnsafeMutableBytes(of: &pending) { $0[at] = byte }
        pendingCount += 1
    }

    private mutating func mix(_ word: UInt64) {
        h = (h ^ word) &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 31
    }
}
