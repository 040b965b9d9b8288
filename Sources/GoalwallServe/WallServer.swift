import FlyingFox
import FlyingSocks
import Foundation
import GoalwallKit

/// What the server answers from: the last good wall, and the last build's errors if it failed.
struct ServerState: Sendable {
    var site: ServedSite?
    var failure: [Diagnostic]?
}

/// Answers HTTP requests from the last good wall in memory (§8 `goalwall serve`): GET and
/// HEAD, `index.html` for folders, a 404 page, ETag and Last-Modified with 304s, and the
/// live-reload event stream.
final class WallRequests: HTTPHandler, Sendable {
    private let current = Locked(ServerState())
    let events = EventChannel()

    var state: ServerState {
        get { current.value }
        set { current.value = newValue }
    }

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard request.method == .GET || request.method == .HEAD else {
            let headers: HTTPHeaders = [HTTPHeader("Allow"): "GET, HEAD", .contentType: "text/plain; charset=utf-8"]
            return HTTPResponse(statusCode: .methodNotAllowed, headers: headers, body: Data("only GET and HEAD\n".utf8))
        }
        var path = request.target.path(percentEncoded: true)
        // The absolute form (`GET http://host/page/`, RFC 9112 §3.2.2) names the same path.
        if let scheme = path.range(of: "://"), path[..<scheme.lowerBound].allSatisfy(\.isLetter) {
            let rest = path[scheme.upperBound...]
            path = rest.firstIndex(of: "/").map { String(rest[$0...]) } ?? "/"
        }
        let state = self.state
        switch path {
        case LiveReload.eventsPath:
            return eventStream(request)
        case LiveReload.errorsPath:
            let page = state.failure.map { ServerPages.errors($0, servingLastGood: state.site != nil) }
            return respond(request, status: .ok, body: page ?? ServerPages.noErrors, type: "text/html; charset=utf-8")
        default:
            break
        }
        guard let site = state.site else {
            // No good build yet: every page is the error page, so it reloads once fixed.
            let page = ServerPages.errors(state.failure ?? [], servingLastGood: false)
            return respond(request, status: .serviceUnavailable, body: page, type: "text/html; charset=utf-8")
        }
        switch site.lookup(path) {
        case .file(let name):
            return serve(site.files[name]!, to: request)
        case .redirect(let location):
            let query = request.target.query(percentEncoded: true)
            let target = query.isEmpty ? location : location + "?" + query
            let body = Data("moved to \(target)\n".utf8)
            var headers: HTTPHeaders = [.location: target, .contentType: "text/plain; charset=utf-8"]
            if request.method == .HEAD {
                headers[.contentLength] = String(body.count)
                return HTTPResponse(statusCode: .movedPermanently, headers: headers)
            }
            return HTTPResponse(statusCode: .movedPermanently, headers: headers, body: body)
        case .notFound:
            return respond(
                request, status: .notFound, body: ServerPages.notFound(path.removingPercentEncoding ?? path),
                type: "text/html; charset=utf-8")
        }
    }

    private func serve(_ file: ServedFile, to request: HTTPRequest) -> HTTPResponse {
        var headers: HTTPHeaders = [
            .eTag: file.etag,
            .lastModified: HTTPDate.format(file.lastModified),
            .cacheControl: "no-cache",
        ]
        if isFresh(file, for: request) {
            // RFC 9110 §15.4.5: a 304's Content-Length, if any, is the 200's.
            headers[.contentLength] = String(file.body.count)
            return HTTPResponse(statusCode: .notModified, headers: headers)
        }
        headers[.contentType] = file.contentType
        headers[HTTPHeader("X-Content-Type-Options")] = "nosniff"
        if request.method == .HEAD {
            headers[.contentLength] = String(file.body.count)
            return HTTPResponse(statusCode: .ok, headers: headers)
        }
        return HTTPResponse(statusCode: .ok, headers: headers, body: file.body)
    }

    /// RFC 9110 §13.1: If-None-Match decides when present; otherwise If-Modified-Since.
    private func isFresh(_ file: ServedFile, for request: HTTPRequest) -> Bool {
        if let match = request.headers[.ifNoneMatch] {
            let tags = match.split(separator: ",").map { tag -> Substring in
                let tag = tag.trimmingCharacters(in: .whitespaces)[...]
                return tag.hasPrefix("W/") ? tag.dropFirst(2) : tag
            }
            return tags.contains { $0 == "*" || $0 == file.etag }
        }
        // A date later than now is not a valid validator (RFC 9110 §13.1.3).
        if let since = request.headers[.ifModifiedSince], let date = HTTPDate.parse(since), date <= Date() {
            return file.lastModified <= date
        }
        return false
    }

    private func respond(_ request: HTTPRequest, status: HTTPStatusCode, body: Data, type: String) -> HTTPResponse {
        var headers: HTTPHeaders = [.contentType: type, .cacheControl: "no-store"]
        if request.method == .HEAD {
            headers[.contentLength] = String(body.count)
            return HTTPResponse(statusCode: status, headers: headers)
        }
        return HTTPResponse(statusCode: status, headers: headers, body: body)
    }

    private func eventStream(_ request: HTTPRequest) -> HTTPResponse {
        let headers: HTTPHeaders = [
            .contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store",
            HTTPHeader("X-Accel-Buffering"): "no",
        ]
        if request.method == .HEAD { return HTTPResponse(statusCode: .ok, headers: headers) }
        let stream = events.subscribe(lastEventID: request.headers[HTTPHeader("Last-Event-ID")])
        return HTTPResponse(statusCode: .ok, headers: headers, body: HTTPBodySequence(from: EventBytes(stream)))
    }
}

/// An event stream as the bytes of a chunked response body: each event is one chunk, sent
/// as soon as it happens.
struct EventBytes: AsyncBufferedSequence, Sendable {
    typealias Element = UInt8
    let stream: AsyncStream<Data>

    init(_ stream: AsyncStream<Data>) { self.stream = stream }

    func makeAsyncIterator() -> Iterator { Iterator(events: stream.makeAsyncIterator()) }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var events: AsyncStream<Data>.AsyncIterator

        mutating func next() async throws -> UInt8? {
            try await nextBuffer(suggested: 1)?.first
        }

        mutating func nextBuffer(suggested count: Int) async throws -> [UInt8]? {
            guard let event = await events.next() else { return nil }
            return [UInt8](event)
        }
    }
}

/// HTTP dates (RFC 9110 §5.6.7): sent as IMF-fixdate; read in all three historic forms.
enum HTTPDate {
    private static func formatter(_ format: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = format
        return formatter
    }

    static func format(_ date: Date) -> String {
        formatter("EEE, dd MMM yyyy HH:mm:ss 'GMT'").string(from: date)
    }

    static func parse(_ text: String) -> Date? {
        for format in ["EEE, dd MMM yyyy HH:mm:ss 'GMT'", "EEEE, dd-MMM-yy HH:mm:ss 'GMT'", "EEE MMM d HH:mm:ss yyyy"] {
            if let date = formatter(format).date(from: text.trimmingCharacters(in: .whitespaces)) { return date }
        }
        return nil
    }
}
