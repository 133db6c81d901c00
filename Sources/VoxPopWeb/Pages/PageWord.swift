/// The pages' own words; `PageWord.texts` holds each in English, Swedish, Norwegian and Danish.
///
/// A word with `%d` is filled by `String(format:)`, one with `{1}`, `{2}` by `PageLanguage.fill`.
/// Refusals say what happened and what to do, and name options by their label.
enum PageWord: Hashable, CaseIterable, Sendable {
    case vote, thanks, receipt, alreadyVoted, notOpen, opensLater, opensWhenConfirmed, closed, tryAgain
    case chooseOne, chooseUpTo, chooseAny, rankHint, moveUp, moveDown, scoreHint, pointsHint
    case writeIn, yourAnswer, inviteCode, tokenMissing, results, liveResults, back, noBallots, language
    case busy
    case suggestIdea, suggest, ideaWaits, ideaPublic, ideaExists, ideaExistsWaiting, ideaExistsNotTaken
    case ideaExistsDeclined, tooManyIdeas, underReview, planned, done, declined
    // Ranking with the script.
    case rankAdd, remove, yourRanking, youRanked, nothingRanked, rankFirst, rankFull, rankedAs, unranked, close
    // Points.
    case pointsLeft, overspent, pointsSoFar, currentVote, mergedInto, organisersReply
    // The idea forum to a visitor.
    case openLinkToVote, sortBy, sortPoints, sortNewest
    // Receipts.
    case checkReceipt, receiptField, receiptHelp, check, receiptCounted, receiptReplaced, receiptUnknown
    case receiptInDigest, receiptNotYet
    // Refusals.
    case noSuchPage, resultsLater, inviteMissing, inviteWrong, linkInvalid, notReady, serverTrouble
    case formUnreadable, ruleBroken, optionGone, optionGoneNamed, pickOne, pickOrWrite, pickOnlyOne
    case tooManyChoices, rankNumber, sharedRank, tooManyRanked, pointsNumber, ratingRange, givePoints
    case writeInLong, writeInPlain, ideasClosed, fromAnotherSite, ideaShut, writeFirst

    static let texts: [PageWord: [String]] = basics.merging(refusals) { first, _ in first }

    private static let basics: [PageWord: [String]] = [
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
            "This ballot is not open for votes now.", "Omröstningen är inte öppen för röster nu.",
            "Avstemningen er ikke åpen for stemmer nå.", "Afstemningen er ikke åben for stemmer nu.",
        ],
        .opensLater: ["Opens", "Öppnar", "Åpner", "Åbner"],
        .opensWhenConfirmed: [
            "Opens once the organisers have confirmed the options.",
            "Öppnar när arrangörerna har bekräftat alternativen.",
            "Åpner når arrangørene har bekreftet alternativene.",
            "Åbner, når arrangørerne har bekræftet mulighederne.",
        ],
        .closed: ["Closed", "Stängd", "Stengt", "Lukket"],
        .tryAgain: ["Try again", "Försök igen", "Prøv igjen", "Prøv igen"],
        .chooseOne: ["Choose one.", "Välj ett alternativ.", "Velg ett alternativ.", "Vælg én mulighed."],
        .chooseUpTo: ["Choose up to %d.", "Välj upp till %d.", "Velg opptil %d.", "Vælg op til %d."],
        .chooseAny: [
            "Choose as many as you like.", "Välj så många du vill.", "Velg så mange du vil.",
            "Vælg så mange, du vil.",
        ],
        .rankHint: [
            "Rank the options you want: 1 is your favourite. Leave out any you do not want to rank (at most %d).",
            "Rangordna de alternativ du vill: 1 är din favorit. Hoppa över dem du inte vill rangordna (högst %d).",
            "Ranger alternativene du vil: 1 er favoritten din. Hopp over dem du ikke vil rangere (høyst %d).",
            "Rangér de muligheder, du vil: 1 er din favorit. Spring dem over, du ikke vil rangere (højst %d).",
        ],
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
        .yourAnswer: ["Your answer", "Ditt svar", "Svaret ditt", "Dit svar"],
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
            "That idea is here already: “{1}”. Give it your points instead.",
            "Den idén finns redan: ”{1}”. Ge den dina poäng i stället.",
            "Den idéen finnes allerede: «{1}». Gi den poengene dine i stedet.",
            "Den idé findes allerede: »{1}«. Giv den dine point i stedet.",
        ],
        .ideaExistsWaiting: [
            "That idea has been suggested already and waits for a moderator.",
            "Den idén har redan föreslagits och väntar på en moderator.",
            "Den idéen er allerede foreslått og venter på en moderator.",
            "Den idé er allerede foreslået og venter på en moderator.",
        ],
        .ideaExistsNotTaken: [
            "That idea has been suggested before and was not taken up.",
            "Den idén har föreslagits förut och togs inte med.",
            "Den idéen er foreslått før og ble ikke tatt med.",
            "Den idé er foreslået før og blev ikke taget med.",
        ],
        .ideaExistsDeclined: [
            "That idea is here already: “{1}”, and the organisers have declined it.",
            "Den idén finns redan: ”{1}”, och arrangörerna har avböjt den.",
            "Den idéen finnes allerede: «{1}», og arrangørene har avslått den.",
            "Den idé findes allerede: »{1}«, og arrangørerne har afvist den.",
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
        .rankAdd: ["Rank", "Rangordna", "Ranger", "Rangér"],
        .remove: ["Remove", "Ta bort", "Fjern", "Fjern"],
        .yourRanking: ["Your ranking", "Din rangordning", "Din rangering", "Din rangering"],
        .youRanked: ["You ranked:", "Du rangordnade:", "Du rangerte:", "Du rangerede:"],
        .nothingRanked: [
            "Nothing ranked yet: press Rank on the options you want, your favourite first.",
            "Inget rangordnat än: tryck Rangordna på de alternativ du vill ha, din favorit först.",
            "Ingenting rangert ennå: trykk Ranger på alternativene du vil ha, favoritten din først.",
            "Intet rangeret endnu: tryk Rangér på de muligheder, du vil have, din favorit først.",
        ],
        .rankFirst: [
            "Rank at least one option before you send.", "Rangordna minst ett alternativ innan du skickar.",
            "Ranger minst ett alternativ før du sender.", "Rangér mindst én mulighed, før du sender.",
        ],
        .rankFull: [
            "You can rank at most {1}.", "Du kan rangordna högst {1}.", "Du kan rangere høyst {1}.",
            "Du kan højst rangere {1}.",
        ],
        .rankedAs: ["{1}: number {2}", "{1}: nummer {2}", "{1}: nummer {2}", "{1}: nummer {2}"],
        .unranked: [
            "{1}: removed from your ranking", "{1}: borttagen ur din rangordning", "{1}: fjernet fra rangeringen din",
            "{1}: fjernet fra din rangering",
        ],
        .close: ["Close", "Stäng", "Lukk", "Luk"],
        .pointsLeft: [
            "{1} of {2} points left", "{1} av {2} poäng kvar", "{1} av {2} poeng igjen", "{1} af {2} point tilbage",
        ],
        .overspent: [
            "You have given {1} points but have only {2}. Take some away before you send.",
            "Du har gett {1} poäng men har bara {2}. Ta bort några innan du skickar.",
            "Du har gitt {1} poeng, men har bare {2}. Ta bort noen før du sender.",
            "Du har givet {1} point, men har kun {2}. Fjern nogle, før du sender.",
        ],
        .pointsSoFar: ["Points: {1}", "Poäng: {1}", "Poeng: {1}", "Point: {1}"],
        .mergedInto: [
            "Merged into “{1}”: give your points there.", "Sammanslagen med ”{1}”: ge dina poäng där.",
            "Slått sammen med «{1}»: gi poengene dine der.", "Lagt sammen med »{1}«: giv dine point der.",
        ],
        .organisersReply: [
            "The organisers reply:", "Arrangörerna svarar:", "Arrangørene svarer:", "Arrangørerne svarer:",
        ],
        .currentVote: [
            "Your vote is filled in below. Change it and send to replace it.",
            "Din röst är ifylld nedan. Ändra den och skicka för att ersätta den.",
            "Stemmen din er fylt ut nedenfor. Endre den og send for å erstatte den.",
            "Din stemme er udfyldt nedenfor. Ret den, og send for at erstatte den.",
        ],
        .openLinkToVote: [
            "Open your voter link to vote and to suggest ideas.",
            "Öppna din röstlänk för att rösta och föreslå idéer.",
            "Åpne stemmelenken din for å stemme og foreslå idéer.",
            "Åbn dit stemmelink for at stemme og foreslå idéer.",
        ],
        .sortBy: ["Sort:", "Sortera:", "Sorter:", "Sortér:"],
        .sortPoints: ["Most points", "Flest poäng", "Flest poeng", "Flest point"],
        .sortNewest: ["Newest", "Nyast", "Nyeste", "Nyeste"],
        .checkReceipt: ["Check a receipt", "Kontrollera ett kvitto", "Sjekk en kvittering", "Tjek en kvittering"],
        .receiptField: ["Your receipt", "Ditt kvitto", "Kvitteringen din", "Din kvittering"],
        .receiptHelp: [
            "Paste the receipt you got when you voted. You learn whether your vote is counted; nothing of what you voted is shown.",
            "Klistra in kvittot du fick när du röstade. Du får veta om din röst räknas; inget av det du röstade visas.",
            "Lim inn kvitteringen du fikk da du stemte. Du får vite om stemmen din telles; ingenting av det du stemte vises.",
            "Indsæt den kvittering, du fik, da du stemte. Du får at vide, om din stemme tælles; intet af det, du stemte, vises.",
        ],
        .check: ["Check", "Kontrollera", "Sjekk", "Tjek"],
        .receiptCounted: [
            "Counted: the vote behind this receipt counts in “{1}”.",
            "Räknad: rösten bakom kvittot räknas i ”{1}”.",
            "Telt: stemmen bak kvitteringen telles i «{1}».",
            "Talt med: stemmen bag kvitteringen tælles i »{1}«.",
        ],
        .receiptReplaced: [
            "Replaced: this vote in “{1}” was replaced by a later vote of yours, and that later vote is the one that counts.",
            "Ersatt: rösten i ”{1}” ersattes av en senare röst från dig, och det är den senare som räknas.",
            "Erstattet: stemmen i «{1}» ble erstattet av en senere stemme fra deg, og det er den senere som telles.",
            "Erstattet: stemmen i »{1}« blev erstattet af en senere stemme fra dig, og det er den senere, der tælles.",
        ],
        .receiptUnknown: [
            "Unknown: no vote in this campaign has this receipt. Check that you pasted all of it.",
            "Okänt: ingen röst i den här kampanjen har det kvittot. Kontrollera att du klistrade in hela.",
            "Ukjent: ingen stemme i denne kampanjen har denne kvitteringen. Sjekk at du limte inn hele.",
            "Ukendt: ingen stemme i denne kampagne har denne kvittering. Tjek, at du har indsat det hele.",
        ],
        .receiptInDigest: [
            "The results are published, and this vote is inside their audit digest: {1}",
            "Resultatet är publicerat, och rösten ingår i dess granskningssumma: {1}",
            "Resultatet er publisert, og stemmen inngår i revisjonssummen: {1}",
            "Resultatet er offentliggjort, og stemmen indgår i revisionssummen: {1}",
        ],
        .receiptNotYet: [
            "Once the results are published, this page also shows that the vote is inside their audit digest.",
            "När resultatet har publicerats visar sidan också att rösten ingår i dess granskningssumma.",
            "Når resultatet er publisert, viser siden også at stemmen inngår i revisjonssummen.",
            "Når resultatet er offentliggjort, viser siden også, at stemmen indgår i revisionssummen.",
        ],
    ]
}
