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
/// - a value ending in a line feed renders as a token ending in one, which swift-mustache's
///   indentation of partials looks for.
///
/// A token holds a nonce drawn once per process, so no text of a site can forge one; it
/// never reaches the output.
///
/// The splice of the render running on a thread is kept in thread-local storage, like the
/// `RenderGuard`: a render is synchronous and never leaves its thread.
final class Splice {
    private static let nonce: [UInt8] = (0..<16).map { _ in Array("0123456789abcdef".utf8)[Int.random(in: 0..<16)] }

    /// The values rendered as tokens so far, by number.
    private var values: [HTML] = []

    private init() {}

    /// The splice of the render on this thread, if one is running.
    static var current: Splice? {
        pthread_getspecific(key).map { Unmanaged<Splice>.fromOpaque($0).takeUnretainedValue() }
    }

    /// What a template gets for `html`: its token.
    func token(for html: HTML) -> Token {
        values.append(html)
        let newline = html.endsWithLineFeed
        var token = [1] + Self.nonce + Array("&\(values.count - 1)".utf8) + [1]
        if newline { token.append(0x0A) }
        return Token(text: String(decoding: token, as: UTF8.self), html: html)
    }

    /// Runs a render with values as tokens, and puts the page together; nil when the
    /// template escaped a value (the caller renders the page again without a splice).
    static func run(_ render: () -> String) -> String? {
        let splice = Splice()
        let outer = pthread_getspecific(key)
        pthread_setspecific(key, Unmanaged.passUnretained(splice).toOpaque())
        let text = withExtendedLifetime(splice) { render() }
        pthread_setspecific(key, outer)
        return splice.values.isEmpty ? text : splice.join(text)
    }

    /// The page with each token replaced by its value's bytes; nil when a token was
    /// escaped or cut.
    private func join(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { page -> String? in
            // The page as runs: of its own bytes, or of a value.
            var runs: [(range: Range<Int>, value: Int?)] = []
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
                if values[number].endsWithLineFeed {
                    guard end < page.count, page[end] == 0x0A else { return nil }
                    end += 1
                }
                runs.append((from..<start, nil))
                runs.append((start..<end, number))
                from = end
                at = end
            }
            runs.append((from..<page.count, nil))
            let size = runs.reduce(0) { $0 + ($1.value.map { values[$0].utf8Count } ?? $1.range.count) }
            return String(unsafeUninitializedCapacity: size) { out in
                var written = 0
                func put(_ bytes: UnsafeRawBufferPointer) {
                    guard !bytes.isEmpty else { return }
                    UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(out)[written...])
                        .copyMemory(from: bytes)
                    written += bytes.count
                }
                for run in runs {
                    if let value = run.value {
                        values[value].forEachRun(put)
                    } else {
                        put(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: page[run.range])))
                    }
                }
                return written
            }
        }
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
