import Foundation
import GoalwallKit

/// What `goalwall serve` has to say, as values: the command line prints them as text or
/// JSON (one object per line), tests collect them.
public enum ServeEvent: Sendable, Equatable {
    /// One rebuild: its outcome, how long it took and what it changed. `first` is the build
    /// at start.
    case build(Build)
    /// An error or warning of the site, printed when the list of them changes.
    case diagnostic(Diagnostic)
    /// A line about the server itself (listening, stopping).
    case info(String)
    case warning(String)
    case error(String)

    public struct Build: Sendable, Equatable {
        public var ok: Bool
        public var milliseconds: Double
        /// Files new, different or removed.
        public var changed: Int
        public var errors: Int
        public var first: Bool
        /// A failed build still serves the last good wall (false: there is none).
        public var serving: Bool
    }

    /// The plain-text line (`built in 43 ms: 7 files changed`), without colour.
    public var text: String {
        switch self {
        case .build(let build):
            let ms = String(format: "%.0f", build.milliseconds)
            if build.ok {
                let files = build.changed == 1 ? "1 file" : "\(build.changed) files"
                return build.first ? "built the wall in \(ms) ms: \(files)" : "built in \(ms) ms: \(files) changed"
            }
            let errors = build.errors == 1 ? "1 error" : "\(build.errors) errors"
            let serving = build.serving ? "still serving the last good wall" : "no wall to serve yet"
            return "build failed (\(errors)) in \(ms) ms: \(serving)"
        case .diagnostic(let diagnostic): return diagnostic.description
        case .info(let line): return line
        case .warning(let line): return "warning: \(line)"
        case .error(let line): return "error: \(line)"
        }
    }
}

/// Where serve's events go.
public typealias ServeLog = @Sendable (ServeEvent) -> Void
