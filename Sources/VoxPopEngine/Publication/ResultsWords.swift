import VoxPopCounting

/// Every word of a results page, in one language. A struct, not a table: a word missing in one
/// language does not compile. `%@` marks where a figure or a name goes (`fill`).
struct ResultsWords: Sendable {
    /// A noun with its number: `one` for exactly 1, `other` for everything else (the rule of all
    /// four languages), each with `%@` where the figure goes.
    struct Noun: Sendable {
        var one: String
        var other: String
    }

    var name: String
    var language: String
    var results: String
    var liveResults: String
    var liveNote: String
    var winner: String
    var elected: String
    var seat: Noun
    var final: String
    var leading: String
    var topSoFar: String
    /// A shortlist that feeds no final: the top N.
    var top: String
    var noVotes: String
    var voters: Noun
    var vote: Noun
    var point: Noun
    var win: Noun
    var votesHeader: String
    var pointsHeader: String
    var winsHeader: String
    var votesPerOption: String
    var pointsPerOption: String
    var winsPerOption: String
    var chartLabel: String
    var chartPart: String
    var firstPreferences: String
    var finalRound: String
    var option: String
    var share: String
    var allOptions: String
    var chartFigures: String
    var rounds: String
    var round: String
    var roundsCaption: String
    var ballot: Noun
    var unchanged: String
    var phoneNote: String
    var out: String
    var outInRound: String
    var surplus: String
    var electedIn: Noun
    var wins: String
    var inactive: String
    var lost: String
    var total: String
    var check: String
    var digest: String
    var seed: String
    var lot: String
    var otherLots: String
    /// Options withdrawn before the count; `%@` is their names.
    var withdrawn: String
    /// The heading of the operators' actions on the ballot, and the note when older ones are
    /// left out (`%@`: how many).
    var actions: String
    var earlierActions: String
    var and: String
    var plurality: String
    var approval: String
    var borda: String
    var score: String
    var cumulative: String
    var irv: String
    var stv: String
    var pairwise: String
    var rankedPairs: String

    /// The sentence that says how `method` counted.
    func method(_ method: CountingMethod) -> String {
        switch method {
        case .plurality: plurality
        case .approval: approval
        case .borda: borda
        case .score: score
        case .cumulative: cumulative
        case .irv: irv
        case .stv: stv
        case .schulze: fill(pairwise, "Schulze")
        case .rankedPairs: fill(pairwise, rankedPairs)
        case .copeland: fill(pairwise, "Copeland")
        }
    }

    static let english = ResultsWords(
        name: "English", language: "Language", results: "Results", liveResults: "Live results",
        liveNote: "The votes so far: the result is final when voting closes.", winner: "Winner",
        elected: "Elected (%@)", seat: Noun(one: "%@ seat", other: "%@ seats"), final: "Going on to the final",
        leading: "In the lead", topSoFar: "The top %@ so far", top: "The top %@",
        noVotes: "No votes have been counted yet.",
        voters: Noun(one: "%@ person has voted.", other: "%@ people have voted."),
        vote: Noun(one: "%@ vote", other: "%@ votes"), point: Noun(one: "%@ point", other: "%@ points"),
        win: Noun(one: "%@ win", other: "%@ wins"), votesHeader: "Votes", pointsHeader: "Points",
        winsHeader: "Wins", votesPerOption: "Votes per option", pointsPerOption: "Points per option",
        winsPerOption: "Wins per option", chartLabel: "Bar chart; the same figures are in the table below.",
        chartPart: "The chart shows the first %@ of %@ options; the table below has them all.",
        firstPreferences: "First preferences", finalRound: "Final round", option: "Option", share: "Share",
        allOptions: "Every option, best first", chartFigures: "The figures of the chart", rounds: "Round by round",
        round: "Round %@", roundsCaption: "Votes at the end of each round; each round adds up to the %@ counted.",
        ballot: Noun(one: "%@ ballot", other: "%@ ballots"),
        unchanged: "An empty cell means no change from the round before.",
        phoneNote: "On a narrow screen only the rounds that changed something are shown.", out: "%@ is out",
        outInRound: "out in round %@",
        surplus: "The surplus of %@ passes on", electedIn: Noun(one: "%@ elected", other: "%@ elected"),
        wins: "%@ wins", inactive: "Inactive: blank or no choice left", lost: "Lost to rounding", total: "Total",
        check: "Check the count", digest: "Audit digest (a SHA-256 chain over every accepted vote):",
        seed: "Ties are broken by a lot fixed before the count, from the seed",
        lot: "A tie between %@ was decided by the lot, in that order.",
        otherLots: "The lot also ordered other tied options; the published tally lists every tie it decided.",
        withdrawn: "Withdrawn before the count, and counted as if they had never stood: %@.",
        actions: "What was done to this ballot, oldest first (times in UTC)",
        earlierActions: "%@ earlier actions are in the operators' log.",
        and: "and", plurality: "Each voter chose one option; the most votes wins.",
        approval: "Each voter chose every option they liked; the most votes wins.",
        borda: "Ranked ballots counted by the Borda count: the higher an option is ranked, the more points it gets.",
        score: "Each voter rated the options; the highest total wins.",
        cumulative: "Each voter spread their points over the options; the most points wins.",
        irv:
            "Ranked ballots counted by instant runoff: each round the option with the fewest votes is out and its ballots go to their next choice, until one option has more than half.",
        stv:
            "Ranked ballots counted by the single transferable vote: an option with %@ (the quota) is elected; votes it does not need, and the votes of options that are out, go to their next choice.",
        pairwise: "Ranked ballots compared option against option (%@); the figures are each option's wins.",
        rankedPairs: "ranked pairs")

    static let swedish = ResultsWords(
        name: "Svenska", language: "Språk", results: "Resultat", liveResults: "Resultat just nu",
        liveNote: "Rösterna hittills: resultatet är slutgiltigt när omröstningen stänger.", winner: "Vinnare",
        elected: "Valda (%@)", seat: Noun(one: "%@ plats", other: "%@ platser"), final: "Går vidare till finalen",
        leading: "Leder", topSoFar: "Topp %@ hittills", top: "Topp %@", noVotes: "Inga röster har räknats ännu.",
        voters: Noun(one: "%@ person har röstat.", other: "%@ personer har röstat."),
        vote: Noun(one: "%@ röst", other: "%@ röster"), point: Noun(one: "%@ poäng", other: "%@ poäng"),
        win: Noun(one: "%@ vinst", other: "%@ vinster"), votesHeader: "Röster", pointsHeader: "Poäng",
        winsHeader: "Vinster", votesPerOption: "Röster per alternativ", pointsPerOption: "Poäng per alternativ",
        winsPerOption: "Vinster per alternativ", chartLabel: "Stapeldiagram; samma siffror finns i tabellen nedan.",
        chartPart: "Diagrammet visar de %@ första av %@ alternativ; tabellen nedan har alla.",
        firstPreferences: "Förstahandsröster", finalRound: "Sista omgången", option: "Alternativ", share: "Andel",
        allOptions: "Alla alternativ, bäst först", chartFigures: "Diagrammets siffror", rounds: "Omgång för omgång",
        round: "Omgång %@",
        roundsCaption: "Röster i slutet av varje omgång; varje omgång summerar till de %@ som räknades.",
        ballot: Noun(one: "%@ röstsedel", other: "%@ röstsedlar"),
        unchanged: "En tom ruta betyder ingen ändring sedan förra omgången.",
        phoneNote: "På en smal skärm visas bara de omgångar som ändrade något.", out: "%@ slås ut",
        outInRound: "utslagen i omgång %@",
        surplus: "Överskottet från %@ förs vidare", electedIn: Noun(one: "%@ vald", other: "%@ valda"),
        wins: "%@ vinner", inactive: "Inaktiva: blanka eller inget val kvar", lost: "Förlorat vid avrundning",
        total: "Totalt", check: "Granska räkningen",
        digest: "Granskningssumma (en SHA-256-kedja över varje mottagen röst):",
        seed: "Lika röstetal avgörs av en lottning som bestämdes före räkningen, med startvärdet",
        lot: "Lika röstetal mellan %@ avgjordes genom lottning, i den ordningen.",
        otherLots:
            "Lottningen ordnade också andra alternativ med lika röstetal; den publicerade räkningen listar varje sådant fall.",
        withdrawn: "Drogs tillbaka före räkningen och räknades som om de aldrig ställt upp: %@.",
        actions: "Det som gjordes med omröstningen, äldst först (tider i UTC)",
        earlierActions: "%@ tidigare åtgärder finns i operatörernas logg.",
        and: "och", plurality: "Varje röstande valde ett alternativ; flest röster vinner.",
        approval: "Varje röstande valde de alternativ den gillade; flest röster vinner.",
        borda:
            "Rangordnade röster räknade med Bordametoden: ju högre ett alternativ rangordnas, desto fler poäng får det.",
        score: "Varje röstande betygsatte alternativen; högst summa vinner.",
        cumulative: "Varje röstande fördelade sina poäng på alternativen; flest poäng vinner.",
        irv:
            "Rangordnade röster räknade med alternativröstning: i varje omgång slås alternativet med minst röster ut och dess röster går till nästa val, tills ett alternativ har mer än hälften.",
        stv:
            "Rangordnade röster räknade med enkel överförbar röst: ett alternativ med %@ (kvoten) är valt; röster det inte behöver, och röster på utslagna alternativ, går vidare till nästa val.",
        pairwise: "Rangordnade röster jämförda alternativ mot alternativ (%@); siffrorna är varje alternativs vinster.",
        rankedPairs: "rangordnade par")

    static let norwegian = ResultsWords(
        name: "Norsk", language: "Språk", results: "Resultater", liveResults: "Resultater nå",
        liveNote: "Stemmene så langt: resultatet er endelig når avstemningen stenger.", winner: "Vinner",
        elected: "Valgt (%@)", seat: Noun(one: "%@ plass", other: "%@ plasser"), final: "Går videre til finalen",
        leading: "Leder", topSoFar: "Topp %@ så langt", top: "Topp %@", noVotes: "Ingen stemmer er telt ennå.",
        voters: Noun(one: "%@ person har stemt.", other: "%@ personer har stemt."),
        vote: Noun(one: "%@ stemme", other: "%@ stemmer"), point: Noun(one: "%@ poeng", other: "%@ poeng"),
        win: Noun(one: "%@ seier", other: "%@ seire"), votesHeader: "Stemmer", pointsHeader: "Poeng",
        winsHeader: "Seire", votesPerOption: "Stemmer per alternativ", pointsPerOption: "Poeng per alternativ",
        winsPerOption: "Seire per alternativ", chartLabel: "Stolpediagram; de samme tallene står i tabellen nedenfor.",
        chartPart: "Diagrammet viser de %@ første av %@ alternativer; tabellen nedenfor har alle.",
        firstPreferences: "Førstevalg", finalRound: "Siste runde", option: "Alternativ", share: "Andel",
        allOptions: "Alle alternativer, best først", chartFigures: "Tallene i diagrammet", rounds: "Runde for runde",
        round: "Runde %@",
        roundsCaption: "Stemmer ved slutten av hver runde; hver runde summerer seg til de %@ som ble telt.",
        ballot: Noun(one: "%@ stemmeseddel", other: "%@ stemmesedler"),
        unchanged: "En tom rute betyr ingen endring siden forrige runde.",
        phoneNote: "På en smal skjerm vises bare rundene som endret noe.", out: "%@ faller ut",
        outInRound: "ute i runde %@",
        surplus: "Overskuddet fra %@ overføres", electedIn: Noun(one: "%@ valgt", other: "%@ valgt"),
        wins: "%@ vinner", inactive: "Inaktive: blanke eller uten flere valg", lost: "Tapt ved avrunding",
        total: "Totalt", check: "Kontroller opptellingen",
        digest: "Revisjonssum (en SHA-256-kjede over hver mottatt stemme):",
        seed: "Stemmelikhet avgjøres ved en loddtrekning fastsatt før opptellingen, med startverdien",
        lot: "Stemmelikhet mellom %@ ble avgjort ved loddtrekning, i den rekkefølgen.",
        otherLots:
            "Loddtrekningen ordnet også andre alternativer med like mange stemmer; den publiserte opptellingen viser hvert tilfelle.",
        withdrawn: "Trukket før opptellingen og telt som om de aldri hadde stilt: %@.",
        actions: "Det som ble gjort med avstemningen, eldst først (tider i UTC)",
        earlierActions: "%@ tidligere handlinger står i operatørenes logg.",
        and: "og", plurality: "Hver velger valgte ett alternativ; flest stemmer vinner.",
        approval: "Hver velger valgte alternativene de likte; flest stemmer vinner.",
        borda: "Rangerte stemmer telt med Borda-metoden: jo høyere et alternativ er rangert, jo flere poeng får det.",
        score: "Hver velger ga alternativene karakter; høyest sum vinner.",
        cumulative: "Hver velger fordelte poengene sine på alternativene; flest poeng vinner.",
        irv:
            "Rangerte stemmer telt med preferansevalg: i hver runde faller alternativet med færrest stemmer ut, og stemmene går videre til neste valg, til ett alternativ har mer enn halvparten.",
        stv:
            "Rangerte stemmer telt med enkelt overførbar stemme: et alternativ med %@ (kvoten) er valgt; stemmer det ikke trenger, og stemmer på alternativer som har falt ut, går videre til neste valg.",
        pairwise: "Rangerte stemmer sammenlignet alternativ mot alternativ (%@); tallene er hvert alternativs seire.",
        rankedPairs: "rangerte par")

    static let danish = ResultsWords(
        name: "Dansk", language: "Sprog", results: "Resultater", liveResults: "Resultater lige nu",
        liveNote: "Stemmerne indtil nu: resultatet er endeligt, når afstemningen lukker.", winner: "Vinder",
        elected: "Valgt (%@)", seat: Noun(one: "%@ plads", other: "%@ pladser"), final: "Går videre til finalen",
        leading: "Fører", topSoFar: "Top %@ indtil nu", top: "Top %@", noVotes: "Ingen stemmer er talt endnu.",
        voters: Noun(one: "%@ person har stemt.", other: "%@ personer har stemt."),
        vote: Noun(one: "%@ stemme", other: "%@ stemmer"), point: Noun(one: "%@ point", other: "%@ point"),
        win: Noun(one: "%@ sejr", other: "%@ sejre"), votesHeader: "Stemmer", pointsHeader: "Point",
        winsHeader: "Sejre", votesPerOption: "Stemmer pr. mulighed", pointsPerOption: "Point pr. mulighed",
        winsPerOption: "Sejre pr. mulighed", chartLabel: "Søjlediagram; de samme tal står i tabellen nedenfor.",
        chartPart: "Diagrammet viser de første %@ af %@ muligheder; tabellen nedenfor har dem alle.",
        firstPreferences: "Førstevalg", finalRound: "Sidste runde", option: "Mulighed", share: "Andel",
        allOptions: "Alle muligheder, bedst først", chartFigures: "Tallene i diagrammet", rounds: "Runde for runde",
        round: "Runde %@",
        roundsCaption: "Stemmer ved slutningen af hver runde; hver runde giver tilsammen de %@, der blev talt.",
        ballot: Noun(one: "%@ stemmeseddel", other: "%@ stemmesedler"),
        unchanged: "En tom celle betyder ingen ændring siden forrige runde.",
        phoneNote: "På en smal skærm vises kun de runder, der ændrede noget.", out: "%@ udgår",
        outInRound: "udgået i runde %@",
        surplus: "Overskuddet fra %@ overføres", electedIn: Noun(one: "%@ valgt", other: "%@ valgt"),
        wins: "%@ vinder", inactive: "Inaktive: blanke eller uden flere valg", lost: "Tabt ved afrunding",
        total: "I alt", check: "Kontrollér optællingen",
        digest: "Revisionssum (en SHA-256-kæde over hver modtaget stemme):",
        seed: "Stemmelighed afgøres ved en lodtrækning fastlagt før optællingen, med startværdien",
        lot: "Stemmelighed mellem %@ blev afgjort ved lodtrækning, i den rækkefølge.",
        otherLots:
            "Lodtrækningen ordnede også andre muligheder med lige mange stemmer; den offentliggjorte optælling viser hvert tilfælde.",
        withdrawn: "Trukket tilbage før optællingen og talt, som om de aldrig havde stillet op: %@.",
        actions: "Det, der blev gjort ved afstemningen, ældst først (tider i UTC)",
        earlierActions: "%@ tidligere handlinger står i operatørernes log.",
        and: "og", plurality: "Hver vælger valgte én mulighed; flest stemmer vinder.",
        approval: "Hver vælger valgte de muligheder, de kunne lide; flest stemmer vinder.",
        borda: "Rangerede stemmer talt med Borda-metoden: jo højere en mulighed er rangeret, jo flere point får den.",
        score: "Hver vælger gav mulighederne karakter; højeste sum vinder.",
        cumulative: "Hver vælger fordelte sine point på mulighederne; flest point vinder.",
        irv:
            "Rangerede stemmer talt med præferencevalg: i hver runde udgår muligheden med færrest stemmer, og dens stemmer går videre til næste valg, indtil én mulighed har mere end halvdelen.",
        stv:
            "Rangerede stemmer talt med enkeltoverførbar stemme: en mulighed med %@ (kvoten) er valgt; stemmer, den ikke har brug for, og stemmer på muligheder, der er udgået, går videre til næste valg.",
        pairwise: "Rangerede stemmer sammenlignet mulighed mod mulighed (%@); tallene er hver muligheds sejre.",
        rankedPairs: "rangerede par")
}
