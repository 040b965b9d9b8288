/// goalwall.yml (§2). Every key has a default, so a site without the file builds.
public struct SiteSettings: Hashable, Sendable {
    public enum Theme: String, CaseIterable, Hashable, Sendable { case auto, dark, light }

    public var title = "Goals"
    public var vision: String?
    public var values: [String] = []
    /// nil: today, decided by the caller (the engine reads no clock).
    public var asOf: Day?
    public var baseURL = "/"
    public var refreshSeconds = 300
    public var rotateSeconds = 0
    public var tolerance = 0.10
    public var theme = Theme.auto

    public init() {}

    static let keys = [
        "title", "vision", "values", "as_of", "base_url", "refresh_seconds", "rotate_seconds",
        "tolerance", "theme",
    ]

    static func read(_ text: String, path: String, into diagnostics: inout Diagnostics) -> SiteSettings {
        var settings = SiteSettings()
        guard
            let fields = YAMLFields.parse(
                text, path: path, lineOffset: 0, what: "goalwall.yml", into: &diagnostics)
        else { return settings }
        fields.warnUnknownKeys(known: keys, what: "goalwall.yml", into: &diagnostics)
        if let title = fields.string("title", into: &diagnostics) { settings.title = title }
        settings.vision = fields.string("vision", into: &diagnostics)
        settings.values = fields.strings("values", into: &diagnostics)
        settings.asOf = fields.day("as_of", into: &diagnostics)
        if let url = fields.string("base_url", into: &diagnostics) { settings.baseURL = url }
        if let seconds = fields.count("refresh_seconds", into: &diagnostics) {
            settings.refreshSeconds = seconds
        }
        if let seconds = fields.count("rotate_seconds", into: &diagnostics) {
            settings.rotateSeconds = seconds
        }
        if let tolerance = fields.number("tolerance", into: &diagnostics) {
            if (0...1).contains(tolerance) {
                settings.tolerance = tolerance
            } else {
                diagnostics.error(
                    "'tolerance' must be between 0 and 1 (0.10 means 10% of the way behind plan)",
                    at: fields.location(of: fields.node("tolerance")!))
            }
        }
        if let theme = fields.choice("theme", as: Theme.self, into: &diagnostics) { settings.theme = theme }
        return settings
    }
}
