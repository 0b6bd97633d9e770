/// <reference types="vite/client" />

/** A message catalog parsed at build time (scripts/precompiled-messages.ts): text, or an ICU syntax tree. */
declare module "virtual:messages/*" {
  type SyntaxTree = ReturnType<import("intl-messageformat").IntlMessageFormat["getAst"]>;
  const messages: Record<string, string | SyntaxTree>;
  export default messages;
}
