/// What earlier loads of one site read and parsed, so a rebuild parses only the files whose
/// bytes changed (`goalwall serve`). Every file's parse is kept with the bytes it came from
/// and with a revision: a number that changes exactly when the parse would, which later
/// stages use to tell an unchanged goal from an edited one.
///
/// One build uses it at a time; a load reads it in parallel and updates it afterwards.
public final class LoadCache: @unchecked Sendable {
    struct Parsed<Value: Sendable>: Sendable {
        var bytes: [UInt8]
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

    public init() {}

    /// The context of a file that could not be read: never reused.
    static let unreadable = Int.min

    /// A revision no earlier parse has had.
    func newRevision() -> Int {
        lastRevision += 1
        return lastRevision
    }

    /// Reuses the parse of `path` when its bytes and context are the ones it was made from;
    /// otherwise parses again. Called in parallel: reads the cache, never writes it.
    static func reuse<Value>(
        _ cached: Parsed<Value>?, bytes: [UInt8], context: Int, parse: () -> (Value, Diagnostics)
    ) -> (parsed: Parsed<Value>, isNew: Bool) {
        if let cached, cached.context != unreadable, cached.context == context, cached.bytes == bytes {
            return (cached, false)
        }
        let (value, diagnostics) = parse()
        return (Parsed(bytes: bytes, context: context, value: value, diagnostics: diagnostics, revision: 0), true)
    }

    /// Keeps this load's parses (and only them: deleted files leave the cache), giving new
    /// parses their revision. Returns each path's revision.
    static func keep<Value>(
        _ results: [(path: String, parsed: Parsed<Value>, isNew: Bool)], in store: inout [String: Parsed<Value>],
        revisions: inout [String: Int], cache: LoadCache
    ) {
        var kept: [String: Parsed<Value>] = [:]
        for var result in results {
            if result.isNew { result.parsed.revision = cache.newRevision() }
            kept[result.path] = result.parsed
            revisions[result.path] = result.parsed.revision
        }
        store = kept
    }
}
