import NIOCore

/// Stands in front of NIO's HTTP/1 decoder and reads every request head before it does, so
/// that no client can make the server hold or parse more than a small head, or hold a
/// connection open without sending one (NIO's decoder keeps a request line of any length in
/// memory until it ends, and times nothing out):
///
/// - a request line over 8 KB gets 414, a header line over 8 KB or all header lines over
///   32 KB get 431, and the connection closes;
/// - a method other than GET and HEAD gets 405 at once (its body is never read), a
///   chunked request body 411 (a GET or HEAD has no use for one);
/// - a request head not complete within 10 s of its first byte (or of the connection
///   opening) closes the connection (slowloris);
/// - a page's event stream ends as soon as the page closes its side of the connection;
/// - an HTTP/1.0 request gets `Connection: close` added after its request line, so its
///   connection closes after the answer as HTTP/1.0 clients expect (Hummingbird keeps
///   every connection open that does not say `close`).
///
/// It passes the bytes of an accepted head on unchanged, and skips over a body by its
/// Content-Length so that the next request's head is read too.
final class RequestHeadGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    struct Limits: Sendable {
        var requestLine = 8 * 1024
        var headerLine = 8 * 1024
        var headers = 32 * 1024
        var headTimeout: TimeAmount = .seconds(10)
    }

    private enum Phase {
        case requestLine
        case headers
        /// Body bytes still to pass on before the next head.
        case body(Int)
        /// An error answer was sent; everything else is dropped until the connection closes.
        case rejected
    }

    private let limits: Limits
    private let eventsPath: String
    private var phase = Phase.requestLine
    /// The current line: its length, and its first bytes (enough to read a method, an
    /// event-stream target or a Content-Length).
    private var lineLength = 0
    private var lineStart: [UInt8] = []
    private var headerBytes = 0
    private var contentLength = 0
    private var chunked = false
    private var badLength = false
    private var isEventStream = false
    /// The last bytes of the request line (its version).
    private var lineEnd: [UInt8] = []
    /// Where, in the buffer being read, `Connection: close` goes (after HTTP/1.0 request lines).
    private var closeHeaderAt: [Int] = []
    private var timer: Scheduled<Void>?

    private static let kept = 96

    private var isRejected: Bool {
        if case .rejected = phase { return true }
        return false
    }

    init(limits: Limits = Limits(), eventsPath: String) {
        self.limits = limits
        self.eventsPath = eventsPath
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { startTimer(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        startTimer(context)
        context.fireChannelActive()
    }

    func handlerRemoved(context: ChannelHandlerContext) { stopTimer() }

    func channelInactive(context: ChannelHandlerContext) {
        stopTimer()
        context.fireChannelInactive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, event == .inputClosed {
            // A browser that closes an event stream's page closes the connection: nothing
            // more can be sent to it, so the stream ends now rather than at the next write.
            if isEventStream || isRejected {
                context.close(promise: nil)
                return
            }
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .rejected = phase { return }
        closeHeaderAt.removeAll(keepingCapacity: true)
        let buffer = unwrapInboundIn(data)
        var refusal: Refusal?
        buffer.withUnsafeReadableBytes { bytes in
            var index = 0
            while index < bytes.count, refusal == nil {
                switch phase {
                case .rejected:
                    return
                case .body(let remaining):
                    let taken = min(remaining, bytes.count - index)
                    index += taken
                    phase = remaining == taken ? .requestLine : .body(remaining - taken)
                case .requestLine, .headers:
                    refusal = scanHead(bytes, from: &index, context: context)
                }
            }
        }
        if let refusal {
            refuse(refusal, context: context)
            return
        }
        guard !closeHeaderAt.isEmpty else {
            context.fireChannelRead(data)
            return
        }
        var start = buffer.readerIndex
        for offset in closeHeaderAt {
            let end = buffer.readerIndex + offset
            if let part = buffer.getSlice(at: start, length: end - start) {
                context.fireChannelRead(wrapInboundOut(part))
            }
            context.fireChannelRead(wrapInboundOut(ByteBuffer(string: "Connection: close\r\n")))
            start = end
        }
        closeHeaderAt.removeAll()
        if let rest = buffer.getSlice(at: start, length: buffer.writerIndex - start), rest.readableBytes > 0 {
            context.fireChannelRead(wrapInboundOut(rest))
        }
    }

    /// Reads head bytes from `index` until the head ends, a limit is passed or the bytes run out.
    private func scanHead(_ bytes: UnsafeRawBufferPointer, from index: inout Int, context: ChannelHandlerContext)
        -> Refusal?
    {
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if timer == nil { startTimer(context) }
            switch byte {
            case UInt8(ascii: "\n"):
                let wasRequestLine: Bool
                if case .requestLine = phase { wasRequestLine = lineLength > 0 } else { wasRequestLine = false }
                let version = String(decoding: lineEnd, as: UTF8.self)
                lineEnd.removeAll(keepingCapacity: true)
                if let refusal = endLine() { return refusal }
                if wasRequestLine && version.hasSuffix(" HTTP/1.0") { closeHeaderAt.append(index) }
                // A head with a body ended: the caller passes the body on.
                if case .body = phase { return nil }
            case UInt8(ascii: "\r"):
                continue
            default:
                lineLength += 1
                if lineStart.count < Self.kept { lineStart.append(byte) }
                switch phase {
                case .requestLine where lineLength > limits.requestLine:
                    return .uriTooLong
                case .requestLine:
                    if lineEnd.count == 9 { lineEnd.removeFirst() }
                    lineEnd.append(byte)
                case .headers:
                    headerBytes += 1
                    if lineLength > limits.headerLine || headerBytes > limits.headers { return .headersTooLarge }
                default:
                    break
                }
            }
        }
        return nil
    }

    /// A line of the head ended (at its LF).
    private func endLine() -> Refusal? {
        defer {
            lineLength = 0
            lineStart.removeAll(keepingCapacity: true)
        }
        switch phase {
        case .requestLine:
            // Blank lines before a request line are allowed (RFC 9112 §2.2).
            guard lineLength > 0 else { return nil }
            let parts = lineStart.split(separator: UInt8(ascii: " "), maxSplits: 2, omittingEmptySubsequences: false)
            let method = String(decoding: parts.first ?? [], as: UTF8.self)
            guard method == "GET" || method == "HEAD" else { return .methodNotAllowed }
            let target = parts.count > 1 ? String(decoding: parts[1], as: UTF8.self) : ""
            isEventStream = target == eventsPath || target.hasPrefix(eventsPath + "?")
            phase = .headers
            headerBytes = 0
            contentLength = 0
            chunked = false
            badLength = false
            return nil
        case .headers:
            guard lineLength > 0 else {
                // The head is complete.
                stopTimer()
                if chunked { return .lengthRequired }
                if badLength { return .badRequest }
                phase = contentLength > 0 ? .body(contentLength) : .requestLine
                headerBytes = 0
                return nil
            }
            readFraming(lineStart, whole: lineLength <= Self.kept)
            return nil
        case .body, .rejected:
            return nil
        }
    }

    /// Content-Length and Transfer-Encoding, the two fields that say where a body ends.
    private func readFraming(_ line: [UInt8], whole: Bool) {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return }
        let name = String(decoding: line[..<colon], as: UTF8.self).lowercased()
        let value = String(decoding: line[(colon + 1)...], as: UTF8.self).trimmingCharacters(in: [" ", "\t"])
        switch name {
        case "transfer-encoding":
            chunked = true
        case "content-length":
            if whole, let length = Int(value), length >= 0, contentLength == 0 || contentLength == length {
                contentLength = length
            } else {
                badLength = true
            }
        default:
            break
        }
    }

    private enum Refusal {
        case uriTooLong, headersTooLarge, methodNotAllowed, lengthRequired, badRequest, timedOut

        var head: String {
            switch self {
            case .uriTooLong: return "414 URI Too Long"
            case .headersTooLarge: return "431 Request Header Fields Too Large"
            case .methodNotAllowed: return "405 Method Not Allowed\r\nAllow: GET, HEAD"
            case .lengthRequired: return "411 Length Required"
            case .badRequest: return "400 Bad Request"
            case .timedOut: return "408 Request Timeout"
            }
        }

        var message: String {
            switch self {
            case .uriTooLong: return "the request line is longer than 8 KB\n"
            case .headersTooLarge: return "a header is longer than 8 KB, or all of them longer than 32 KB\n"
            case .methodNotAllowed: return "only GET and HEAD\n"
            case .lengthRequired: return "a request body needs a Content-Length\n"
            case .badRequest: return "the Content-Length is not a number\n"
            case .timedOut: return "the request head took longer than 10 seconds\n"
            }
        }
    }

    /// Answers with the refusal and closes. The answer goes out first, then the sending side
    /// closes; what the client still sends is read and dropped for a moment, so that closing
    /// with unread bytes (a TCP reset) does not destroy the answer before the client reads it.
    private func refuse(_ refusal: Refusal, context: ChannelHandlerContext) {
        phase = .rejected
        stopTimer()
        let body = refusal.message
        let text =
            "HTTP/1.1 \(refusal.head)\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: \(body.utf8.count)\r\n"
            + "Connection: close\r\nCache-Control: no-store\r\n\r\n\(body)"
        let context = NIOLoopBound(context, eventLoop: context.eventLoop)
        context.value.writeAndFlush(wrapOutboundOut(ByteBuffer(string: text))).whenComplete { _ in
            context.value.close(mode: .output, promise: nil)
            context.value.eventLoop.assumeIsolated().scheduleTask(in: .seconds(2)) {
                context.value.close(promise: nil)
            }
        }
    }

    private func startTimer(_ context: ChannelHandlerContext) {
        guard timer == nil else { return }
        let context = NIOLoopBound(context, eventLoop: context.eventLoop)
        timer = context.value.eventLoop.assumeIsolated().scheduleTask(in: limits.headTimeout) { [self] in
            timer = nil
            switch phase {
            case .requestLine, .headers:
                phase = .rejected
                context.value.close(promise: nil)
            case .body, .rejected:
                break
            }
        }
    }

    private func stopTimer() {
        timer?.cancel()
        timer = nil
    }
}
