import VoxPopCounting

/// Rules inside one ballot that tie its keys to its method and its options.
extension CampaignDecoder {
    mutating func checkRules(of draft: BallotDraft, fields: Fields) {
        let ballot = draft.ballot
        let path = draft.path
        let method = ballot.method.rawValue

        func keyOffset(_ key: String) -> Int { fields[key]!.keyOffset }

        if fields["seats"] != nil, !ballot.method.takesSeats {
            report(
                keyOffset("seats"), path.key("seats"),
                "\"seats\" applies to \"stv\" only; use \"shortlist\" for the top N of \"\(method)\"")
        }
        if ballot.method == .cumulative, fields["budget"] == nil {
            report(draft.node.offset, path, "a cumulative ballot needs \"budget\": the points each voter may spread")
        } else if ballot.method != .cumulative, fields["budget"] != nil {
            report(keyOffset("budget"), path.key("budget"), "\"budget\" applies to \"cumulative\" only")
        }
        if ballot.method != .score, fields["maxScore"] != nil {
            report(keyOffset("maxScore"), path.key("maxScore"), "\"maxScore\" applies to \"score\" only")
        }
        if ballot.method == .plurality, let maxChoices = ballot.maxChoices, maxChoices != 1 {
            report(
                draft.offsets["maxChoices"]!, path.key("maxChoices"),
                "a plurality ballot takes exactly one choice; use \"approval\" to let voters choose several")
        }

        // On an idea forum (points and write-ins) suggested ideas become options `idea-N`.
        if ballot.takesIdeas,
            let taken = ballot.options.first(where: { $0.id.hasPrefix("idea-") && Int($0.id.dropFirst(5)) != nil })
        {
            report(
                keyOffset("options"), path.key("options"),
                "option id \"\(taken.id)\" is kept for suggested ideas on a ballot that takes them; pick another id")
        }
        if fields["options"] != nil, fields["optionsFrom"] != nil {
            report(
                keyOffset("optionsFrom"), path.key("optionsFrom"),
                "a ballot takes its options from \"options\" or from \"optionsFrom\", not both")
        } else if fields["options"] == nil, fields["optionsFrom"] == nil, fields["writeIns"] == nil {
            report(draft.node.offset, path, "a ballot needs \"options\", \"optionsFrom\" or \"writeIns\"")
        }
        if fields["writeIns"] != nil {
            if fields["optionsFrom"] != nil {
                report(
                    keyOffset("writeIns"), path.key("writeIns"),
                    "a ballot whose options come from another ballot cannot take write-ins")
            } else if !Self.writeInMethods.contains(ballot.method) {
                let allowed = Self.writeInMethods.map(\.rawValue).sorted().joined(separator: ", ")
                report(
                    keyOffset("writeIns"), path.key("writeIns"),
                    "write-ins are not counted by \"\(method)\"; use one of: \(allowed)")
            }
        } else if fields["options"] != nil, ballot.options.count < 2 {
            report(
                draft.offsets["options"]!, path.key("options"),
                "a ballot needs at least 2 options, or \"writeIns\" so voters can add their own")
        }

        // What the options will number, when the file fixes it: limits above it can never be met.
        let optionCount: Int?
        let what: String
        if let source = ballot.optionsFrom {
            optionCount = source.top
            what = "the \(source.top) options taken from \"\(source.ballot)\""
        } else if ballot.writeIns == nil {
            optionCount = ballot.options.count
            what = "the \(ballot.options.count) options"
        } else {
            optionCount = nil
            what = ""
        }
        if let optionCount {
            for key in ["maxChoices", "seats", "shortlist"] {
                guard let offset = draft.offsets[key], !(key == "maxChoices" && ballot.method == .plurality) else {
                    continue
                }
                let value = key == "maxChoices" ? ballot.maxChoices : key == "seats" ? ballot.seats : ballot.shortlist
                if let value, value > optionCount {
                    report(offset, path.key(key), "\(key) \(value) is more than \(what)")
                }
            }
        }
    }
}
