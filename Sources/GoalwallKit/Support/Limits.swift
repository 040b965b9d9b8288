/// What goalwall refuses to read, so that no input can take minutes or gigabytes without
/// saying why. Each is an error at the file (docs/site-format.md, "Limits").
enum Limits {
    /// A goal, a free page, goalwall.yml or a template file.
    static let textFileBytes = 8 << 20
    /// A metric CSV.
    static let csvFileBytes = 128 << 20
    /// Data rows of one metric CSV (a year of minute-by-minute rows is half a million).
    static let csvRows = 2_000_000
    /// A file under static/, copied as it is.
    static let staticFileBytes = 1 << 30
    /// Goal files of one site (the benchmark's company-wide wall has 100,000).
    static let goals = 200_000

    /// "128 MB", "8 MB", "1 GB"
    static func size(_ bytes: Int) -> String {
        bytes >= 1 << 30 ? "\(bytes >> 30) GB" : "\(bytes >> 20) MB"
    }
}
