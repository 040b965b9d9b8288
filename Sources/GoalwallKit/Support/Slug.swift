import Foundation

/// §9 slugs: NFC, lower-cased; every run of characters other than ASCII a-z and 0-9
/// becomes one `-`; leading and trailing `-` removed. Empty when nothing is left.
public func slugify(_ name: String) -> String {
    var slug = ""
    var pendingDash = false
    for scalar in name.precomposedStringWithCanonicalMapping.lowercased().unicodeScalars {
        if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
            if pendingDash, !slug.isEmpty { slug.append("-") }
            pendingDash = false
            slug.unicodeScalars.append(scalar)
        } else {
            pendingDash = true
        }
    }
    return slug
}

/// `^[a-z0-9]+(-[a-z0-9]+)*$`: what an explicit `slug:` must look like.
public func isValidSlug(_ slug: String) -> Bool {
    !slug.isEmpty && slug == slugify(slug) && slug.unicodeScalars.allSatisfy { $0.isASCII }
}

/// A goal's or page's slug from its file name without a final `.md`; nil when empty.
func slugForFile(named fileName: String) -> String? {
    let slug = slugify(fileName.hasSuffix(".md") ? String(fileName.dropLast(3)) : fileName)
    return slug.isEmpty ? nil : slug
}
