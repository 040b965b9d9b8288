import CCmark

/// goalwall's version, written here and nowhere else: `goalwall --version` prints it and
/// scripts/package.sh reads it from this file to name the tarball and the Debian package.
public enum GoalwallVersion {
    public static let number = "0.1.0"

    /// The CommonMark library's version, as the linked libcmark reports it.
    public static var cmark: String { String(cString: cmark_version_string()) }

    /// What `goalwall --version` prints.
    public static var description: String { "goalwall \(number)\nlibcmark \(cmark)" }
}
