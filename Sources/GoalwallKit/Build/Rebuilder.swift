import Foundation
import Synchronization

/// Builds one site again and again (`goalwall serve`): each build reuses what the last one
/// parsed, computed and rendered, and writes only the files whose bytes changed. The
/// output is always what a clean build of the same files would write. Rebuilds take turns.
public final class Rebuilder: Sendable {
    public let options: BuildOptions
    private let state = Mutex(State())
    private let lastOutput = Mutex<[String: Data]?>(nil)

    private struct State: Sendable {
        var cache = BuildCache()
        /// The text of each generated file of the last good build: a page reused from the
        /// cache is the same string, so comparing it costs nothing.
        var texts: [String: String] = [:]
        /// What the output folder holds since the last good build.
        var manifest: OutputManifest?
        var output: [String: Data]?
    }

    /// The output of the last good build, by path; nil before the first.
    public var output: [String: Data]? { lastOutput.withLock { $0 } }

    /// What one rebuild did.
    public struct Outcome: Sendable {
        public var result: BuildResult
        /// Files new or different since the last good build (every file after the first).
        public var changed: [String] = []
        /// Files the last good build wrote and this one did not.
        public var removed: [String] = []
        /// The whole output was written anew (the first build, or after a failed write):
        /// `changed` then lists every file, and nothing is known to be removed.
        public var isWhole = false
    }

    public init(options: BuildOptions) {
        self.options = options
    }

    /// Builds, and when the site has no errors writes the difference into the output
    /// folder. A failed build writes nothing and keeps `output` as it was.
    public func rebuild(today: Day) -> Outcome {
        let outcome = state.withLock { Self.rebuild(&$0, options: options, today: today) }
        if outcome.result.succeeded {
            let output = state.withLock { $0.output }
            lastOutput.withLock { $0 = output }
        }
        return outcome
    }

    private static func rebuild(_ state: inout State, options: BuildOptions, today: Day) -> Outcome {
        if let problem = Build.outputProblem(options) {
            return Outcome(result: BuildResult(diagnostics: [problem], wall: nil, files: []))
        }
        let result = Build.run(options, today: today, cache: &state.cache)
        guard result.succeeded else { return Outcome(result: result) }
        var clock = StageClock(enabled: options.reportsTimings)
        let previous = state.output ?? [:]
        var next: [String: Data] = [:]
        next.reserveCapacity(result.files.count)
        var changed: [String] = []
        var texts: [String: String] = [:]
        var unreadable: [Diagnostic] = []
        for file in result.files {
            let data: Data
            switch file.contents {
            case .text, .page:
                let text = file.text ?? ""
                texts[file.path] = text
                if let old = previous[file.path], state.texts[file.path] == text {
                    next[file.path] = old
                    continue
                }
                data = Data(text.utf8)
            case .copy(let url):
                guard let bytes = readRegularFile(url.path) else {
                    unreadable.append(.error("cannot read the file", at: SourceLocation(path: "static/" + file.path)))
                    continue
                }
                data = Data(bytes)
            case .data(let bytes):
                data = bytes
            }
            next[file.path] = data
            if previous[file.path] != data { changed.append(file.path) }
        }
        guard unreadable.isEmpty else {
            var failed = result
            failed.diagnostics = Diagnostics(result.diagnostics + unreadable).sorted
            failed.files = []
            return Outcome(result: failed)
        }
        changed.sort()
        let removed = previous.keys.filter { next[$0] == nil }.sorted()
        let writer = OutputWriter(target: options.output)
        do {
            if let manifest = state.manifest, state.output != nil,
                FileManager.default.fileExists(atPath: options.output.path)
            {
                state.manifest = try writer.update(
                    writing: changed.map { OutputFile(path: $0, data: next[$0]!) }, removing: removed,
                    manifest: manifest)
            } else {
                state.manifest = try writer.publish(next.keys.sorted().map { OutputFile(path: $0, data: next[$0]!) })
                    .manifest
            }
        } catch {
            var failed = result
            failed.diagnostics.append(.error("\(error)", at: SourceLocation(path: options.output.lastPathComponent)))
            // The folder may be half-written: the next build compares it whole.
            state.output = nil
            state.manifest = nil
            return Outcome(result: failed)
        }
        clock.lap("write")
        state.output = next
        state.texts = texts
        return Outcome(result: result, changed: changed, removed: removed, isWhole: previous.isEmpty)
    }
}
