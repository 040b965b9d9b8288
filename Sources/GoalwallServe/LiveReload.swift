import Foundation

/// Live reload. Every page the server sends carries a small script that listens on an
/// event stream (Server-Sent Events): "reload" after a good rebuild, "broken" after a failed
/// one. The script exists only in served pages; built files never have it.
enum LiveReload {
    static let eventsPath = "/_goalwall/live"
    static let errorsPath = "/_goalwall/errors"

    /// On "broken", a page shows the error page in place of its body; the kiosk ignores it
    /// and keeps its last good wall. On "reload", every page reloads.
    static let script = """
        <script>/* goalwall serve: live reload (served pages only; not in the built site) */
        (function () {
          if (!window.EventSource) return;
          var kiosk = document.body.classList.contains("kiosk");
          var source = new EventSource("\(eventsPath)");
          source.addEventListener("reload", function () { location.reload(); });
          source.addEventListener("broken", function () {
            if (kiosk) return;
            fetch("\(errorsPath)", { cache: "no-store" })
              .then(function (response) { return response.text(); })
              .then(function (html) {
                var page = new DOMParser().parseFromString(html, "text/html");
                document.title = page.title;
                page.head.querySelectorAll("style").forEach(function (style) {
                  document.head.appendChild(document.adoptNode(style));
                });
                document.body.replaceWith(document.adoptNode(page.body));
              });
          });
        }());
        </script>

        """

    /// The page with the script before its last `</body>` (at the end when it has none).
    static func inject(into page: Data) -> Data {
        let tag = Data("</body>".utf8)
        var result = page
        if let range = page.range(of: tag, options: .backwards) {
            result.replaceSubrange(range.lowerBound..<range.lowerBound, with: Data(script.utf8))
        } else {
            result.append(Data(script.utf8))
        }
        return result
    }
}

/// The event streams of the open pages. Each event has an id; a page that reconnects with
/// an older id (the server restarted, the network dropped) missed a change and reloads.
final class EventChannel: @unchecked Sendable {
    private let lock = NSLock()
    private var streams: [Int: AsyncStream<Data>.Continuation] = [:]
    private var nextStream = 0
    private var eventID: String
    private var isBroken = false
    private let started: Int

    init() {
        started = Int(Date().timeIntervalSince1970 * 1000)
        eventID = "\(started)-0"
    }

    var openStreams: Int { lock.withLock { streams.count } }

    /// A new page's stream: it opens with the state it needs to catch up on.
    func subscribe(lastEventID: String?) -> AsyncStream<Data> {
        let (stream, continuation) = AsyncStream<Data>.makeStream(bufferingPolicy: .bufferingNewest(16))
        lock.withLock {
            let id = nextStream
            nextStream += 1
            streams[id] = continuation
            continuation.onTermination = { [weak self] _ in
                self?.lock.withLock { _ = self?.streams.removeValue(forKey: id) }
            }
            var opening = "retry: 1000\n\n"
            if isBroken {
                opening += Self.event("broken", id: eventID)
            } else if let lastEventID, lastEventID != eventID {
                opening += Self.event("reload", id: eventID)
            } else {
                opening += Self.event("hello", id: eventID)
            }
            continuation.yield(Data(opening.utf8))
        }
        return stream
    }

    /// Tells every open page: "reload" (a good build) or "broken" (a failed one).
    func send(_ name: String) {
        lock.withLock {
            let number = Int(eventID.split(separator: "-").last ?? "0") ?? 0
            eventID = "\(started)-\(number + 1)"
            isBroken = name == "broken"
            let event = Data(Self.event(name, id: eventID).utf8)
            for continuation in streams.values { continuation.yield(event) }
        }
    }

    /// A comment line keeps idle streams open through proxies and finds closed ones.
    func ping() {
        lock.withLock {
            for continuation in streams.values { continuation.yield(Data(": ping\n\n".utf8)) }
        }
    }

    /// Ends every stream (the server is stopping).
    func finishAll() {
        let open = lock.withLock { Array(streams.values) }
        for continuation in open { continuation.finish() }
    }

    private static func event(_ name: String, id: String) -> String {
        "id: \(id)\nevent: \(name)\ndata: \(name)\n\n"
    }
}
