import Foundation
import VoxPopCounting
import VoxPopFoundation

/// A ballot as read, with where its values sit, for the checks that span ballots.
struct BallotDraft {
    var ballot: Ballot
    var node: JSONNode
    var path: JSONPath
    /// Offsets of values by key (`"closes"`, `"optionsFrom"`), for pointing at them later.
    var offsets: [String: Int]
}

extension CampaignDecoder {
    static let ballotKeys = [
        "id", "question", "description", "method", "options", "optionsFrom", "writeIns", "maxChoices", "seats",
        "budget", "maxScore", "shortlist", "opens", "closes", "revote", "results", "optionOrder",
    ]
    static let optionKeys = ["id", "label", "description", "media"]
    static let mediaKeys = ["type", "url", "alt", "poster", "captions"]
    static let optionsFromKeys = ["ballot", "top", "confirm"]
    static let writeInKeys = ["maxLength", "moderation", "aliases"]
    static let scheduleKeys = ["after"]
    /// Methods whose ballots can carry a voter's own option; ranked write-ins are not counted yet.
    static let writeInMethods: Set<CountingMethod> = [.plurality, .approval, .cumulative]

    mutating func readBallots(_ node: JSONNode, at path: JSONPath, timeZone: TimeZone?, timeZoneGiven: Bool)
        -> [Ballot]?
    {
        guard case .array(let elements) = node.value else {
            report(node.offset, path, "expected a list of ballots ([...]), found \(node.typeName)")
            return nil
        }
        guard !elements.isEmpty else {
            report(node.offset, path, "a campaign needs at least one ballot")
            return nil
        }
        var drafts: [BallotDraft] = []
        var complete = true
        for (index, element) in elements.enumerated() {
            if let draft = readBallot(element, at: path.index(index), timeZone: timeZone, timeZoneGiven: timeZoneGiven)
            {
                drafts.append(draft)
            } else {
                complete = false
            }
        }
        checkDuplicates(drafts.map { ($0.ballot.id, $0.offsets["id"]!, $0.path.key("id")) }, what: "ballot")
        checkReferences(drafts)
        return complete ? drafts.map(\.ballot) : nil
    }

    private mutating func readBallot(_ node: JSONNode, at path: JSONPath, timeZone: TimeZone?, timeZoneGiven: Bool)
        -> BallotDraft?
    {
        guard let fields = object(node, at: path, allowedKeys: Self.ballotKeys, what: "a ballot") else { return nil }
        let problemsBefore = problems.count
        var offsets: [String: Int] = [:]
        for member in fields.members { offsets[member.key] = member.value.offset }

        let id = required("id", in: fields, of: node, at: path).flatMap { identifier($0.value, at: path.key("id")) }
        let question = required("question", in: fields, of: node, at: path).flatMap {
            text($0.value, at: path.key("question"))
        }
        let description = fields["description"].flatMap { text($0.value, at: path.key("description")) }
        let method = required("method", in: fields, of: node, at: path).flatMap {
            readMethod($0.value, at: path.key("method"))
        }
        let options = fields["options"].flatMap { readOptions($0.value, at: path.key("options")) } ?? []
        let optionsFrom = fields["optionsFrom"].flatMap { optionsSource($0.value, at: path.key("optionsFrom")) }
        let writeIns = fields["writeIns"].flatMap { writeInPolicy($0.value, at: path.key("writeIns")) }
        let maxChoices = fields["maxChoices"].flatMap { integer($0.value, at: path.key("maxChoices"), in: 1...100_000) }
        let seats = fields["seats"].flatMap { integer($0.value, at: path.key("seats"), in: 1...10_000) }
        let budget = fields["budget"].flatMap { integer($0.value, at: path.key("budget"), in: 1...1_000_000) }
        let maxScore = fields["maxScore"].flatMap { integer($0.value, at: path.key("maxScore"), in: 1...100) }
        let shortlist = fields["shortlist"].flatMap { integer($0.value, at: path.key("shortlist"), in: 1...100_000) }
        let opens = fields["opens"].flatMap {
            scheduleTime($0.value, at: path.key("opens"), timeZone: timeZone, timeZoneGiven: timeZoneGiven)
        }
        let closes = fields["closes"].flatMap {
            scheduleTime($0.value, at: path.key("closes"), timeZone: timeZone, timeZoneGiven: timeZoneGiven)
        }
        let revote = fields["revote"].flatMap {
            oneOf(RevotePolicy.allCases.map(\.rawValue), $0.value, at: path.key("revote"))
        }
        let results = fields["results"].flatMap {
            oneOf(ResultsVisibility.allCases.map(\.rawValue), $0.value, at: path.key("results"))
        }
        let optionOrder = fields["optionOrder"].flatMap {
            oneOf(OptionOrder.allCases.map(\.rawValue), $0.value, at: path.key("optionOrder"))
        }

        guard problems.count == problemsBefore, let id, let question, let method else { return nil }
        let ballot = Ballot(
            id: id, question: question, description: description, method: method, options: options,
            optionsFrom: optionsFrom, writeIns: writeIns, maxChoices: maxChoices, seats: seats ?? 1, budget: budget,
            maxScore: maxScore, shortlist: shortlist, opens: opens, closes: closes,
            revote: revote.flatMap(RevotePolicy.init(rawValue:)) ?? .once,
            results: results.flatMap(ResultsVisibility.init(rawValue:)) ?? .onClose,
            optionOrder: optionOrder.flatMap(OptionOrder.init(rawValue:)))
        let draft = BallotDraft(ballot: ballot, node: node, path: path, offsets: offsets)
        // A ballot that breaks a rule is still whole enough for the checks across ballots.
        checkRules(of: draft, fields: fields)
        return draft
    }

    private mutating func readMethod(_ node: JSONNode, at path: JSONPath) -> CountingMethod? {
        guard let name = string(node, at: path) else { return nil }
        if let method = CountingMethod(rawValue: name) { return method }
        let names = CountingMethod.allCases.map(\.rawValue)
        let hint =
            CountingMethod.aliases[name.lowercased()].map { "; did you mean \"\($0.rawValue)\"?" }
            ?? Suggestion.didYouMean(name, among: names)
        report(node.offset, path, "unknown method \"\(name)\"\(hint) (methods: \(names.joined(separator: ", ")))")
        return nil
    }

    private mutating func readOptions(_ node: JSONNode, at path: JSONPath) -> [BallotOption]? {
        guard case .array(let elements) = node.value else {
            report(node.offset, path, "expected a list of options ([...]), found \(node.typeName)")
            return nil
        }
        var options: [BallotOption] = []
        options.reserveCapacity(elements.count)
        var ids: [(String, Int, JSONPath)] = []
        ids.reserveCapacity(elements.count)
        var complete = true
        for (index, element) in elements.enumerated() {
            let optionPath = path.index(index)
            guard let fields = object(element, at: optionPath, allowedKeys: Self.optionKeys, what: "an option") else {
                complete = false
                continue
            }
            let id = required("id", in: fields, of: element, at: optionPath).flatMap {
                identifier($0.value, at: optionPath.key("id"))
            }
            let label = required("label", in: fields, of: element, at: optionPath).flatMap {
                text($0.value, at: optionPath.key("label"))
            }
            let description = fields["description"].flatMap { text($0.value, at: optionPath.key("description")) }
            let media = fields["media"].flatMap { readMedia($0.value, at: optionPath.key("media")) }
            if let id { ids.append((id, fields["id"]!.value.offset, optionPath.key("id"))) }
            guard let id, let label, fields["media"] == nil || media != nil else {
                complete = false
                continue
            }
            options.append(BallotOption(id: id, label: label, description: description, media: media))
        }
        checkDuplicates(ids, what: "option")
        return complete ? options : nil
    }

    private mutating func readMedia(_ node: JSONNode, at path: JSONPath) -> Media? {
        guard let fields = object(node, at: path, allowedKeys: Self.mediaKeys, what: "media") else { return nil }
        let kind = required("type", in: fields, of: node, at: path).flatMap {
            oneOf(Media.Kind.allCases.map(\.rawValue), $0.value, at: path.key("type"))
        }
        let problemsBefore = problems.count
        let url = required("url", in: fields, of: node, at: path).flatMap {
            mediaReference($0.value, at: path.key("url"))
        }
        let alt = fields["alt"].flatMap { text($0.value, at: path.key("alt")) }
        let poster = fields["poster"].flatMap { mediaReference($0.value, at: path.key("poster")) }
        var captions: [(language: String, url: String)] = []
        if let member = fields["captions"] {
            if case .object(let tracks) = member.value.value {
                for track in tracks {
                    let trackPath = path.key("captions").key(track.key)
                    if !Self.isLanguageTag(track.key) {
                        report(
                            track.keyOffset, trackPath, "\"\(track.key)\" is not a language tag, like \"en\" or \"nb\"")
                    } else if let file = mediaReference(track.value, at: trackPath) {
                        captions.append((track.key, file))
                    }
                }
            } else {
                report(
                    member.value.offset, path.key("captions"),
                    "expected captions as an object of language to a WebVTT file, like {\"en\": \"interview.en.vtt\"}")
            }
        }
        if kind == "image", fields["poster"] != nil || fields["captions"] != nil {
            report(
                fields["poster"]?.keyOffset ?? fields["captions"]!.keyOffset, path,
                "\"poster\" and \"captions\" are for videos")
        }
        guard problems.count == problemsBefore, let kind, let url else { return nil }
        return Media(kind: Media.Kind(rawValue: kind)!, url: url, alt: alt, poster: poster, captions: captions)
    }

    private mutating func optionsSource(_ node: JSONNode, at path: JSONPath) -> OptionsSource? {
        guard let fields = object(node, at: path, allowedKeys: Self.optionsFromKeys, what: "optionsFrom") else {
            return nil
        }
        let ballot = required("ballot", in: fields, of: node, at: path).flatMap {
            identifier($0.value, at: path.key("ballot"))
        }
        let top = required("top", in: fields, of: node, at: path).flatMap {
            integer($0.value, at: path.key("top"), in: 2...1000)
        }
        let confirm = fields["confirm"].flatMap { boolean($0.value, at: path.key("confirm")) }
        guard let ballot, let top, fields["confirm"] == nil || confirm != nil else { return nil }
        return OptionsSource(ballot: ballot, top: top, confirm: confirm ?? false)
    }

    private mutating func writeInPolicy(_ node: JSONNode, at path: JSONPath) -> WriteInPolicy? {
        guard let fields = object(node, at: path, allowedKeys: Self.writeInKeys, what: "writeIns") else { return nil }
        let maxLength = fields["maxLength"].flatMap { integer($0.value, at: path.key("maxLength"), in: 1...1000) }
        let moderation = fields["moderation"].flatMap {
            oneOf(WriteInPolicy.Moderation.allCases.map(\.rawValue), $0.value, at: path.key("moderation"))
        }
        var aliases: [(from: String, to: String)] = []
        var aliasesValid = true
        if let member = fields["aliases"] {
            if case .object(let pairs) = member.value.value {
                for pair in pairs {
                    guard let to = string(pair.value, at: path.key("aliases").key(pair.key)) else {
                        aliasesValid = false
                        continue
                    }
                    if WriteInKey(pair.key).isEmpty || WriteInKey(to).isEmpty {
                        report(
                            pair.keyOffset, path.key("aliases").key(pair.key),
                            "an alias needs letters or digits on both sides")
                        aliasesValid = false
                    } else if WriteInKey(pair.key) == WriteInKey(to) {
                        report(
                            pair.keyOffset, path.key("aliases").key(pair.key),
                            "\"\(pair.key)\" and \"\(to)\" are one write-in already (case, accents and punctuation do not count)"
                        )
                        aliasesValid = false
                    }
                    aliases.append((pair.key, to))
                }
            } else {
                report(
                    member.value.offset, path.key("aliases"),
                    "expected aliases as an object of spelling to the write-in it means, like {\"NYC\": \"New York\"}")
                aliasesValid = false
            }
        }
        if fields["maxLength"] != nil && maxLength == nil || fields["moderation"] != nil && moderation == nil
            || !aliasesValid
        {
            return nil
        }
        return WriteInPolicy(
            maxLength: maxLength ?? WriteInPolicy.defaultMaxLength,
            moderation: moderation.flatMap(WriteInPolicy.Moderation.init(rawValue:)) ?? .after, aliases: aliases)
    }

    private mutating func scheduleTime(_ node: JSONNode, at path: JSONPath, timeZone: TimeZone?, timeZoneGiven: Bool)
        -> ScheduleTime?
    {
        if case .object = node.value {
            guard let fields = object(node, at: path, allowedKeys: Self.scheduleKeys, what: "a time"),
                let after = required("after", in: fields, of: node, at: path),
                let ballot = identifier(after.value, at: path.key("after"))
            else { return nil }
            return .after(ballot: ballot)
        }
        guard case .string(let text) = node.value else {
            report(
                node.offset, path,
                "expected a time such as \"2026-06-01T09:00\" or {\"after\": \"BALLOT-ID\"}, found \(node.typeName)")
            return nil
        }
        let wallTime: WallTime
        do {
            wallTime = try WallTime.parse(text)
        } catch .outOfRange(let why) {
            report(node.offset, path, "\"\(text)\" is not a real time: \(why)")
            return nil
        } catch {
            report(
                node.offset, path,
                "\"\(text)\" is not a time: write \"YYYY-MM-DDTHH:MM\" in the campaign's time zone, or add an offset as in \"2026-06-01T09:00:00+02:00\""
            )
            return nil
        }
        if wallTime.offset == nil && !timeZoneGiven {
            report(
                node.offset, path,
                "\"\(text)\" is a local time but the campaign has no \"timeZone\": add one (like \"Europe/Stockholm\") or give the offset (\"\(text)+02:00\")"
            )
            return nil
        }
        if wallTime.offset != nil { return wallTime.instant(in: .gmt).map(ScheduleTime.at) }
        guard let timeZone else { return nil }  // The bad time zone is reported already.
        guard let instant = wallTime.instant(in: timeZone) else {
            report(
                node.offset, path,
                "\"\(text)\" does not exist in \(timeZone.identifier): the clocks skip that hour when daylight saving starts; pick another time"
            )
            return nil
        }
        return .at(instant)
    }

    mutating func checkDuplicates(_ ids: [(id: String, offset: Int, path: JSONPath)], what: String) {
        var first: [String: Int] = [:]
        first.reserveCapacity(ids.count)
        for (id, offset, path) in ids {
            if let earlier = first[id] {
                report(offset, path, "duplicate \(what) id \"\(id)\" (first used at \(position(of: earlier)))")
            } else {
                first[id] = offset
            }
        }
    }
}
