import { type FormEvent, useEffect, useState } from "react";
import { api } from "../api.ts";
import { Alert, Field } from "../components/form.tsx";
import { formatDate } from "../format.ts";
import { useI18n } from "../i18n.tsx";
import { problemMessage } from "../problem-message.ts";
import { useSession } from "../session.tsx";

interface DeletionStatus {
  graceDays: number;
  dueAt: string | null;
  openRepairs: number;
}

/** "Delete your account": what is erased, what is kept and why, confirmed with the password. */
export function DeleteAccount() {
  const { t, locale } = useI18n();
  const { user, refresh } = useSession();
  const [status, setStatus] = useState<DeletionStatus | null>(null);
  const [done, setDone] = useState<{ status: "scheduled" | "erased"; dueAt: string | null } | null>(null);
  const [failure, setFailure] = useState<{ failure: unknown } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (user?.role !== "customer") return;
    api<DeletionStatus>("GET", "/api/v1/me/deletion").then(setStatus, (e) => setFailure({ failure: e }));
  }, [user]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = String(new FormData(event.currentTarget).get("password") ?? "");
    setBusy(true);
    setFailure(null);
    try {
      setDone(
        await api<{ status: "scheduled" | "erased"; dueAt: string | null }>("POST", "/api/v1/me/deletion", {
          password,
        }),
      );
      // Every sign-in has ended, this one too: the header shows it at once.
      await refresh();
    } catch (e) {
      setFailure({ failure: e });
    } finally {
      setBusy(false);
    }
  }

  if (done) {
    return (
      <section className="stack" aria-labelledby="delete">
        <h2 id="delete">{t("privacy.delete.title")}</h2>
        <Alert kind="success">
          {done.status === "erased" || !done.dueAt
            ? t("privacy.delete.done")
            : t("privacy.delete.scheduled", { date: formatDate(locale, done.dueAt) })}
        </Alert>
      </section>
    );
  }
  if (!status) return null;
  return (
    <section className="stack" aria-labelledby="delete">
      <h2 id="delete">{t("privacy.delete.title")}</h2>
      <p>{t("privacy.delete.lead")}</p>
      <p>
        {status.graceDays > 0
          ? t("privacy.delete.grace", { days: status.graceDays })
          : t("privacy.delete.now")}
      </p>
      <h3>{t("privacy.delete.erasedTitle")}</h3>
      <p>{t("privacy.delete.erased")}</p>
      <h3>{t("privacy.delete.keptTitle")}</h3>
      <p>{t("privacy.delete.kept")}</p>
      {status.openRepairs > 0 && (
        <Alert kind="info">{t("privacy.delete.openRepairs", { count: status.openRepairs })}</Alert>
      )}
      {failure && <Alert kind="error">{problemMessage(t, locale, failure.failure)}</Alert>}
      <form onSubmit={submit} className="stack narrow">
        <Field
          label={t("privacy.delete.password")}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          maxLength={200}
        />
        <p>
          <button type="submit" className="button danger" disabled={busy}>
            {t("privacy.delete.submit")}
          </button>
        </p>
      </form>
    </section>
  );
}
