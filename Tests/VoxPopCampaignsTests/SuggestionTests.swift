import Testing

@testable import VoxPopCampaigns

@Suite struct SuggestionTests {
    @Test func findsTyposButNotStrangers() {
        #expect(Suggestion.closest(to: "clozes", among: ["opens", "closes"]) == "closes")
        #expect(Suggestion.closest(to: "maxchoices", among: ["maxChoices", "seats"]) == "maxChoices")
        #expect(Suggestion.closest(to: "shculze", among: ["schulze", "score"]) == "schulze")  // a swap is one edit
        #expect(Suggestion.closest(to: "colourScheme", among: ["closes", "options"]) == nil)
    }
}
