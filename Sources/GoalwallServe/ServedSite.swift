import Foundation

/// One file as the server sends it: the bytes (an HTML page with the live-reload script),
/// its type and the validators a browser revalidates with.
public struct ServedFile: Sendable {
    public var body: Data
    public var contentType: String
    /// A strong validator: a hash of the bytes sent.
    public var etag: String
    /// When these bytes first appeared at this path while the server ran.
    public var lastModified: Date
}

/// The last good wall, in memory: what every request is answered from. The server never
/// reads the output folder, so nothing on disk (a symbolic link, a half-written file) can
/// be reached through it.
public struct ServedSite: Sendable {
    public private(set) var files: [String: ServedFile] = [:]

    public init() {}

    /// A site from a build's files, keeping the date of every file whose bytes are unchanged
    /// since `previous`.
    public init(_ output: [String: Data], previous: ServedSite?, at now: Date) {
        files.reserveCapacity(output.count)
        for (path, data) in output {
            let body = ServedSite.isPage(path) ? LiveReload.inject(into: data) : data
            let old = previous?.files[path]
            if let old, old.body == body {
                files[path] = old
                continue
            }
            // HTTP dates count whole seconds: new bytes always get a later date than the
            // bytes before them, so If-Modified-Since never keeps a stale copy.
            var seconds = now.timeIntervalSince1970.rounded(.down)
            if let old { seconds = max(seconds, old.lastModified.timeIntervalSince1970 + 1) }
            files[path] = ServedFile(
                body: body, contentType: ContentType.of(path), etag: ServedSite.etag(of: body),
                lastModified: Date(timeIntervalSince1970: seconds))
        }
    }

    /// This site with the files a rebuild changed or removed; every other file is kept as
    /// it is, validators included.
    public func updated(from output: [String: Data], changed: [String], removed: [String], at now: Date) -> ServedSite {
        var site = self
        for path in removed { site.files[path] = nil }
        let fresh = ServedSite(
            Dictionary(changed.compactMap { path in output[path].map { (path, $0) } }, uniquingKeysWith: { a, _ in a }),
            previous: self, at: now)
        site.files.merge(fresh.files) { _, new in new }
        return site
    }

    static func isPage(_ path: String) -> Bool { path.hasSuffix(".html") }

    /// What a request path names.
    public enum Lookup: Equatable, Sendable {
        case file(String)
        /// A folder asked for without its slash: relative links need it.
        case redirect(String)
        case notFound
    }

    /// Resolves a request target's path (still percent-encoded) to a file of the site.
    /// `.`, `..`, empty segments, NUL and backslashes name nothing, however they are encoded.
    public func lookup(_ rawPath: String) -> Lookup {
        guard rawPath.hasPrefix("/"), let decoded = rawPath.removingPercentEncoding else { return .notFound }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        for (index, segment) in segments.enumerated() {
            let isLast = index == segments.count - 1
            if segment == "." || segment == ".." || (segment.isEmpty && !isLast) { return .notFound }
            if segment.contains("\0") || segment.contains("\\") { return .notFound }
        }
        let path = segments.joined(separator: "/")
        if path.isEmpty || path.hasSuffix("/") {
            let index = path + "index.html"
            return files[index] != nil ? .file(index) : .notFound
        }
        if files[path] != nil { return .file(path) }
        if files[path + "/index.html"] != nil { return .redirect(rawPath + "/") }
        return .notFound
    }

    /// A quoted 64-bit FNV-1a hash of the bytes.
    static func etag(of data: Data) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        data.withUnsafeBytes { bytes in
            for byte in bytes {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01B3
            }
        }
        let hex = String(hash, radix: 16)
        return "\"" + String(repeating: "0", count: 16 - hex.count) + hex + "\""
    }
}

/// Content types by file extension: the generated files, and what teams put in static/.
enum ContentType {
    static func of(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if path == "feed.xml" { return "application/atom+xml; charset=utf-8" }
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "application/octet-stream" }
        return types[name[name.index(after: dot)...].lowercased()] ?? "application/octet-stream"
    }

    private static let types: [String: String] = [
        "html": "text/html; charset=utf-8",
        "htm": "text/html; charset=utf-8",
        "css": "text/css; charset=utf-8",
        "js": "text/javascript; charset=utf-8",
        "mjs": "text/javascript; charset=utf-8",
        "json": "application/json",
        "xml": "application/xml",
        "ics": "text/calendar; charset=utf-8",
        "txt": "text/plain; charset=utf-8",
        "md": "text/markdown; charset=utf-8",
        "csv": "text/csv; charset=utf-8",
        "svg": "image/svg+xml",
        "png": "image/png",
        "jpg": "image/jpeg",
        "jpeg": "image/jpeg",
        "gif": "image/gif",
        "webp": "image/webp",
        "avif": "image/avif",
        "ico": "image/x-icon",
        "woff": "font/woff",
        "woff2": "font/woff2",
        "ttf": "font/ttf",
        "otf": "font/otf",
        "pdf": "application/pdf",
        "mp4": "video/mp4",
        "webm": "video/webm",
        "webmanifest": "application/manifest+json",
        "wasm": "application/wasm",
    ]
}
