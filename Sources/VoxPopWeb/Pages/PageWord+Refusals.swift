extension PageWord {
    /// What a page says when something is refused: what happened and what to do.
    static let refusals: [PageWord: [String]] = [
        .noSuchPage: [
            "There is no such page. Check the address, or start from the link you were given.",
            "Sidan finns inte. Kontrollera adressen eller börja från länken du fick.",
            "Siden finnes ikke. Sjekk adressen, eller start fra lenken du fikk.",
            "Siden findes ikke. Tjek adressen, eller start fra det link, du har fået.",
        ],
        .ideaShut: [
            "“{1}” takes no more points: it was declined or merged into another idea. Give its points to another idea.",
            "”{1}” tar inte emot fler poäng: den har avböjts eller slagits ihop med en annan idé. Ge poängen till en annan idé.",
            "«{1}» tar ikke imot flere poeng: den er avslått eller slått sammen med en annen idé. Gi poengene til en annen idé.",
            "»{1}« tager ikke imod flere point: den er afvist eller lagt sammen med en anden idé. Giv pointene til en anden idé.",
        ],
        .fromAnotherSite: [
            "This form was sent from another website, so nothing was recorded. Open the campaign's own page and try there.",
            "Formuläret skickades från en annan webbplats, så inget sparades. Öppna kampanjens egen sida och försök där.",
            "Skjemaet ble sendt fra et annet nettsted, så ingenting ble lagret. Åpne kampanjens egen side og prøv der.",
            "Formularen blev sendt fra et andet websted, så intet blev gemt. Åbn kampagnens egen side, og prøv der.",
        ],
        .resultsLater: [
            "The results are shown here once they are published.", "Resultatet visas här när det har publicerats.",
            "Resultatet vises her når det er publisert.", "Resultatet vises her, når det er offentliggjort.",
        ],
        .inviteMissing: [
            "Type the invite code you were sent, then send again.", "Skriv inbjudningskoden du fick och skicka igen.",
            "Skriv invitasjonskoden du fikk, og send igjen.", "Skriv den invitationskode, du har fået, og send igen.",
        ],
        .inviteWrong: [
            "This invite code is not one for this vote. Compare it with the code you were sent and type it again; if it is right, the organiser may have withdrawn it: ask them.",
            "Inbjudningskoden gäller inte den här omröstningen. Jämför med koden du fick och skriv den igen; stämmer den kan arrangören ha dragit tillbaka den: fråga dem.",
            "Invitasjonskoden gjelder ikke denne avstemningen. Sammenlign med koden du fikk, og skriv den igjen; stemmer den, kan arrangøren ha trukket den tilbake: spør dem.",
            "Invitationskoden gælder ikke denne afstemning. Sammenlign med den kode, du har fået, og skriv den igen; passer den, kan arrangøren have trukket den tilbage: spørg dem.",
        ],
        .linkInvalid: [
            "Your voting link is not valid or has expired. Open the latest link you were sent.",
            "Din röstlänk är ogiltig eller har gått ut. Öppna den senaste länken du fick.",
            "Stemmelenken din er ugyldig eller utløpt. Åpne den siste lenken du fikk.",
            "Dit stemmelink er ugyldigt eller udløbet. Åbn det seneste link, du har fået.",
        ],
        .notReady: [
            "Voting is not ready yet. Try again later.", "Röstningen är inte redo än. Försök igen senare.",
            "Avstemningen er ikke klar ennå. Prøv igjen senere.", "Afstemningen er ikke klar endnu. Prøv igen senere.",
        ],
        .serverTrouble: [
            "Something went wrong on our side, and nothing was taken. Try again in a moment.",
            "Något gick fel hos oss, och inget togs emot. Försök igen om en stund.",
            "Noe gikk galt hos oss, og ingenting ble tatt imot. Prøv igjen om litt.",
            "Noget gik galt hos os, og intet blev modtaget. Prøv igen om lidt.",
        ],
        .formUnreadable: [
            "The form could not be read. Reload the page and try again.",
            "Formuläret kunde inte läsas. Ladda om sidan och försök igen.",
            "Skjemaet kunne ikke leses. Last inn siden på nytt og prøv igjen.",
            "Formularen kunne ikke læses. Genindlæs siden, og prøv igen.",
        ],
        .ruleBroken: [
            "This vote breaks the ballot's rules. Check your choices and send again.",
            "Rösten bryter mot omröstningens regler. Kontrollera dina val och skicka igen.",
            "Stemmen bryter avstemningens regler. Sjekk valgene dine og send igjen.",
            "Stemmen bryder afstemningens regler. Tjek dine valg, og send igen.",
        ],
        .optionGone: [
            "An option you chose is no longer on this ballot. Reload the page and choose again.",
            "Ett alternativ du valde finns inte längre med. Ladda om sidan och välj igen.",
            "Et alternativ du valgte, er ikke lenger med. Last inn siden på nytt og velg igjen.",
            "En mulighed, du valgte, er ikke længere med. Genindlæs siden, og vælg igen.",
        ],
        .optionGoneNamed: [
            "“{1}” is not open to votes. Reload the page and choose again.",
            "”{1}” går inte att rösta på. Ladda om sidan och välj igen.",
            "«{1}» kan ikke stemmes på. Last inn siden på nytt og velg igjen.",
            "»{1}« kan der ikke stemmes på. Genindlæs siden, og vælg igen.",
        ],
        .writeFirst: [
            "Write your answer, then send.", "Skriv ditt svar och skicka sedan.", "Skriv svaret ditt, og send det.",
            "Skriv dit svar, og send det.",
        ],
        .pickOne: [
            "Choose an option, then send.", "Välj ett alternativ och skicka sedan.", "Velg et alternativ, og send så.",
            "Vælg en mulighed, og send så.",
        ],
        .pickOrWrite: [
            "Choose from the list or write your own, not both.",
            "Välj i listan eller skriv ett eget förslag, inte båda.",
            "Velg fra listen eller skriv ditt eget forslag, ikke begge deler.",
            "Vælg fra listen eller skriv dit eget forslag, ikke begge dele.",
        ],
        .pickOnlyOne: [
            "Choose only one option.", "Välj bara ett alternativ.", "Velg bare ett alternativ.",
            "Vælg kun én mulighed.",
        ],
        .tooManyChoices: [
            "You chose {1}; choose at most {2}.", "Du valde {1}; välj högst {2}.", "Du valgte {1}; velg høyst {2}.",
            "Du valgte {1}; vælg højst {2}.",
        ],
        .rankNumber: [
            "“{1}”: a rank is a whole number from 1. Correct it and send again.",
            "”{1}”: en plats är ett heltal från 1. Rätta det och skicka igen.",
            "«{1}»: en plassering er et heltall fra 1. Rett det og send igjen.",
            "»{1}«: en placering er et helt tal fra 1. Ret det, og send igen.",
        ],
        .sharedRank: [
            "“{1}” and “{2}” both have rank {3}. Give each option its own number.",
            "”{1}” och ”{2}” har båda plats {3}. Ge varje alternativ ett eget nummer.",
            "«{1}» og «{2}» har begge plass {3}. Gi hvert alternativ sitt eget nummer.",
            "»{1}« og »{2}« har begge plads {3}. Giv hver mulighed sit eget nummer.",
        ],
        .tooManyRanked: [
            "You ranked {1}; rank at most {2}.", "Du rangordnade {1}; rangordna högst {2}.",
            "Du rangerte {1}; ranger høyst {2}.", "Du rangerede {1}; rangér højst {2}.",
        ],
        .pointsNumber: [
            "“{1}”: points are whole numbers from 0. Correct it and send again.",
            "”{1}”: poäng är heltal från 0. Rätta det och skicka igen.",
            "«{1}»: poeng er heltall fra 0. Rett det og send igjen.",
            "»{1}«: point er hele tal fra 0. Ret det, og send igen.",
        ],
        .ratingRange: [
            "“{1}”: a rating runs from 0 to {2}. Correct it and send again.",
            "”{1}”: betyget går från 0 till {2}. Rätta det och skicka igen.",
            "«{1}»: karakteren går fra 0 til {2}. Rett det og send igjen.",
            "»{1}«: karakteren går fra 0 til {2}. Ret det, og send igen.",
        ],
        .givePoints: [
            "Give at least one point to an option, then send.",
            "Ge minst en poäng till ett alternativ och skicka sedan.",
            "Gi minst ett poeng til et alternativ, og send så.", "Giv mindst ét point til en mulighed, og send så.",
        ],
        .writeInLong: [
            "What you wrote is longer than {1} characters. Shorten it and send again.",
            "Det du skrev är längre än {1} tecken. Korta det och skicka igen.",
            "Det du skrev, er lengre enn {1} tegn. Gjør det kortere og send igjen.",
            "Det, du skrev, er længere end {1} tegn. Gør det kortere, og send igen.",
        ],
        .writeInPlain: [
            "Write it as plain text of at most {1} characters, then send.",
            "Skriv det som vanlig text på högst {1} tecken och skicka sedan.",
            "Skriv det som vanlig tekst på høyst {1} tegn, og send så.",
            "Skriv det som almindelig tekst på højst {1} tegn, og send så.",
        ],
        .ideasClosed: [
            "This ballot takes no new ideas.", "Den här omröstningen tar inte emot nya idéer.",
            "Denne avstemningen tar ikke imot nye idéer.", "Denne afstemning modtager ikke nye idéer.",
        ],
    ]
}
