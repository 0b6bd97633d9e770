/** Personvernsiden, vilkårene for bruk og samtykkene, på bokmål. */
export const nbPrivacy = {
  "privacy.title": "Personvern",
  "privacy.lead":
    "{brand} tar vare på det du forteller oss om deg selv og produktene dine, slik at portalen kan gjøre jobben for deg. Her står det hva vi tar vare på, hvorfor, hvor lenge, hvem andre som ser det, og hvordan du bestemmer.",
  "privacy.version": "Personvernerklæring, versjon {version}",
  "privacy.operatorPolicy": "Les hele personvernerklæringen til {brand}",
  "privacy.toc": "På denne siden",
  "privacy.choices.title": "Dine valg",
  "privacy.choices.lead":
    "Ingenting her er slått på før du slår det på selv, og du kan slå hvert valg av igjen når du vil, like enkelt. Det som bygger på et valg, stopper med en gang.",
  "privacy.choices.signIn": "Logg inn for å se og endre valgene dine.",
  "privacy.choices.on": "På siden {date}",
  "privacy.choices.off": "Av",
  "privacy.choices.offSince": "Av siden {date}",
  "privacy.choices.askAgain": "Du sa ja til en tidligere tekst. Den er endret: les den på nytt og velg.",
  "privacy.choices.turnOn": "Slå på",
  "privacy.choices.turnOff": "Slå av",
  "privacy.choices.saved": "Lagret: {purpose} er slått {state}.",
  "privacy.choices.stateOn": "på",
  "privacy.choices.stateOff": "av",
  "privacy.choices.textVersion": "Tekstversjon {version}",
  "privacy.history.title": "Svarene dine så langt",
  "privacy.history.empty": "Du har ikke svart ennå.",
  "privacy.history.what": "Hva",
  "privacy.history.answer": "Svar",
  "privacy.history.where": "Hvor",
  "privacy.history.when": "Når",
  "privacy.history.given": "Ja",
  "privacy.history.refused": "Nei",
  "privacy.history.accepted": "Godtatt",
  "privacy.source.sign-up": "Da du opprettet kontoen",
  "privacy.source.web": "På denne siden",
  "privacy.source.app": "I appen",

  "consent.recommendations.title": "Forslag ut fra produktene du eier",
  "consent.recommendations.text":
    "Vi bruker modellene du har registrert til å vise tilbehør som passer og modellene som tar over for dem, på produktsidene. Vi bruker ingenting annet om deg til det.",
  "consent.marketing-mail.title": "Nyheter og tilbud på e-post",
  "consent.marketing-mail.text":
    "Av og til en e-post om nye produkter, tilbud og arrangementer fra {brand}. Hver slik e-post har en lenke for å stoppe dem. E-post om dine egne produkter, reklamasjoner og reparasjoner får du uansett hva du velger her.",
  "consent.app-own-devices.title": "Registrering fra medlemsappen",
  "consent.app-own-devices.text":
    "I medlemsappen bekrefter du at du bare registrerer enheter som er dine, eller som du kan registrere for noen du handler på vegne av. Appen spør om dette før første registrering der.",
  "consent.terms.title": "Vilkårene for bruk",
  "consent.privacy-notice.title": "Personvernerklæringen",

  "privacy.data.title": "Hva vi tar vare på, og hvorfor",
  "privacy.data.what": "Hva",
  "privacy.data.why": "Hvorfor",
  "privacy.data.basis": "Rettslig grunnlag",
  "privacy.data.kept": "Hvor lenge",
  "privacy.data.account.title": "Kontoen din",
  "privacy.data.account.what":
    "Navnet, e-postadressen og språket ditt, og telefonnummer og adresse hvis du oppgir dem. Passordet bare i en form som ikke kan gjøres om til passordet igjen.",
  "privacy.data.account.why":
    "For å logge deg inn, skrive til deg om produktene, reklamasjonene og reparasjonene dine, og for at kundeservice skal vite hvem de hjelper.",
  "privacy.data.account.basis":
    "Avtalen med deg når du oppretter kontoen (personvernforordningen art. 6 nr. 1 b).",
  "privacy.data.account.kept": "Så lenge du har kontoen.",
  "privacy.data.products.title": "Produktene dine",
  "privacy.data.products.what":
    "Serienummeret eller IMEI-nummeret og modellen til hvert produkt, kjøpsdatoen og butikken du oppgir, et kallenavn, hvordan og når du registrerte det, og enhetene TV-en, appen eller et nettverkssøk fant.",
  "privacy.data.products.why":
    "For å gjøre det raskere å registrere og be om reparasjon, regne ut garantien og reklamasjonsfristen, minne deg på dem før de går ut, og finne bruksanvisningene for modellen din.",
  "privacy.data.products.basis": "Avtalen med deg (art. 6 nr. 1 b).",
  "privacy.data.products.kept":
    "Så lenge produktet er registrert på deg. Fjerner du et produkt, forsvinner det fra listen din med en gang; at det var registrert, står igjen i enhetens historikk.",
  "privacy.data.cases.title": "Reklamasjoner, reparasjoner og filene deres",
  "privacy.data.cases.what":
    "Det du skriver i en reklamasjon eller en reparasjonsforespørsel, kvitteringene og bildene du laster opp, og avgjørelsene, prisoverslagene og statusen for hvert steg.",
  "privacy.data.cases.why":
    "For å avgjøre en reklamasjon, få et produkt reparert og la deg følge reparasjonen på nett.",
  "privacy.data.cases.basis":
    "Avtalen med deg (art. 6 nr. 1 b), og plikten vår til å svare på en reklamasjon etter forbrukerkjøpsloven (art. 6 nr. 1 c).",
  "privacy.data.cases.kept": "Så lenge du har kontoen.",
  "privacy.data.security.title": "Innlogging og sikkerhet",
  "privacy.data.security.what":
    "Nettleserne, appene, TV-ene og skannerne som er logget inn på kontoen din, klientadressen ved mislykkede innlogginger, og en logg over hva som er gjort i kontoen.",
  "privacy.data.security.why": "For å holde kontoen din trygg og finne ut hva som skjedde hvis noe går galt.",
  "privacy.data.security.basis": "Vår berettigede interesse i en sikker tjeneste (art. 6 nr. 1 f).",
  "privacy.data.security.kept":
    "En innlogging i en nettleser eller i appen slutter etter 30 dager uten bruk. Mislykkede innlogginger telles bare så lenge de holder igjen nye forsøk. Loggen står så lenge kontoen finnes.",
  "privacy.data.access.title": "Kundeservices oppslag",
  "privacy.data.access.what":
    "Hver gang noen i kundeservice eller reklamasjonsbehandlingen åpner opplysningene dine: når, hva, med ansattnummer, og grunnen de oppga.",
  "privacy.data.access.why":
    "Slik at du kan se hvem som har sett, og de ansatte ser bare når de har en grunn.",
  "privacy.data.access.basis":
    "Vår berettigede interesse i å vise at opplysningene dine brukes som de skal (art. 6 nr. 1 f).",
  "privacy.data.access.kept": "Så lenge kontoen finnes. Du ser den under Min informasjon.",
  "privacy.data.points.title": "Poeng",
  "privacy.data.points.what": "Poengene du tjener på å registrere produkter, og hva som ga dem.",
  "privacy.data.points.why": "For å vise saldoen din under Fordeler.",
  "privacy.data.points.basis": "Avtalen med deg (art. 6 nr. 1 b).",
  "privacy.data.points.kept": "Så lenge kontoen finnes.",
  "privacy.data.consents.title": "Valgene dine",
  "privacy.data.consents.what":
    "Hvert svar du gir over og da du opprettet kontoen: hva, ja eller nei, hvilken tekst, hvor og når. Et svar endres aldri i ettertid; et nytt legges til.",
  "privacy.data.consents.why": "For at vi bare skal gjøre det du har sagt ja til, og kunne vise det.",
  "privacy.data.consents.basis": "Plikten vår til å kunne vise samtykke (art. 7 nr. 1).",
  "privacy.data.consents.kept": "Så lenge kontoen finnes.",

  "privacy.recipients.title": "Hvem andre som ser det",
  "privacy.recipients.partners":
    "Når du ber om en reparasjon, får verkstedet som tar jobben det de trenger for den: navnet ditt, hvordan de når deg, adressen produktet hentes fra eller sendes til, produktet og serienummeret, hva som er galt, og bildene du legger ved. Verkstedet ser ingenting annet om deg.",
  "privacy.recipients.processors":
    "Selskaper som driver deler av tjenesten for oss (drift, utsending av e-post), behandler opplysninger bare etter våre instrukser og etter avtale med oss.",
  "privacy.recipients.none": "Vi selger ikke opplysningene dine, og ingen får dem til egen markedsføring.",

  "privacy.rights.title": "Rettighetene dine",
  "privacy.rights.access": "Se hva vi har",
  "privacy.rights.accessText":
    "Produktene, reklamasjonene, reparasjonene og poengene dine, og hvem av de ansatte som har sett, finner du på Min side og under Min informasjon.",
  "privacy.rights.correct": "Rette opp",
  "privacy.rights.correctText":
    "Endre navn, telefon, adresse og språk under Min informasjon, og opplysningene om et produkt på produktsiden.",
  "privacy.rights.consent": "Trekke tilbake et samtykke",
  "privacy.rights.consentText": "Slå av et valg over; det gjelder med en gang.",
  "privacy.rights.copy": "Få en kopi",
  "privacy.rights.copyText":
    "Lag en ZIP-fil med alt vi har om deg, i maskinlesbar form, under Last ned opplysningene dine på denne siden.",
  "privacy.rights.erase": "Få det slettet",
  "privacy.rights.eraseText": "Be kundeservice om å slette kontoen. Vi svarer innen en måned, uten kostnad.",
  "privacy.rights.object": "Protestere eller begrense",
  "privacy.rights.objectText":
    "Du kan protestere mot det vi gjør ut fra vår berettigede interesse, eller be oss holde opplysningene uten å bruke dem mens et spørsmål avklares. Spør kundeservice.",
  "privacy.rights.complain": "Klage",
  "privacy.rights.complainText":
    "Mener du at vi behandler opplysningene dine feil, si fra til oss først. Du kan også klage til Datatilsynet (datatilsynet.no).",
  "privacy.rights.myInformation": "Åpne Min informasjon",
  "privacy.rights.myProducts": "Åpne Mine produkter",
  "privacy.rights.support": "Kontakt kundeservice",

  "terms.title": "Vilkår for bruk",
  "terms.version": "Versjon {version}",
  "terms.lead":
    "Disse vilkårene gjelder kontoen din i eierportalen til {brand}. Rettighetene du har som forbruker etter norsk lov, som reklamasjonsretten i forbrukerkjøpsloven, går foran: ingenting her begrenser dem.",
  "terms.account.title": "Kontoen din",
  "terms.account.text":
    "Kontoen er din alene. Oppgi ditt riktige navn og en e-postadresse du leser, og hold passordet for deg selv. Si fra til oss hvis du tror noen andre har brukt kontoen din.",
  "terms.products.title": "Registrering av produkter",
  "terms.products.text":
    "Registrer bare produkter du eier, eller som du kan registrere for noen du handler på vegne av. En registrering beviser ikke eierskap: ber eieren av et produkt om det, kan kundeservice flytte det, slik siden om overføring beskriver.",
  "terms.warranty.title": "Garanti",
  "terms.warranty.text":
    "Garantien for et produkt følger garantivilkårene for det produktet. Portalen viser periodene så godt den kan regne dem ut; sier en kvittering eller selgerens opplysninger noe annet, er det de som gjelder.",
  "terms.use.title": "Rimelig bruk",
  "terms.use.text":
    "Ikke prøv å lese andres opplysninger, teste serienumre i stor skala eller belaste tjenesten ut over vanlig bruk. Vi kan stenge en konto som gjør det, og sier fra om hvorfor.",
  "terms.changes.title": "Endringer",
  "terms.changes.text":
    "Endrer vi vilkårene, sier vi fra på portalen før endringen gjelder, og du kan avslutte kontoen hvis du ikke godtar dem.",
  "terms.privacy": "Hvordan vi behandler opplysningene dine, står i personvernerklæringen.",

  "signUp.acceptTerms": "Jeg godtar {terms} og har lest {privacy}.",
  "signUp.termsLink": "vilkårene for bruk",
  "signUp.privacyLink": "personvernerklæringen",
  "signUp.acceptRequired": "Kryss av for å godta vilkårene for bruk før du oppretter kontoen.",
  "signUp.optional": "Valgfritt, og du kan endre det senere på personvernsiden",
  "signUp.recommendations": "Vis meg tilbehør og nyere modeller som passer produktene jeg registrerer",
  "signUp.marketingMail": "Send meg nyheter og tilbud på e-post",

  "dashboard.privacyTitle": "Personvern og valg",
  "dashboard.privacyText": "Hva vi tar vare på, hvem som ser det, og valgene du tar om det.",
  "product.recommendationsOff":
    "Vil du ha forslag til tilbehør og nyere modeller for dette produktet? De bygger på modellene du eier, så de vises bare hvis du slår dem på.",
  "product.recommendationsTurnOn": "Slå på forslag",
  "mail.export.title": "Opplysningene dine fra {brand}, for {name}, laget {date, date, long}",
  "mail.export.lead":
    "Hver .json-fil er JSON i UTF-8: opplysningene fra ett område, slik portalen har dem. Tidspunkter er i UTC. Mappen files har kvitteringene og bildene du har lastet opp.",
  "mail.export.fileLine": "{file}: {what} ({count, plural, one {# oppføring} other {# oppføringer}})",
  "mail.export.filesLine":
    "files/: {count, plural, one {# fil du har lastet opp} other {# filer du har lastet opp}}",
  "mail.export.format": "Hva hvert felt betyr, står i dokumentasjonen til portalen, under dataeksport.",
  "mail.export.area.profile": "kontoen og kontaktopplysningene dine",
  "mail.export.area.products":
    "produktene dine, kjøpsdatoene, garantien og reklamasjonsfristen med grunnlaget for hver",
  "mail.export.area.claims": "reklamasjonene dine med stegene og filene",
  "mail.export.area.repairs": "reparasjonene dine med hendelsene og bildene",
  "mail.export.area.points": "poengene dine",
  "mail.export.area.consents": "svarene dine på hvert samtykke",
  "mail.export.area.devices": "enheter som er funnet, og TV-ene og skannerne som er logget inn",
  "mail.export.area.sessions": "nettleserne og appene som er logget inn",
  "mail.export.area.access-log": "hvem av de ansatte som har sett opplysningene dine, og hvorfor",
  "mail.export.area.activity": "hva som er gjort i kontoen din",
  "mail.export.area.transfers": "forespørsler om å flytte et produkt",
  "mail.export.area.staff-notes": "notater kundeservice har skrevet om saken din",
  "mail.export.area.exports": "tidligere nedlastinger av opplysningene dine",
  "mail.exportReady.subject": "Opplysningene dine er klare til nedlasting",
  "mail.exportReady.body":
    "Hei {name}!\n\nKopien av opplysningene dine som du ba om, er klar. Logg inn og last den ned fra personvernsiden innen {date, date, long}; etter det slettes den.\n\n{url}\n\nHar du ikke bedt om den, bør du bytte passord.",

  "privacy.export.title": "Last ned opplysningene dine",
  "privacy.export.lead":
    "En ZIP-fil med alt portalen har om deg: én JSON-fil per område, filene du har lastet opp, og et kort sammendrag. Den lages i bakgrunnen; vi sender deg en e-post når den er klar, og den kan lastes ned i 7 dager.",
  "privacy.export.start": "Lag en kopi av opplysningene mine",
  "privacy.export.queued": "Venter på å starte …",
  "privacy.export.building": "Lager kopien din: {progress} %",
  "privacy.export.ready": "Klar: {size}, kan lastes ned til {date}.",
  "privacy.export.download": "Last ned ZIP-filen",
  "privacy.export.failed": "Kopien kunne ikke lages. Prøv igjen, eller kontakt kundeservice.",
  "privacy.export.expired": "Den siste kopien din er slettet. Lag en ny hvis du trenger den.",
  "mail.deletionScheduled.subject": "Kontoen din slettes {date, date, long}",
  "mail.deletionScheduled.body":
    "Hei {name}!\n\nDu har bedt oss slette kontoen din. Vi har logget deg ut overalt og frigjort produktene dine, slik at den som eier dem nå, kan registrere dem. {date, date, long} slettes kontoen.\n\nAngret? Logg inn før det, så beholder du kontoen:\n\n{url}\n\nHar du ikke bedt om dette, bør du logge inn og bytte passord.",
  "mail.accountErased.subject": "Kontoen din er slettet",
  "mail.accountErased.body":
    "Kontoen din hos {brand} er slettet. Navnet, kontaktopplysningene, filene og resten av kontoen er slettet. Opplysningene om garanti, reklamasjoner og reparasjoner som produsenten må ta vare på, beholdes uten navnet eller kontaktopplysningene dine.\n\nDette er den siste e-posten vi sender deg.",

  "privacy.delete.title": "Slett kontoen din",
  "privacy.delete.lead":
    "Når du sletter kontoen, logges du ut overalt med en gang, og produktene dine frigjøres, slik at den som eier dem etter deg, kan registrere dem.",
  "privacy.delete.grace":
    "Kontoen slettes for godt {days, plural, one {# dag} other {# dager}} senere. Til da kan du beholde den ved å logge inn igjen.",
  "privacy.delete.now": "Kontoen slettes med en gang.",
  "privacy.delete.erasedTitle": "Dette slettes",
  "privacy.delete.erased":
    "Navnet, e-postadressen, telefonen, adressen og språket ditt; passordet og alle innlogginger; filene du har lastet opp; kallenavn på produkter; poengene dine; enheter som er funnet; meldingene du skrev i reklamasjoner og reparasjoner; notater og oppslag fra kundeservice; kopiene av opplysningene dine.",
  "privacy.delete.keptTitle": "Dette beholdes, og hvorfor",
  "privacy.delete.kept":
    "At hvert produkt var registrert, med kjøpsdatoen, og reklamasjonene og reparasjonene med avgjørelsene. Produsenten må kunne svare på en reklamasjon på produktet i inntil fem år etter kjøpet, uansett hvem som eier det da. Dette beholdes uten navnet, e-postadressen, telefonen, adressen eller filene dine. Svarene dine på samtykkene beholdes også, uten noe som navngir deg, for å vise hva du sa ja til.",
  "privacy.delete.openRepairs":
    "Du har {count, plural, one {en reparasjon} other {# reparasjoner}} på gang. Verkstedet gjør ferdig jobben, men etter slettingen kan verken de eller vi nå deg om den. Er produktet hos verkstedet, bør du kontakte dem før du sletter kontoen.",
  "privacy.delete.password": "Passordet ditt, for å bekrefte",
  "privacy.delete.submit": "Slett kontoen min",
  "privacy.delete.scheduled":
    "Kontoen din slettes {date}. Du er logget ut. Logg inn igjen før det for å beholde den.",
  "privacy.delete.done": "Kontoen din er slettet.",
};
