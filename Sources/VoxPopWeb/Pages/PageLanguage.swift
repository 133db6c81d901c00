import Foundation
import VoxPopCampaigns
import VoxPopEngine

/// The languages the pages speak: their own words exist in each, and a campaign's texts are
/// shown in the one picked when the file has it.
enum PageLanguage: String, CaseIterable, Sendable {
    case en, sv, nb, da

    /// `?lang=` first, then the browser's `Accept-Language` in its order, then English.
    /// Norwegian arrives as `nb`, `no` or `nn`.
    static func pick(query: String?, acceptLanguage: String?) -> PageLanguage {
        if let query, let language = parse(query) { return language }
        for part in (acceptLanguage ?? "").split(separator: ",") {
            let tag = part.split(separator: ";")[0].trimmingCharacters(in: .whitespaces)
            if let language = parse(tag) { return language }
        }
        return .en
    }

    private static func parse(_ tag: some StringProtocol) -> PageLanguage? {
        switch tag.lowercased().prefix(2) {
        case "en": .en
        case "sv": .sv
        case "nb", "no", "nn": .nb
        case "da": .da
        default: nil
        }
    }

    /// The tags to look for in a campaign's texts, best first.
    var campaignTags: [String] {
        switch self {
        case .nb: ["nb", "no", "nn", "en"]
        default: [rawValue, "en"]
        }
    }

    func text(_ text: LocalizedText) -> String { text.text(preferring: campaignTags) }

    func callAsFunction(_ word: PageWord) -> String {
        let texts = PageWord.texts[word]!
        return texts[PageLanguage.allCases.firstIndex(of: self)!]
    }
}

/// The pages' own words; `PageWord.texts` holds each in English, Swedish, Norwegian and Danish.
enum PageWord: Hashable, CaseIterable, Sendable {
    case vote, thanks, receipt, alreadyVoted, notOpen, opensLater, closed, notEligible, invalid, tryAgain
    case chooseOne, chooseUpTo, chooseAny, rankHint, rankNone, moveUp, moveDown, scoreHint, pointsHint
    case writeIn, inviteCode, tokenMissing, results, liveResults, back, noBallots, watch, see, votes, language
    case busy
    case suggestIdea, suggest, ideaWaits, ideaPublic, ideaExists, tooManyIdeas, underReview, planned, done, declined

    static let texts: [PageWord: [String]] = [
        .vote: ["Vote", "Rösta", "Stem", "Stem"],
        .thanks: [
            "Thank you! Your vote is counted.", "Tack! Din röst är räknad.", "Takk! Stemmen din er telt.",
            "Tak! Din stemme er talt med.",
        ],
        .receipt: [
            "Your receipt (keep it to check your vote later)", "Ditt kvitto (spara det för att kontrollera din röst)",
            "Kvitteringen din (ta vare på den for å sjekke stemmen senere)",
            "Din kvittering (gem den, så du kan tjekke din stemme senere)",
        ],
        .alreadyVoted: [
            "You have voted on this already; your first vote stands.",
            "Du har redan röstat här; din första röst gäller.",
            "Du har allerede stemt her; den første stemmen gjelder.",
            "Du har allerede stemt her; din første stemme gælder.",
        ],
        .notOpen: [
            "This ballot is not open.", "Omröstningen är inte öppen.", "Avstemningen er ikke åpen.",
            "Afstemningen er ikke åben.",
        ],
        .opensLater: ["Opens", "Öppnar", "Åpner", "Åbner"],
        .closed: ["Closed", "Stängd", "Stengt", "Lukket"],
        .notEligible: [
            "You cannot vote here:", "Du kan inte rösta här:", "Du kan ikke stemme her:", "Du kan ikke stemme her:",
        ],
        .invalid: [
            "This vote cannot be taken:", "Rösten kan inte tas emot:", "Stemmen kan ikke tas imot:",
            "Stemmen kan ikke modtages:",
        ],
        .tryAgain: ["Try again", "Försök igen", "Prøv igjen", "Prøv igen"],
        .chooseOne: ["Choose one.", "Välj ett alternativ.", "Velg ett alternativ.", "Vælg én mulighed."],
        .chooseUpTo: ["Choose up to %d.", "Välj upp till %d.", "Velg opptil %d.", "Vælg op til %d."],
        .chooseAny: [
            "Choose as many as you like.", "Välj så många du vill.", "Velg så mange du vil.",
            "Vælg så mange, du vil.",
        ],
        .rankHint: [
            "Rank the options: 1 is your favourite. Leave out any you do not want to rank (at most %d).",
            "Rangordna alternativen: 1 är din favorit. Hoppa över dem du inte vill rangordna (högst %d).",
            "Ranger alternativene: 1 er favoritten din. Hopp over dem du ikke vil rangere (høyst %d).",
            "Rangér mulighederne: 1 er din favorit. Spring dem over, du ikke vil rangere (højst %d).",
        ],
        .rankNone: ["not ranked", "ej rangordnad", "ikke rangert", "ikke rangeret"],
        .moveUp: ["Move up", "Flytta upp", "Flytt opp", "Flyt op"],
        .moveDown: ["Move down", "Flytta ned", "Flytt ned", "Flyt ned"],
        .scoreHint: [
            "Rate each option from 0 to %d.", "Betygsätt varje alternativ från 0 till %d.",
            "Gi hvert alternativ en karakter fra 0 til %d.", "Giv hver mulighed en karakter fra 0 til %d.",
        ],
        .pointsHint: [
            "Spread up to %d points over the options.", "Fördela upp till %d poäng på alternativen.",
            "Fordel opptil %d poeng på alternativene.", "Fordel op til %d point på mulighederne.",
        ],
        .writeIn: [
            "Or write your own", "Eller skriv ett eget förslag", "Eller skriv ditt eget forslag",
            "Eller skriv dit eget forslag",
        ],
        .inviteCode: ["Your invite code", "Din inbjudningskod", "Invitasjonskoden din", "Din invitationskode"],
        .tokenMissing: [
            "Open this page from the link you were sent to vote.",
            "Öppna sidan från länken du fick för att rösta.", "Åpne siden fra lenken du fikk for å stemme.",
            "Åbn siden fra det link, du har fået, for at stemme.",
        ],
        .results: ["Results", "Resultat", "Resultater", "Resultater"],
        .liveResults: ["Live results", "Resultat just nu", "Resultater nå", "Resultater lige nu"],
        .back: [
            "Back to the vote", "Tillbaka till omröstningen", "Tilbake til avstemningen", "Tilbage til afstemningen",
        ],
        .noBallots: [
            "Nothing to vote on right now.", "Inget att rösta om just nu.", "Ingenting å stemme over nå.",
            "Intet at stemme om lige nu.",
        ],
        .watch: ["Watch the video", "Se videon", "Se videoen", "Se videoen"],
        .see: ["See the picture", "Se bilden", "Se bildet", "Se billedet"],
        .votes: ["votes", "röster", "stemmer", "stemmer"],
        .language: ["Language", "Språk", "Språk", "Sprog"],
        .busy: [
            "Too many votes at once; wait a moment and try again.",
            "För många röster på en gång; vänta en stund och försök igen.",
            "For mange stemmer på en gang; vent litt og prøv igjen.",
            "For mange stemmer på én gang; vent lidt og prøv igen.",
        ],
        .suggestIdea: [
            "Suggest a new idea", "Föreslå en ny idé", "Foreslå en ny idé", "Foreslå en ny idé",
        ],
        .suggest: ["Suggest", "Föreslå", "Foreslå", "Foreslå"],
        .ideaWaits: [
            "Thank you! Your idea is shown once a moderator has read it.",
            "Tack! Din idé visas när en moderator har läst den.",
            "Takk! Idéen din vises når en moderator har lest den.",
            "Tak! Din idé vises, når en moderator har læst den.",
        ],
        .ideaPublic: [
            "Thank you! Your idea is up for votes now.", "Tack! Din idé går att rösta på nu.",
            "Takk! Nå kan alle stemme på idéen din.", "Tak! Nu kan alle stemme på din idé.",
        ],
        .ideaExists: [
            "That idea is here already:", "Den idén finns redan:", "Den idéen finnes allerede:",
            "Den idé findes allerede:",
        ],
        .tooManyIdeas: [
            "You have suggested as many ideas as one voter may.",
            "Du har föreslagit så många idéer som en röstande får.",
            "Du har foreslått så mange idéer som én velger kan.",
            "Du har foreslået så mange idéer, som én vælger må.",
        ],
        .underReview: ["under review", "granskas", "vurderes", "vurderes"],
        .planned: ["planned", "planerad", "planlagt", "planlagt"],
        .declined: ["declined", "avböjd", "avvist", "afvist"],
        .done: ["done", "klar", "ferdig", "færdig"],
    ]
}
