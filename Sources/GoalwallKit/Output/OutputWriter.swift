import Foundation

/// Writes a built site into its output folder as a whole: into a new folder beside it
/// first, swapped in only when every file is written. A failed build leaves the previous
/// output exactly as it was (§7).
public struct OutputWriter {
    public let target: URL

    public init(target: URL) { self.target = target.standardizedFileURL }

    /// Written into every output folder, so a later build knows the folder is its own.
    public static let marker = ".goalwall-output"

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public func replace(with files: [OutputFile]) throws {
        let fm = FileManager.default
        let parent = target.deletingLastPathComponent()
        let name = target.lastPathComponent
        let pid = ProcessInfo.processInfo.processIdentifier
        let staging = parent.appending(path: ".\(name).goalwall-new-\(pid)")
        let old = parent.appending(path: ".\(name).goalwall-old-\(pid)")
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
            try? fm.removeItem(at: staging)
            try fm.createDirectory(at: staging, withIntermediateDirectories: false)
            try write(
                files + [
                    OutputFile(path: Self.marker, text: Self.markerText)
                ], into: staging)
        } catch {
            try? fm.removeItem(at: staging)
            throw Failure(description: "cannot write the output: \(error.localizedDescription)")
        }
        var hadOld = false
        if fm.fileExists(atPath: target.path) {
            try? fm.removeItem(at: old)
            do {
                try fm.moveItem(at: target, to: old)
                hadOld = true
            } catch {
                try? fm.removeItem(at: staging)
                throw Failure(description: "cannot replace \(target.path): \(error.localizedDescription)")
            }
        }
        do {
            try fm.moveItem(at: staging, to: target)
        } catch {
            if hadOld { try? fm.moveItem(at: old, to: target) }
            try? fm.removeItem(at: staging)
            throw Failure(description: "cannot replace \(target.path): \(error.localizedDescription)")
        }
        if hadOld { OutputWriter.removeTree(old) }
    }

    /// Removes a folder tree, its sub-folders in parallel (a wall of 10,000 goals is 10,000
    /// folders; FileManager removes them one by one).
    static func removeTree(_ folder: URL) {
        let fm = FileManager.default
        func children(of url: URL) -> [URL] {
            ((try? fm.contentsOfDirectory(atPath: url.path)) ?? []).map { url.appending(path: $0) }
        }
        // Two levels deep: goals/ alone holds a folder per goal.
        let grandchildren = children(of: folder).flatMap { child -> [URL] in
            var isFolder: ObjCBool = false
            let exists = fm.fileExists(atPath: child.path, isDirectory: &isFolder)
            return exists && isFolder.boolValue ? children(of: child) : [child]
        }
        _ = grandchildren.parallelMap { url -> Bool in (try? fm.removeItem(at: url)) != nil }
        try? fm.removeItem(at: folder)
    }

    /// Brings an output folder an earlier build wrote up to date in place: writes the files
    /// given (each to a temporary name, then renamed over the old one) and removes the
    /// others listed, with folders they leave empty. For `goalwall serve`, which writes only
    /// what changed; `replace` is the whole-folder swap.
    public func update(writing files: [OutputFile], removing removed: [String]) throws {
        let fm = FileManager.default
        // Removals first: a file that becomes a folder (or the other way) needs its path free.
        for path in removed {
            let url = target.appending(path: path)
            if unlink(url.path) != 0, errno != ENOENT {
                throw Failure(description: "\(path): \(String(cString: strerror(errno)))")
            }
            var folder = (path as NSString).deletingLastPathComponent
            while !folder.isEmpty, rmdir(target.appending(path: folder).path) == 0 {
                folder = (folder as NSString).deletingLastPathComponent
            }
        }
        try write(files, into: target, viaTemporaryNames: true)
        if !fm.fileExists(atPath: target.appending(path: Self.marker).path) {
            try write([OutputFile(path: Self.marker, text: Self.markerText)], into: target)
        }
    }

    static let markerText = "Built by goalwall; replaced as a whole on each build.\n"

    private func write(_ files: [OutputFile], into folder: URL, viaTemporaryNames: Bool = false) throws {
        let fm = FileManager.default
        var folders = Set<String>()
        for file in files {
            let parent = (file.path as NSString).deletingLastPathComponent
            if !parent.isEmpty { folders.insert(parent) }
        }
        // Parents before children: sorted paths put "goals" before "goals/a".
        var made = Set<String>()
        for path in folders.sorted() {
            var prefix = ""
            for part in path.split(separator: "/") {
                prefix += prefix.isEmpty ? String(part) : "/" + part
                guard made.insert(prefix).inserted else { continue }
                if mkdir(folder.appending(path: prefix).path, 0o755) != 0, errno != EEXIST {
                    throw Failure(description: "\(prefix): \(String(cString: strerror(errno)))")
                }
            }
        }
        let failures = files.parallelMap { file -> String? in
            let url = folder.appending(path: file.path)
            if viaTemporaryNames {
                let name = (file.path as NSString).lastPathComponent
                let temporary = url.deletingLastPathComponent().appending(path: ".\(name).goalwall-tmp")
                let data: Data
                switch file.contents {
                case .text(let text): data = Data(text.utf8)
                case .data(let bytes): data = bytes
                case .copy(let source):
                    guard let bytes = fm.contents(atPath: source.path) else { return "\(file.path): cannot read" }
                    data = bytes
                }
                if let failure = OutputWriter.write(data, to: temporary.path) { return "\(file.path): \(failure)" }
                if rename(temporary.path, url.path) != 0 {
                    let failure = String(cString: strerror(errno))
                    unlink(temporary.path)
                    return "\(file.path): \(failure)"
                }
                return nil
            }
            switch file.contents {
            case .text(let text):
                return OutputWriter.write(text, to: url.path).map { "\(file.path): \($0)" }
            case .data(let data):
                return OutputWriter.write(data, to: url.path).map { "\(file.path): \($0)" }
            case .copy(let source):
                do {
                    try fm.copyItem(at: source, to: url)
                    return nil
                } catch {
                    return "\(file.path): \(error.localizedDescription)"
                }
            }
        }
        if let failure = failures.compactMap({ $0 }).first { throw Failure(description: failure) }
    }
}

extension OutputWriter {
    /// Writes a new file with plain POSIX calls; the error's text on failure.
    static func write(_ text: String, to path: String) -> String? {
        var text = text
        return text.withUTF8 { write(UnsafeRawBufferPointer($0), to: path) }
    }

    static func write(_ data: Data, to path: String) -> String? {
        data.withUnsafeBytes { write($0, to: path) }
    }

    static func write(_ bytes: UnsafeRawBufferPointer, to path: String) -> String? {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { return String(cString: strerror(errno)) }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let written = Foundation.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return String(cString: strerror(errno))
            }
            offset += written
        }
        return nil
    }
}
