struct OutputPaths {
    private var files: Set<String> = []
    private var folders: Set<String> = []

    init(_ paths: [String]) {
        for path in paths { _ = claim(path) }
    }

    /// Takes `path` for a file, unless a file or folder is there, or a file is where one of
    /// its folders would be.
    mutating func claim(_ path: String) -> Bool {
        let parts = path.split(separator: "/")
        let parents = (1..<max(parts.count, 1)).map { parts[..<$0].joined(separator: "/") }
        guard !files.contains(path), !folders.contains(path), !parents.contains(where: files.contains) else {
            return false
        }
        files.insert(path)
        folders.formUnion(parents)
        return true
    }
}
