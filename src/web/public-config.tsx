import { createContext, type ReactNode, useContext, useEffect, useState } from "react";
import type { PublicConfig } from "../features/public-config/schemas.ts";
import { readOnce } from "./prefetch.ts";

/** Read by the frame of every page; main.tsx starts it before the first render. */
export const PUBLIC_CONFIG = "/api/v1/config";

const fallback: PublicConfig = {
  brandName: "",
  privacyPolicyUrl: "/privacy",
  termsUrl: "/terms",
  accountPrivacyPolicyUrl: null,
  supportPhone: "",
  supportEmail: "",
  demoMode: false,
};
const PublicConfigContext = createContext<PublicConfig>(fallback);

/** Operator settings the pages show: privacy-policy links, support contacts, demo mode. */
export function PublicConfigProvider({ children }: { children: ReactNode }) {
  const [config, setConfig] = useState<PublicConfig>(fallback);
  useEffect(() => {
    readOnce<PublicConfig>(PUBLIC_CONFIG).then(setConfig, () => {});
  }, []);
  return <PublicConfigContext.Provider value={config}>{children}</PublicConfigContext.Provider>;
}

export function usePublicConfig(): PublicConfig {
  return useContext(PublicConfigContext);
}
