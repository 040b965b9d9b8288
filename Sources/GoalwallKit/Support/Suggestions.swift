/// "Did you mean …?": the known name closest to what was written.

/// The candidate within a small edit distance of `name`, for "did you mean …?".
func closestName(to name: String, among candidates: [String]) -> String? {
    let word = Array(name.lowercased())
    guard word.count <= 64 else { return nil }
    var best: (String, Int)?
    for candidate in candidates {
        let distance = editDistance(word, Array(candidate))
        let limit = max(1, min(3, candidate.count / 3))
        if distance <= limit, distance < (best?.1 ?? .max) { best = (candidate, distance) }
    }
    return best?.0
}

/// Optimal string alignment distance: insertions, deletions, substitutions and swaps of
/// two neighbours ("titel" → "title") each cost one.
private func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { d[i][0] = i }
    for j in 0...b.count { d[0][j] = j }
    for i in 1...a.count {
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
            }
        }
    }
    return d[a.count][b.count]
}
