import { createContext, type ReactNode, useContext, useEffect, useState } from "react";
import type { PublicConfig } from "../features/public-config/schemas.ts";
import { api } from "./api.ts";

const fallback: PublicConfig = {
  privacyPolicyUrl: "/support",
  accountPrivacyPolicyUrl: "/support",
  supportPhone: "",
  supportEmail: "",
  demoMode: false,
};
const PublicConfigContext = createContext<PublicConfig>(fallback);

/** Operator settings the pages show: privacy-policy links, support contacts, demo mode. */
export function PublicConfigProvider({ children }: { children: ReactNode }) {
  const [config, setConfig] = useState<PublicConfig>(fallback);
  useEffect(() => {
    api<PublicConfig>("GET", "/api/v1/config").then(setConfig, () => {});
  }, []);
  return <PublicConfigContext.Provider value={config}>{children}</PublicConfigContext.Provider>;
}

export function usePublicConfig(): PublicConfig {
  return useContext(PublicConfigContext);
}
