import Foundation

/// Writes a built site into its output folder, so that the folder is never missing and
/// never holds a half-written file, whenever a build is killed (§7: a failed build leaves
/// the previous output exactly as it was).
///
/// The first build writes a new folder beside the target and renames it into place. Every
/// later build updates the folder in place: each changed file is written to a temporary
/// name in its own folder and renamed over the old one (atomic for a reader); files that
/// are byte for byte what the manifest says are left alone; pages are written after the
/// files they link to (assets, then the deepest pages, the wall last), and files that are
/// gone are removed only after that. The manifest (`.goalwall-output`) is written last,
/// with a modification time later than every file's last change; `upToDate` uses that to
/// tell, from `stat` alone, that the folder is still exactly as a build left it.
///
/// The target may be a symbolic link (`public -> /var/www/wall`): the folder it points to
/// is updated and the link stays.
public struct OutputWriter {
    /// The output folder as given (`SITE/public`, `--output`).
    public let target: URL

    public init(target: URL) { self.target = target.standardizedFileURL }

    /// Written into every output folder, so a later build knows the folder is its own.
    public static let marker = OutputManifest.fileName

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// What a publish did.
    public struct Publication: Sendable {
        public var manifest: OutputManifest
        /// Files written (new or different), sorted.
        public var written: [String]
        /// Files removed, sorted.
        public var removed: [String]
    }

    /// Makes the output folder hold exactly `files`; `record` (a `goalwall build`) goes into
    /// the manifest, so the next build with the same fingerprint can find nothing to do.
    @discardableResult
    public func publish(_ files: [OutputFile], record: OutputManifest.Record? = nil) throws -> Publication {
        let publishing = try begin()
        try publishing.add(files)
        return try publishing.commit(record: record)
    }

    /// Starts a publish whose files arrive in batches while the site renders (`Publishing`),
    /// so that a large wall is never held in memory all at once.
    public func begin() throws -> Publishing {
        var info = stat()
        if lstat(target.path, &info) != 0 {
            guard errno == ENOENT else { throw Failure(description: "\(target.path): \(Self.systemError())") }
            return try Publishing(fresh: target)
        }
        return try Publishing(updating: try resolvedFolder())
    }

    /// The record of the build that wrote the folder, when it has `fingerprint` and the folder
    /// is still exactly as that build left it: the same files and folders and nothing else,
    /// no file's status changed since the manifest was written (an edit, a `touch`, a file
    /// a killed build wrote or renamed into place all change it). nil when in any doubt.
    public func upToDate(fingerprint: UInt64) -> (record: OutputManifest.Record, files: Int)? {
        var info = stat()
        guard lstat(target.path, &info) == 0, let folder = try? resolvedFolder() else { return nil }
        return try? Self.locked(folder) { () -> (record: OutputManifest.Record, files: Int)? in
            Self.removeLeftovers(beside: folder)
            let (manifest, writtenAt) = Self.readManifest(in: folder)
            guard let record = manifest.record, record.fingerprint == fingerprint else { return nil }
            var folders = Set<String>()
            for path in manifest.entries.keys { folders.formUnion(Self.parents(of: path)) }
            let disk = Self.walk(folder)
            guard disk.count == manifest.entries.count + folders.count else { return nil }
            for (path, entry) in disk {
                switch entry {
                case .folder: guard folders.contains(path) else { return nil }
                case .file(let changed): guard changed < writtenAt, manifest.entries[path] != nil else { return nil }
                case .other: return nil
                }
            }
            return (record, manifest.entries.count)
        }
    }

    /// Writes `files` and removes `removed` in a folder this process published before and
    /// whose manifest it holds (`goalwall serve`, which knows what changed).
    public func update(writing files: [OutputFile], removing removed: [String], manifest: OutputManifest) throws
        -> OutputManifest
    {
        let folder = try resolvedFolder()
        let contents = try Content.all(files)
        return try Self.locked(folder) {
            var disk: [String: DiskEntry] = [:]
            let touched = removed + contents.flatMap { [$0.path] + Self.parents(of: $0.path) }
            for path in touched where disk[path] == nil {
                disk[path] = Self.entry(folder.appending(path: path).path)
            }
            var kept = manifest
            kept.record = nil  // the folder is no longer what the recorded build wrote
            for path in removed { kept.entries[path] = nil }
            for file in contents { kept.entries[file.path] = nil }
            let candidates = removed.flatMap { [$0] + Self.parents(of: $0) }
            return try Self.apply(
                folder, writing: contents, keeping: kept, disk: disk, removing: Array(Set(candidates))
            ).manifest
        }
    }

    // MARK: The folder

    /// Why this folder must not be the output of the site at `site`, if it must not: it
    /// is replaced as a whole, so it must never be the site or hold it, nor a file, nor a
    /// folder of someone else's files.
    public func problem(site siteFolder: URL) -> Diagnostic? {
        let site = siteFolder.resolvingSymlinksInPath().path
        let output = target.resolvingSymlinksInPath().path
        let at = SourceLocation(path: target.path)
        if output == site || site.hasPrefix(output.hasSuffix("/") ? output : output + "/") {
            return .error(
                "refusing to write the output into \(target.path): it is (or holds) the site folder", at: at)
        }
        for inner in ["content", "templates", "static"] {
            let folder = siteFolder.appending(path: inner).resolvingSymlinksInPath().path
            if output == folder || output.hasPrefix(folder + "/") {
                return .error("refusing to write the output inside the site's \(inner)/ folder", at: at)
            }
        }
        // A symbolic link (`public -> /var/www/wall`) is followed: the folder it points to
        // is the output, under the same rules as any --output.
        var link = stat()
        let isLink = lstat(target.path, &link) == 0 && link.st_mode & S_IFMT == S_IFLNK
        let shown = isLink ? "\(target.path) (a symbolic link to \(output))" : target.path
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: target.path, isDirectory: &isFolder)
        if isLink, !exists {
            return .error(
                "\(target.path) is a symbolic link to \(output), which does not exist: create that folder first",
                at: at)
        }
        if exists, !isFolder.boolValue {
            return .error("refusing to replace \(shown): it is a file, not a folder", at: at)
        }
        // SITE/public is the output by definition (§1); any other folder is replaced only when
        // it is empty or an earlier build wrote it, so `--output docs` cannot wipe a folder.
        let isDefault =
            !isLink
            && target == siteFolder.appending(path: "public").standardizedFileURL
        if !isDefault, isFolder.boolValue,
            let inside = try? FileManager.default.contentsOfDirectory(atPath: target.path), !inside.isEmpty,
            !inside.contains(OutputWriter.marker)
        {
            return .error(
                "refusing to replace \(shown): it holds files goalwall did not write (empty it, or choose another output folder)",
                at: at)
        }
        if FileManager.default.fileExists(atPath: target.appending(path: "content").path) {
            return .error(
                "refusing to replace \(shown): it holds a content/ folder, so it looks like a site",
                at: at)
        }
        return nil
    }

    /// The folder written into: the target, or the folder a symbolic link target points to.
    func resolvedFolder() throws -> URL {
        guard let real = realpath(target.path, nil) else {
            throw Failure(
                description: "\(target.path) is a symbolic link to a folder that does not exist: create it first")
        }
        defer { free(real) }
        let url = URL(fileURLWithPath: String(cString: real), isDirectory: true)
        var info = stat()
        guard stat(url.path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            throw Failure(description: "\(target.path) is not a folder")
        }
        return url
    }

    /// Runs `body` holding an exclusive lock on the folder, so two builds into one output
    /// (two cron jobs, a build beside `serve`) take turns.
    static func locked<T>(_ folder: URL, _ body: () throws -> T) throws -> T {
        let fd = try lock(folder)
        defer { close(fd) }
        return try body()
    }

    /// Takes the exclusive lock on the folder, waiting for it: the descriptor to close when done.
    static func lock(_ folder: URL) throws -> Int32 {
        let fd = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw Failure(description: "cannot open \(folder.path): \(systemError())") }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else { break }  // no locks on this file system: go on without
        }
        return fd
    }

    /// Staging folders of builds that were killed (their process is gone) beside `folder`.
    static func removeLeftovers(beside folder: URL) {
        let parent = folder.deletingLastPathComponent()
        let prefix = ".\(folder.lastPathComponent).goalwall-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: parent.path) else { return }
        for name in names where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            guard rest.hasPrefix("new-") || rest.hasPrefix("old-"), let pid = Int32(rest.dropFirst(4)) else { continue }
            if pid == getpid() || (kill(pid, 0) != 0 && errno == ESRCH) {
                removeTree(parent.appending(path: name).path)
            }
        }
    }

    /// The folder's manifest, and when it was written (nanoseconds since 1970).
    static func readManifest(in folder: URL) -> (OutputManifest, Int64) {
        let path = folder.appending(path: OutputManifest.fileName).path
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, let bytes = readRegularFile(path) else {
            return (OutputManifest(), .min)
        }
        return (OutputManifest(text: String(decoding: bytes, as: UTF8.self)), nanoseconds(info.st_mtim))
    }

    static func nanoseconds(_ time: timespec) -> Int64 {
        Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }

    static func writeManifest(_ manifest: OutputManifest, in folder: URL) throws {
        let path = folder.appending(path: OutputManifest.fileName).path
        let temporary = folder.appending(path: OutputManifest.fileName + ".goalwall-tmp").path
        var text = manifest.text
        if let failure = text.withUTF8({ writeNew(UnsafeRawBufferPointer($0), to: temporary) }) {
            throw Failure(description: "\(OutputManifest.fileName): \(failure)")
        }
        if manifest.record != nil { stampAfterFiles(temporary, manifest: manifest, in: folder) }
        if rename(temporary, path) != 0 {
            let failure = systemError()
            unlink(temporary)
            throw Failure(description: "\(OutputManifest.fileName): \(failure)")
        }
    }

    /// Makes the manifest's modification time later than the status change of every file
    /// it lists, so that the next build can trust them all (`upToDate`): file times come
    /// from a clock that ticks every few milliseconds, and the last files written may share
    /// the manifest's tick. Waits for the clock to move on (a few ms on ext4), at most 0.1 s:
    /// on a file system with coarser times the next build simply compares the files.
    private static func stampAfterFiles(_ manifestPath: String, manifest: OutputManifest, in folder: URL) {
        let changes = Array(manifest.entries.keys).parallelMap { path -> Int64 in
            var info = stat()
            guard lstat(folder.path + "/" + path, &info) == 0 else { return .max }
            return nanoseconds(info.st_ctim)
        }
        let newest = changes.max() ?? .min
        guard newest != .max else { return }
        for _ in 0..<50 {
            var info = stat()
            guard lstat(manifestPath, &info) == 0 else { return }
            if nanoseconds(info.st_mtim) > newest { return }
            usleep(2000)
            guard utimes(manifestPath, nil) == 0 else { return }  // now
        }
    }

    // MARK: What is on disk

    enum DiskEntry: Equatable {
        /// A regular file, with the time its status last changed (nanoseconds since 1970).
        case file(changed: Int64)
        case folder
        /// A symbolic link, FIFO, socket or device: never goalwall's, always replaced.
        case other
    }

    static func entry(_ path: String) -> DiskEntry? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return entry(info)
    }

    private static func entry(_ info: stat) -> DiskEntry {
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file(changed: nanoseconds(info.st_ctim))
        case S_IFDIR: return .folder
        default: return .other
        }
    }

    /// Every entry under `folder` by relative path; symbolic links are not followed.
    static func walk(_ folder: URL) -> [String: DiskEntry] {
        var found: [String: DiskEntry] = [:]
        var queue = [""]
        while let relative = queue.popLast() {
            let path = relative.isEmpty ? folder.path : folder.path + "/" + relative
            guard let dir = opendir(path) else { continue }
            defer { closedir(dir) }
            let descriptor = dirfd(dir)
            while let item = readdir(dir) {
                let name = withUnsafeBytes(of: item.pointee.d_name) { raw in
                    String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
                }
                if name == "." || name == ".." { continue }
                let child = relative.isEmpty ? name : relative + "/" + name
                if relative.isEmpty, name == OutputManifest.fileName { continue }
                // A folder is known from the listing; anything else is looked at beside
                // it, without the whole path looked up again (a wall has thousands).
                let entry: DiskEntry
                if item.pointee.d_type == UInt8(DT_DIR) {
                    entry = .folder
                } else {
                    var info = stat()
                    guard fstatat(descriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
                    entry = Self.entry(info)
                }
                found[child] = entry
                if entry == .folder { queue.append(child) }
            }
        }
        return found
    }

    // MARK: Writing

    /// One file's bytes, read once, and their hash. A page's text is written from the
    /// string's own UTF-8 storage, not copied, and a page with HTML spliced in is written
    /// run by run: the pages of a large wall take hundreds of megabytes.
    struct Content {
        var path: String
        private var storage: Storage
        var hash: UInt64
        /// Its length in bytes.
        let count: Int

        private enum Storage {
            case text(String)
            case data(Data)
            case bytes([UInt8])
            case page(SplicedText)
        }

        init(_ file: OutputFile) throws {
            path = file.path
            switch file.contents {
            case .text(var text):
                text.makeContiguousUTF8()
                storage = .text(text)
                count = text.utf8.count
            case .data(let data):
                storage = .data(data)
                count = data.count
            case .copy(let source):
                guard let read = readRegularFile(source.path) else {
                    throw Failure(description: "\(file.path): cannot read \(source.path)")
                }
                storage = .bytes(read)
                count = read.count
            case .page(let page):
                storage = .page(page)
                count = page.utf8Count
            }
            var hasher = ContentHasher(count: count)
            hash = 0
            forEachRun { hasher.add($0) }
            hash = hasher.finalize()
        }

        /// Its bytes, a run at a time, in order (one run unless HTML is spliced in).
        func forEachRun(_ body: (UnsafeRawBufferPointer) -> Void) {
            switch storage {
            case .text(var text): text.withUTF8 { body(UnsafeRawBufferPointer($0)) }
            case .data(let data): data.withUnsafeBytes(body)
            case .bytes(let bytes): bytes.withUnsafeBytes(body)
            case .page(let page): page.forEachRun(body)
            }
        }

        /// Whether `other` holds exactly these bytes.
        func isEqual(to other: [UInt8]) -> Bool {
            guard other.count == count else { return false }
            var same = true
            var offset = 0
            other.withUnsafeBytes { theirs in
                forEachRun { mine in
                    guard same, !mine.isEmpty else { return }
                    same = memcmp(mine.baseAddress!, theirs.baseAddress! + offset, mine.count) == 0
                    offset += mine.count
                }
            }
            return same
        }

        /// Writes a new file of these bytes at `path`; the error's text on failure.
        func write(to path: String) -> String? {
            OutputWriter.writeNew(to: path) { write in forEachRun(write) }
        }

        /// Every file's bytes and hash, in parallel; the first failure in order.
        static func all(_ files: [OutputFile]) throws -> [Content] {
            try files.parallelMap { file in Result { try Content(file) } }.map { try $0.get() }
        }
    }

    /// Whether the folder already holds `file`'s bytes at its path. A file untouched since
    /// the manifest was written is what the manifest says; any other file (written by a
    /// killed build, edited by hand) is compared byte for byte.
    static func holds(
        _ file: Content, in folder: URL, manifest: OutputManifest, writtenAt: Int64, disk: [String: DiskEntry]
    ) -> Bool {
        guard case .file(let changed) = disk[file.path] else { return false }
        if changed < writtenAt, let hash = manifest.entries[file.path] { return hash == file.hash }
        return readRegularFile(folder.appending(path: file.path).path).map(file.isEqual) ?? false
    }

    /// Writes `changed` beside the files `kept` lists, then removes each of `candidates`
    /// that is neither a file kept or written nor a folder of one, and writes the manifest.
    private static func apply(
        _ folder: URL, writing changed: [Content], keeping kept: OutputManifest, disk: [String: DiskEntry],
        removing candidates: [String]
    ) throws -> Publication {
        var manifest = kept
        var disk = disk
        try place(changed.map(\.path), in: folder, disk: &disk) { writeFile(changed[$0], into: folder) }
        for file in changed { manifest.entries[file.path] = file.hash }
        let removed = try finish(folder, manifest: manifest, disk: disk, removing: candidates)
        return Publication(manifest: manifest, written: changed.map(\.path).sorted(), removed: removed)
    }

    /// After the files are in place: removes each of `candidates` that is neither a file the
    /// manifest lists nor a folder of one, and writes the manifest. The paths removed.
    static func finish(
        _ folder: URL, manifest: OutputManifest, disk: [String: DiskEntry], removing candidates: [String]
    ) throws -> [String] {
        // Removals last: every page written links only to files that exist by then.
        let keep = manifest.paths
        var folders = Set<String>()
        for path in keep { folders.formUnion(parents(of: path)) }
        var removed: [String] = []
        for path in candidates.sorted(by: { depth($0) > depth($1) }) {
            switch disk[path] {
            case .folder:
                if !folders.contains(path) { removeTree(folder.appending(path: path).path) }
            case .file, .other:
                if !keep.contains(path) {
                    remove(folder.appending(path: path).path)
                    if !isTemporary(path) { removed.append(path) }
                }
            case nil:
                break
            }
        }
        try writeManifest(manifest, in: folder)
        return removed.sorted()
    }

    /// Makes the folders of `paths` that are missing, level by level (a wall of 10,000 goals
    /// has 10,000), each level in parallel; whatever is in a folder's way is removed first.
    static func makeFolders(for paths: [String], in folder: URL, disk: inout [String: DiskEntry]) throws {
        var needed = Set<String>()
        for path in paths { needed.formUnion(parents(of: path)) }
        let levels = Dictionary(grouping: needed.filter { disk[$0] != .folder }, by: depth)
        for level in levels.keys.sorted() {
            let paths = levels[level]!.sorted()
            let found = disk
            let failures = paths.parallelMap { path -> Failure? in
                if found[path] != nil { remove(folder.appending(path: path).path) }
                if mkdir(folder.appending(path: path).path, 0o755) != 0, errno != EEXIST {
                    return Failure(description: "\(path): \(systemError())")
                }
                return nil
            }
            if let failure = failures.compactMap({ $0 }).first { throw failure }
            for path in paths { disk[path] = .folder }
        }
    }

    /// Puts a file at each of `paths` (`put` with its index) in an order that keeps every
    /// link whole at every moment: assets and data first, then pages from the deepest to the
    /// wall. Whatever is in the way (a file where a folder goes, a folder or a link where a
    /// file goes) is removed first.
    static func place(
        _ paths: [String], in folder: URL, disk: inout [String: DiskEntry], put: @Sendable (Int) -> Failure?
    ) throws {
        guard !paths.isEmpty else { return }
        try makeFolders(for: paths, in: folder, disk: &disk)
        for path in paths where disk[path] == .folder {
            removeTree(folder.appending(path: path).path)
            disk[path] = nil
        }
        let groups = Dictionary(grouping: paths.indices, by: { writeRank(paths[$0]) })
        for rank in groups.keys.sorted() {
            let failures = groups[rank]!.parallelMap(put)
            if let failure = failures.compactMap({ $0 }).first { throw failure }
            for index in groups[rank]! { disk[paths[index]] = .file(changed: .max) }
        }
    }

    /// Lower ranks are written first: anything that is not a page, then pages, deepest first.
    private static func writeRank(_ path: String) -> Int {
        path.hasSuffix(".html") ? 1000 - depth(path) : 0
    }

    /// One file: to a temporary name beside it, then renamed over the old one.
    static func writeFile(_ file: Content, into folder: URL) -> Failure? {
        let url = folder.appending(path: file.path)
        let name = url.lastPathComponent
        let temporary = url.deletingLastPathComponent().appending(path: ".\(name).goalwall-tmp").path
        let failure = file.write(to: temporary)
        if let failure { return Failure(description: "\(file.path): \(failure)") }
        if rename(temporary, url.path) != 0 {
            let failure = systemError()
            unlink(temporary)
            return Failure(description: "\(file.path): \(failure)")
        }
        return nil
    }

    /// Writes a new file with plain POSIX calls; the error's text on failure.
    static func writeNew(_ bytes: UnsafeRawBufferPointer, to path: String) -> String? {
        writeNew(to: path) { write in write(bytes) }
    }

    /// Writes a new file from the runs `bytes` hands over, with plain POSIX calls; the
    /// error's text on failure. Short runs (a spliced page's own text between values) are
    /// gathered into writes of 64 KB, long ones written as they are.
    static func writeNew(
        to path: String, _ bytes: ((UnsafeRawBufferPointer) -> Void) -> Void
    ) -> String? {
        unlink(path)
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else { return systemError() }
        defer { close(fd) }
        var failure: String?
        func writeAll(_ bytes: UnsafeRawBufferPointer) {
            var offset = 0
            while failure == nil, offset < bytes.count {
                let written = Foundation.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = systemError()
                }
                offset += max(written, 0)
            }
        }
        let gather = 64 << 10
        var gathered: [UInt8] = []
        func flush() {
            gathered.withUnsafeBytes(writeAll)
            gathered.removeAll(keepingCapacity: true)
        }
        bytes { run in
            guard failure == nil, !run.isEmpty else { return }
            if run.count >= gather / 4 {
                flush()
                writeAll(run)
            } else {
                if gathered.count + run.count > gather { flush() }
                gathered.append(contentsOf: run)
            }
        }
        flush()
        return failure
    }

    // MARK: Removing

    static func remove(_ path: String) {
        if unlink(path) != 0, errno == EISDIR || errno == EPERM {
            removeTree(path)
        }
    }

    /// Removes a folder tree (links inside are removed, never followed), sub-folders in
    /// parallel: a wall of 10,000 goals has 10,000 folders.
    static func removeTree(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            unlink(path)
            return
        }
        let entries = walk(URL(fileURLWithPath: path, isDirectory: true))
        let files = entries.filter { $0.value != .folder }.map { path + "/" + $0.key }
        _ = files.parallelMap { unlink($0) }
        for folder in entries.filter({ $0.value == .folder }).keys.sorted(by: { depth($0) > depth($1) }) {
            rmdir(path + "/" + folder)
        }
        // A manifest at the top is skipped by `walk`.
        unlink(path + "/" + OutputManifest.fileName)
        rmdir(path)
    }

    // MARK: Paths

    /// "goals/a/index.html" → ["goals", "goals/a"].
    static func parents(of path: String) -> [String] {
        let parts = path.split(separator: "/")
        guard parts.count > 1 else { return [] }
        return (1..<parts.count).map { parts[..<$0].joined(separator: "/") }
    }

    static func depth(_ path: String) -> Int { path.count(where: { $0 == "/" }) }

    static func isTemporary(_ path: String) -> Bool { path.hasSuffix(".goalwall-tmp") }

    static func systemError() -> String { String(cString: strerror(errno)) }
}
