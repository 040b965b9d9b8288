import Foundation

extension OutputWriter {
    /// A publish in progress: the build's files arrive in batches while the site renders
    /// (`add`) and wait in a staging folder, so that no more than a batch of pages is ever
    /// held in memory; the output folder itself changes only in `commit`, and not at all
    /// when the build fails (`abandon`, or the session simply ends without a commit).
    ///
    /// - With no output folder yet, the staging folder is the new output, written file by
    ///   file where each belongs, and `commit` renames it into place (as a whole, so no
    ///   reader sees it half-written).
    /// - With an output folder, each file the folder does not already hold waits under a
    ///   number in a staging folder inside it (`.goalwall-staging-PID`: inside, so the output
    ///   may be a folder goalwall can write into and nothing more); `commit` renames each into
    ///   place (atomic for a reader) in link order, removes what is gone and writes the
    ///   manifest. The folder is locked meanwhile, so two builds into it take turns.
    ///
    /// A killed build leaves its staging folder behind, and the next build removes it.
    public final class Publishing {
        private enum Mode {
            case fresh(target: URL)
            case update(lock: Int32, old: OutputManifest, writtenAt: Int64, disk: [String: DiskEntry])
        }

        private let mode: Mode
        /// Where files wait: beside the target (fresh) or inside it (update).
        private let staging: URL
        /// The folder the files end up in (update), or the staging folder (fresh).
        private let folder: URL
        private var manifest = OutputManifest()
        /// Files written to the staging folder: each one's name there and its path.
        private var staged: [(name: String, path: String)] = []
        /// Folders made in a fresh staging folder.
        private var made: [String: DiskEntry] = [:]
        private var failure: Failure?
        private var ended = false

        init(fresh target: URL) throws {
            let parent = target.deletingLastPathComponent()
            staging = parent.appending(path: ".\(target.lastPathComponent).goalwall-new-\(getpid())")
            do {
                try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
            } catch {
                throw Failure(description: "cannot create \(parent.path): \(error.localizedDescription)")
            }
            OutputWriter.removeLeftovers(beside: target)
            OutputWriter.removeTree(staging.path)
            guard mkdir(staging.path, 0o755) == 0 else {
                throw Failure(description: "cannot write the output: \(staging.path): \(OutputWriter.systemError())")
            }
            folder = staging
            mode = .fresh(target: target)
        }

        init(updating folder: URL) throws {
            let lock = try OutputWriter.lock(folder)
            OutputWriter.removeLeftovers(beside: folder)
            let (old, writtenAt) = OutputWriter.readManifest(in: folder)
            // Walked before the staging folder is made: staging folders of killed builds are
            // among what is removed at the end.
            let disk = OutputWriter.walk(folder)
            self.folder = folder
            staging = folder.appending(path: ".goalwall-staging-\(getpid())")
            OutputWriter.removeTree(staging.path)
            guard mkdir(staging.path, 0o755) == 0 else {
                close(lock)
                throw Failure(description: "cannot write the output: \(staging.path): \(OutputWriter.systemError())")
            }
            mode = .update(lock: lock, old: old, writtenAt: writtenAt, disk: disk)
        }

        deinit { abandon() }

        /// Writes a batch of the build's files to the staging folder. After a failure the
        /// rest are ignored, and `commit` reports it.
        public func add(_ files: [OutputFile]) throws {
            guard failure == nil, !ended else { return }
            do {
                try stage(try Content.all(files))
            } catch let error as Failure {
                failure = error
                throw error
            }
        }

        private func stage(_ contents: [Content]) throws {
            switch mode {
            case .fresh:
                try OutputWriter.makeFolders(for: contents.map(\.path), in: folder, disk: &made)
                let staging = staging
                let failures = contents.parallelMap { file -> Failure? in
                    file.write(to: staging.path + "/" + file.path)
                        .map { Failure(description: "\(file.path): \($0)") }
                }
                if let failure = failures.compactMap({ $0 }).first { throw failure }
                for file in contents {
                    manifest.entries[file.path] = file.hash
                    staged.append((file.path, file.path))
                }
            case .update(_, let old, let writtenAt, let disk):
                let folder = folder
                let same = contents.parallelMap {
                    OutputWriter.holds($0, in: folder, manifest: old, writtenAt: writtenAt, disk: disk)
                }
                let changed = zip(contents, same).filter { !$0.1 }.map(\.0)
                let first = staged.count
                let staging = staging
                let failures = Array(changed.indices).parallelMap { index -> Failure? in
                    let file = changed[index]
                    return file.write(to: staging.path + "/\(first + index)")
                        .map { Failure(description: "\(file.path): \($0)") }
                }
                if let failure = failures.compactMap({ $0 }).first { throw failure }
                for (index, file) in changed.enumerated() { staged.append(("\(first + index)", file.path)) }
                for file in contents { manifest.entries[file.path] = file.hash }
            }
        }

        /// Puts the staged files in place and writes the manifest, with `record` (a
        /// `goalwall build`) in it. Throws the first failure of `add` or its own.
        @discardableResult
        public func commit(record: OutputManifest.Record? = nil) throws -> Publication {
            defer { abandon() }
            if let failure { throw failure }
            manifest.record = record
            switch mode {
            case .fresh(let target):
                try OutputWriter.writeManifest(manifest, in: staging)
                if rename(staging.path, target.path) == 0 {
                    return Publication(manifest: manifest, written: staged.map(\.path).sorted(), removed: [])
                }
                let failure = OutputWriter.systemError()
                guard errno == EEXIST || errno == ENOTEMPTY else {
                    throw Failure(description: "cannot write \(target.path): \(failure)")
                }
                // Another build made the output folder meanwhile: update it with everything.
                let folder = try OutputWriter(target: target).resolvedFolder()
                return try OutputWriter.locked(folder) {
                    let disk = OutputWriter.walk(folder)
                    return try place(in: folder, disk: disk, removing: Array(disk.keys))
                }
            case .update(_, _, _, let disk):
                return try place(in: folder, disk: disk, removing: Array(disk.keys))
            }
        }

        /// Renames every staged file to its path in `folder`, removes each of `candidates`
        /// the build did not write, and writes the manifest.
        private func place(in folder: URL, disk: [String: DiskEntry], removing candidates: [String]) throws
            -> Publication
        {
            var disk = disk
            let (staging, staged) = (staging, staged)
            try OutputWriter.place(staged.map(\.path), in: folder, disk: &disk) { index in
                let (name, path) = staged[index]
                guard rename(staging.path + "/" + name, folder.path + "/" + path) == 0 else {
                    return Failure(description: "\(path): \(OutputWriter.systemError())")
                }
                return nil
            }
            let removed = try OutputWriter.finish(folder, manifest: manifest, disk: disk, removing: candidates)
            return Publication(manifest: manifest, written: staged.map(\.path).sorted(), removed: removed)
        }

        /// Removes the staging folder and unlocks the output; the output folder is as it was
        /// (unless `commit` put the files in place). Safe to call more than once.
        public func abandon() {
            guard !ended else { return }
            ended = true
            OutputWriter.removeTree(staging.path)
            if case .update(let lock, _, _, _) = mode { close(lock) }
        }
    }
}

extension OutputWriter.Publishing {
    /// This publish, written behind the render: each batch is written on a thread of its
    /// own while the next one renders, with at most `ahead` batches waiting (so no more
    /// than that many are held). Files are written in the order they came, one batch at a
    /// time; `finish` waits for the last.
    final class Behind: @unchecked Sendable {
        // Only the queue's thread touches `publishing` until `finish` returns.
        private let publishing: OutputWriter.Publishing
        private let queue = DispatchQueue(label: "goalwall.publishing")
        private let room: DispatchSemaphore

        init(_ publishing: OutputWriter.Publishing, ahead: Int = 2) {
            self.publishing = publishing
            room = DispatchSemaphore(value: ahead)
        }

        /// Hands on a batch; waits while `ahead` batches are still to be written.
        func add(_ files: [OutputFile]) {
            room.wait()
            queue.async {
                try? self.publishing.add(files)  // a failure is kept, and `commit` throws it
                self.room.signal()
            }
        }

        /// Waits until every batch handed on is written.
        func finish() { queue.sync {} }
    }
}
