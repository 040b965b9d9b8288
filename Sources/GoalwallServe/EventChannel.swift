import Foundation
import Synchronization

/// The event streams of the open pages (live reload). Each event has an id; a page that
/// reconnects with an older id (the server restarted, the network dropped) missed a change
/// and reloads.
final class EventChannel: Sendable {
    private struct State {
        var streams: [Int: AsyncStream<Data>.Continuation] = [:]
        var nextStream = 0
        var eventNumber = 0
        var isBroken = false
        var isClosed = false
    }

    private let state = Mutex(State())
    /// Ids start with the server's start time, so a restarted server never repeats one.
    private let started: Int

    init(now: Date = Date()) {
        started = Int(now.timeIntervalSince1970 * 1000)
    }

    var openStreams: Int { state.withLock { $0.streams.count } }

    /// One page's stream: the events, and a way to end it at once (the page went away).
    struct Subscription: Sendable {
        let events: AsyncStream<Data>
        let end: @Sendable () -> Void
    }

    /// A new page's stream: it opens with the state it needs to catch up on. After
    /// `finishAll` (the server is stopping) the stream is empty and already over.
    func subscribe(lastEventID: String?) -> Subscription {
        let (stream, continuation) = AsyncStream<Data>.makeStream(bufferingPolicy: .bufferingNewest(16))
        let id: Int? = state.withLock { state in
            guard !state.isClosed else { return nil }
            let id = state.nextStream
            state.nextStream += 1
            state.streams[id] = continuation
            let current = eventID(state.eventNumber)
            var opening = "retry: 1000\n\n"
            if state.isBroken {
                opening += Self.event("broken", id: current)
            } else if let lastEventID, lastEventID != current {
                opening += Self.event("reload", id: current)
            } else {
                opening += Self.event("hello", id: current)
            }
            continuation.yield(Data(opening.utf8))
            return id
        }
        guard let id else {
            continuation.finish()
            return Subscription(events: stream, end: {})
        }
        continuation.onTermination = { [weak self] _ in
            self?.state.withLock { _ = $0.streams.removeValue(forKey: id) }
        }
        return Subscription(events: stream, end: { continuation.finish() })
    }

    /// Tells every open page: "reload" (a good build) or "broken" (a failed one).
    func send(_ name: String) {
        let open = state.withLock { state in
            state.eventNumber += 1
            state.isBroken = name == "broken"
            return (Array(state.streams.values), eventID(state.eventNumber))
        }
        let event = Data(Self.event(name, id: open.1).utf8)
        for continuation in open.0 { continuation.yield(event) }
    }

    /// A comment line keeps idle streams open through proxies.
    func ping() {
        let open = state.withLock { Array($0.streams.values) }
        for continuation in open { continuation.yield(Data(": ping\n\n".utf8)) }
    }

    /// Ends every stream, and every stream opened from now on (the server is stopping).
    func finishAll() {
        let open = state.withLock { state in
            state.isClosed = true
            return Array(state.streams.values)
        }
        for continuation in open { continuation.finish() }
    }

    private func eventID(_ number: Int) -> String { "\(started)-\(number)" }

    private static func event(_ name: String, id: String) -> String {
        "id: \(id)\nevent: \(name)\ndata: \(name)\n\n"
    }
}
