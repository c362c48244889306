/// "Did you mean" advice from edit distance.
package enum Suggestion {
    /// The Levenshtein distance between two strings (case-insensitive, by character).
    package static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a.lowercased()), y = Array(b.lowercased())
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }

    /// The closest candidate within a distance of max(2, a third of the word), if any.
    package static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        let limit = max(2, word.count / 3)
        var best: (String, Int)?
        for candidate in candidates.sorted() {
            let distance = editDistance(word, candidate)
            if distance <= limit, distance < (best?.1 ?? Int.max) { best = (candidate, distance) }
        }
        return best?.0
    }

    /// "did you mean 'x'?" or, when nothing is close, "expected one of: a, b, c" (sorted, at most 12).
    package static func advice(for word: String, among candidates: some Sequence<String>) -> String {
        let list = Array(Set(candidates)).sorted()
        if let match = closest(to: word, in: list) { return "did you mean '\(match)'?" }
        if list.isEmpty { return "none are defined" }
        let shown = list.prefix(12).joined(separator: ", ")
        return "expected one of: \(shown)\(list.count > 12 ? ", ..." : "")"
    }
}
