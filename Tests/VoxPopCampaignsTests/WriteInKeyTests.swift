import Testing
import VoxPopCampaigns

@Suite struct WriteInKeyTests {
    @Test(arguments: [
        ["Göteborg", "goteborg ", "GÖTEBORG", "  Göteborg!", "Go\u{308}teborg"],  // the last is a decomposed ö
        ["New York", "new york", "New-York", "NEW  YORK.", "Ｎｅｗ Ｙｏｒｋ"],  // full-width letters
        ["São Paulo", "sao paulo", "SAO PAULO"],
        // Characters that are not drawn: soft hyphen, zero-width space, joiner and non-joiner,
        // word joiner, byte order mark, left-to-right and Arabic letter marks, Hangul filler.
        [
            "Göteborg", "Göte\u{AD}borg", "Göte\u{200B}borg", "G\u{200D}öteborg", "Göteb\u{200C}org",
            "Göteborg\u{2060}", "\u{FEFF}Göteborg", "\u{200E}Göteborg\u{200F}", "Göte\u{61C}borg",
            "Göte\u{3164}borg",
        ],
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
