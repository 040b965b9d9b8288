import Foundation
import FuzzSupport
@_spi(Fuzzing) import GoalwallKit

// A whole site from bytes: the input is cut at NUL bytes into goalwall.yml, two goals, a
// metric CSV, a card template and a page (`Fuzzing.siteFiles`), written to a folder on
// /dev/shm and built by `Build.run` (in memory: no output folder is written).
let siteRoot = URL(filePath: "/dev/shm/goalwall-fuzz-site-\(getpid())", directoryHint: .isDirectory)
atexit { try? FileManager.default.removeItem(atPath: "/dev/shm/goalwall-fuzz-site-\(getpid())") }

runFuzzer { input in
    let bytes = Array(input)
    let result = try! Fuzzing.buildSite(bytes, in: siteRoot)
    precondition(result.succeeded || result.files.isEmpty)
    return 0
}
