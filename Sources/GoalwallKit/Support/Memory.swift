#if canImport(Glibc)
    import Glibc
#endif

/// How the process uses memory (glibc's allocator; nothing elsewhere).
public enum Memory {
    /// Blocks of 256 KB and more (a page, a feed, a CSV's cells) are mapped on their own and
    /// given back to the system when freed. glibc's default raises that threshold to the
    /// largest block freed so far (up to 32 MB), after which a large wall's pages come from
    /// the heap and stay there: measured at 10,000 goals, peak memory 412 MB with the
    /// default, 381 MB with this (scripts/bench/README.md).
    public static func returnLargeBlocks() {
        #if canImport(Glibc)
            // mallopt and M_MMAP_THRESHOLD (-3) are in malloc.h, which the Glibc module leaves out.
            typealias SetOption = @convention(c) (Int32, Int32) -> Int32
            guard let symbol = dlsym(nil, "mallopt") else { return }
            _ = unsafeBitCast(symbol, to: SetOption.self)(-3, 256 << 10)
        #endif
    }

    /// Gives the free pages inside the heap back to the system: called after a stage lets
    /// go of much (the metric tables, the kiosk's cards), so the next stage's peak does not
    /// stand on memory nothing uses.
    static func giveBack() {
        #if canImport(Glibc)
            typealias Trim = @convention(c) (Int) -> Int32
            guard let symbol = dlsym(nil, "malloc_trim") else { return }
            _ = unsafeBitCast(symbol, to: Trim.self)(0)
        #endif
    }
}
