import Foundation

/// Where `goalwall serve` listens: `--host` (an IPv4 or IPv6 address, or `localhost`) and
/// `--port` (0 picks a free one), checked before anything starts.
public struct ListenAddress: Sendable, Equatable {
    /// The address as the socket layer takes it: `127.0.0.1`, `0.0.0.0`, `::1`.
    public var host: String
    public var port: Int

    public struct Invalid: Error, CustomStringConvertible {
        public var description: String
    }

    public init(host: String, port: Int) throws {
        guard (0...65535).contains(port) else { throw Invalid(description: "--port must be 0 to 65535, not \(port)") }
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if host == "localhost" {
            self.host = "127.0.0.1"
        } else if Self.isIPv4(bare) || Self.isIPv6(bare) {
            self.host = bare
        } else {
            throw Invalid(description: "--host must be an IP address such as 127.0.0.1 or 0.0.0.0 (got '\(host)')")
        }
        self.port = port
    }

    /// Every address of this computer (the office TV reaches it over the LAN).
    public var isEveryAddress: Bool { host == "0.0.0.0" || host == "::" }

    /// The address to open in a browser once the server listens on `boundPort`.
    public func url(boundPort: Int) -> URL {
        switch host {
        case "0.0.0.0": return URL(string: "http://127.0.0.1:\(boundPort)/")!
        case "::": return URL(string: "http://[::1]:\(boundPort)/")!
        default:
            let shown = host.contains(":") ? "[\(host)]" : host
            return URL(string: "http://\(shown):\(boundPort)/")!
        }
    }

    private static func isIPv4(_ text: String) -> Bool {
        var address = in_addr()
        return inet_pton(AF_INET, text, &address) == 1
    }

    private static func isIPv6(_ text: String) -> Bool {
        var address = in6_addr()
        return inet_pton(AF_INET6, text, &address) == 1
    }
}
