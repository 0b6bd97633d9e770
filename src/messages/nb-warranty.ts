/** Garantiene, reklamasjonsretten og påminnelsene om dem, på bokmål. */
export const nbWarranty = {
  "warranty.stated": "oppgitt kjøpsdato",
  "warranty.badge.allEnded": "Garanti og reklamasjon er ute",
  "statutory.badge.active": "Reklamasjon til {date}",
  "statutory.badge.ends-soon": "Reklamasjonsfristen går ut {date}",
  "statutory.badge.ended": "Reklamasjonsfristen gikk ut {date}",
  "statutory.badge.not-started": "Reklamasjon fra {date}",
  "statutory.badge.unknown": "Reklamasjon: {years} år fra kjøpet",
  "product.startTitle": "Alt regnes fra",
  "product.start.estimated":
    "{date} (anslått): produksjonsdatoen {made} pluss {days} dager, som er omtrent så lenge et produkt er på vei til butikken. Legg inn kjøpsdatoen, så regner vi fra den.",
  "product.start.stated":
    "{date}, kjøpsdatoen du oppga. Vi bruker den allerede nå. Send oss kvitteringen under «Bekreft kjøpsdatoen» lenger ned, så bekrefter vi datoen.",
  "product.start.confirmed":
    "{date}, bekreftet {source, select, shopOrder {av nettbutikken vår} activation {av datoen telefonen ble tatt i bruk} other {da vi så på kvitteringen du sendte}}.",
  "product.start.none":
    "Vi vet ikke når produktet ble laget eller kjøpt. Legg inn kjøpsdatoen, så regner vi ut garantien og reklamasjonsfristen.",
  "product.coveragesTitle": "Garantier",
  "product.coverageNone": "Denne produkttypen har ingen produsentgaranti, men reklamasjonsretten gjelder.",
  "coverage.kind.manufacturer": "Produsentgaranti",
  "coverage.kind.registration-bonus": "Ekstra garanti fordi du registrerte produktet",
  "coverage.kind.extended": "Utvidet garanti",
  "coverage.kind.repair": "Garanti på reparasjonen",
  "coverage.period": "{start} til og med {end}",
  "coverage.months": "{months, plural, one {# måned} other {# måneder}}",
  "coverage.covers.both": "Dekker deler og arbeid",
  "coverage.covers.parts": "Dekker deler",
  "coverage.covers.labour": "Dekker arbeid",
  "coverage.covers.none": "Dekker verken deler eller arbeid",
  "coverage.terms": "Vilkår",
  "coverage.status.active": "Gjelder",
  "coverage.status.ends-soon": "Slutter snart",
  "coverage.status.ended": "Utløpt",
  "coverage.status.not-started": "Begynner senere",
  "product.statutoryKnown":
    "{years} år fra {start}: du kan reklamere til og med {end}. Dette gjelder i tillegg til garantiene og koster deg ingenting.",
  "product.statutoryUnknown":
    "For denne produkttypen er fristen {years} år fra den dagen du fikk produktet. Legg inn kjøpsdatoen, så viser vi sluttdatoen.",
  "product.statutoryEstimated": "Sluttdatoen er anslått, som startdatoen.",
  "product.standing.complaint-only":
    "Garantien er ute, men reklamasjonsretten gjelder til og med {end}. Har produktet en feil som fantes da du fikk det, skal den rettes uten kostnad for deg. Be om reparasjon her, eller ta kontakt med butikken du kjøpte det hos.",
  "product.standing.ended":
    "Både garantien og reklamasjonsfristen er ute. Vi kan fortsatt reparere produktet: du får et pristilbud før noe blir gjort, og du bestemmer.",
  "product.standing.estimatedHint":
    "Datoene er anslått. Fikk du produktet senere enn det, legg inn kjøpsdatoen: da kan fristene vare lenger.",
  "product.standing.repair": "Meld feilen og be om reparasjon",
  "timeline.start.estimated": "Anslått kjøpsdato",
  "timeline.start.stated": "Kjøpt",
  "timeline.start.confirmed": "Kjøpt",
  "timeline.end.manufacturer": "Produsentgarantien slutter",
  "timeline.end.registration-bonus": "Den ekstra garantien for registrering slutter",
  "timeline.end.extended": "Den utvidede garantien slutter",
  "timeline.end.repair": "Garantien på en reparasjon slutter",
  "calendar.event.registration-bonus": "Den ekstra garantien går ut: {product}",
  "calendar.event.extended": "Den utvidede garantien går ut: {product}",
  "calendar.event.repair": "Garantien på reparasjonen går ut: {product}",
  "mail.reminder.subject":
    "{kind, select, statutory {Reklamasjonsfristen} repair {Garantien på reparasjonen} extended {Den utvidede garantien} registrationBonus {Den ekstra garantien} other {Produsentgarantien}} for {product} går ut {date}",
  "mail.reminder.body":
    "Hei {name}!\n\n{kind, select, statutory {Fristen for å reklamere etter forbrukerkjøpsloven} repair {Garantien på reparasjonen} extended {Den utvidede garantien} registrationBonus {Den ekstra garantien du fikk for å registrere produktet} other {Produsentgarantien}} for {product} går ut {date}, om {days, plural, one {# dag} other {# dager}}.\n\nEr det noe galt med produktet, bør du ta kontakt før da. Du ser produktet og datoene her:\n\n{url}\n\nDu får denne påminnelsen fordi produktet er registrert på kontoen din.",
  "mail.warrantyEnded.subject":
    "{kind, select, statutory {Reklamasjonsfristen} repair {Garantien på reparasjonen} extended {Den utvidede garantien} registrationBonus {Den ekstra garantien} other {Produsentgarantien}} for {product} har gått ut",
  "mail.warrantyEnded.body":
    "Hei {name}!\n\n{kind, select, statutory {Fristen for å reklamere etter forbrukerkjøpsloven} repair {Garantien på reparasjonen} extended {Den utvidede garantien} registrationBonus {Den ekstra garantien} other {Produsentgarantien}} for {product} gikk ut {date}.\n\n{next, select, covered {Produktet er fortsatt dekket av en annen garanti til og med {until}.} complaint {Du kan fortsatt reklamere etter forbrukerkjøpsloven til og med {until}. Har produktet en feil som fantes da du fikk det, skal den rettes uten kostnad for deg.} other {Nå er både garantien og reklamasjonsfristen ute. Vi kan fortsatt reparere produktet: du får et pristilbud før noe blir gjort, og du bestemmer.}}\n\nDu ser produktet og datoene her:\n\n{url}\n\nDu får denne e-posten fordi produktet er registrert på kontoen din.",
  "customer.coverages": "Garantier",
  "customer.coverageLine": "{kind}: {start}–{end}, {basis}",
  "error.coverage.plan_unknown": "Ingen utvidet garanti har denne koden.",
  "error.coverage.unit_unknown": "Ingen enhet har dette serienummeret eller IMEI-nummeret.",
  "error.coverage.dates_inverted": "Garantien slutter før den begynner.",
  "error.coverage.before_manufacture": "Garantien begynner før enheten ble laget.",
  "error.coverage.overlap": "Garantien overlapper en annen utvidet garanti for samme enhet.",
  "dateHistory.shop-order": "Bekreftet av nettbutikken vår",
  "dateHistory.activation": "Bekreftet av datoen telefonen ble tatt i bruk",
  "dateHistory.claim": "Bekreftet da vi så på kvitteringen",
  "customer.start": "Regnet fra",
} as const;
