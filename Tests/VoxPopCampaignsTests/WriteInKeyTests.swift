import Testing
import VoxPopCampaigns

@Suite struct WriteInKeyTests {
    @Test(arguments: [
        ["Göteborg", "goteborg ", "GÖTEBORG", "  Göteborg!", "Go\u{308}teborg"],  // the last is a decomposed ö
        ["New York", "new york", "New-York", "NEW  YORK.", "Ｎｅｗ Ｙｏｒｋ"],  // full-width letters
        ["São Paulo", "sao paulo", "SAO PAULO"],
    ])
    func spellingsOfOnePlaceAreOneOption(spellings: [String]) {
        let keys = Set(spellings.map(WriteInKey.init))
        #expect(keys.count == 1, "\(keys)")
    }

    @Test func differentPlacesStayDifferent() {
        #expect(WriteInKey("Malmö") != WriteInKey("Malaga"))
        #expect(WriteInKey("Paris") != WriteInKey("Paris 2"))
        #expect(WriteInKey("Oslo").description == "oslo")
    }

    @Test func onlyPunctuationLeavesNothing() {
        #expect(WriteInKey(" -- !? ").isEmpty)
        #expect(!WriteInKey("東京").isEmpty)
    }
}
