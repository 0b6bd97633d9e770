import { type FormEvent, useEffect, useState } from "react";
import type { Category } from "../../features/catalogue/schemas.ts";
import type { PointsRule, StaffReward } from "../../features/rewards/schemas.ts";
import { api } from "../api.ts";
import { Alert, Field } from "../components/form.tsx";
import { usePageTitle } from "../components/page-title.tsx";
import { useI18n } from "../i18n.tsx";
import { problemMessage } from "../problem-message.ts";

const ACTIONS = ["registration", "profile-complete"] as const;
const ANY = "";

/** Editors' and admins' rewards: the earning rules, the catalogue of rewards and their code pools. */
export function AdminRewardsPage() {
  const { t, locale } = useI18n();
  const [rules, setRules] = useState<PointsRule[] | null>(null);
  const [rewards, setRewards] = useState<StaffReward[] | null>(null);
  const [categories, setCategories] = useState<Category[]>([]);
  const [action, setAction] = useState<(typeof ACTIONS)[number]>("registration");
  const [notice, setNotice] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  usePageTitle(t("rewardsAdmin.title"));

  const load = () =>
    Promise.all([
      api<{ rules: PointsRule[] }>("GET", "/api/v1/admin/points-rules"),
      api<{ rewards: StaffReward[] }>("GET", "/api/v1/admin/rewards"),
    ]).then(
      ([r, w]) => {
        setRules(r.rules);
        setRewards(w.rewards);
      },
      (e) => setNotice({ kind: "error", text: problemMessage(t, locale, e) }),
    );
  // biome-ignore lint/correctness/useExhaustiveDependencies: the page's data, once.
  useEffect(() => {
    void load();
    api<{ categories: Category[] }>("GET", "/api/v1/categories").then(
      (c) => setCategories(c.categories),
      () => {},
    );
  }, []);

  const act = async (run: () => Promise<string>) => {
    try {
      setNotice({ kind: "success", text: await run() });
      await load();
    } catch (e) {
      setNotice({ kind: "error", text: problemMessage(t, locale, e) });
    }
  };
  const categoryName = (code: string | null) =>
    code === null
      ? t("rewardsAdmin.anyCategory")
      : (categories.find((c) => c.code === code)?.names[locale] ?? code);

  function saveRule(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const category = String(data.get("category") ?? ANY);
    void act(async () => {
      await api("PUT", "/api/v1/admin/points-rules", {
        action,
        categoryCode: action === "registration" && category !== ANY ? category : null,
        points: Number(data.get("points")),
        pendingDays: Number(data.get("pendingDays")),
        validityMonths: Number(data.get("validityMonths")),
      });
      return t("rewardsAdmin.ruleSaved");
    });
  }

  function addReward(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    void act(async () => {
      await api("POST", "/api/v1/admin/rewards", rewardBody(form));
      form.reset();
      return t("rewardsAdmin.created");
    });
  }

  function changeReward(event: FormEvent<HTMLFormElement>, reward: StaffReward) {
    event.preventDefault();
    const form = event.currentTarget;
    void act(async () => {
      await api("PUT", `/api/v1/admin/rewards/${reward.id}`, rewardBody(form));
      return t("rewardsAdmin.changed");
    });
  }

  function upload(event: FormEvent<HTMLFormElement>, reward: StaffReward) {
    event.preventDefault();
    const form = event.currentTarget;
    const codes = String(new FormData(form).get("codes") ?? "");
    void act(async () => {
      const added = await api<{ added: number }>("POST", `/api/v1/admin/rewards/${reward.id}/codes`, {
        codes,
      });
      form.reset();
      return t("rewardsAdmin.uploaded", { count: added.added });
    });
  }

  return (
    <section className="stack">
      <h1>{t("rewardsAdmin.title")}</h1>
      {notice && <Alert kind={notice.kind}>{notice.text}</Alert>}

      <h2>{t("rewardsAdmin.rulesTitle")}</h2>
      <p>{t("rewardsAdmin.rulesLead")}</p>
      {rules && rules.length === 0 && <p>{t("rewardsAdmin.noRules")}</p>}
      {rules && rules.length > 0 && (
        <ul className="plain stack">
          {rules.map((r) => (
            <li key={r.id} className="rule-line">
              <span>
                <strong>
                  {t(`rewardsAdmin.action.${r.action}`)}, {categoryName(r.categoryCode)}
                </strong>
                {": "}
                {t("rewardsAdmin.ruleLine", {
                  points: r.points,
                  days: r.pendingDays,
                  months: r.validityMonths,
                })}
              </span>
              <button
                type="button"
                className="button secondary"
                aria-label={t("rewardsAdmin.removeRuleFor", {
                  action: t(`rewardsAdmin.action.${r.action}`),
                  category: categoryName(r.categoryCode),
                })}
                onClick={() =>
                  void act(async () => {
                    await api("DELETE", `/api/v1/admin/points-rules/${r.id}`);
                    return t("rewardsAdmin.ruleRemoved");
                  })
                }
              >
                {t("rewardsAdmin.removeRule")}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="card stack" onSubmit={saveRule}>
        <div className="field">
          <label htmlFor="rule-action">{t("rewardsAdmin.action")}</label>
          <select
            id="rule-action"
            value={action}
            onChange={(e) => setAction(e.target.value as (typeof ACTIONS)[number])}
          >
            {ACTIONS.map((a) => (
              <option key={a} value={a}>
                {t(`rewardsAdmin.action.${a}`)}
              </option>
            ))}
          </select>
        </div>
        {action === "registration" && (
          <div className="field">
            <label htmlFor="rule-category">{t("rewardsAdmin.category")}</label>
            <select id="rule-category" name="category" defaultValue={ANY}>
              <option value={ANY}>{t("rewardsAdmin.anyCategory")}</option>
              {categories.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.names[locale]}
                </option>
              ))}
            </select>
          </div>
        )}
        <Field label={t("rewardsAdmin.points")} name="points" type="number" min={0} max={100000} required />
        <Field
          label={t("rewardsAdmin.pendingDays")}
          name="pendingDays"
          type="number"
          min={0}
          max={365}
          defaultValue={14}
          required
        />
        <Field
          label={t("rewardsAdmin.validityMonths")}
          name="validityMonths"
          type="number"
          min={0}
          max={120}
          defaultValue={24}
          required
        />
        <button type="submit" className="button">
          {t("rewardsAdmin.saveRule")}
        </button>
      </form>

      <h2>{t("rewardsAdmin.rewardsTitle")}</h2>
      {rewards && rewards.length === 0 && <p>{t("rewardsAdmin.noRewards")}</p>}
      {rewards?.map((r) => (
        <article key={r.id} className="card stack">
          <h3>{r.names[locale]}</h3>
          <p>{r.descriptions[locale]}</p>
          <p>
            {t("rewardsPage.cost", { points: r.cost })} ·{" "}
            {r.activeFrom === null && r.activeTo === null
              ? t("rewardsAdmin.always")
              : t("rewardsAdmin.period", {
                  from: r.activeFrom ?? t("rewardsAdmin.open"),
                  to: r.activeTo ?? t("rewardsAdmin.open"),
                })}
          </p>
          <p>{t("rewardsAdmin.codesLine", { issued: r.codesIssued, total: r.codesTotal })}</p>
          <details>
            <summary>{t("rewardsAdmin.edit", { name: r.names[locale] })}</summary>
            <form className="stack" onSubmit={(e) => changeReward(e, r)}>
              <RewardFields reward={r} />
              <button type="submit" className="button secondary">
                {t("rewardsAdmin.save")}
              </button>
            </form>
          </details>
          <form className="stack" onSubmit={(e) => upload(e, r)}>
            <div className="field">
              <label htmlFor={`codes-${r.id}`}>{t("rewardsAdmin.codes", { name: r.names[locale] })}</label>
              <textarea id={`codes-${r.id}`} name="codes" rows={3} required maxLength={400000} />
            </div>
            <button type="submit" className="button secondary">
              {t("rewardsAdmin.upload")}
            </button>
          </form>
        </article>
      ))}

      <form className="card stack" onSubmit={addReward}>
        <h3>{t("rewardsAdmin.newReward")}</h3>
        <RewardFields />
        <button type="submit" className="button">
          {t("rewardsAdmin.create")}
        </button>
      </form>
    </section>
  );
}

/** The body of a reward from its form's fields (RewardFields). */
function rewardBody(form: HTMLFormElement) {
  const data = new FormData(form);
  const text = (name: string) => String(data.get(name) ?? "").trim();
  return {
    names: { nb: text("nameNb"), en: text("nameEn") },
    descriptions: { nb: text("descriptionNb"), en: text("descriptionEn") },
    cost: Number(data.get("cost")),
    activeFrom: text("activeFrom") || null,
    activeTo: text("activeTo") || null,
  };
}

/** A reward's fields, empty for a new one or filled in with one to change. */
function RewardFields({ reward }: { reward?: StaffReward }) {
  const { t } = useI18n();
  return (
    <>
      <Field
        label={t("rewardsAdmin.nameNb")}
        name="nameNb"
        required
        maxLength={120}
        defaultValue={reward?.names.nb}
      />
      <Field
        label={t("rewardsAdmin.nameEn")}
        name="nameEn"
        required
        maxLength={120}
        defaultValue={reward?.names.en}
      />
      <Field
        label={t("rewardsAdmin.descriptionNb")}
        name="descriptionNb"
        required
        maxLength={1000}
        defaultValue={reward?.descriptions.nb}
      />
      <Field
        label={t("rewardsAdmin.descriptionEn")}
        name="descriptionEn"
        required
        maxLength={1000}
        defaultValue={reward?.descriptions.en}
      />
      <Field
        label={t("rewardsAdmin.cost")}
        name="cost"
        type="number"
        min={1}
        max={1000000}
        required
        defaultValue={reward?.cost}
      />
      <Field
        label={t("rewardsAdmin.activeFrom")}
        name="activeFrom"
        type="date"
        defaultValue={reward?.activeFrom ?? ""}
      />
      <Field
        label={t("rewardsAdmin.activeTo")}
        name="activeTo"
        type="date"
        defaultValue={reward?.activeTo ?? ""}
      />
    </>
  );
}
