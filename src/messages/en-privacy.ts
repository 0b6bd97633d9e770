import type { nbPrivacy } from "./nb-privacy.ts";

/** The privacy page, the terms of use and the consents, in English. */
export const enPrivacy: Record<keyof typeof nbPrivacy, string> = {
  "privacy.title": "Privacy",
  "privacy.lead":
    "{brand} keeps what you tell us about yourself and your products so that this portal can work for you. This page says what we keep, why, for how long, who else sees it, and how you decide.",
  "privacy.version": "Privacy notice, version {version}",
  "privacy.operatorPolicy": "Read the full privacy policy of {brand}",
  "privacy.toc": "On this page",
  "privacy.choices.title": "Your choices",
  "privacy.choices.lead":
    "Nothing here is on until you turn it on, and you can turn each off again at any time, just as easily. What depends on a choice stops at once.",
  "privacy.choices.signIn": "Sign in to see and change your choices.",
  "privacy.choices.on": "On since {date}",
  "privacy.choices.off": "Off",
  "privacy.choices.offSince": "Off since {date}",
  "privacy.choices.askAgain": "You agreed to an earlier wording. It has changed: read it again and choose.",
  "privacy.choices.turnOn": "Turn on",
  "privacy.choices.turnOff": "Turn off",
  "privacy.choices.saved": "Saved: {purpose} is {state}.",
  "privacy.choices.stateOn": "on",
  "privacy.choices.stateOff": "off",
  "privacy.choices.textVersion": "Wording version {version}",
  "privacy.history.title": "Your answers so far",
  "privacy.history.empty": "You have not answered yet.",
  "privacy.history.what": "What",
  "privacy.history.answer": "Answer",
  "privacy.history.where": "Where",
  "privacy.history.when": "When",
  "privacy.history.given": "Yes",
  "privacy.history.refused": "No",
  "privacy.history.accepted": "Accepted",
  "privacy.source.sign-up": "When you created the account",
  "privacy.source.web": "On this page",
  "privacy.source.app": "In the app",

  "consent.recommendations.title": "Suggestions from the products you own",
  "consent.recommendations.text":
    "We use the models you have registered to show accessories that fit them and the models that replace them, on the product pages. We use nothing else about you for it.",
  "consent.marketing-mail.title": "News and offers by e-mail",
  "consent.marketing-mail.text":
    "Now and then an e-mail about new products, offers and events from {brand}. Every such e-mail has a link to stop them. Mails about your own products, claims and repairs come whatever you choose here.",
  "consent.app-own-devices.title": "Registering from the members app",
  "consent.app-own-devices.text":
    "In the members app you confirm that you register only devices that are yours, or that you may register for someone you act for. The app asks for it before your first registration there.",
  "consent.terms.title": "The terms of use",
  "consent.privacy-notice.title": "The privacy notice",

  "privacy.data.title": "What we keep, and why",
  "privacy.data.what": "What",
  "privacy.data.why": "Why",
  "privacy.data.basis": "Legal basis",
  "privacy.data.kept": "How long",
  "privacy.data.account.title": "Your account",
  "privacy.data.account.what":
    "Your name, e-mail address and language, and the phone number and address if you give them. Your password only in a form that cannot be turned back into it.",
  "privacy.data.account.why":
    "To sign you in, to write to you about your products, claims and repairs, and so that customer service knows who they help.",
  "privacy.data.account.basis": "The agreement with you when you create the account (GDPR art. 6(1)(b)).",
  "privacy.data.account.kept": "As long as you have the account.",
  "privacy.data.products.title": "Your products",
  "privacy.data.products.what":
    "The serial number or IMEI and model of each product, the purchase date and shop you give, a nickname, how and when you registered it, and the devices your TV, the app or a network scan found.",
  "privacy.data.products.why":
    "To make registering and asking for a repair quicker, to work out the warranty and the complaint period, to remind you before they end, and to find the manuals for your model.",
  "privacy.data.products.basis": "The agreement with you (art. 6(1)(b)).",
  "privacy.data.products.kept":
    "As long as the product is registered to you. When you remove a product, it leaves your list at once; the record that it was registered stays with the unit's history.",
  "privacy.data.cases.title": "Warranty claims, repairs and their files",
  "privacy.data.cases.what":
    "What you write in a claim or a repair request, the receipts and photos you upload, the decisions, quotes and status of each step.",
  "privacy.data.cases.why":
    "To decide a warranty claim, to have a product repaired, and to let you follow the repair online.",
  "privacy.data.cases.basis":
    "The agreement with you (art. 6(1)(b)), and our duty to answer a complaint under the Consumer Purchases Act (art. 6(1)(c)).",
  "privacy.data.cases.kept": "As long as you have the account.",
  "privacy.data.security.title": "Sign-ins and security",
  "privacy.data.security.what":
    "The browsers, apps, TVs and scanners signed in to your account, the client address of failed sign-ins, and a log of what was done in your account.",
  "privacy.data.security.why":
    "To keep your account safe and to find out what happened if something goes wrong.",
  "privacy.data.security.basis": "Our legitimate interest in a secure service (art. 6(1)(f)).",
  "privacy.data.security.kept":
    "A sign-in in a browser or the app ends after 30 days without use. Failed sign-ins are counted only as long as they hold back new attempts. The log stays as long as the account.",
  "privacy.data.access.title": "Customer service's look-ups",
  "privacy.data.access.what":
    "Each time someone in customer service or warranty review opens your information: when, what, by staff number, and the reason they gave.",
  "privacy.data.access.why":
    "So that you can see who has looked, and staff look only when they have a reason.",
  "privacy.data.access.basis":
    "Our legitimate interest in showing that your data is used as it should be (art. 6(1)(f)).",
  "privacy.data.access.kept": "As long as the account. You see it in My information.",
  "privacy.data.points.title": "Points",
  "privacy.data.points.what": "The points you earn for registering products, and what earned them.",
  "privacy.data.points.why": "To show your balance in Rewards.",
  "privacy.data.points.basis": "The agreement with you (art. 6(1)(b)).",
  "privacy.data.points.kept": "As long as the account.",
  "privacy.data.consents.title": "Your choices",
  "privacy.data.consents.what":
    "Each answer you give above and at sign-up: what, yes or no, which wording, where and when. An answer is never changed afterwards; a new one is added.",
  "privacy.data.consents.why": "So that we do only what you agreed to, and can show it.",
  "privacy.data.consents.basis": "Our duty to show consent (art. 7(1)).",
  "privacy.data.consents.kept": "As long as the account.",

  "privacy.recipients.title": "Who else sees it",
  "privacy.recipients.partners":
    "When you ask for a repair, the service centre that takes it gets what it needs for the job: your name, how to reach you, the address the product is fetched from or sent to, the product and its serial number, what is wrong, and the photos you attach. It sees nothing else about you.",
  "privacy.recipients.processors":
    "Companies that run parts of the service for us (hosting, sending e-mail) handle data only on our instructions, under an agreement with us.",
  "privacy.recipients.none": "We do not sell your data, and nobody receives it for their own marketing.",

  "privacy.rights.title": "Your rights",
  "privacy.rights.access": "See what we keep",
  "privacy.rights.accessText":
    "Your products, claims, repairs, points and who on staff has looked are on My Page and in My information.",
  "privacy.rights.correct": "Correct it",
  "privacy.rights.correctText":
    "Change your name, phone, address and language in My information, and a product's details on its page.",
  "privacy.rights.consent": "Withdraw a consent",
  "privacy.rights.consentText": "Turn off any choice above; it takes effect at once.",
  "privacy.rights.copyAndErase": "Get a copy, or have it erased",
  "privacy.rights.copyAndEraseText":
    "Ask customer service for a copy of your data in a machine-readable form, or to delete your account. We answer within one month, free of charge.",
  "privacy.rights.object": "Object or restrict",
  "privacy.rights.objectText":
    "You may object to what we do out of our legitimate interest, or ask us to hold your data without using it while a question is settled. Ask customer service.",
  "privacy.rights.complain": "Complain",
  "privacy.rights.complainText":
    "If you think we handle your data wrongly, tell us first. You may also complain to the Norwegian Data Protection Authority (Datatilsynet, datatilsynet.no).",
  "privacy.rights.myInformation": "Open My information",
  "privacy.rights.myProducts": "Open My products",
  "privacy.rights.support": "Contact customer service",

  "terms.title": "Terms of use",
  "terms.version": "Version {version}",
  "terms.lead":
    "These terms apply to your account in the {brand} owner portal. Your rights as a consumer under Norwegian law, such as the complaint right of the Consumer Purchases Act, come first: nothing here limits them.",
  "terms.account.title": "Your account",
  "terms.account.text":
    "The account is yours alone. Give your true name and an e-mail address you read, and keep your password to yourself. Tell us if you think someone else has used your account.",
  "terms.products.title": "Registering products",
  "terms.products.text":
    "Register only products that you own, or that you may register for someone you act for. A registration does not prove ownership: if the owner of a product asks for it, customer service may move it, as the transfer page describes.",
  "terms.warranty.title": "Warranty",
  "terms.warranty.text":
    "The warranty of a product is set by the warranty terms of that product. The portal shows the periods as well as it can work them out; where a receipt or the seller's records say otherwise, they decide.",
  "terms.use.title": "Fair use",
  "terms.use.text":
    "Do not try to read other people's data, test serial numbers in bulk, or load the service beyond normal use. We may stop an account that does, and tell you why.",
  "terms.changes.title": "Changes",
  "terms.changes.text":
    "If we change these terms, we say so on the portal before the change applies, and you may close your account if you do not accept them.",
  "terms.privacy": "How we handle your data is described in the privacy notice.",

  "signUp.acceptTerms": "I accept the {terms} and have read the {privacy}.",
  "signUp.termsLink": "terms of use",
  "signUp.privacyLink": "privacy notice",
  "signUp.acceptRequired": "Tick the box to accept the terms of use before you create the account.",
  "signUp.optional": "Optional, and you can change it later on the privacy page",
  "signUp.recommendations": "Show me accessories and newer models that fit the products I register",
  "signUp.marketingMail": "Send me news and offers by e-mail",

  "dashboard.privacyTitle": "Privacy and choices",
  "dashboard.privacyText": "What we keep, who sees it, and the choices you make about it.",
  "product.recommendationsOff":
    "Want suggestions of accessories and newer models for this product? They use the models you own, so they are shown only if you turn them on.",
  "product.recommendationsTurnOn": "Turn on suggestions",
};
