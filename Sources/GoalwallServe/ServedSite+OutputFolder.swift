import Foundation
import GoalwallKit

extension ServedSite {
    /// A wall an earlier build wrote (its marker says so): served while the site is broken
    /// at start, so the office screen keeps it. Regular files only; links are not followed.
    static func adopting(outputFolder folder: URL, at now: Date) -> ServedSite? {
        let fm = FileManager.default
        guard fm.fileExists(atPath: folder.appending(path: OutputWriter.marker).path),
            let walker = fm.enumerator(atPath: folder.path)
        else { return nil }
        var files: [String: Data] = [:]
        while let path = walker.nextObject() as? String {
            guard !path.split(separator: "/").contains(where: { $0.hasPrefix(".") }),
                (walker.fileAttributes?[.type] as? FileAttributeType) == .typeRegular,
                let data = fm.contents(atPath: folder.appending(path: path).path)
            else { continue }
            files[path] = data
        }
        return files.isEmpty ? nil : ServedSite(files, previous: nil, at: now)
    }
}
