import Foundation
import GoalwallKit
import Synchronization

/// What the server answers from: the last good wall, the last build's errors if it failed,
/// and when the last build ran.
struct ServerState: Sendable {
    var site: ServedSite?
    var failure: [Diagnostic]?
    var lastBuild: Date?
}

/// The server's state, shared by the builder (which replaces it) and every request (which
/// reads a snapshot of it).
final class WallState: Sendable {
    private let current = Mutex(ServerState())

    var snapshot: ServerState { current.withLock { $0 } }

    func update<Result>(_ change: (inout ServerState) -> Result) -> Result {
        current.withLock { change(&$0) }
    }
}
