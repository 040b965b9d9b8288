import Foundation

/// A file found under a site folder.
struct SiteFile: Sendable {
    /// Relative to the site root, with `/` separators.
    var path: String
    var url: URL
    var name: String { url.lastPathComponent }
}

/// Lists files under a folder, sub-folders included, in a stable order. Symbolic links are
/// followed; a link that loops (or points nowhere) is an error (§9).
struct SiteFiles {
    let root: URL

    func files(under folder: String, into diagnostics: inout Diagnostics) -> [SiteFile] {
        var found: [SiteFile] = []
        let url = root.appending(path: folder, directoryHint: .isDirectory)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return [] }
        guard isDirectory.boolValue else {
            diagnostics.error("\(folder) must be a folder, not a file", at: SourceLocation(path: folder))
            return []
        }
        walk(url, relative: folder, ancestors: [realPath(url)], into: &found, &diagnostics)
        return found
    }

    private func walk(
        _ folder: URL, relative: String, ancestors: Set<String>, into found: inout [SiteFile],
        _ diagnostics: inout Diagnostics
    ) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        } catch {
            diagnostics.error(
                "cannot read the folder: \(error.localizedDescription)", at: SourceLocation(path: relative))
            return
        }
        for name in names where !name.hasPrefix(".") {
            let url = folder.appending(path: name)
            let path = relative + "/" + name
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
                diagnostics.error(
                    "symbolic link that loops or points nowhere", at: SourceLocation(path: path))
                continue
            }
            if isDirectory.boolValue {
                let real = realPath(url)
                if ancestors.contains(real) {
                    diagnostics.error(
                        "symbolic link loop: this folder leads back to one that contains it",
                        at: SourceLocation(path: path))
                    continue
                }
                walk(url, relative: path, ancestors: ancestors.union([real]), into: &found, &diagnostics)
            } else if isRegularFile(url.path) {
                found.append(SiteFile(path: path, url: url))
            } else {
                // A FIFO would block the build forever; a socket or device is no site file.
                diagnostics.warning(
                    "not a regular file (a FIFO, socket or device): left out", at: SourceLocation(path: path))
            }
        }
    }

    private func realPath(_ url: URL) -> String {
        guard let resolved = realpath(url.path, nil) else { return url.standardizedFileURL.path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// A file's text; invalid UTF-8 is an error at its position.
    static func text(of file: SiteFile, into diagnostics: inout Diagnostics) -> String? {
        guard let bytes = bytes(of: file, into: &diagnostics) else { return nil }
        return text(from: bytes, of: file, into: &diagnostics)
    }

    /// The text of a file's bytes; invalid UTF-8 is an error at its position.
    static func text(from bytes: [UInt8], of file: SiteFile, into diagnostics: inout Diagnostics) -> String? {
        if let bad = CSVRecords.firstInvalidUTF8(in: bytes) {
            let before = bytes[..<bad]
            let line = before.count(where: { $0 == 0x0A }) + 1
            let lineStart = before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
            let column = bytes[lineStart..<bad].count(where: { $0 & 0xC0 != 0x80 }) + 1
            diagnostics.error("not valid UTF-8", at: SourceLocation(path: file.path, line: line, column: column))
            return nil
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A site file's bytes; one larger than its kind may be (see `Limits`) is an error.
    static func bytes(of file: SiteFile, into diagnostics: inout Diagnostics) -> [UInt8]? {
        let isCSV = file.path.hasSuffix(".csv")
        let limit = isCSV ? Limits.csvFileBytes : Limits.textFileBytes
        switch readRegularFile(file.url.path, limit: limit) {
        case .success(let bytes): return bytes
        case .failure(.tooLarge(let size)):
            diagnostics.error(
                "the file is \(Limits.size(max(size, 1 << 20))): \(isCSV ? "a metric CSV" : "a goal, page, settings or template file") may be at most \(Limits.size(limit))",
                at: SourceLocation(path: file.path))
        case .failure:
            diagnostics.error("cannot read the file", at: SourceLocation(path: file.path))
        }
        return nil
    }

    /// A regular file, after following symbolic links.
    private func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
    }
}
