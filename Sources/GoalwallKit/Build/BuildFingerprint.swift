import Foundation

/// Everything a build's output depends on, in one number: goalwall itself, the options that
/// change what is written, and every file a load reads. Two builds with the same fingerprint
/// write the same bytes, so `goalwall build` into an output folder that still holds what a
/// build with this fingerprint wrote has nothing to do (`OutputWriter.upToDate`).
///
/// - goalwall: its version, the linked libcmark's, a hash of the built-in theme, and the
///   executable's size, modification time and inode (a rebuilt goalwall of the same version
///   may render differently).
/// - Options: the as-of day (when none is given, today: a site pinning `as_of` in
///   goalwall.yml then misses the fast path once a day, which costs one full build), drafts,
///   strict, and the build time (SOURCE_DATE_EPOCH; when unset, pages show when an input
///   last changed, so each input's modification time is part of the fingerprint too).
/// - Inputs: the files `SiteLoader` reads (`SiteLoader.inputFiles`), each by path, size and a
///   hash of its bytes. Hashing the bytes, not trusting times, costs reading every input
///   once (0.2 s for 10,000 goals): a tool that restores old modification times (`cp -p`,
///   `rsync -t`, `tar`) or a clock set back cannot fool it.
///
/// Anything unusual (a folder that cannot be listed, a file that cannot be read, a warning
/// from the listing) gives no fingerprint: the build then runs as a whole. Anything new that
/// changes the output (an environment variable, a setting read from elsewhere) must be added
/// here.
struct BuildFingerprint {
    let value: UInt64

    /// Reads every input file; nil when in any doubt.
    init?(_ options: BuildOptions, today: Day) {
        guard let goalwall = Self.goalwall else { return nil }
        var diagnostics = Diagnostics()
        let files = SiteLoader(root: options.site).inputFiles(into: &diagnostics)
        guard diagnostics.all.isEmpty else { return nil }
        let withTimes = options.builtAt == nil
        let described = files.parallelMap { file -> String? in
            var info = stat()
            guard stat(file.url.path, &info) == 0, let bytes = readRegularFile(file.url.path) else { return nil }
            let hash = bytes.withUnsafeBytes(contentHash)
            var line = "file \(bytes.count) \(hash)"
            if withTimes { line += " \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)" }
            return line + " " + file.path.debugDescription
        }
        var text = goalwall
        text += "as-of \(options.asOf.map { "\($0)" } ?? "today \(today)")\n"
        text += "drafts \(options.includeDrafts) strict \(options.strict)\n"
        text += "built-at \(options.builtAt.map { "\($0.timeIntervalSince1970.bitPattern)" } ?? "inputs")\n"
        for line in described {
            guard let line else { return nil }
            text += line + "\n"
        }
        value = text.withUTF8 { contentHash(UnsafeRawBufferPointer($0)) }
    }

    /// goalwall's own part: version, libcmark, the built-in theme and the executable.
    private static let goalwall: String? = {
        var info = stat()
        guard stat("/proc/self/exe", &info) == 0 || stat(CommandLine.arguments[0], &info) == 0 else { return nil }
        var theme = ""
        for (name, text) in BuiltinTheme.files.sorted(by: { $0.key < $1.key }) {
            theme += "\(name.debugDescription) \(text.utf8.count)\n\(text)\n"
        }
        let themeHash = theme.withUTF8 { contentHash(UnsafeRawBufferPointer($0)) }
        return "goalwall \(GoalwallVersion.number) libcmark \(GoalwallVersion.cmark) theme \(themeHash)\n"
            + "executable \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec) \(info.st_ino)\n"
    }()
}
