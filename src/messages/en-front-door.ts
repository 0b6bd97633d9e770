import type { nbFrontDoor } from "./nb-front-door.ts";

/** The front door in English: the landing page, the menu, the first visit's notices and the forms' own messages. */
export const enFrontDoor: Record<keyof typeof nbFrontDoor, string> = {
  "landing.title": "Register your products and get help sooner",
  "landing.lead":
    "Owner Portal keeps your products in one place: the warranty, the manuals and the repairs. The account is free and takes a couple of minutes.",
  "landing.signUp": "Create account",
  "landing.signIn": "Sign in",
  "landing.haveAccount": "Already have an account?",
  "landing.benefitsTitle": "What you get once a product is registered",
  "landing.support.title": "Help sooner",
  "landing.support.text":
    "Customer service sees the product, its serial number and its warranty straight away. No digging out the receipt and explaining everything again.",
  "landing.manuals.title": "Manuals without searching",
  "landing.manuals.text":
    "The manual, answers to common questions and how-to guides for your exact model are waiting on the product's page.",
  "landing.repair.title": "Your repair, step by step",
  "landing.repair.text":
    "Ask for a repair online and follow it from the moment it is sent until the product is ready again. To book a repair online, the product must be registered.",
  "landing.warranty.title": "The warranty worked out for you",
  "landing.warranty.text":
    "We work out the warranty from the serial number or IMEI and show your right to complain beside it, with dates. We let you know before either runs out.",
  "landing.related.title": "Suggestions that fit what you own",
  "landing.related.text":
    "If you like, we suggest accessories and products that go with what you already have. It is your choice, and you can say no at any time.",
  "landing.stepsTitle": "How to get started",
  "landing.step1": "Create an account with your email address.",
  "landing.step2": "Follow the link we send you. That confirms the address and signs you in.",
  "landing.step3": "Register the product with its serial number or IMEI, or scan its label.",
  "landing.findSerial": "Where is the serial number?",
  "landing.privacyTitle": "Your information",
  "landing.privacyText":
    "We use what we know about your products to make registration and repairs easier, to show how a repair is going and, if you say yes, to suggest products.",
  "landing.privacyLink": "Read how we handle personal data",
  "landing.readyTitle": "Ready to start?",
  "nav.home": "Home",
  "app.verifiedSignedIn": "Your email address is confirmed, and you are signed in.",
  "app.verifiedSignIn": "Your email address is confirmed. Sign in to carry on.",
  "form.emailMissing": "Enter your email address.",
  "form.emailInvalid": "Write the email address like this: name@example.com.",
  "form.passwordMissing": "Enter your password.",
  "form.passwordShort": "The password needs at least {min} characters.",
  "form.currentPasswordMissing": "Enter the password you have now.",
  "form.nameMissing": "Enter your name.",
  "form.postcodeInvalid":
    "{country, select, NO {A Norwegian postcode has four digits, for example 0155.} SE {A Swedish postcode has five digits, for example 111 22.} DK {A Danish postcode has four digits, for example 2100.} other {A Finnish postcode has five digits, for example 00100.}}",
  "form.phoneInvalid":
    "Write the phone number in digits, ideally with the country code first, for example +47 912 34 567.",
  "info.cityFilled": "The place is filled in from the postcode.",
  "info.languageHint": "The change applies at once, on the website and in the emails we send you.",
  "error.profile.postcode_invalid": "The postcode does not fit the country you chose.",
};
