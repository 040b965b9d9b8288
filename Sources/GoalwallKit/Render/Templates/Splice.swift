import Mustache

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Puts HTML made elsewhere (cards, charts, Markdown bodies, the header and footer) into a
/// page without swift-mustache copying it. While a page renders, each such value renders as
/// a short token; the page's bytes are then put together once, at their final size, from
/// the template's own text and the values themselves. swift-mustache builds every section
/// as a string of its own and appends it to the one around it, so a wall of 10,000 cards
/// took several copies of the page at once, and every card placed on it a copy of its own.
///
/// The page is exactly what rendering the values as text gives:
/// - a value a template escapes (`{{html}}` rather than `{{{html}}}`) renders the page
///   again without tokens;
/// - a transform (`{{uppercased(html)}}`) gets the text itself;
/// - a value ending in a lone line feed or carriage return renders as a token ending in
///   it, for swift-mustache's indentation of partials (it looks for a "\n" Character, which
///   a "\r" before it would join into "\r\n"); a value of one byte ("\n" after a "\r"
///   would be such a join) renders as text.
///
/// A token holds a nonce drawn once per process, so no text of a site can forge one; it
/// never reaches the output.
///
/// The splice of the render running on a thread is kept in thread-local storage, like the
/// `RenderGuard`: a render is synchronous and never leaves its thread.
final class Splice {
    /// Drawn once per process; never in the output. `Rooted.token` carries it too.
    static let nonce: [UInt8] = (0..<16).map { _ in Array("0123456789abcdef".utf8)[Int.random(in: 0..<16)] }

    /// The start of every token: a control character, the nonce and "&".
    private static let tokenStart = "\u{1}" + String(decoding: nonce, as: UTF8.self) + "&"

    /// The values rendered as tokens so far, by number, with the line break each token
    /// ends in (see `HTML.lineBreakAtEnd`), found once.
    private var values: [(html: HTML, lineBreak: UInt8?)] = []

    private init() {}

    /// The splice of the render on this thread, if one is running.
    static var current: Splice? {
        pthread_getspecific(key).map { Unmanaged<Splice>.fromOpaque($0).takeUnretainedValue() }
    }

    /// What a template gets for `html`: its token.
    func token(for html: HTML) -> Token {
        let lineBreak = html.lineBreakAtEnd
        values.append((html, lineBreak))
        let end = lineBreak.map { "\u{1}" + String(UnicodeScalar($0)) } ?? "\u{1}"
        return Token(text: Self.tokenStart + String(values.count - 1) + end, html: html)
    }

    /// Runs a render with values as tokens, and finds where each value goes; nil when the
    /// template escaped a value (the caller renders the page again without a splice).
    static func run(_ render: () -> String) -> SplicedText? {
        let splice = Splice()
        let outer = pthread_getspecific(key)
        pthread_setspecific(key, Unmanaged.passUnretained(splice).toOpaque())
        let text = withExtendedLifetime(splice) { render() }
        pthread_setspecific(key, outer)
        return splice.values.isEmpty ? SplicedText(text) : splice.join(text)
    }

    /// The page as runs of its own text and of the values in place of their tokens; nil
    /// when a token was escaped or cut.
    private func join(_ text: String) -> SplicedText? {
        var text = text
        let runs = text.withUTF8 { page -> [SplicedText.Run]? in
            var runs: [SplicedText.Run] = []
            var from = 0
            var at = 0
            let nonce = Self.nonce
            while at < page.count {
                guard let start = page[at...].firstIndex(of: 1) else { break }
                at = start + 1
                guard page.count - at > nonce.count, page[at..<at + nonce.count].elementsEqual(nonce) else { continue }
                var end = at + nonce.count
                guard page[end] == UInt8(ascii: "&") else { return nil }
                end += 1
                var number = 0
                let digits = end
                while end < page.count, (0x30...0x39).contains(page[end]), end - digits < 18 {
                    number = number * 10 + Int(page[end] - 0x30)
                    end += 1
                }
                guard end > digits, end < page.count, page[end] == 1, number < values.count else { return nil }
                end += 1
                if let lineBreak = values[number].lineBreak {
                    guard end < page.count, page[end] == lineBreak else { return nil }
                    end += 1
                }
                if start > from { runs.append(.own(from..<start)) }
                runs.append(.value(values[number].html))
                from = end
                at = end
            }
            if page.count > from { runs.append(.own(from..<page.count)) }
            return runs
        }
        return runs.map { SplicedText(rendered: text, runs: $0) }
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// A value as its template sees it: rendered, its token; transformed, its text; as a
    /// section, present; and no keys of its own.
    struct Token: MustacheCustomRenderable, MustacheTransformable, MustacheParent {
        let text: String
        let html: HTML

        var renderText: String { text }
        var isNull: Bool { false }
        func transform(_ name: String) -> Any? { html.text.transform(name) }
        func child(named name: String) -> Any? { nil }
    }
}

/// A rendered page with its HTML values in place, kept as runs of the template's own text
/// and of each value's bytes. Written to its file run by run, a page is never put together
/// in memory: the main wall of 10,000 goals is 32 MB.
public struct SplicedText: Sendable {
    enum Run: Sendable {
        /// Bytes of `rendered`.
        case own(Range<Int>)
        case value(HTML)
    }

    /// What swift-mustache rendered, tokens and all.
    private let rendered: String
    /// Empty when nothing is spliced in: the page is `rendered`.
    private let runs: [Run]
    /// The page's length in UTF-8 bytes.
    let utf8Count: Int

    /// A page with nothing spliced in.
    init(_ text: String) {
        rendered = text
        runs = []
        utf8Count = text.utf8.count
    }

    fileprivate init(rendered: String, runs: [Run]) {
        self.rendered = rendered
        self.runs = runs
        utf8Count = runs.reduce(0) {
            switch $1 {
            case .own(let range): $0 + range.count
            case .value(let html): $0 + html.utf8Count
            }
        }
    }

    /// The page as one string, put together at its final size.
    public var text: String {
        guard !runs.isEmpty else { return rendered }
        return String(unsafeUninitializedCapacity: utf8Count) { out in
            var written = 0
            forEachRun { bytes in
                guard !bytes.isEmpty else { return }
                UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(out)[written...])
                    .copyMemory(from: bytes)
                written += bytes.count
            }
            return written
        }
    }

    /// Whether values are spliced in (else the page is one run).
    var isSpliced: Bool { !runs.isEmpty }

    /// Its bytes, a run at a time, in order.
    func forEachRun(_ body: (UnsafeRawBufferPointer) -> Void) {
        var rendered = rendered
        rendered.withUTF8 { own in
            guard !runs.isEmpty else { return body(UnsafeRawBufferPointer(own)) }
            for run in runs {
                switch run {
                case .own(let range): body(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: own[range])))
                case .value(let html): html.forEachRun(body)
                }
            }
        }
    }
}
