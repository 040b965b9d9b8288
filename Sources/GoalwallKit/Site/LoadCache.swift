import Foundation

/// What earlier loads of one site read and parsed, so a rebuild parses only the files whose
/// bytes changed (`goalwall serve`). Every file's parse is kept with the bytes it came from
/// and with a revision: a number that changes exactly when the parse would, which later
/// stages use to tell an unchanged goal from an edited one.
///
/// A value: a load reads it in parallel and updates it afterwards.
public struct LoadCache: Sendable {
    struct Parsed<Value: Sendable>: Sendable {
        var bytes: [UInt8]
        /// The file as it was when read, and the newest change time of any file of the site
        /// known before it was read (by the file system's clock, not ours).
        var stamp: FileStamp? = nil
        var readAt: Double = 0
        /// What else the parse depended on (for a goal: the metric tables' columns).
        var context: Int
        var value: Value
        var diagnostics: Diagnostics
        var revision: Int
    }

    var tables: [String: Parsed<MetricTable>] = [:]
    var goals: [String: Parsed<Goal?>] = [:]
    var pages: [String: Parsed<Page?>] = [:]
    private var lastRevision = 0
    /// The newest change time of any file read so far (the file system's clock).
    var newestChange: Double = 0

    public init() {}

    /// The context of a file that could not be read: never reused.
    static let unreadable = Int.min

    /// A revision no earlier parse has had.
    private mutating func newRevision() -> Int {
        lastRevision += 1
        return lastRevision
    }

    /// A loaded file: its parse, and whether the parse is new.
    typealias Loaded<Value: Sendable> = (path: String, parsed: Parsed<Value>, isNew: Bool)

    /// Reads and parses a file, or reuses its earlier parse: without reading it when its size,
    /// times and inode are as they were and were already old when it was read (older than a
    /// change the file system had stamped before the read: a second save within the clock
    /// tick of the first cannot hide behind an equal stamp), else when its bytes are. Called
    /// in parallel: reads the cache, never writes it.
    static func load<Value>(
        _ file: SiteFile, cached: Parsed<Value>?, context: Int, newest: Double, unreadable: Value,
        parse: ([UInt8]) -> (Value, Diagnostics)
    ) -> Loaded<Value> {
        let stamp = FileStamp(path: file.url.path)
        if let cached, cached.context != Self.unreadable, cached.context == context, let stamp,
            cached.stamp == stamp, stamp.changed < cached.readAt - 2
        {
            return (file.path, cached, false)
        }
        var diagnostics = Diagnostics()
        guard let bytes = SiteFiles.bytes(of: file, into: &diagnostics) else {
            let parsed = Parsed(
                bytes: [], context: Self.unreadable, value: unreadable, diagnostics: diagnostics, revision: 0)
            return (file.path, parsed, true)
        }
        if var cached, cached.context != Self.unreadable, cached.context == context, cached.bytes == bytes {
            cached.stamp = stamp
            cached.readAt = newest
            return (file.path, cached, false)
        }
        let (value, found) = parse(bytes)
        let parsed = Parsed(
            bytes: bytes, stamp: stamp, readAt: newest, context: context, value: value, diagnostics: found, revision: 0)
        return (file.path, parsed, true)
    }

    /// Keeps this load's parses (and only them: deleted files leave the cache), giving new
    /// parses their revision. Records each path's revision.
    mutating func keep<Value>(
        _ results: [(path: String, parsed: Parsed<Value>, isNew: Bool)],
        in store: WritableKeyPath<LoadCache, [String: Parsed<Value>]>, revisions: inout [String: Int]
    ) {
        var kept: [String: Parsed<Value>] = [:]
        for var result in results {
            if result.isNew { result.parsed.revision = newRevision() }
            kept[result.path] = result.parsed
            revisions[result.path] = result.parsed.revision
        }
        self[keyPath: store] = kept
    }
}

/// What `stat` says of a file: equal stamps, (almost certainly) equal bytes.
struct FileStamp: Equatable, Sendable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var modified: Double
    /// The later of its modification and status-change times.
    var changed: Double

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        modified = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
        changed = max(modified, Double(info.st_ctim.tv_sec) + Double(info.st_ctim.tv_nsec) / 1e9)
    }
}
