import VoxPopFoundation

/// The operators who may use the operator API and the console, each with a name (what the
/// operator log records) and a key: `VOXPOP_OPERATOR_KEY` (named `operator`) and
/// `VOXPOP_OPERATOR_KEYS`, a list of `name=key` pairs separated by commas.
struct Operators: Sendable {
    private let keys: [(name: String, key: [UInt8])]
    /// What is wrong with the settings, for the server's start.
    let problems: [String]
    /// Wrong keys per client address: 20 at once, then one every 6 seconds, so keys cannot be
    /// guessed at speed (400 wrong keys were answered in 0.18 s).
    private let failures = AddressLimiter(perSecond: 1.0 / 6, burst: 20)

    /// Keys shorter than this are ignored: an operator key closes and publishes ballots.
    static let minimumKeyLength = 16

    init(environment: [String: String]) {
        var keys: [(String, [UInt8])] = []
        var problems: [String] = []
        if let key = environment["VOXPOP_OPERATOR_KEY"], !key.isEmpty {
            if key.utf8.count < Self.minimumKeyLength {
                problems.append(
                    "VOXPOP_OPERATOR_KEY is shorter than \(Self.minimumKeyLength) characters; it is ignored")
            } else {
                keys.append(("operator", Array(key.utf8)))
            }
        }
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
            if parts[1].utf8.count < Self.minimumKeyLength {
                problems.append(
                    "VOXPOP_OPERATOR_KEYS: the key of \(name) is shorter than \(Self.minimumKeyLength) characters; it is ignored"
                )
                continue
            }
            keys.append((name, Array(parts[1].utf8)))
        }
        self.keys = keys
        self.problems = problems
    }

    /// Whether any operator is set: without one the operator API and the console are off.
    var isEmpty: Bool { keys.isEmpty }

    /// What a key presented from `address` at `now` (seconds) opens.
    enum Lookup: Equatable {
        case found(name: String)
        case wrong
        /// The address sent too many wrong keys: even a right one waits this many seconds.
        case limited(seconds: Int)
    }

    /// The operator whose key this is; a wrong key costs its address one of its tries.
    func lookup(_ presented: some Collection<UInt8>, from address: String, now: Double) -> Lookup {
        guard failures.hasToken(address, now: now) else { return .limited(seconds: failures.wait(address, now: now)) }
        if let name = name(forKey: presented) { return .found(name: name) }
        _ = failures.allow(address, now: now)
        return .wrong
    }

    /// The operator whose key this is. Every key is compared, each in constant time, so the time
    /// taken tells nothing of which key (or how much of one) matched.
    private func name(forKey presented: some Collection<UInt8>) -> String? {
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
