import Foundation

/// Rules across ballots: references by id, cycles among them, and schedules that can be met.
extension CampaignDecoder {
    /// When a ballot's open or close happens, as far as the file alone can tell.
    enum Moment: Equatable {
        case atLoad
        case at(Date)
        case never
        /// Part of a reference cycle, reported on its own.
        case unknown
    }

    mutating func checkReferences(_ drafts: [BallotDraft]) {
        let byID = Dictionary(drafts.map { ($0.ballot.id, $0) }, uniquingKeysWith: { first, _ in first })

        for draft in drafts {
            for (key, target, offset, targetPath) in references(of: draft) {
                if target == draft.ballot.id {
                    report(offset, targetPath, "a ballot cannot refer to itself in \"\(key)\"")
                } else if byID[target] == nil {
                    let hint = Suggestion.didYouMean(target, among: byID.keys.sorted())
                    report(offset, targetPath, "no ballot \"\(target)\" in this campaign\(hint)")
                }
            }
        }
        if let cycle = firstCycle(drafts, byID: byID) {
            let draft = byID[cycle[0]]!
            let (key, _, offset, targetPath) = references(of: draft).first { $0.target == cycle[1] }!
            report(
                offset, targetPath,
                "ballots wait on each other in a circle: " + cycle.map { "\"\($0)\"" }.joined(separator: " → ")
                    + " (through \"\(key)\")")
        }

        // Unknown ballots and cycles are reported above; their moments stay .unknown so the
        // schedule checks below speak only of what can be known.
        var closeMoments: [String: Moment] = [:]
        func close(of id: String) -> Moment {
            if let known = closeMoments[id] { return known }
            guard let draft = byID[id] else { return .unknown }
            closeMoments[id] = .unknown
            let moment = Self.momentOf(draft.ballot.closes, default: .never, close: close)
            closeMoments[id] = moment
            return moment
        }
        for draft in drafts {
            checkSchedule(of: draft, byID: byID, close: close)
        }
    }

    private mutating func checkSchedule(of draft: BallotDraft, byID: [String: BallotDraft], close: (String) -> Moment) {
        let ballot = draft.ballot
        let path = draft.path
        let opens = Self.momentOf(ballot.opens, default: .atLoad, close: close)
        let closes = Self.momentOf(ballot.closes, default: .never, close: close)

        if case .after(let other) = ballot.opens, close(other) == .never {
            report(
                draft.offsets["opens"]!, path.key("opens"),
                "\"\(other)\" never closes, so this ballot would never open; give \"\(other)\" a \"closes\"")
        }
        if case .after(let other) = ballot.closes, close(other) == .never {
            report(
                draft.offsets["closes"]!, path.key("closes"),
                "\"\(other)\" never closes, so this ballot would never close; give \"\(other)\" a \"closes\" or drop this one"
            )
        }
        if case .at(let open) = opens, case .at(let end) = closes, end <= open {
            report(
                draft.offsets["closes"]!, path.key("closes"),
                "closes (\(Self.utc(end))) is not after opens (\(Self.utc(open)))")
        }
        guard let source = ballot.optionsFrom, let sourceDraft = byID[source.ballot], source.ballot != ballot.id else {
            return
        }
        let sourceClose = close(source.ballot)
        if sourceClose == .never {
            report(
                draft.offsets["optionsFrom"]!, path.key("optionsFrom"),
                "\"\(source.ballot)\" never closes, so its top \(source.top) would never be known; give it a \"closes\""
            )
            return
        }
        switch (opens, sourceClose) {
        case (.atLoad, _):
            report(
                draft.offsets["optionsFrom"]!, path.key("optionsFrom"),
                "this ballot takes its options from \"\(source.ballot)\", so it must not open before that ballot closes: add \"opens\": {\"after\": \"\(source.ballot)\"}"
            )
        case (.at(let open), .at(let sourceEnd)) where open < sourceEnd:
            report(
                draft.offsets["opens"]!, path.key("opens"),
                "opens (\(Self.utc(open))) before \"\(source.ballot)\" closes (\(Self.utc(sourceEnd))), but takes its options from it"
            )
        default:
            break
        }
        let sourceBallot = sourceDraft.ballot
        if sourceBallot.writeIns == nil, sourceBallot.optionsFrom == nil, source.top > sourceBallot.options.count {
            report(
                draft.offsets["optionsFrom"]!, path.key("optionsFrom").key("top"),
                "top \(source.top) is more than the \(sourceBallot.options.count) options of \"\(source.ballot)\"")
        }
    }

    private static func momentOf(_ time: ScheduleTime?, default absent: Moment, close: (String) -> Moment) -> Moment {
        switch time {
        case nil: absent
        case .at(let date): .at(date)
        case .after(let other): close(other)
        }
    }

    /// Every ballot id this ballot waits on, with the key, the value's offset and its path.
    private func references(of draft: BallotDraft) -> [(key: String, target: String, offset: Int, path: JSONPath)] {
        var result: [(String, String, Int, JSONPath)] = []
        let ballot = draft.ballot
        let ballotNode: (String) -> Int? = { key in
            guard case .object(let members) = draft.node.value,
                let member = members.first(where: { $0.key == key }),
                case .object(let inner) = member.value.value
            else { return nil }
            return inner.first { $0.key == (key == "optionsFrom" ? "ballot" : "after") }?.value.offset
        }
        if case .after(let other) = ballot.opens, let offset = ballotNode("opens") {
            result.append(("opens", other, offset, draft.path.key("opens").key("after")))
        }
        if case .after(let other) = ballot.closes, let offset = ballotNode("closes") {
            result.append(("closes", other, offset, draft.path.key("closes").key("after")))
        }
        if let source = ballot.optionsFrom, let offset = ballotNode("optionsFrom") {
            result.append(("optionsFrom", source.ballot, offset, draft.path.key("optionsFrom").key("ballot")))
        }
        return result
    }

    /// The first cycle among references, in file order, as ids from a ballot back to itself.
    private func firstCycle(_ drafts: [BallotDraft], byID: [String: BallotDraft]) -> [String]? {
        var state: [String: Int] = [:]  // 1 = on the current path, 2 = done
        var stack: [String] = []
        func visit(_ id: String) -> [String]? {
            state[id] = 1
            stack.append(id)
            // Unknown ids and self-references are reported on their own, not as cycles.
            for reference in references(of: byID[id]!) where byID[reference.target] != nil && reference.target != id {
                switch state[reference.target] {
                case 1:
                    let start = stack.firstIndex(of: reference.target)!
                    return Array(stack[start...]) + [reference.target]
                case nil:
                    if let cycle = visit(reference.target) { return cycle }
                default:
                    break
                }
            }
            stack.removeLast()
            state[id] = 2
            return nil
        }
        for draft in drafts where state[draft.ballot.id] == nil {
            if let cycle = visit(draft.ballot.id) { return cycle }
        }
        return nil
    }

    static func utc(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
