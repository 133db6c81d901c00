import Foundation
import VoxPopFoundation

/// Reads one campaign file into a `Campaign`, collecting every problem instead of stopping at the first.
///
/// It checks each value as it reads it (types, required keys, unknown keys, ranges), then the
/// rules that span several values (duplicate ids, ballot references and their cycles, schedules
/// in the campaign's time zone). A campaign is returned only when the file has no problem.
struct CampaignDecoder {
    let file: String
    let source: SourceText
    private(set) var problems: [CampaignProblem] = []
    /// Where the campaign's `id` value starts, for cross-file duplicate checks.
    private(set) var campaignIDOffset: Int?
    /// The folder relative media paths are read from, when known: each must name a file there.
    let mediaDirectory: URL?
    /// The campaign's `mediaOrigins`, read before its media.
    var mediaOrigins: [String] = []

    init(file: String, bytes: [UInt8], mediaDirectory: URL? = nil) {
        self.file = file
        self.source = SourceText(bytes: bytes)
        self.mediaDirectory = mediaDirectory
    }

    static let campaignKeys = [
        "$schema", "id", "title", "description", "timeZone", "audience", "tieBreakSeed", "ballots", "mediaOrigins",
        "theme", "embedOrigins",
    ]
    static let audienceKeys = ["identity", "secretEnv"]

    mutating func decode() -> Campaign? {
        let root: JSONNode
        do {
            root = try JSONReader.parse(source.bytes)
        } catch {
            report(error.offset, .root, "invalid JSON: \(error.message)")
            return nil
        }
        guard let fields = object(root, at: .root, allowedKeys: Self.campaignKeys, what: "a campaign") else {
            return nil
        }
        let path = JSONPath.root

        if let schema = fields["$schema"] { _ = string(schema.value, at: path.key("$schema")) }
        let id = required("id", in: fields, of: root, at: path).flatMap { identifier($0.value, at: path.key("id")) }
        campaignIDOffset = fields["id"]?.value.offset
        let title = required("title", in: fields, of: root, at: path).flatMap { text($0.value, at: path.key("title")) }
        let description = fields["description"].flatMap { text($0.value, at: path.key("description")) }
        let timeZone =
            fields["timeZone"].map { readTimeZone($0.value, at: path.key("timeZone")) } ?? TimeZone(identifier: "UTC")
        let tieBreakSeed = fields["tieBreakSeed"].flatMap { seed($0.value, at: path.key("tieBreakSeed")) }
        let audience = required("audience", in: fields, of: root, at: path).flatMap {
            readAudience($0.value, at: path.key("audience"))
        }
        mediaOrigins = fields["mediaOrigins"].flatMap { origins($0.value, at: path.key("mediaOrigins")) } ?? []
        let embedOrigins = fields["embedOrigins"].flatMap { origins($0.value, at: path.key("embedOrigins")) } ?? []
        let theme = fields["theme"].flatMap { readTheme($0.value, at: path.key("theme")) }
        let ballots = required("ballots", in: fields, of: root, at: path).flatMap {
            readBallots($0.value, at: path.key("ballots"), timeZone: timeZone, timeZoneGiven: fields["timeZone"] != nil)
        }

        guard problems.isEmpty, let id, let title, let timeZone, let audience, let ballots else { return nil }
        return Campaign(
            id: id, title: title, description: description, timeZone: timeZone.identifier, audience: audience,
            tieBreakSeed: tieBreakSeed ?? id, ballots: ballots, mediaOrigins: mediaOrigins, theme: theme,
            embedOrigins: embedOrigins)
    }

    /// Any text, so an operator can use a date, a public random beacon value, or a phrase.
    private mutating func seed(_ node: JSONNode, at path: JSONPath) -> String? {
        guard let seed = string(node, at: path) else { return nil }
        guard !seed.isEmpty, seed.count <= 200 else {
            report(node.offset, path, "tieBreakSeed must be 1 to 200 characters")
            return nil
        }
        return seed
    }

    private mutating func readAudience(_ node: JSONNode, at path: JSONPath) -> Audience? {
        guard let fields = object(node, at: path, allowedKeys: Self.audienceKeys, what: "the audience") else {
            return nil
        }
        guard let identityMember = required("identity", in: fields, of: node, at: path),
            let identity = oneOf(["token", "invite", "open"], identityMember.value, at: path.key("identity"))
        else { return nil }
        let secretEnv = fields["secretEnv"]
        switch identity {
        case "token":
            guard let secretEnv else {
                report(
                    identityMember.value.offset, path.key("identity"),
                    "identity \"token\" needs \"secretEnv\": the name of the environment variable that holds the signing secret"
                )
                return nil
            }
            return environmentVariableName(secretEnv.value, at: path.key("secretEnv")).map { .token(secretEnv: $0) }
        default:
            if let secretEnv {
                report(secretEnv.keyOffset, path.key("secretEnv"), "\"secretEnv\" is only used with identity \"token\"")
                return nil
            }
            return identity == "invite" ? .invite : .open
        }
    }

    /// Accepts `AIRLINE_VOTER_SECRET`; refuses what looks like the secret itself, which must never sit in a file.
    private mutating func environmentVariableName(_ node: JSONNode, at path: JSONPath) -> String? {
        guard let name = string(node, at: path) else { return nil }
        let isName =
            !name.isEmpty && name.count <= 128
            && name.utf8.allSatisfy { byte in
                (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                    || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                    || byte == UInt8(ascii: "_")
            } && !(name.first!.isNumber)
        if isName { return name }
        let looksLikeName =
            name.utf8.allSatisfy { byte in
                (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                    || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                    || byte == UInt8(ascii: "_")
            } && name.count <= 40
        if looksLikeName {
            report(
                node.offset, path,
                "environment variable names use capital letters, digits and '_': write \"\(name.uppercased())\"")
        } else {
            report(
                node.offset, path,
                "this looks like the secret itself; never put a secret in a campaign file: set it in an environment variable and write that variable's name here (like \"AIRLINE_VOTER_SECRET\")"
            )
        }
        return nil
    }

    mutating func report(_ offset: Int, _ path: JSONPath, _ message: String) {
        let (line, column) = source.lineAndColumn(of: offset)
        problems.append(
            CampaignProblem(file: file, line: line, column: column, path: path.description, message: message))
    }

    func position(of offset: Int) -> String {
        let (line, column) = source.lineAndColumn(of: offset)
        return "line \(line), column \(column)"
    }
}
