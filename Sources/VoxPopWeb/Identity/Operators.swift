import VoxPopFoundation

/// The operators who may use the operator API and the console, each with a name (what the
/// operator log records) and a key: `VOXPOP_OPERATOR_KEY` (named `operator`) and
/// `VOXPOP_OPERATOR_KEYS`, a list of `name=key` pairs separated by commas.
struct Operators: Sendable {
    private let keys: [(name: String, key: [UInt8])]
    /// What is wrong with the settings, for the server's start.
    let problems: [String]

    init(environment: [String: String]) {
        var keys: [(String, [UInt8])] = []
        var problems: [String] = []
        if let key = environment["VOXPOP_OPERATOR_KEY"], !key.isEmpty { keys.append(("operator", Array(key.utf8))) }
        for entry in (environment["VOXPOP_OPERATOR_KEYS"] ?? "").split(separator: ",") {
            let parts = entry.split(separator: "=", maxSplits: 1)
            let name = parts.first.map { $0.trimmingSpaces } ?? ""
            guard parts.count == 2, !name.isEmpty, !parts[1].isEmpty,
                name.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: ",") })
            else {
                problems.append(
                    "VOXPOP_OPERATOR_KEYS: \"\(entry.prefix(1))…\" is not name=key; that entry is ignored")
                continue
            }
            if parts[1].utf8.count < 16 {
                problems.append("VOXPOP_OPERATOR_KEYS: the key of \(name) is shorter than 16 characters; it is ignored")
                continue
            }
            keys.append((name, Array(parts[1].utf8)))
        }
        self.keys = keys
        self.problems = problems
    }

    /// Whether any operator is set: without one the operator API and the console are off.
    var isEmpty: Bool { keys.isEmpty }

    /// The operator whose key this is. Every key is compared, each in constant time, so the time
    /// taken tells nothing of which key (or how much of one) matched.
    func name(forKey presented: some Collection<UInt8>) -> String? {
        var found: String?
        for (name, key) in keys where constantTimeEqual(presented, key) && found == nil { found = name }
        return found
    }
}

extension Substring {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
