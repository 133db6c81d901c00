import Foundation
import VoxPopCampaigns
import VoxPopFoundation
import VoxPopStore

/// Write-in review at the scale of a real nomination (hundreds of places in thousands of
/// spellings): groups with their merged totals, found by search, a page at a time; merges of
/// many groups at once into an existing group or option; labels; suggested merges.
extension Engine {
    /// One group of write-ins that fold alike (`WriteInKey`), with the spellings voters used.
    public struct WriteInGroup: Sendable {
        /// The folded key (`new york`): what decisions name.
        public var id: String
        /// What the public sees: the operator's label, else the most common spelling.
        public var label: String
        public var labelledByOperator: Bool
        public var spellings: [(text: String, count: Int)]
        /// Its own votes.
        public var count: Int
        /// Its own votes and those of every group merged into it (the figure that counts).
        public var total: Int
        public var decision: WriteInDecision?
        /// Where its votes go when merged (by an operator or the campaign's aliases): the key of the
        /// group, or the label of the option, at the end of the chain.
        public var mergedInto: String?
        /// The campaign's alias this group's spelling falls under, when no operator decided.
        public var alias: String?
    }

    /// A suggested merge: groups (and maybe an option) that probably name the same thing.
    public struct WriteInSuggestion: Sendable {
        /// Stable while its members are: what a dismissal names.
        public var id: String
        public var ids: [String]
        /// The group key or option label the others would merge into (the one most voted).
        public var into: String
    }

    /// A page of a ballot's write-ins.
    public struct WriteInReview: Sendable {
        public var groups: [WriteInGroup]
        /// Groups matching the search, over all pages.
        public var matching: Int
        public var page: Int
        public var pages: Int
        public var suggestions: [WriteInSuggestion]
        /// The ballot's fixed options (id, label), which write-ins may be merged into too.
        public var options: [(id: String, label: String)]
    }

    /// The write-ins of a ballot, most voted (by merged total) first, `perPage` at a time from
    /// page 1; `search` matches spellings and labels as write-ins fold (case and accents aside).
    public func writeInReview(
        campaign: String, ballot: String, search: String? = nil, page: Int = 1, perPage: Int = 50
    ) throws -> WriteInReview {
        let reference = Reference(campaign: campaign, ballot: ballot)
        let runtime = try known(reference)
        let groups = try writeInGroups(runtime, campaign: campaign, ballot: ballot)
        let query = search.map { WriteInKey($0).description }.flatMap { $0.isEmpty ? nil : $0 }
        let matching = groups.filter { group in
            guard let query else { return true }
            // A group merged into a match is found with it: where its votes went shows.
            let names = [
                group.id, WriteInKey(group.label).description, group.mergedInto.map { WriteInKey($0).description },
            ]
            return names.contains { $0?.contains(query) == true }
                || group.spellings.contains { WriteInKey($0.text).description.contains(query) }
        }
        let perPage = max(1, min(perPage, 500))
        let pages = max(1, (matching.count + perPage - 1) / perPage)
        let page = max(1, min(page, pages))
        let options = fixedOptions(runtime, campaign: campaign, ballot: ballot)
        let dismissed = try store.dismissedSuggestions(runtime.id)
        let open = groups.filter { $0.decision == nil && $0.mergedInto == nil }
        let optionKeys = Dictionary(
            options.map { (WriteInKey($0.label).description, $0.label) }, uniquingKeysWith: { first, _ in first })
        let totals = Dictionary(groups.map { ($0.id, $0.total) }, uniquingKeysWith: +)
        let suggestions = WriteInSuggestions.clusters(
            open.map { WriteInSuggestions.Group(key: $0.id, count: $0.total) }, optionKeys: Array(optionKeys.keys)
        ).compactMap { members -> WriteInSuggestion? in
            let id =
                "s-" + SHA256.hex(Array(SHA256.hash(Array(members.sorted().joined(separator: "\u{0}").utf8)).prefix(6)))
            guard !dismissed.contains(id) else { return nil }
            // Into the option if one is among them, else the most voted group.
            let into =
                members.first { optionKeys[$0] != nil }.map { optionKeys[$0]! }
                ?? members.max { (totals[$0] ?? 0, $1) < (totals[$1] ?? 0, $0) }!
            // The groups to merge: the others, so accepting it is one merge of `ids` into `into`.
            let ids = members.filter { optionKeys[$0] == nil && $0 != into }.sorted()
            return WriteInSuggestion(id: id, ids: ids, into: into)
        }
        return WriteInReview(
            groups: Array(matching.dropFirst((page - 1) * perPage).prefix(perPage)), matching: matching.count,
            page: page, pages: pages, suggestions: suggestions, options: options)
    }

    /// Every write-in group of a ballot, with decisions, labels, aliases and merged totals.
    func writeInGroups(_ runtime: Runtime, campaign: String, ballot: String) throws -> [WriteInGroup] {
        store.sync()
        let adjustments = try adjustments(runtime.id)
        let rules =
            runtime.frozen
            ?? self.campaign(campaign)?.ballot(ballot).flatMap { definition in
                self.campaign(campaign).map {
                    FrozenBallot(ballot: definition, campaign: $0, options: FrozenBallot.options(of: definition))
                }
            }
        let aliases = Dictionary(
            (rules?.writeInAliases ?? []).map { (WriteInKey($0.from).description, $0.to) },
            uniquingKeysWith: { first, _ in first })
        let optionKeys = Dictionary(
            (rules?.options ?? []).map { (WriteInKey($0.label).description, $0.label) },
            uniquingKeysWith: { first, _ in first })
        var groups: [String: WriteInGroup] = [:]
        for (text, count) in try store.countedVotes(runtime.id).votes {
            guard let spelling = Vote.writeIn(inText: text) else { continue }
            let key = WriteInKey(spelling).description
            groups[
                key,
                default: WriteInGroup(
                    id: key, label: "", labelledByOperator: false, spellings: [], count: 0, total: 0,
                    decision: adjustments.decisions[key], mergedInto: nil,
                    alias: adjustments.decisions[key] == nil ? aliases[key] : nil)
            ].spellings.append((spelling, count))
            groups[key]!.count += count
        }
        // Where each group's votes end up, following merges and aliases as the count does.
        func destination(_ key: String) -> String? {
            var current = key
            var moved = false
            for _ in 0..<8 {
                if let decision = adjustments.decisions[current] {
                    guard decision.action == "merge", let into = decision.into else { break }
                    current = WriteInKey(into).description
                } else if let alias = aliases[current] {
                    current = WriteInKey(alias).description
                } else {
                    break
                }
                moved = true
            }
            guard moved else { return nil }
            return optionKeys[current] ?? current
        }
        for key in groups.keys {
            groups[key]!.total = groups[key]!.decision?.action == "reject" ? 0 : groups[key]!.count
        }
        for key in Array(groups.keys) {
            guard let target = destination(key), target != key else { continue }
            groups[key]!.mergedInto = target
            let own = groups[key]!.count
            groups[key]!.total = 0
            if groups[target] != nil { groups[target]!.total += own }
        }
        return groups.values.map { group in
            var group = group
            // Most voted first, on a tie the first seen: the count labels a group the same way,
            // so the review shows the name the public will see.
            group.spellings = group.spellings.enumerated()
                .sorted { ($0.element.count, $1.offset) > ($1.element.count, $0.offset) }.map(\.element)
            if let label = adjustments.labels[group.id] {
                group.label = label
                group.labelledByOperator = true
            } else {
                group.label = group.spellings.first?.text ?? group.id
            }
            return group
        }.sorted { ($0.total, $0.count, $1.id) > ($1.total, $1.count, $0.id) }
    }

    private func fixedOptions(_ runtime: Runtime, campaign: String, ballot: String) -> [(id: String, label: String)] {
        (runtime.frozen?.options ?? self.campaign(campaign)?.ballot(ballot).map(FrozenBallot.options) ?? []).map {
            ($0.id, $0.label)
        }
    }

    /// Applies one operator decision to several write-in groups (`approve`, `reject`, or `merge`
    /// into `into`, which must be an existing group, by its key or label, or one of the ballot's
    /// options, by id or label). Refused once the ballot is published; a counted ballot is
    /// counted again, so the tally it will publish has the decision.
    public func decideWriteIns(
        campaign: String, ballot: String, ids: [String], action: String, into: String?,
        by operatorName: String = "operator"
    ) throws {
        let reference = Reference(campaign: campaign, ballot: ballot)
        let runtime = try known(reference)
        guard runtime.state < .published else {
            throw EngineError(.wrongState, "\(campaign)/\(ballot) is published; its count is final")
        }
        guard !ids.isEmpty else { throw EngineError(.refused, "name at least one write-in group") }
        let keys = ids.map { WriteInKey($0).description }
        var target: String?
        if action == "merge" {
            guard let into, !WriteInKey(into).isEmpty else {
                throw EngineError(.refused, "a merge needs \"into\": an existing write-in group or option")
            }
            target = try mergeTarget(into, runtime: runtime, campaign: campaign, ballot: ballot)
            if keys.contains(WriteInKey(target!).description) {
                throw EngineError(.refused, "a write-in cannot be merged into itself")
            }
            // Nor into a group whose own votes already go to one of these: a loop counts nowhere.
            if let loop = try mergeLoop(from: target!, into: Set(keys), runtime: runtime) {
                throw EngineError(
                    .refused,
                    "\"\(into)\" is itself merged into \"\(loop)\"; merging \"\(loop)\" into it would make a loop")
            }
        }
        try store.decide(runtime.id, keys: keys, Store.WriteInDecision(action: action, into: target))
        try recountIfCounted(reference, runtime)
        invalidateLive(reference)
        let what =
            keys.count == 1 ? "\"\(keys[0])\"" : "\(keys.count) groups (\(keys.prefix(10).joined(separator: ", "))…)"
        try record(operatorName, action, campaign, ballot, target.map { "\(what) into \"\($0)\"" } ?? what)
    }

    /// A single decision (the API's original form).
    public func decideWriteIn(campaign: String, ballot: String, id: String, action: String, into: String?) throws {
        try decideWriteIns(campaign: campaign, ballot: ballot, ids: [id], action: action, into: into)
    }

    /// The first of `keys` that `target`'s votes already reach through merges and aliases, if any.
    private func mergeLoop(from target: String, into keys: Set<String>, runtime: Runtime) throws -> String? {
        let decisions = try adjustments(runtime.id).decisions
        let aliases = Dictionary(
            (runtime.frozen?.writeInAliases ?? []).map { (WriteInKey($0.from).description, $0.to) },
            uniquingKeysWith: { first, _ in first })
        var current = WriteInKey(target).description
        for _ in 0..<8 {
            if keys.contains(current) { return current }
            if let decision = decisions[current] {
                guard decision.action == "merge", let into = decision.into else { return nil }
                current = WriteInKey(into).description
            } else if let alias = aliases[current] {
                current = WriteInKey(alias).description
            } else {
                return nil
            }
        }
        return nil
    }

    /// The text a merge stores for `into`: an option's label, or an existing group's key.
    private func mergeTarget(_ into: String, runtime: Runtime, campaign: String, ballot: String) throws -> String {
        let key = WriteInKey(into).description
        let options = fixedOptions(runtime, campaign: campaign, ballot: ballot)
        if let option = options.first(where: { $0.id == into || WriteInKey($0.label).description == key }) {
            return option.label
        }
        let groups = try writeInGroups(runtime, campaign: campaign, ballot: ballot)
        if let group = groups.first(where: { $0.id == key || WriteInKey($0.label).description == key }) {
            return group.id
        }
        throw EngineError(
            .refused, "\"\(into)\" is neither a write-in group of \(campaign)/\(ballot) nor one of its options")
    }

    /// Sets (or, with nil, clears) the label the public sees for a write-in group.
    public func labelWriteIn(
        campaign: String, ballot: String, id: String, label: String?, by operatorName: String = "operator"
    ) throws {
        let reference = Reference(campaign: campaign, ballot: ballot)
        let runtime = try known(reference)
        guard runtime.state < .published else {
            throw EngineError(.wrongState, "\(campaign)/\(ballot) is published; its labels are final")
        }
        let key = WriteInKey(id).description
        guard try writeInGroups(runtime, campaign: campaign, ballot: ballot).contains(where: { $0.id == key }) else {
            throw EngineError(.unknownWriteIn, "\(campaign)/\(ballot) has no write-in group \"\(id)\"")
        }
        let text = label?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let text {
            guard !text.isEmpty, text.unicodeScalars.count <= 200,
                PlainText.isPlain(text)
            else {
                throw EngineError(
                    .refused, "a label is 1 to 200 characters with no control or text-direction characters")
            }
        }
        try store.setWriteInLabel(runtime.id, key: key, label: text)
        try recountIfCounted(reference, runtime)
        invalidateLive(reference)
        try record(operatorName, "label", campaign, ballot, "\"\(key)\" shown as \"\(text ?? key)\"")
    }

    /// Dismisses a suggested merge: it is not suggested again.
    public func dismissSuggestion(
        campaign: String, ballot: String, id: String, by operatorName: String = "operator"
    ) throws {
        let runtime = try known(Reference(campaign: campaign, ballot: ballot))
        try store.dismissSuggestion(runtime.id, id)
        try record(operatorName, "dismiss", campaign, ballot, "suggestion \(id)")
    }

    /// A counted (not yet published) ballot is counted again after a change to what its count
    /// takes, and the stored tally replaced: what publication will show.
    func recountIfCounted(_ reference: Reference, _ runtime: Runtime) throws {
        guard runtime.state == .tallied || runtime.state == .closed else { return }
        state.withLock { $0.ballots[reference]?.count = nil }
        guard runtime.state == .tallied else { return }
        let count = try countBallot(reference)
        try store.replaceTally(runtime.id, tally: try publicationJSON(reference, count: count))
    }
}
