/// HTML made elsewhere (a rendered card, a chart, a Markdown body), placed as it is with
/// `{{{…}}}`. Compared and hashed by a digest of its bytes taken once, so a page model
/// with a long body hashes fast. A partial rendered once for many pages (a card) is kept
/// as `Rooted` parts and placed at a page's way back to the root without a copy of its
/// own: the page joins the parts into its bytes (`Splice`).
struct HTML: Hashable, Sendable {
    private enum Bytes: Sendable {
        case text(String)
        /// The parts joined by the way back to the root.
        case rooted([Substring], root: String)
    }

    private let bytes: Bytes
    private let digest: UInt64
    /// Its length in UTF-8 bytes.
    let utf8Count: Int

    init(_ text: String) {
        var text = text
        digest = text.withUTF8 { contentHash(UnsafeRawBufferPointer($0)) }
        utf8Count = text.utf8.count
        bytes = .text(text)
    }

    fileprivate init(_ rooted: Rooted, at root: String) {
        var root = root
        let rootDigest = root.withUTF8 { contentHash(UnsafeRawBufferPointer($0)) }
        digest = (rooted.digest ^ rootDigest) &* 0x9E37_79B9_7F4A_7C15
        utf8Count = rooted.utf8Count + root.utf8.count * (rooted.parts.count - 1)
        bytes = .rooted(rooted.parts, root: root)
    }

    var isEmpty: Bool { utf8Count == 0 }

    /// The HTML as one string.
    var text: String {
        switch bytes {
        case .text(let text): text
        case .rooted(let parts, let root): parts.joined(separator: root)
        }
    }

    /// Its bytes, a run at a time, in order.
    func forEachRun(_ body: (UnsafeRawBufferPointer) -> Void) {
        switch bytes {
        case .text(var text): text.withUTF8 { body(UnsafeRawBufferPointer($0)) }
        case .rooted(let parts, var root):
            root.withUTF8 { root in
                for (index, var part) in parts.enumerated() {
                    if index > 0 { body(UnsafeRawBufferPointer(root)) }
                    part.withUTF8 { body(UnsafeRawBufferPointer($0)) }
                }
            }
        }
    }

    /// The line break its last character is, when that is a lone line feed or a lone
    /// carriage return ("\r\n" is one character, and neither); nil otherwise.
    /// swift-mustache indents a partial's next line after a "\n", and a "\r" at the end
    /// joins a "\n" after it into one character.
    var lineBreakAtEnd: UInt8? {
        var last: (UInt8, UInt8) = (0, 0)
        forEachRun { run in
            for byte in run.suffix(2) { last = (last.1, byte) }
        }
        if last.1 == 0x0D || (last.1 == 0x0A && last.0 != 0x0D) { return last.1 }
        return nil
    }

    static func == (a: HTML, b: HTML) -> Bool { a.digest == b.digest && a.utf8Count == b.utf8Count }
    func hash(into hasher: inout Hasher) { hasher.combine(digest) }
}

/// A partial rendered once with `Rooted.token` in place of the way back to the root (a
/// card is on pages at every depth), put on a page by filling in that page's way back.
/// The token carries the process's nonce (see `Splice`), so a site's own text that looks
/// like it stays as written.
struct Rooted: Sendable {
    static let token = "\u{1}goalwall-root-" + String(decoding: Splice.nonce, as: UTF8.self) + "\u{1}"

    fileprivate let parts: [Substring]
    fileprivate let digest: UInt64
    /// The parts' length in UTF-8 bytes.
    fileprivate let utf8Count: Int

    init(_ text: String) {
        var text = text
        digest = text.withUTF8 { contentHash(UnsafeRawBufferPointer($0)) }
        parts = text.split(separator: Self.token, omittingEmptySubsequences: false)
        utf8Count = text.utf8.count - Self.token.utf8.count * (parts.count - 1)
    }

    func placed(at root: String) -> HTML { HTML(self, at: root) }
}
