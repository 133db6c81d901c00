import VoxPopCampaigns
import VoxPopFoundation

/// Write-in groups that probably name the same thing, for an operator to merge with one click.
///
/// Two groups are suggested together when their loose keys are equal, or one typing slip apart
/// (one letter added, dropped or changed, or two swapped). The loose key goes past `WriteInKey`
/// (case, accents, punctuation): Nordic and German spellings fold (`ø`, `oe` → `o`; `æ`, `ae` →
/// `a`; `aa`, `å` → `a`; `ß` → `ss`), "st." and "ste." read as "saint" and "sainte", and spaces
/// do not count. Pairs one slip apart are found through single-deletion neighbourhoods, so a
/// few thousand groups cost milliseconds, not a comparison of every pair.
enum WriteInSuggestions {
    struct Group {
        var key: String
        var count: Int
    }

    /// Clusters of two or more keys (or of keys and a fixed option's label key), best first.
    static func clusters(_ groups: [Group], optionKeys: [String]) -> [[String]] {
        let all = groups.map(\.key) + optionKeys
        let loose = all.map(looseKey)
        var parent = Array(all.indices)
        func find(_ index: Int) -> Int {
            var index = index
            while parent[index] != index {
                parent[index] = parent[parent[index]]
                index = parent[index]
            }
            return index
        }
        func join(_ a: Int, _ b: Int) { parent[find(a)] = find(b) }
        // Equal loose keys, and keys one deletion from a shared form.
        var byForm: [String: Int] = [:]
        for (index, key) in loose.enumerated() where key.count >= 3 {
            var forms = [key]
            // Short keys ("rome", "roma") are too close to everything at one slip: equal only.
            if key.unicodeScalars.count >= 5 { forms += deletions(key) }
            for form in forms {
                if let other = byForm[form] { join(index, other) } else { byForm[form] = index }
            }
        }
        var clusters: [Int: [Int]] = [:]
        for index in all.indices { clusters[find(index), default: []].append(index) }
        let counts = Dictionary(groups.map { ($0.key, $0.count) }, uniquingKeysWith: +)
        return clusters.values.filter { members in members.count > 1 && members.contains { $0 < groups.count } }
            .map { $0.map { all[$0] } }
            .sorted { $0.reduce(0) { $0 + (counts[$1] ?? 0) } > $1.reduce(0) { $0 + (counts[$1] ?? 0) } }
    }

    /// The key with Nordic and German spellings, saints and spaces folded.
    static func looseKey(_ key: String) -> String {
        let words = key.split(separator: " ").map { word -> String in
            switch word {
            case "st": "saint"
            case "ste": "sainte"
            default: String(word)
            }
        }
        var text = words.joined()
        for (from, to) in [
            ("ø", "o"), ("æ", "a"), ("œ", "o"), ("ß", "ss"), ("aa", "a"), ("ae", "a"), ("oe", "o"), ("ue", "u"),
        ] {
            text = text.replacingOccurrences(of: from, with: to)
        }
        return text
    }

    private static func deletions(_ text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        return scalars.indices.map { index in
            var copy = scalars
            copy.remove(at: index)
            return String(String.UnicodeScalarView(copy))
        }
    }
}
