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

/// Page slugs for names that are not file names (owners, tags): each name's slug by the
/// rules above (`fallback` when nothing is left, as for "李明"); names that slug alike
/// are numbered in name order, the first keeping the plain slug: "Mark" → `mark`,
/// "mark" → `mark-2` (a numbered slug is never one that another name slugs to by
/// itself). The same names give the same slugs, whatever order they come in.
func distinctSlugs(for names: some Sequence<String>, fallback: String) -> [String: String] {
    var byBase: [String: [String]] = [:]
    for name in Set(names) {
        let slug = slugify(name)
        byBase[slug.isEmpty ? fallback : slug, default: []].append(name)
    }
    var taken = Set(byBase.keys)
    var result: [String: String] = [:]
    for base in byBase.keys.sorted() {
        let names = byBase[base]!.sorted()
        result[names[0]] = base
        var number = 2
        for name in names.dropFirst() {
            while taken.contains("\(base)-\(number)") { number += 1 }
            result[name] = "\(base)-\(number)"
            taken.insert("\(base)-\(number)")
        }
    }
    return result
}
