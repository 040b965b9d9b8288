import Foundation
import Synchronization

/// SIGINT and SIGTERM, taken by a handler installed first thing in `main`.
///
/// Blocking them is not enough: on Linux the main thread of an async `main` waits in
/// `sigsuspend` with nothing blocked, so a signal sent while serve starts would end the
/// process. The handler only does what is safe in a signal handler: it notes the signal,
/// and then either ends the process as the signal's default action would (every command but
/// serve) or wakes a thread through a pipe that hands the signal to serve.
enum ShutdownSignals {
    private enum Mode: Int32 {
        /// Noted and kept until a command says what it wants (between `take` and parsing).
        case noted = 0
        /// Ends the process at once, as if no handler were installed.
        case endProcess = 1
        /// Handed to `onSignal`'s handler.
        case handOver = 2
    }

    private static let mode = Atomic<Int32>(Mode.noted.rawValue)
    private static let received = Atomic<Int32>(0)
    private static let wakeUp = Atomic<Int32>(-1)
    private static let handler = Mutex<(@Sendable () -> Void)?>(nil)

    /// Installs the handler for both signals.
    static func take() {
        // Every static is initialised here, outside the handler (lazy initialisation is not
        // safe in a signal handler).
        _ = mode.load(ordering: .relaxed)
        _ = received.load(ordering: .relaxed)
        _ = wakeUp.load(ordering: .relaxed)
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { number in ShutdownSignals.signalArrived(number) }
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        sigaction(SIGINT, &action, nil)
        sigaction(SIGTERM, &action, nil)
    }

    /// From now on a signal ends the process; one that came already does so now.
    static func endProcessOnSignal() {
        mode.store(Mode.endProcess.rawValue, ordering: .sequentiallyConsistent)
        let number = received.load(ordering: .sequentiallyConsistent)
        if number != 0 { endProcess(number) }
    }

    /// From now on a signal calls `action` (on a thread of its own, once per signal); one that
    /// came already calls it now.
    static func onSignal(_ action: @escaping @Sendable () -> Void) {
        handler.withLock { $0 = action }
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return endProcessOnSignal() }
        _ = fcntl(ends[1], F_SETFL, fcntl(ends[1], F_GETFL) | O_NONBLOCK)
        let readEnd = ends[0]
        let thread = Thread {
            var byte: UInt8 = 0
            while true {
                let count = read(readEnd, &byte, 1)
                if count < 0, errno == EINTR { continue }
                guard count == 1 else { return }
                ShutdownSignals.handler.withLock { $0 }?()
            }
        }
        thread.name = "goalwall signals"
        thread.start()
        wakeUp.store(ends[1], ordering: .sequentiallyConsistent)
        mode.store(Mode.handOver.rawValue, ordering: .sequentiallyConsistent)
        if received.load(ordering: .sequentiallyConsistent) != 0 { action() }
    }

    /// The handler: async-signal-safe calls only.
    private static func signalArrived(_ number: Int32) {
        received.store(number, ordering: .sequentiallyConsistent)
        switch Mode(rawValue: mode.load(ordering: .sequentiallyConsistent)) {
        case .endProcess: endProcess(number)
        case .handOver:
            var byte: UInt8 = 1
            let descriptor = wakeUp.load(ordering: .sequentiallyConsistent)
            if descriptor >= 0 { _ = write(descriptor, &byte, 1) }
        case .noted, nil: break
        }
    }

    /// The signal's default action: the process ends as killed by it (exit status 128 + n).
    private static func endProcess(_ number: Int32) -> Never {
        signal(number, SIG_DFL)
        // Inside the handler the signal is blocked until it returns: let it through now.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, number)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        raise(number)
        _exit(128 + number)
    }
}
