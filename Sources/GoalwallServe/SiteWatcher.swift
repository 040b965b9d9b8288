import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Watches a whole site folder (goalwall.yml, content/, templates/, static/) and reports that
/// something changed; the rebuild finds out what. inotify on Linux; polling where inotify is
/// missing or out of watches, or when asked (network shares, some container mounts).
/// Names starting with "." (editor swap files, the output's staging folders) and the output
/// folder are not part of the site and are ignored.
final class SiteWatcher: Sendable {
    enum Mode: String, Sendable { case inotify, polling }

    private let root: URL
    private let excluded: Set<String>
    private let interval: TimeInterval
    private let onChange: @Sendable () -> Void
    private let stopped = Atomic(false)

    init(root: URL, excluding: [URL], interval: TimeInterval = 0.5, onChange: @escaping @Sendable () -> Void) {
        self.root = root.standardizedFileURL
        self.excluded = Set(excluding.map { SiteWatcher.realPath($0.path) })
        self.interval = interval
        self.onChange = onChange
    }

    /// Starts watching on a thread of its own.
    func start(polling forcePolling: Bool) -> Mode {
        var mode = Mode.polling
        var body: @Sendable () -> Void = { [self] in pollLoop() }
        #if canImport(Glibc)
            if !forcePolling, let inotify = Inotify(mask: Self.mask) {
                if addWatches(inotify) {
                    mode = .inotify
                    body = { [self] in inotifyLoop(inotify) }
                } else {
                    inotify.close()
                }
            }
        #endif
        let thread = Thread(block: body)
        thread.name = "goalwall watcher"
        thread.start()
        return mode
    }

    /// The watching thread ends within half a second (its next look).
    func stop() { stopped.store(true, ordering: .relaxed) }

    private var isStopped: Bool { stopped.load(ordering: .relaxed) }

    // MARK: Folders

    /// Every folder of the site to watch: the root and everything under it, symbolic links
    /// followed (each real folder once), dot-folders and the output left out.
    private func folders() -> [String] {
        var found: [String] = []
        var seen: Set<String> = []
        var queue = [root.path]
        while let folder = queue.popLast() {
            let real = Self.realPath(folder)
            guard !excluded.contains(real), seen.insert(real).inserted else { continue }
            found.append(folder)
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { continue }
            for name in names where !name.hasPrefix(".") {
                var isFolder: ObjCBool = false
                let path = folder + "/" + name
                if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
                    queue.append(path)
                }
            }
        }
        return found
    }

    static func realPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return URL(fileURLWithPath: path).standardizedFileURL.path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    // MARK: Polling

    /// Size, times and inode of every file: any save, add, delete or rename changes it.
    private func fingerprint() -> Int {
        var hasher = Hasher()
        for folder in folders().sorted() {
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
            for name in names where !name.hasPrefix(".") {
                let path = folder + "/" + name
                var info = stat()
                hasher.combine(path)
                guard stat(path, &info) == 0 else { continue }
                hasher.combine(Int(info.st_size))
                hasher.combine(Int(info.st_ino))
                hasher.combine(Int(info.st_mtim.tv_sec))
                hasher.combine(Int(info.st_mtim.tv_nsec))
                hasher.combine(Int(info.st_ctim.tv_sec))
                hasher.combine(Int(info.st_ctim.tv_nsec))
            }
        }
        return hasher.finalize()
    }

    private func pollLoop() {
        var last = fingerprint()
        while !isStopped {
            Thread.sleep(forTimeInterval: interval)
            let now = fingerprint()
            if now != last {
                last = now
                onChange()
            }
        }
    }

    // MARK: inotify

    #if canImport(Glibc)
        private static let mask: UInt32 =
            UInt32(IN_CREATE) | UInt32(IN_DELETE) | UInt32(IN_MODIFY) | UInt32(IN_CLOSE_WRITE)
            | UInt32(IN_MOVED_FROM) | UInt32(IN_MOVED_TO) | UInt32(IN_ATTRIB) | UInt32(IN_DELETE_SELF)
            | UInt32(IN_MOVE_SELF)

        /// Watches every folder; false when the system's watch limit is reached.
        private func addWatches(_ inotify: Inotify) -> Bool {
            for folder in folders() where !inotify.watch(folder) {
                return false
            }
            return true
        }

        private func inotifyLoop(_ inotify: Inotify) {
            defer { inotify.close() }
            while !isStopped {
                guard let events = inotify.read(waiting: 0.25) else { continue }
                let relevant = events.contains { folder, name in
                    guard !name.isEmpty else { return true }
                    return !name.hasPrefix(".") && !excluded.contains(Self.realPath(folder + "/" + name))
                }
                guard relevant else { continue }
                // New folders need watches of their own; on running out, keep what we have.
                _ = addWatches(inotify)
                onChange()
            }
        }
    #endif
}

#if canImport(Glibc)
    /// A thin wrapper over the inotify calls: a C file descriptor and the folder of each
    /// watch. `@unchecked Sendable` because it is handed from the thread that creates it to
    /// the watcher's thread, which is then its only user (nothing touches it concurrently).
    final class Inotify: @unchecked Sendable {
        private let fd: Int32
        private let mask: UInt32
        /// The folder of each watch.
        private var folders: [Int32: String] = [:]

        init?(mask: UInt32) {
            fd = inotify_init1(Int32(O_CLOEXEC))
            guard fd >= 0 else { return nil }
            self.mask = mask
        }

        func watch(_ folder: String) -> Bool {
            let watch = inotify_add_watch(fd, folder, mask)
            guard watch >= 0 else { return false }
            folders[watch] = folder
            return true
        }

        /// The events that arrive within `seconds`, as the folder watched and the name in it
        /// ("" for the folder's own events); nil when none came.
        func read(waiting seconds: Double) -> [(folder: String, name: String)]? {
            var waiting = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&waiting, 1, Int32(seconds * 1000)) > 0 else { return nil }
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            guard count > 0 else { return nil }
            var events: [(folder: String, name: String)] = []
            var offset = 0
            let header = MemoryLayout<inotify_event>.size
            while offset + header <= count {
                let (watch, length) = buffer.withUnsafeBytes {
                    (
                        $0.loadUnaligned(fromByteOffset: offset, as: Int32.self),
                        Int($0.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                    )
                }
                let nameBytes = buffer[(offset + header)..<min(count, offset + header + length)]
                let name = String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)
                events.append((folders[watch] ?? "", name))
                offset += header + length
            }
            return events
        }

        func close() { Glibc.close(fd) }
    }
#endif
