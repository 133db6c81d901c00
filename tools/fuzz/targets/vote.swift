import Foundation

// libFuzzer target: a vote's body as the API reads it, through the rules of every kind of
// ballot, then counted.
//
// Oracles beyond "no crash" (a voter's number once overflowed a sum and killed the server): a
// body is read or refused as malformed; a vote the rules accept reads back from its stored text
// as the same vote, counts, and its tally is valid JSON counting every voter.
private let ballots: [FrozenBallot] = {
    let file = #"""
        {"id": "fuzz", "title": "Fuzz", "audience": {"identity": "open"}, "ballots": [
          {"id": "one", "question": "q", "method": "plurality", "writeIns": {"maxLength": 40},
           "options": [{"id": "a", "label": "A"}, {"id": "b", "label": "B"}]},
          {"id": "many", "question": "q", "method": "approval", "maxChoices": 2,
           "options": [{"id": "a", "label": "A"}, {"id": "b", "label": "B"}, {"id": "c", "label": "C"}]},
          {"id": "ranked", "question": "q", "method": "irv",
           "options": [{"id": "a", "label": "A"}, {"id": "b", "label": "B"}, {"id": "c", "label": "C"}]},
          {"id": "seats", "question": "q", "method": "stv", "seats": 2,
           "options": [{"id": "a", "label": "A"}, {"id": "b", "label": "B"}, {"id": "c", "label": "C"}]},
          {"id": "rated", "question": "q", "method": "score", "maxScore": 5,
           "options": [{"id": "a", "label": "A"}, {"id": "b", "label": "B"}]},
          {"id": "forum", "question": "q", "method": "cumulative", "budget": 10, "writeIns": {},
           "options": [{"id": "a", "label": "A"}, {"id": "b", "label": "B"}]}
        ]}
        """#
    let campaign = CampaignLoader.decode(Array(file.utf8), file: "fuzz.json").campaign!
    return campaign.ballots.map { ballot in
        var rules = FrozenBallot(ballot: ballot, campaign: campaign, options: FrozenBallot.options(of: ballot))
        if ballot.id == "forum" { rules.options.append(.init(id: "idea-1", label: "An idea")) }
        return rules
    }
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzVote(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let vote: Vote
    do {
        vote = try VoteBody(bytes).vote
    } catch {
        precondition(error.type == .malformedBody, "a body refused as \(error.type)")
        return 0
    }
    for rules in ballots {
        guard let checked = try? VoteRules.check(vote, against: rules) else { continue }
        precondition(Vote(text: checked.text) == checked, "\(checked) does not read back from \(checked.text)")
        guard let count = try? BallotCount.count(rules, votes: [(checked.text, 3), ("c:a", 1), (checked.text, 2)])
        else { continue }
        precondition(count.votes == 6, "voters lost or added: \(count.votes)")
        let json = count.tally.json()
        precondition(
            (try? JSONSerialization.jsonObject(with: Data(json.utf8))) != nil, "the tally is not JSON: \(json)")
    }
    return 0
}
