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
  "privacy.rights.copy": "Get a copy",
  "privacy.rights.copyText":
    "Make a ZIP file of everything we keep about you, in a machine-readable form, under Download your data on this page.",
  "privacy.rights.erase": "Have it erased",
  "privacy.rights.eraseText":
    "Ask customer service to delete your account. We answer within one month, free of charge.",
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
  "mail.export.title": "Your data from {brand}, for {name}, made {date, date, long}",
  "mail.export.lead":
    "Each .json file is JSON in UTF-8: the data of one area, as the portal keeps it. Times are in UTC. The folder files holds the receipts and photos you uploaded.",
  "mail.export.fileLine": "{file}: {what} ({count, plural, one {# entry} other {# entries}})",
  "mail.export.filesLine": "files/: {count, plural, one {# file you uploaded} other {# files you uploaded}}",
  "mail.export.format":
    "What each field means is described in the documentation of the portal, under data export.",
  "mail.export.area.profile": "your account and contact details",
  "mail.export.area.products":
    "your products, their purchase dates, warranty and complaint period with the basis of each",
  "mail.export.area.claims": "your warranty claims with their steps and files",
  "mail.export.area.repairs": "your repairs with their events and photos",
  "mail.export.area.points": "your points",
  "mail.export.area.consents": "your answers to each consent",
  "mail.export.area.devices": "devices found, and the TVs and scanners signed in",
  "mail.export.area.sessions": "the browsers and apps signed in",
  "mail.export.area.access-log": "who on staff looked at your information, and why",
  "mail.export.area.activity": "what was done in your account",
  "mail.export.area.transfers": "requests to move a product",
  "mail.export.area.staff-notes": "notes customer service wrote about your case",
  "mail.export.area.exports": "your earlier downloads of your data",
  "mail.exportReady.subject": "Your data is ready to download",
  "mail.exportReady.body":
    "Hello {name}!\n\nThe copy of your data you asked for is ready. Sign in and download it from the privacy page until {date, date, long}; after that it is deleted.\n\n{url}\n\nIf you did not ask for it, change your password.",

  "privacy.export.title": "Download your data",
  "privacy.export.lead":
    "A ZIP file with everything the portal keeps about you: one JSON file per area, the files you uploaded, and a short summary. It is made in the background; we send you an e-mail when it is ready, and it can be downloaded for 7 days.",
  "privacy.export.start": "Make a copy of my data",
  "privacy.export.queued": "Waiting to start…",
  "privacy.export.building": "Making your copy: {progress} %",
  "privacy.export.ready": "Ready: {size}, can be downloaded until {date}.",
  "privacy.export.download": "Download the ZIP file",
  "privacy.export.failed": "The copy could not be made. Try again, or contact customer service.",
  "privacy.export.expired": "Your last copy has been deleted. Make a new one if you need it.",
  "mail.deletionScheduled.subject": "Your account will be deleted on {date, date, long}",
  "mail.deletionScheduled.body":
    "Hello {name}!\n\nYou asked us to delete your account. We have signed you out everywhere and released your products, so someone who owns them now can register them. On {date, date, long} your account is erased.\n\nChanged your mind? Sign in before then, and the account stays:\n\n{url}\n\nIf you did not ask for this, sign in and change your password.",
  "mail.accountErased.subject": "Your account is deleted",
  "mail.accountErased.body":
    "Your account at {brand} is deleted. Your name, contact details, files and the rest of your account are erased. The warranty, claim and repair records the manufacturer must keep are kept without your name or contact details.\n\nThis is the last e-mail we send you.",

  "privacy.delete.title": "Delete your account",
  "privacy.delete.lead":
    "When you delete the account, you are signed out everywhere at once and your products are released, so that someone who owns them after you can register them.",
  "privacy.delete.grace":
    "The account is erased {days, plural, one {# day} other {# days}} later. Until then you can keep it by signing in again.",
  "privacy.delete.now": "The account is erased at once.",
  "privacy.delete.erasedTitle": "What is erased",
  "privacy.delete.erased":
    "Your name, e-mail address, phone, address and language; your password and every sign-in; the files you uploaded; nicknames of products; your points; devices found; the messages you wrote in claims and repairs; notes and look-ups by customer service; your copies of your data.",
  "privacy.delete.keptTitle": "What is kept, and why",
  "privacy.delete.kept":
    "That each product was registered, with its purchase date, and the warranty claims and repairs with their decisions. The manufacturer must be able to answer a complaint about the product for up to five years after the purchase, whoever owns it then. These records are kept without your name, e-mail, phone, address or files. Your answers to consents are kept too, without anything that names you, to show what you agreed to.",
  "privacy.delete.openRepairs":
    "You have {count, plural, one {a repair} other {# repairs}} under way. The service centre finishes the job, but after the deletion neither they nor we can reach you about it. If the product is with the centre, contact them before you delete the account.",
  "privacy.delete.password": "Your password, to confirm",
  "privacy.delete.submit": "Delete my account",
  "privacy.delete.scheduled":
    "Your account will be erased on {date}. You have been signed out. Sign in again before then to keep it.",
  "privacy.delete.done": "Your account is deleted.",
};
