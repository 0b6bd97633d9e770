/** The front door in Norwegian: the landing page, the menu, the first visit's notices and the forms' own messages. */
export const nbFrontDoor = {
  "landing.title": "Registrer produktene dine, og få hjelp raskere",
  "landing.lead":
    "Eierportalen samler produktene dine på ett sted: garantien, bruksanvisningene og reparasjonene. Kontoen er gratis, og det tar et par minutter.",
  "landing.signUp": "Opprett konto",
  "landing.signIn": "Logg inn",
  "landing.haveAccount": "Har du allerede konto?",
  "landing.benefitsTitle": "Dette får du når produktet er registrert",
  "landing.support.title": "Raskere hjelp",
  "landing.support.text":
    "Kundeservice ser produktet, serienummeret og garantien med en gang. Du slipper å lete fram kvitteringen og forklare alt på nytt.",
  "landing.manuals.title": "Bruksanvisninger uten å lete",
  "landing.manuals.text":
    "Bruksanvisningen, svar på vanlige spørsmål og veiledninger for akkurat din modell ligger klare på produktsiden.",
  "landing.repair.title": "Reparasjonen, steg for steg",
  "landing.repair.text":
    "Be om reparasjon på nettet og følg saken fra den er sendt til produktet er klart igjen. For å bestille reparasjon på nettet må produktet være registrert.",
  "landing.warranty.title": "Garantien regnet ut for deg",
  "landing.warranty.text":
    "Vi regner ut garantien fra serienummeret eller IMEI-nummeret og viser reklamasjonsretten ved siden av, med datoer. Du får beskjed før noe av det går ut.",
  "landing.related.title": "Forslag som passer til det du har",
  "landing.related.text":
    "Hvis du vil, foreslår vi tilbehør og produkter som passer til det du allerede eier. Du velger selv, og kan si nei når som helst.",
  "landing.stepsTitle": "Slik kommer du i gang",
  "landing.step1": "Opprett en konto med e-postadressen din.",
  "landing.step2": "Trykk på lenken vi sender deg. Da er adressen bekreftet, og du er logget inn.",
  "landing.step3": "Registrer produktet med serienummeret eller IMEI-nummeret, eller skann etiketten.",
  "landing.findSerial": "Hvor står serienummeret?",
  "landing.privacyTitle": "Opplysningene dine",
  "landing.privacyText":
    "Vi bruker opplysningene om produktene dine til å gjøre registrering og reparasjon enklere, til å vise hvordan det går med en reparasjon og, hvis du sier ja, til å foreslå produkter.",
  "landing.privacyLink": "Les hvordan vi behandler personopplysninger",
  "landing.readyTitle": "Klar til å begynne?",
  "nav.home": "Forside",
  "app.verifiedSignedIn": "E-postadressen er bekreftet, og du er logget inn.",
  "app.verifiedSignIn": "E-postadressen er bekreftet. Logg inn for å fortsette.",
  "form.emailMissing": "Skriv inn e-postadressen din.",
  "form.emailInvalid": "Skriv e-postadressen slik: navn@eksempel.no.",
  "form.passwordMissing": "Skriv inn passordet ditt.",
  "form.passwordShort": "Passordet må ha minst {min} tegn.",
  "form.currentPasswordMissing": "Skriv inn passordet du har nå.",
  "form.nameMissing": "Skriv inn navnet ditt.",
  "form.postcodeInvalid":
    "{country, select, NO {Et norsk postnummer har fire sifre, for eksempel 0155.} SE {Et svensk postnummer har fem sifre, for eksempel 111 22.} DK {Et dansk postnummer har fire sifre, for eksempel 2100.} other {Et finsk postnummer har fem sifre, for eksempel 00100.}}",
  "form.phoneInvalid":
    "Skriv telefonnummeret med sifre, gjerne med landskode først, for eksempel +47 912 34 567.",
  "info.cityFilled": "Stedet er fylt inn ut fra postnummeret.",
  "info.languageHint": "Endringen gjelder med en gang, på nettsiden og i e-post vi sender deg.",
  "error.profile.postcode_invalid": "Postnummeret passer ikke til landet du har valgt.",
};
