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
