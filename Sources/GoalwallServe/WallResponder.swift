import Foundation
import GoalwallKit
import HTTPTypes
import HummingbirdCore
import NIOCore

/// Answers HTTP requests from the last good wall in memory (§8 `goalwall serve`): GET and
/// HEAD, `index.html` for folders, a redirect to the slash form, a 404 page, ETag and
/// Last-Modified with 304s, the error page, the health report and the live-reload event
/// stream.
struct WallResponder: Sendable {
    static let healthPath = "/_goalwall/health"

    let state: WallState
    let events: EventChannel

    /// A whole answer as values, so tests can look at it without a socket.
    struct Answer: Sendable {
        var status: HTTPResponse.Status
        var headers: HTTPFields
        /// What a GET gets; a HEAD gets the same headers and no body.
        var body: Data = Data()
        var isEventStream = false
    }

    /// Writes the answer to one request.
    func respond(to request: Request, writer: consuming ResponseWriter, channel: any Channel) async throws {
        let answer = answer(method: request.method, target: request.head.path ?? "/", headers: request.headers)
        var headers = answer.headers
        if answer.isEventStream && request.method == .get {
            try await streamEvents(
                to: writer, headers: headers, lastEventID: request.headers[HTTPField.Name("Last-Event-ID")!],
                channel: channel)
            return
        }
        if answer.status != .notModified && !answer.isEventStream {
            headers[.contentLength] = String(answer.body.count)
        }
        let head = HTTPResponse(status: answer.status, headerFields: headers)
        if request.method == .head || answer.body.isEmpty {
            try await writer.writeResponse(head)
        } else {
            try await writer.write(response: head, body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
        }
    }

    /// The answer to `method target` with these request headers.
    func answer(method: HTTPRequest.Method, target: String, headers: HTTPFields) -> Answer {
        guard method == .get || method == .head else {
            return Answer(
                status: .methodNotAllowed,
                headers: [.allow: "GET, HEAD", .contentType: "text/plain; charset=utf-8"],
                body: Data("only GET and HEAD\n".utf8))
        }
        let (path, query) = Self.split(target)
        let state = self.state.snapshot
        switch path {
        case LiveReload.eventsPath:
            return Answer(
                status: .ok,
                headers: [
                    .contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store",
                    HTTPField.Name("X-Accel-Buffering")!: "no",
                ],
                isEventStream: true)
        case LiveReload.errorsPath:
            let errors = state.failure.map { ServerPages.errors($0, servingLastGood: state.site != nil) }
            return page(.ok, errors ?? ServerPages.noErrors)
        case Self.healthPath:
            return health(state)
        default:
            break
        }
        guard let site = state.site else {
            // No good build yet: every page is the error page, so it reloads once fixed.
            return page(.serviceUnavailable, ServerPages.errors(state.failure ?? [], servingLastGood: false))
        }
        switch site.lookup(path) {
        case .file(let name):
            return serve(site.files[name]!, headers: headers)
        case .redirect(let location):
            let target = Self.safeLocation(query.map { location + "?" + $0 } ?? location)
            return Answer(
                status: .movedPermanently, headers: [.location: target, .contentType: "text/plain; charset=utf-8"],
                body: Data("moved to \(target)\n".utf8))
        case .notFound:
            return page(.notFound, ServerPages.notFound(path.removingPercentEncoding ?? path))
        }
    }

    /// The path (still percent-encoded) and the query of a request target. The absolute
    /// form (`GET http://host/page/`, RFC 9112 §3.2.2) names the same path.
    static func split(_ target: String) -> (path: String, query: String?) {
        var rest = target[...]
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        if let scheme = rest.range(of: "://"), rest[..<scheme.lowerBound].allSatisfy(\.isLetter),
            !rest[..<scheme.lowerBound].isEmpty
        {
            let afterScheme = rest[scheme.upperBound...]
            rest = afterScheme.firstIndex(where: { $0 == "/" || $0 == "?" }).map { afterScheme[$0...] } ?? "/"
            if rest.hasPrefix("?") { rest = "/" + rest }
        }
        guard let mark = rest.firstIndex(of: "?") else { return (String(rest), nil) }
        return (String(rest[..<mark]), String(rest[rest.index(after: mark)...]))
    }

    /// A `Location` value with every byte that is not visible ASCII (controls, CR, LF,
    /// spaces, anything above 0x7E) percent-encoded: nothing from a request can split or
    /// bend the header.
    static func safeLocation(_ location: String) -> String {
        var out = ""
        for byte in location.utf8 {
            if byte > 0x20 && byte < 0x7F {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }

    private func serve(_ file: ServedFile, headers request: HTTPFields) -> Answer {
        var headers: HTTPFields = [
            .eTag: file.etag,
            .lastModified: HTTPDate.format(file.lastModified),
            .cacheControl: "no-cache",
        ]
        if isFresh(file, for: request) {
            // RFC 9110 §15.4.5: a 304's Content-Length, if any, is the 200's.
            headers[.contentLength] = String(file.body.count)
            return Answer(status: .notModified, headers: headers)
        }
        headers[.contentType] = file.contentType
        headers[.xContentTypeOptions] = "nosniff"
        return Answer(status: .ok, headers: headers, body: file.body)
    }

    /// RFC 9110 §13.1: If-None-Match decides when present; otherwise If-Modified-Since.
    private func isFresh(_ file: ServedFile, for request: HTTPFields) -> Bool {
        let matches = request[values: .ifNoneMatch]
        if !matches.isEmpty {
            let tags = matches.joined(separator: ",").split(separator: ",").map { tag -> Substring in
                let tag = tag.trimmingCharacters(in: .whitespaces)[...]
                return tag.hasPrefix("W/") ? tag.dropFirst(2) : tag
            }
            return tags.contains { $0 == "*" || $0 == file.etag }
        }
        // A date later than now is not a valid validator (RFC 9110 §13.1.3).
        if let since = request[.ifModifiedSince], let date = HTTPDate.parse(since), date <= Date() {
            return file.lastModified <= date
        }
        return false
    }

    private func page(_ status: HTTPResponse.Status, _ body: Data) -> Answer {
        Answer(
            status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"], body: body)
    }

    /// `{"status": "ok" | "failing", "last_build": "…", "errors": N, "serving": true}`;
    /// 503 while there is no wall to serve.
    private func health(_ state: ServerState) -> Answer {
        let errors = state.failure?.count { $0.severity == .error } ?? 0
        let lastBuild = state.lastBuild.map { "\"\(HTTPDate.iso($0))\"" } ?? "null"
        let serving = state.site != nil
        let json =
            "{\"status\": \"\(state.failure == nil && serving ? "ok" : "failing")\", \"last_build\": \(lastBuild), "
            + "\"errors\": \(errors), \"serving\": \(serving)}\n"
        return Answer(
            status: serving ? .ok : .serviceUnavailable,
            headers: [.contentType: "application/json", .cacheControl: "no-store"], body: Data(json.utf8))
    }

    /// The live-reload stream: each event is written as soon as it happens. It ends when the
    /// server stops, or at once when the page goes away (its connection closes), so a
    /// closed stream never keeps a descriptor or a subscription.
    private func streamEvents(
        to writer: consuming ResponseWriter, headers: HTTPFields, lastEventID: String?, channel: any Channel
    ) async throws {
        let subscription = events.subscribe(lastEventID: lastEventID)
        channel.closeFuture.whenComplete { _ in subscription.end() }
        var body = try await writer.writeHead(HTTPResponse(status: .ok, headerFields: headers))
        for await event in subscription.events {
            try await body.write(ByteBuffer(bytes: event))
        }
        try await body.finish(nil)
    }
}
