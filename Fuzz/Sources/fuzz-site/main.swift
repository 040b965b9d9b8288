import Foundation
import FuzzSupport
import GoalwallKit

// A whole site from bytes: the input is cut at NUL bytes into goalwall.yml, two goals, a
// metric CSV, a card template and a page, written to a folder on /dev/shm and built by
// `Build.run` (in memory: nothing is written to an output folder).
let siteFiles = [
    "goalwall.yml", "content/goals/a.md", "content/goals/team/b.md", "content/metrics/m.csv",
    "templates/card.mustache", "content/pages/about.md",
]
let siteRoot = URL(filePath: "/dev/shm/goalwall-fuzz-site-\(getpid())", directoryHint: .isDirectory)
atexit { try? FileManager.default.removeItem(atPath: "/dev/shm/goalwall-fuzz-site-\(getpid())") }

runFuzzer { input in
    let parts = input.split(separator: 0, maxSplits: siteFiles.count - 1, omittingEmptySubsequences: false)
    let template = parts.count > 4 ? String(decoding: parts[4], as: UTF8.self) : ""
    guard !MustacheLimits.isKnownStackOverflow(template, name: "card.mustache") else { return -1 }
    let files = FileManager.default
    try? files.removeItem(at: siteRoot)
    try! files.createDirectory(at: siteRoot.appending(path: "content"), withIntermediateDirectories: true)
    for (path, bytes) in zip(siteFiles, parts) {
        let url = siteRoot.appending(path: path)
        try! files.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try! Data(bytes).write(to: url)
    }
    var options = BuildOptions(site: siteRoot)
    options.builtAt = Date(timeIntervalSince1970: 1_772_409_600)
    let result = Build.run(options, today: Day(year: 2026, month: 3, day: 2)!)
    precondition(result.succeeded || result.files.isEmpty)
    return 0
}
