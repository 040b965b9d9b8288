import Foundation
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTPTypes
import NIOPosix
import Synchronization

/// The limits that keep one server up for months, whatever its clients do.
public struct ServerLimits: Sendable {
    /// Connections open at once; more wait in the listen backlog until one closes.
    public var connections = 512
    /// An idle keep-alive connection is closed after this long.
    public var idleTimeout: Duration = .seconds(60)
    /// How long a request head may take to arrive.
    public var headTimeout: Duration = .seconds(10)

    public init() {}

    var head: RequestHeadGuard.Limits {
        var limits = RequestHeadGuard.Limits()
        limits.headTimeout = TimeAmount(headTimeout)
        return limits
    }
}

/// HTTP/1.1 on Hummingbird's core: each connection is NIO's HTTP/1 pipeline with a
/// `RequestHeadGuard` in front of its decoder; the `WallResponder` answers. Accept errors
/// (out of descriptors) are survived by NIO's own back-off (`AcceptBackoffHandler`, which
/// every server channel has): the server waits a second and accepts again.
final class WallServer: Sendable {
    private let address: ListenAddress
    private let channel: GuardedHTTP1Channel
    private let limits: ServerLimits
    private let running = Mutex<(server: Server<GuardedHTTP1Channel>, task: Task<Void, Never>)?>(nil)

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    init(address: ListenAddress, limits: ServerLimits, responder: WallResponder) {
        self.address = address
        self.limits = limits
        let http1 = HTTP1Channel(
            responder: { request, writer, channel in
                try await responder.respond(to: request, writer: writer, channel: channel)
            },
            configuration: .init(
                idleTimeout: TimeAmount(limits.idleTimeout),
                httpDecoderConfiguration: .init(
                    maxHeaderFieldSize: limits.head.headerLine, maxHeaderListSize: limits.head.headers,
                    maxHeaderFieldCount: 200)))
        channel = GuardedHTTP1Channel(http1: http1, limits: limits.head)
    }

    /// Listens; returns the port bound (the one asked for, or a free one for port 0).
    func start() async throws -> Int {
        let bound = Bound()
        return try await withCheckedThrowingContinuation { continuation in
            bound.continuation.withLock { $0 = continuation }
            let server = Server(
                childChannelSetup: channel,
                configuration: ServerConfiguration(
                    address: .hostname(address.host, port: address.port), serverName: nil, backlog: 256,
                    reuseAddress: true,
                    availableConnectionsDelegate: MaximumAvailableConnections(limits.connections)),
                onServerRunning: { channel in
                    bound.continuation.withLock { $0.take() }?.resume(returning: channel.localAddress?.port ?? 0)
                },
                eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
                logger: Logger(label: "goalwall serve", factory: { _ in SwiftLogNoOpLogHandler() }))
            let task = Task {
                do {
                    try await server.run()
                    bound.continuation.withLock { $0.take() }?.resume(
                        throwing: Failure(description: "the server stopped"))
                } catch {
                    bound.continuation.withLock { $0.take() }?.resume(throwing: error)
                }
            }
            running.withLock { $0 = (server, task) }
        }
    }

    /// The port, told once: when the server listens, or its error when it cannot.
    private final class Bound: Sendable {
        let continuation = Mutex<CheckedContinuation<Int, any Error>?>(nil)
    }

    /// Stops accepting, lets answers in progress finish (at most `patience`), closes every
    /// connection and the port.
    func stop(patience: Duration = .seconds(3)) async {
        guard let (server, task) = running.withLock({ $0.take() }) else { return }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await server.shutdownGracefully() }
            group.addTask { try? await Task.sleep(for: patience) }
            await group.next()
            group.cancelAll()
        }
        task.cancel()
        await task.value
    }
}

/// Hummingbird's HTTP/1 channel with a `RequestHeadGuard` in front of its decoder.
struct GuardedHTTP1Channel: HTTPChannelHandler {
    typealias Value = NIOAsyncChannel<HTTPRequestPart, HTTPResponsePart>

    let http1: HTTP1Channel
    let limits: RequestHeadGuard.Limits

    var responder: HTTPChannelHandler.Responder { http1.responder }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        do {
            try channel.pipeline.syncOperations.addHandler(
                RequestHeadGuard(limits: limits, eventsPath: LiveReload.eventsPath))
        } catch {
            return channel.eventLoop.makeFailedFuture(error)
        }
        return http1.setup(channel: channel, logger: logger)
    }

    func handle(value: Value, logger: Logger) async {
        await handleHTTP(asyncChannel: value, logger: logger)
    }
}
