import Foundation
import Synchronization

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A response as the tests look at it.
struct Reply: Sendable {
    var status: Int
    var headers: [String: String]
    var body: Data
    var text: String { String(decoding: body, as: UTF8.self) }
    func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// Runs blocking socket work on a thread of its own, off the cooperative pool the in-process
/// server needs.
func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread {
            do { continuation.resume(returning: try work()) } catch { continuation.resume(throwing: error) }
        }
    }
}

/// URLSession (libcurl underneath on Linux): a real HTTP client, for ordinary requests.
func fetch(_ url: URL, method: String = "GET", headers: [String: String] = [:]) async throws -> Reply {
    var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalAndRemoteCacheData, timeoutInterval: 10)
    request.httpMethod = method
    for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
    let (data, response) = try await URLSession.shared.data(for: request)
    let http = response as! HTTPURLResponse
    var fields: [String: String] = [:]
    for (name, value) in http.allHeaderFields {
        fields[String(describing: name).lowercased()] = String(describing: value)
    }
    return Reply(status: http.statusCode, headers: fields, body: data)
}

/// A plain socket that sends exactly the bytes given: clients normalise `/../` away, so
/// hostile paths go through this. Every read has a deadline.
final class RawConnection: @unchecked Sendable {
    private let fd: Int32
    private var buffer = Data()

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            Glibc.close(fd)
            throw ClientError(description: "cannot connect: \(String(cString: strerror(errno)))")
        }
    }

    deinit { Glibc.close(fd) }

    func send(_ text: String) {
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeMutableBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Sends every byte (or until the peer stops taking them).
    func sendAll(_ data: Data) {
        var sent = 0
        data.withUnsafeBytes { bytes in
            while sent < bytes.count {
                let count = Glibc.send(fd, bytes.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL))
                if count <= 0 { return }
                sent += count
            }
        }
    }

    /// Shuts the connection now (the peer sees the end at once).
    func hangUp() { shutdown(fd, Int32(SHUT_RDWR)) }

    /// Reads until `done` holds for what arrived, the peer closes, or the deadline passes.
    @discardableResult
    func read(until done: (Data) -> Bool, seconds: Double) -> Data {
        let deadline = Date().addingTimeInterval(seconds)
        while !done(buffer), Date() < deadline {
            var waiting = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let left = Int32(max(1, deadline.timeIntervalSinceNow * 1000))
            guard poll(&waiting, 1, left) > 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            buffer.append(contentsOf: chunk[0..<count])
        }
        return buffer
    }

    /// True once the peer has closed the connection (within the deadline).
    func isClosed(within seconds: Double) async -> Bool {
        (try? await offPool { self.blockingIsClosed(within: seconds) }) ?? false
    }

    private func blockingIsClosed(within seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            var waiting = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&waiting, 1, 100) > 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count <= 0 { return true }
            buffer.append(contentsOf: chunk[0..<count])
        }
        return false
    }

    var received: String { String(decoding: buffer, as: UTF8.self) }

    /// One whole request with `Connection: close`, read to the end.
    static func request(port: Int, _ target: String, method: String = "GET") async throws -> Reply {
        try await offPool { try blockingRequest(port: port, target, method: method) }
    }

    private static func blockingRequest(port: Int, _ target: String, method: String) throws -> Reply {
        let connection = try RawConnection(port: port)
        connection.send("\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        let data = connection.read(until: { _ in false }, seconds: 5)
        guard let end = data.range(of: Data("\r\n\r\n".utf8)) else {
            throw ClientError(description: "no response to \(target)")
        }
        let head = String(decoding: data[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let status = Int(head[0].split(separator: " ")[1]) ?? 0
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces)
        }
        return Reply(status: status, headers: headers, body: Data(data[end.upperBound...]))
    }
}

/// The live-reload stream as a page's EventSource reads it.
final class EventStreamReader: @unchecked Sendable {
    let connection: RawConnection
    private var seen = 0

    init(port: Int, lastEventID: String? = nil) throws {
        connection = try RawConnection(port: port)
        var request = "GET /_goalwall/live HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
        if let lastEventID { request += "Last-Event-ID: \(lastEventID)\r\n" }
        connection.send(request + "\r\n")
    }

    /// The names of the events that arrived, in order.
    var events: [String] {
        connection.received.components(separatedBy: "\n").filter { $0.hasPrefix("event: ") }.map {
            String($0.dropFirst("event: ".count))
        }
    }

    /// Waits (at most `seconds`) for the next event after those already taken; its name.
    func next(seconds: Double = 10) async -> String? {
        (try? await offPool { self.blockingNext(seconds: seconds) }) ?? nil
    }

    private func blockingNext(seconds: Double) -> String? {
        connection.read(
            until: { data in
                String(decoding: data, as: UTF8.self).components(separatedBy: "\n").count { $0.hasPrefix("event: ") }
                    > self.seen
            }, seconds: seconds)
        let all = events
        guard all.count > seen else { return nil }
        seen += 1
        return all[seen - 1]
    }
}

struct ClientError: Error, CustomStringConvertible {
    var description: String
}

/// A value shared between a test and the code it drives, behind a lock.
final class Box<Value: Sendable>: Sendable {
    private let stored: Mutex<Value>

    init(_ value: Value) { stored = Mutex(value) }

    var value: Value {
        get { stored.withLock { $0 } }
        set { stored.withLock { $0 = newValue } }
    }
}

/// The descriptors this process has open.
func openDescriptors(of pid: Int32? = nil) -> Int {
    let folder = pid.map { "/proc/\($0)/fd" } ?? "/proc/self/fd"
    return (try? FileManager.default.contentsOfDirectory(atPath: folder).count) ?? -1
}

/// A request sent as raw bytes; the reply's status line and how long it took to come.
func rawExchange(port: Int, _ bytes: Data, seconds: Double = 10) async throws -> (
    statusLine: String, seconds: Double, reply: String
) {
    try await offPool {
        let connection = try RawConnection(port: port)
        let start = Date()
        connection.sendAll(bytes)
        let reply = connection.read(until: { $0.range(of: Data("\r\n\r\n".utf8)) != nil }, seconds: seconds)
        let text = String(decoding: reply, as: UTF8.self)
        return (text.components(separatedBy: "\r\n").first ?? "", Date().timeIntervalSince(start), text)
    }
}
