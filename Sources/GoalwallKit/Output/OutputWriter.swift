import Foundation

/// Writes a built site into its output folder as a whole: into a new folder beside it
/// first, swapped in only when every file is written. A failed build leaves the previous
/// output exactly as it was (§7).
public struct OutputWriter {
    public let target: URL

    public init(target: URL) { self.target = target.standardizedFileURL }

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
            try write(files, into: staging)
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
        if hadOld { try? fm.removeItem(at: old) }
    }

    private func write(_ files: [OutputFile], into folder: URL) throws {
        let fm = FileManager.default
        var folders = Set<String>()
        for file in files {
            let parent = (file.path as NSString).deletingLastPathComponent
            if !parent.isEmpty { folders.insert(parent) }
        }
        for path in folders.sorted() {
            try fm.createDirectory(at: folder.appending(path: path), withIntermediateDirectories: true)
        }
        let failures = files.parallelMap { file -> String? in
            let url = folder.appending(path: file.path)
            do {
                switch file.contents {
                case .text(let text): try Data(text.utf8).write(to: url)
                case .copy(let source): try fm.copyItem(at: source, to: url)
                }
                return nil
            } catch {
                return "\(file.path): \(error.localizedDescription)"
            }
        }
        if let failure = failures.compactMap({ $0 }).first { throw Failure(description: failure) }
    }
}
