import { useEffect } from "react";
import { useI18n } from "../i18n.tsx";

/** Sets the document title to "<page> · <app>" so each page is announced and bookmarked by name. */
export function usePageTitle(title: string) {
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${title} · ${t("app.name")}`;
  }, [title, t]);
}
