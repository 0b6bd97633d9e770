/** Min side: varslene, produktflisene og anbefalingene, på bokmål. */
export const nbMyPage = {
  "alert.title": "Dette venter på deg",
  "alert.ending.warranty":
    "{days, plural, =0 {Garantien for {product} går ut i dag.} one {Garantien for {product} går ut i morgen.} other {Garantien for {product} går ut om # dager.}}",
  "alert.ending.extended":
    "{days, plural, =0 {Den utvidede garantien for {product} går ut i dag.} one {Den utvidede garantien for {product} går ut i morgen.} other {Den utvidede garantien for {product} går ut om # dager.}}",
  "alert.ending.repair":
    "{days, plural, =0 {Garantien på reparasjonen av {product} går ut i dag.} one {Garantien på reparasjonen av {product} går ut i morgen.} other {Garantien på reparasjonen av {product} går ut om # dager.}}",
  "alert.ending.statutory":
    "{days, plural, =0 {Reklamasjonsfristen for {product} går ut i dag.} one {Reklamasjonsfristen for {product} går ut i morgen.} other {Reklamasjonsfristen for {product} går ut om # dager.}}",
  "alert.ending.action": "Se hva du kan gjøre",
  "alert.claimWaiting": "Garantikravet for {product} venter på svaret ditt.",
  "alert.claimWaiting.action": "Svar på kravet",
  "alert.repairTask": "Reparasjonen av {product}:",
  "alert.repairTask.action": "Åpne reparasjonen",
  "alert.transferAsked": "Noen ber om å overta {product}.",
  "alert.transferAsked.action": "Svar på forespørselen",
  "alert.unregistered":
    "{count, plural, one {Vi fant # produkt som ikke er registrert.} other {Vi fant # produkter som ikke er registrert.}}",
  "alert.unregistered.action": "Registrer med ett klikk",
  "tile.title": "Produktene dine",
  "tile.none": "Du har ikke registrert noen produkter ennå. Registrer det første, så ser du garantien her.",
  "tile.repair": "Reparasjon: {status}",
  "tile.all": "{count, plural, one {Se produktet ditt} other {Se alle de # produktene dine}}",
  "recommend.title": "Anbefalt for deg",
  "recommend.lead": "Valgt ut fra produktene du har. Du kan slå av forslagene når du vil.",
  "recommendCard.reason.accessory": "Passer til {product}",
  "recommendCard.reason.consumable": "Til {product}, byttes jevnlig",
  "recommendCard.reason.successor": "Den nyere utgaven av {product}",
  "recommendCard.reason.alsoOwned": "Mange som har {product}, har også denne",
  "recommendCard.shop": "i nettbutikken",
  "recommend.turnOff": "Slå av forslag",
} as const;
