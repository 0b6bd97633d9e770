import { type FormEvent, useEffect, useState } from "react";
import type { StaffMember } from "../../features/staff/schemas.ts";
import { api } from "../api.ts";
import { Alert, Field } from "../components/form.tsx";
import { usePageTitle } from "../components/page-title.tsx";
import { formatDate } from "../format.ts";
import { useI18n } from "../i18n.tsx";
import { problemMessage } from "../problem-message.ts";
import { useSession } from "../session.tsx";

const ROLES = ["agent", "reviewer", "editor", "admin"] as const;

/**
 * The admin's staff accounts: who works in customer service, warranty review and administration,
 * their staff number, a new member (who gets a mail to choose a password), another role, removal.
 */
export function StaffPage() {
  const { t, locale } = useI18n();
  const me = useSession().user;
  const [staff, setStaff] = useState<StaffMember[] | null>(null);
  const [notice, setNotice] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  usePageTitle(t("staff.title"));

  const load = () =>
    api<{ staff: StaffMember[] }>("GET", "/api/v1/admin/staff").then(
      (r) => setStaff(r.staff),
      (e) => setNotice({ kind: "error", text: problemMessage(t, locale, e) }),
    );
  // biome-ignore lint/correctness/useExhaustiveDependencies: the list, once.
  useEffect(() => void load(), []);

  const act = async (run: () => Promise<string>) => {
    try {
      setNotice({ kind: "success", text: await run() });
      await load();
    } catch (e) {
      setNotice({ kind: "error", text: problemMessage(t, locale, e) });
    }
  };

  function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    void act(async () => {
      const added = await api<StaffMember>("POST", "/api/v1/admin/staff", {
        email: String(data.get("email") ?? "").trim(),
        name: String(data.get("name") ?? "").trim(),
        role: String(data.get("role") ?? ""),
      });
      form.reset();
      return t("staff.added", { email: added.email });
    });
  }

  return (
    <section className="stack">
      <h1>{t("staff.title")}</h1>
      <p className="lead">{t("staff.lead")}</p>
      {notice && <Alert kind={notice.kind}>{notice.text}</Alert>}
      <form className="card stack" onSubmit={add}>
        <h2>{t("staff.add")}</h2>
        <Field label={t("staff.name")} name="name" required maxLength={100} autoComplete="off" />
        <Field
          label={t("staff.email")}
          name="email"
          type="email"
          required
          maxLength={254}
          autoComplete="off"
        />
        <div className="field">
          <label htmlFor="new-staff-role">{t("staff.role")}</label>
          <select id="new-staff-role" name="role" defaultValue="agent">
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`staff.role.${role}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t("staff.addButton")}
        </button>
      </form>
      {staff && (
        <div className="table-scroll">
          <table className="staff-table">
            <caption>{t("staff.listCaption", { count: staff.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("staff.name")}</th>
                <th scope="col">{t("staff.email")}</th>
                <th scope="col">{t("staff.role")}</th>
                <th scope="col">{t("staff.number")}</th>
                <th scope="col">{t("staff.since")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("staff.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {staff.map((member) => {
                const own = member.id === me?.id;
                return (
                  <tr key={member.id}>
                    <td>{member.name}</td>
                    <td>{member.email}</td>
                    <td>
                      {own ? (
                        t(`staff.role.${member.role}`)
                      ) : (
                        <select
                          aria-label={t("staff.roleOf", { name: member.name })}
                          value={member.role}
                          onChange={(e) =>
                            void act(async () => {
                              const role = e.target.value;
                              await api("PATCH", `/api/v1/admin/staff/${member.id}`, { role });
                              return t("staff.roleChanged", { name: member.name });
                            })
                          }
                        >
                          {ROLES.map((role) => (
                            <option key={role} value={role}>
                              {t(`staff.role.${role}`)}
                            </option>
                          ))}
                        </select>
                      )}
                    </td>
                    <td>{member.staffNumber ?? "–"}</td>
                    <td>{formatDate(locale, member.createdAt)}</td>
                    <td>
                      {!own && (
                        <button
                          type="button"
                          className="button secondary"
                          onClick={() => {
                            if (!window.confirm(t("staff.removeConfirm", { name: member.name }))) return;
                            void act(async () => {
                              await api("DELETE", `/api/v1/admin/staff/${member.id}`);
                              return t("staff.removed", { name: member.name });
                            });
                          }}
                        >
                          {t("staff.remove", { name: member.name })}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
