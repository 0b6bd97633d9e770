import type { ServiceNetwork } from "./schemas.ts";

/**
 * The demo service network: three partners with centres in Oslo and the east, Bergen and the
 * west, and Tromsø and the north, and what a repair request asks per category. A manufacturer
 * imports its own (`npm run cli -- service-network import <file>`).
 */
const phoneFaults = [
  { code: "screen", nb: "Skjermen er knust eller viser feil", en: "The screen is cracked or shows errors" },
  {
    code: "battery",
    nb: "Batteriet lades ikke eller varer kort",
    en: "The battery does not charge or runs down fast",
  },
  { code: "no-power", nb: "Den starter ikke", en: "It does not start" },
  { code: "camera", nb: "Kameraet virker ikke", en: "The camera does not work" },
  { code: "water", nb: "Den har vært i vann", en: "It has been in water" },
  { code: "other", nb: "Noe annet", en: "Something else" },
];
const phoneConditions = [
  { code: "backup", nb: "Jeg har tatt sikkerhetskopi av dataene mine", en: "I have backed up my data" },
  {
    code: "find-my-off",
    nb: "Jeg har slått av «Finn min»-låsen",
    en: "I have switched off the Find My lock",
  },
  {
    code: "sim-removed",
    nb: "Jeg har tatt ut SIM-kort og minnekort",
    en: "I have taken out the SIM and memory cards",
  },
];
const tvFaults = [
  { code: "no-picture", nb: "Ikke noe bilde", en: "No picture" },
  { code: "no-sound", nb: "Ingen lyd", en: "No sound" },
  { code: "lines", nb: "Striper eller flekker i bildet", en: "Lines or spots in the picture" },
  { code: "no-power", nb: "Den slår seg ikke på", en: "It does not switch on" },
  { code: "smart", nb: "Apper eller nettverk virker ikke", en: "Apps or the network do not work" },
  { code: "other", nb: "Noe annet", en: "Something else" },
];
const applianceFaults = [
  { code: "no-power", nb: "Den starter ikke", en: "It does not start" },
  { code: "leak", nb: "Den lekker vann", en: "It leaks water" },
  { code: "noise", nb: "Den lager rar lyd", en: "It makes a strange noise" },
  { code: "error-code", nb: "Den viser en feilkode", en: "It shows an error code" },
  { code: "temperature", nb: "Feil temperatur", en: "The temperature is wrong" },
  { code: "other", nb: "Noe annet", en: "Something else" },
];
const smallFaults = [
  { code: "no-power", nb: "Den starter ikke", en: "It does not start" },
  { code: "broken", nb: "Noe er knekt eller løst", en: "Something is broken or loose" },
  { code: "other", nb: "Noe annet", en: "Something else" },
];
const accessConditions = [
  {
    code: "access",
    nb: "Teknikeren kan komme til produktet uten å flytte møbler",
    en: "The technician can reach the product without moving furniture",
  },
];

export const demoServiceNetwork: ServiceNetwork = {
  partners: [
    { id: "ostlandet-service", name: "Østlandet Elektroservice AS" },
    { id: "vest-elektro", name: "Vest Elektro Reparasjon AS" },
    { id: "nord-reparasjon", name: "Nord Reparasjon AS" },
  ],
  centres: [
    {
      id: "oslo-sentrum",
      partner: "ostlandet-service",
      name: "Østlandet Elektroservice Oslo",
      address: "Kirkegata 15",
      postalCode: "0153",
      city: "Oslo",
      phone: "+47 22 00 10 00",
      active: true,
      serves: [
        {
          categories: ["phone", "tablet", "wearable", "earbuds", "laptop"],
          channels: ["pickup", "drop-off", "mail-in"],
          postcodes: ["0001-3999"],
        },
        {
          categories: ["tv", "monitor", "smart-monitor", "soundbar"],
          channels: ["pickup", "technician", "drop-off"],
          postcodes: ["0001-1999"],
        },
        {
          categories: ["fridge", "washer", "dryer", "dishwasher", "oven", "vacuum"],
          channels: ["technician"],
          postcodes: ["0001-1999"],
        },
      ],
    },
    {
      id: "drammen",
      partner: "ostlandet-service",
      name: "Østlandet Elektroservice Drammen",
      address: "Bragernes torg 2",
      postalCode: "3017",
      city: "Drammen",
      phone: "+47 32 00 20 00",
      active: true,
      serves: [
        {
          categories: ["tv", "monitor", "smart-monitor", "soundbar"],
          channels: ["pickup", "technician", "drop-off"],
          postcodes: ["0001-3999"],
        },
        {
          categories: ["fridge", "washer", "dryer", "dishwasher", "oven", "vacuum"],
          channels: ["technician"],
          postcodes: ["2000-3999"],
        },
      ],
    },
    {
      id: "bergen",
      partner: "vest-elektro",
      name: "Vest Elektro Bergen",
      address: "Strandgaten 40",
      postalCode: "5013",
      city: "Bergen",
      phone: "+47 55 00 30 00",
      active: true,
      serves: [
        {
          categories: ["phone", "tablet", "wearable", "earbuds", "laptop"],
          channels: ["pickup", "drop-off", "mail-in"],
          postcodes: ["4000-6999"],
        },
        {
          categories: [
            "tv",
            "monitor",
            "smart-monitor",
            "soundbar",
            "fridge",
            "washer",
            "dryer",
            "dishwasher",
            "oven",
            "vacuum",
          ],
          channels: ["technician", "drop-off"],
          postcodes: ["5000-5999"],
        },
      ],
    },
    {
      id: "tromso",
      partner: "nord-reparasjon",
      name: "Nord Reparasjon Tromsø",
      address: "Storgata 80",
      postalCode: "9008",
      city: "Tromsø",
      phone: "+47 77 00 40 00",
      active: true,
      serves: [
        {
          categories: ["phone", "tablet", "wearable", "earbuds", "laptop", "tv", "monitor"],
          channels: ["mail-in", "drop-off"],
          postcodes: ["7000-9999"],
        },
        {
          categories: ["fridge", "washer", "dryer", "dishwasher", "oven"],
          channels: ["technician"],
          postcodes: ["9000-9299"],
        },
      ],
    },
  ],
  categories: [
    ...["phone", "tablet"].map((code) => ({
      code,
      repairWarrantyMonths: 6,
      channels: ["pickup", "drop-off", "mail-in"] as const,
      faults: phoneFaults,
      conditions: phoneConditions,
    })),
    ...["wearable", "earbuds", "laptop"].map((code) => ({
      code,
      repairWarrantyMonths: 6,
      channels: ["pickup", "drop-off", "mail-in"] as const,
      faults: smallFaults,
      conditions: code === "laptop" ? [phoneConditions[0] as (typeof phoneConditions)[number]] : [],
    })),
    ...["tv", "monitor", "smart-monitor", "soundbar"].map((code) => ({
      code,
      repairWarrantyMonths: 12,
      channels: ["pickup", "technician", "drop-off", "mail-in"] as const,
      faults: tvFaults,
      conditions: [],
    })),
    ...["fridge", "washer", "dryer", "dishwasher", "oven", "vacuum"].map((code) => ({
      code,
      repairWarrantyMonths: 12,
      channels: ["technician"] as const,
      faults: applianceFaults,
      conditions: accessConditions,
    })),
  ].map((c) => ({ ...c, channels: [...c.channels] })),
};
