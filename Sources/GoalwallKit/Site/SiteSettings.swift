/// goalwall.yml (§2). Every key has a default, so a site without the file builds.
public struct SiteSettings: Hashable, Sendable {
    /// `theme:` in goalwall.yml: the colour scheme.
    public enum ColorScheme: String, CaseIterable, Hashable, Sendable { case auto, dark, light }

    public var title = "Goals"
    public var vision: String?
    public var values: [String] = []
    /// nil: today, decided by the caller (the engine reads no clock).
    public var asOf: Day?
    public var baseURL = "/"
    public var refreshSeconds = 300
    public var rotateSeconds = 0
    public var tolerance = 0.10
    public var theme = ColorScheme.auto
    /// Issue 14: the language the wall speaks (`lang`, labels, numbers and dates).
    public var language = LanguageSetting()
    /// §11: how CSV files are written; nil without a `csv` key (§4 exactly).
    public var csv: CSVSettings?
    /// Issue 14: what the office TV shows; the defaults without a `kiosk` key.
    public var kiosk = KioskSettings()
    /// V2MOM Methods and Obstacles as the team wrote them, in its order; nil when not
    /// written (the V2MOM page then works them out from the goals).
    public var methods: [V2MOMEntry]?
    public var obstacles: [V2MOMEntry]?

    public init() {}

    static let keys = [
        "title", "vision", "values", "as_of", "base_url", "refresh_seconds", "rotate_seconds",
        "tolerance", "theme", "language", "csv", "kiosk", "methods", "obstacles",
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
        if let url = fields.string("base_url", into: &diagnostics) {
            if isUsableBaseURL(url) {
                settings.baseURL = url
            } else {
                diagnostics.error(
                    "'base_url' must be an address starting with http:// or https:// (like https://intranet.example.com/goals/), or a path starting with /",
                    at: fields.location(of: fields.node("base_url")!))
            }
        }
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
        if let theme = fields.choice("theme", as: ColorScheme.self, into: &diagnostics) { settings.theme = theme }
        if let tag = fields.string("language", into: &diagnostics) {
            let location = fields.location(of: fields.node("language")!)
            if LanguageSetting.isWellFormed(tag) {
                settings.language = LanguageSetting(tag: tag, location: location)
            } else {
                diagnostics.error(
                    "'language' must be a BCP 47 language tag like en, de, fr-CA or pt-BR (built in: \(LanguageSetting.builtIn.joined(separator: ", ")))",
                    at: location)
            }
        }
        if let node = fields.node("csv") {
            settings.csv = CSVSettingsReader(fields: fields).read(node, into: &diagnostics)
        }
        if let node = fields.node("kiosk") {
            settings.kiosk = KioskSettings.read(node, fields: fields, into: &diagnostics)
        }
        settings.methods = V2MOMEntryReader(fields: fields, key: "methods").read(into: &diagnostics)
        settings.obstacles = V2MOMEntryReader(fields: fields, key: "obstacles").read(into: &diagnostics)
        return settings
    }

    /// Every goal `methods` and `obstacles` name, with the key that names it.
    var v2momReferences: [(key: String, goal: GoalReference)] {
        (methods ?? []).flatMap { $0.goals.map { ("methods", $0) } }
            + (obstacles ?? []).flatMap { $0.goals.map { ("obstacles", $0) } }
    }

    /// base_url goes into feed.xml and calendar.ics links: an http(s) address with a host, or
    /// a path from the server's root; never another scheme (`javascript:`), spaces or quotes.
    static func isUsableBaseURL(_ text: String) -> Bool {
        let forbidden = Set("\"<>\\`{}|^".unicodeScalars)
        if text.unicodeScalars.contains(where: {
            $0.value <= 0x20 || (0x7F..<0xA0).contains($0.value) || forbidden.contains($0)
        }) {
            return false
        }
        if text.hasPrefix("/") { return !text.hasPrefix("//") }
        for scheme in ["http://", "https://"] where text.lowercased().hasPrefix(scheme) {
            let host = text.dropFirst(scheme.count).prefix { $0 != "/" && $0 != "?" && $0 != "#" }
            return !host.isEmpty && !host.contains("@")
        }
        return false
    }
}
