/// goalwall.yml's `language:` (issue 14): a BCP 47 tag, and where it was written.
public struct LanguageSetting: Hashable, Sendable {
    /// As written: "en", "de", "de-CH", "pt-BR".
    public var tag = "en"
    /// Where goalwall.yml says it; nil for the default.
    var location: SourceLocation?

    public init(tag: String = "en") { self.tag = tag }

    init(tag: String, location: SourceLocation?) {
        self.tag = tag
        self.location = location
    }

    /// The languages whose labels the built-in theme holds.
    static var builtIn: [String] {
        BuiltinTheme.files.keys.filter(LabelsFile.isLabels).map { String($0.dropFirst("labels.".count).dropLast(4)) }
            .sorted()
    }

    /// A well-formed BCP 47 tag, as far as a wall needs: a language of 2–3 letters (or 5–8),
    /// then subtags of 1–8 letters and digits, joined by hyphens.
    static func isWellFormed(_ tag: String) -> Bool {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.count) || (5...8).contains(first.count),
            first.allSatisfy({ $0.isASCII && $0.isLetter })
        else { return false }
        return parts.dropFirst().allSatisfy { part in
            (1...8).contains(part.count) && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        }
    }

    /// The language the theme's files give this tag: English, then the labels of the tag's
    /// language (`labels.de.yml`), then of the tag itself (`labels.de-CH.yml`), then the
    /// site's own `labels.yml`, each over the one before.
    func language(files: [String: String], overrides: [String: String], into diagnostics: inout Diagnostics)
        -> Language
    {
        var language = Language.english
        let englishLabels = language.labels
        func path(_ name: String) -> String {
            overrides[name] != nil ? "templates/\(name)" : "(built-in theme) templates/\(name)"
        }
        let primary = String(tag.prefix { $0 != "-" }).lowercased()
        // English is the base already; a site's own labels.en.yml is laid over it.
        let english = overrides[LabelsFile.name(for: "en")].map { _ in [LabelsFile.name(for: "en")] } ?? []
        var names: [String] = []
        if primary != "en" { names.append(LabelsFile.name(for: primary)) }
        if tag.lowercased() != primary {
            names.append(LabelsFile.name(for: tag))
            if tag != tag.lowercased() { names.append(LabelsFile.name(for: tag.lowercased())) }
        }
        names = names.filter { files[$0] != nil }
        for name in english + names {
            LabelsFile(text: files[name]!, path: path(name)).apply(
                to: &language, known: englishLabels, into: &diagnostics)
        }
        var found = !names.isEmpty
        if let own = overrides["labels.yml"] {
            LabelsFile(text: own, path: "templates/labels.yml").apply(
                to: &language, known: englishLabels, into: &diagnostics)
            found = true
        }
        if primary != "en" && !found {
            diagnostics.warning(
                "goalwall has no labels for '\(tag)' (built in: \(Self.builtIn.joined(separator: ", "))): "
                    + "the wall reads English; write the labels in templates/labels.yml",
                at: location ?? SourceLocation(path: "goalwall.yml"))
        }
        language.tag = tag
        return language
    }
}
