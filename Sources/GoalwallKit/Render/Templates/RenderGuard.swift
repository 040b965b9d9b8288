#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Keeps a site's own template from taking the build down. Mustache renders recursively,
/// and a partial that includes itself inside a section (`{{#siteTitle}}{{> footer}}…` in
/// footer.mustache) recurses until the stack overflows; nested loops can run for hours.
/// Every key a template looks up and every list item it visits passes through here: a
/// render that goes deeper than the stack allows, or does more than `workLimit` lookups,
/// gets nothing more (every later lookup is empty, so the recursion unwinds at once) and
/// is reported as an error instead of crashing.
///
/// The guard of the render running on a thread is kept in thread-local storage: a render
/// is synchronous and never leaves its thread, and the value is never shared.
final class RenderGuard {
    /// Lookups and list items one page may take (the wall of 100,000 goals takes about
    /// a million).
    static let workLimit = 10_000_000
    /// Stack a render may use, at most: a goal tree 32 levels deep takes a few hundred KB.
    static let stackLimit: UInt = 4 << 20

    enum Trip: Equatable {
        case tooDeep
        case tooMuchWork
    }

    private(set) var trip: Trip?
    private var work = 0
    private let lowestAddress: UInt

    private init(stackStart: UInt, stackBottom: UInt) {
        // Leave a margin below for the frames a lookup itself takes.
        let margin: UInt = 256 << 10
        let floor = stackBottom > 0 ? stackBottom + margin : 0
        let limit = stackStart > Self.stackLimit ? stackStart - Self.stackLimit : 0
        lowestAddress = max(floor, limit)
    }

    /// Runs a render under a new guard; what it made, and why it was cut short, if it was.
    static func run<Result>(_ render: () -> Result) -> (Result, Trip?) {
        let guardian = RenderGuard(stackStart: stackAddress(), stackBottom: threadStackBottom())
        let outer = pthread_getspecific(key)
        pthread_setspecific(key, Unmanaged.passUnretained(guardian).toOpaque())
        defer { pthread_setspecific(key, outer) }
        let result = withExtendedLifetime(guardian) { render() }
        return (result, guardian.trip)
    }

    /// Whether the render on this thread may look up one more key (or visit one more item).
    static func allowsLookup() -> Bool {
        guard let raw = pthread_getspecific(key) else { return true }
        let guardian = Unmanaged<RenderGuard>.fromOpaque(raw).takeUnretainedValue()
        if guardian.trip != nil { return false }
        guardian.work += 1
        if guardian.work > workLimit {
            guardian.trip = .tooMuchWork
            return false
        }
        if stackAddress() < guardian.lowestAddress {
            guardian.trip = .tooDeep
            return false
        }
        return true
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// An address in the caller's frame: the stack grows down, so deeper calls are lower.
    @inline(never)
    private static func stackAddress() -> UInt {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 1) { UInt(bitPattern: $0.baseAddress) }
    }

    private static let bottomKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// The lowest address of this thread's stack; 0 when the system does not say. Asked
    /// once per thread (on the main thread the system reads /proc to answer).
    private static func threadStackBottom() -> UInt {
        if let known = pthread_getspecific(bottomKey) { return UInt(bitPattern: known) &- 1 }
        let bottom = askStackBottom()
        pthread_setspecific(bottomKey, UnsafeRawPointer(bitPattern: bottom &+ 1))
        return bottom
    }

    private static func askStackBottom() -> UInt {
        #if canImport(Glibc)
            // glibc's pthread_getattr_np is not in the Glibc module (it needs _GNU_SOURCE).
            typealias GetAttributes = @convention(c) (pthread_t, UnsafeMutablePointer<pthread_attr_t>) -> Int32
            guard let symbol = dlsym(nil, "pthread_getattr_np") else { return 0 }
            let getAttributes = unsafeBitCast(symbol, to: GetAttributes.self)
            var attributes = pthread_attr_t()
            guard getAttributes(pthread_self(), &attributes) == 0 else { return 0 }
            defer { pthread_attr_destroy(&attributes) }
            var address: UnsafeMutableRawPointer?
            var size = 0
            guard pthread_attr_getstack(&attributes, &address, &size) == 0 else { return 0 }
            return UInt(bitPattern: address)
        #else
            let top = UInt(bitPattern: pthread_get_stackaddr_np(pthread_self()))
            return top - UInt(pthread_get_stacksize_np(pthread_self()))
        #endif
    }
}
