import { type FormEvent, useEffect, useId, useState } from "react";
import { Link, useParams } from "react-router";
import { STAFF_NOTE_MAX } from "../../domain/access-reason.ts";
import type { CustomerRecord, StaffNote } from "../../features/customer-service/schemas.ts";
import type { MessageKey } from "../../messages/catalog.ts";
import { api } from "../api.ts";
import { Alert, Field } from "../components/form.tsx";
import { usePageTitle } from "../components/page-title.tsx";
import { PurchaseDateHistory } from "../components/purchase-date-history.tsx";
import { formatDate } from "../format.ts";
import { useI18n } from "../i18n.tsx";
import { problemMessage } from "../problem-message.ts";
import { TransferFacts } from "../transfers/transfers-page.tsx";
import { ReasonForm, reasonRequiredFor } from "./reason-form.tsx";

type Product = CustomerRecord["products"][number];
type Notice = { kind: "success" | "error"; text: string };

/**
 * A customer's whole record, in customer service's voice: who they are, what they own with every
 * date and its basis, their claims, repairs, points and consents, what happened lately, and the
 * staff's own notes. From here an agent corrects a purchase date, resends the confirmation mail,
 * signs the customer out everywhere, asks for a repair, and leaves a note.
 */
export function CustomerPage() {
  const { ownerId = "" } = useParams();
  const { t, locale } = useI18n();
  const [record, setRecord] = useState<CustomerRecord | undefined>(undefined);
  const [failure, setFailure] = useState<{ failure: unknown } | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  // Loaded again once the agent says why they open the record.
  const [opened, setOpened] = useState(0);
  usePageTitle(
    record
      ? t("customer.title", { name: record.customer.name })
      : failure
        ? problemMessage(t, locale, failure.failure)
        : t("common.loading"),
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: `opened` loads the record again after a reason.
  useEffect(() => {
    setRecord(undefined);
    setFailure(null);
    api<CustomerRecord>("GET", `/api/v1/staff/customers/${encodeURIComponent(ownerId)}`).then(
      setRecord,
      (e) => setFailure({ failure: e }),
    );
  }, [ownerId, opened]);

  const reasonOwner = failure ? reasonRequiredFor(failure.failure) : null;
  if (reasonOwner) return <ReasonForm ownerId={reasonOwner} onGiven={() => setOpened((n) => n + 1)} />;
  if (failure) {
    return (
      <section>
        <h1>{problemMessage(t, locale, failure.failure)}</h1>
        <Link to="/staff/repairs">{t("customer.back")}</Link>
      </section>
    );
  }
  if (!record) return <p>{t("common.loading")}</p>;

  const { customer } = record;
  const base = `/api/v1/staff/customers/${encodeURIComponent(customer.id)}`;
  const act = async (run: () => Promise<string>) => {
    try {
      setNotice({ kind: "success", text: await run() });
    } catch (e) {
      setNotice({ kind: "error", text: problemMessage(t, locale, e) });
    }
  };
  const resend = () =>
    act(async () => {
      const sent = await api<{ sentTo: string }>("POST", `${base}/verification-mail`);
      return t("customer.verificationSent", { email: sent.sentTo });
    });
  const endSessions = () => {
    if (!window.confirm(t("customer.endSessionsConfirm"))) return;
    void act(async () => {
      const ended = await api<{ sessions: number; devices: number }>("POST", `${base}/sessions/end`);
      setRecord({ ...record, customer: { ...customer, activeSessions: 0, activeDevices: 0 } });
      return t("customer.sessionsEnded", ended);
    });
  };
  const address = [customer.addressLine, [customer.postalCode, customer.city].filter(Boolean).join(" ")]
    .filter(Boolean)
    .join(", ");

  return (
    <article className="stack customer-record">
      <p>
        <Link to="/staff/repairs">{t("customer.back")}</Link>
      </p>
      <h1>{t("customer.title", { name: customer.name })}</h1>
      {notice && <Alert kind={notice.kind}>{notice.text}</Alert>}

      <section className="card stack" aria-labelledby="customer-profile">
        <h2 id="customer-profile">{t("customer.profile")}</h2>
        <dl className="facts">
          <dt>{t("customer.email")}</dt>
          <dd>
            {customer.email} (
            {t(customer.emailVerified ? "customer.emailVerified" : "customer.emailUnverified")})
          </dd>
          <dt>{t("customer.phone")}</dt>
          <dd>{customer.phone ?? t("customer.none")}</dd>
          <dt>{t("customer.address")}</dt>
          <dd>{address ? `${address}, ${t(`country.${customer.country}`)}` : t("customer.none")}</dd>
          <dt>{t("customer.language")}</dt>
          <dd>{t(`language.${customer.locale}`)}</dd>
          <dt>{t("customer.since")}</dt>
          <dd>{formatDate(locale, customer.createdAt)}</dd>
          <dt>{t("customer.signedIn")}</dt>
          <dd>
            {t("customer.signedInCount", {
              sessions: customer.activeSessions,
              devices: customer.activeDevices,
            })}
          </dd>
        </dl>
        <div className="row">
          {!customer.emailVerified && (
            <button type="button" className="button secondary" onClick={() => void resend()}>
              {t("customer.resendVerification")}
            </button>
          )}
          <button type="button" className="button secondary" onClick={endSessions}>
            {t("customer.endSessions")}
          </button>
        </div>
      </section>

      <section className="stack" aria-labelledby="customer-products">
        <h2 id="customer-products">{t("customer.products")}</h2>
        {record.products.length === 0 ? (
          <p>{t("customer.noProducts")}</p>
        ) : (
          record.products.map((product) => (
            <ProductCard
              key={product.id}
              product={product}
              onCorrected={(changed) => {
                setRecord({
                  ...record,
                  products: record.products.map((p) => (p.id === changed.id ? changed : p)),
                });
                setNotice({ kind: "success", text: t("customer.dateCorrected") });
              }}
            />
          ))
        )}
      </section>

      <section className="stack" aria-labelledby="customer-devices">
        <h2 id="customer-devices">{t("customer.devices")}</h2>
        {record.devices.length === 0 ? (
          <p>{t("customer.noDevices")}</p>
        ) : (
          <ul>
            {record.devices.map((d) => (
              <li key={d.id}>
                {d.model?.names[locale] ?? d.displayName ?? d.source}
                {d.serialMasked && (
                  <>
                    {" "}
                    · <span className="mono">{d.serialMasked}</span>
                  </>
                )}{" "}
                · {formatDate(locale, d.discoveredAt)}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="stack" aria-labelledby="customer-claims">
        <h2 id="customer-claims">{t("customer.claims")}</h2>
        {record.claims.length === 0 ? (
          <p>{t("customer.noClaims")}</p>
        ) : (
          <ul>
            {record.claims.map((c) => (
              <li key={c.id}>
                <Link to={`/products/${c.registrationId}`}>
                  {t("customer.claimLine", {
                    product: c.productNames?.[locale] ?? t("customerSearch.unknownProduct"),
                    date: formatDate(locale, c.createdAt),
                  })}
                </Link>{" "}
                · {t(`claim.status.${c.status}` as MessageKey)}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="stack" aria-labelledby="customer-repairs">
        <h2 id="customer-repairs">{t("customer.repairs")}</h2>
        {record.repairs.length === 0 ? (
          <p>{t("customer.noRepairs")}</p>
        ) : (
          <ul>
            {record.repairs.map((r) => (
              <li key={r.id}>
                <Link to={`/repairs/${r.id}`}>
                  {r.productNames[locale]} · <span className="mono">{r.requestNumber}</span>
                </Link>{" "}
                · {t(`repairStatus.${r.status}` as MessageKey)}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="stack" aria-labelledby="customer-transfers">
        <h2 id="customer-transfers">{t("customer.transfers")}</h2>
        {record.transfers.length === 0 ? (
          <p>{t("customer.noTransfers")}</p>
        ) : (
          <ul className="plain stack">
            {record.transfers.map((transfer) => (
              <li key={transfer.id} className="card stack">
                <TransferFacts transfer={transfer} />
                <p>
                  {t(transfer.customerAsked ? "customer.transferAsked" : "customer.transferAskedOf", {
                    other: (transfer.customerAsked ? transfer.ownerName : transfer.requesterName) ?? "",
                  })}
                </p>
                {transfer.status === "with-staff" && (
                  <Link to="/staff/transfers">{t("customer.decideTransfer")}</Link>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="stack" aria-labelledby="customer-points">
        <h2 id="customer-points">{t("customer.points")}</h2>
        <p>{t("customer.pointsBalance", { points: record.points.balance })}</p>
        <h2 id="customer-consents">{t("customer.consents")}</h2>
        <ul className="plain">
          {record.consents.map((c) => (
            <li key={c.purpose}>
              {c.given && c.answeredAt
                ? t("customer.consentGiven", {
                    purpose: t(`consent.${c.purpose}.title`),
                    date: formatDate(locale, c.answeredAt),
                  })
                : t("customer.consentNotGiven", { purpose: t(`consent.${c.purpose}.title`) })}
            </li>
          ))}
        </ul>
      </section>

      <section className="stack" aria-labelledby="customer-activity">
        <h2 id="customer-activity">{t("customer.activity")}</h2>
        {record.activity.length === 0 ? (
          <p>{t("customer.noActivity")}</p>
        ) : (
          <ul className="activity">
            {record.activity.map((a) => (
              <li key={a.id}>
                <time dateTime={a.at}>{formatDate(locale, a.at)}</time> ·{" "}
                <span className="mono">{a.action}</span> · {t(`customer.by.${byKey(a.actorRole)}`)}
              </li>
            ))}
          </ul>
        )}
      </section>

      <StaffNotes
        ownerId={customer.id}
        notes={record.notes}
        onAdded={(note) => setRecord({ ...record, notes: [note, ...record.notes] })}
      />
    </article>
  );
}

const ROLES_SHOWN = ["customer", "agent", "reviewer", "admin", "system", "service"] as const;
function byKey(role: string): (typeof ROLES_SHOWN)[number] {
  return (ROLES_SHOWN as readonly string[]).includes(role)
    ? (role as (typeof ROLES_SHOWN)[number])
    : "system";
}

/** One product in the record: its warranty, the basis of each date, and the date's correction. */
function ProductCard({
  product,
  onCorrected,
}: {
  product: Product;
  onCorrected: (product: Product) => void;
}) {
  const { t, locale } = useI18n();
  const [correcting, setCorrecting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const headingId = useId();
  const s = product.warranty.statutory;
  const name = product.model.names[locale];

  async function correct(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    try {
      const changed = await api<{
        registration: Product;
        purchaseDateHistory: Product["purchaseDateHistory"];
      }>("POST", `/api/v1/staff/products/${product.id}/purchase-date`, {
        purchaseDate: String(form.get("purchaseDate") ?? ""),
        reason: String(form.get("reason") ?? ""),
      });
      setError(null);
      setCorrecting(false);
      onCorrected({
        ...product,
        ...changed.registration,
        purchaseDateHistory: changed.purchaseDateHistory,
      });
    } catch (e) {
      setError(problemMessage(t, locale, e));
    }
  }

  return (
    <section className="card stack" aria-labelledby={headingId}>
      <h3 id={headingId}>{product.nickname ? `${product.nickname} (${name})` : name}</h3>
      <dl className="facts">
        <dt>{t("products.serial")}</dt>
        <dd className="mono">{product.identifier.serial}</dd>
        {product.identifier.imei && (
          <>
            <dt>{t("products.imei")}</dt>
            <dd className="mono">{product.identifier.imei}</dd>
          </>
        )}
        <dt>{t("customer.manufactured")}</dt>
        <dd>{product.manufacturedOn ? formatDate(locale, product.manufacturedOn) : t("product.unknown")}</dd>
        <dt>{t("customer.purchaseDate")}</dt>
        <dd>{product.purchaseDate ? formatDate(locale, product.purchaseDate) : t("product.unknown")}</dd>
        <dt>{t("customer.registered")}</dt>
        <dd>{formatDate(locale, product.registeredAt)}</dd>
        <dt>{t("customer.coverages")}</dt>
        <dd>
          {product.warranty.coverages.length === 0 ? (
            t("customer.noneYet")
          ) : (
            <ul className="plain">
              {product.warranty.coverages.map((c) => (
                <li key={c.key}>
                  {t("customer.coverageLine", {
                    kind: c.name?.[locale] ?? t(`coverage.kind.${c.kind}`),
                    start: formatDate(locale, c.start),
                    end: formatDate(locale, c.end),
                    basis: t(`customer.basis.${c.basis}`),
                  })}
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>{t("customer.statutory")}</dt>
        <dd>
          {s
            ? t("customer.statutoryLine", {
                end: formatDate(locale, s.end),
                years: s.years,
                start: formatDate(locale, s.start),
                basis: t(`customer.basis.${s.basis}`),
              })
            : t("customer.noneYet")}
        </dd>
      </dl>
      <PurchaseDateHistory history={product.purchaseDateHistory} voice="staff" headingLevel={4} />
      {error && <Alert kind="error">{error}</Alert>}
      {correcting ? (
        <form className="stack" onSubmit={(e) => void correct(e)}>
          <Field
            label={t("customer.newDate")}
            name="purchaseDate"
            type="date"
            required
            defaultValue={product.purchaseDate ?? ""}
          />
          <Field
            label={t("customer.correctReason")}
            hint={t("customer.correctReasonHint")}
            name="reason"
            required
            maxLength={300}
          />
          <div className="row">
            <button type="submit" className="button">
              {t("customer.saveDate")}
            </button>
            <button type="button" className="button secondary" onClick={() => setCorrecting(false)}>
              {t("common.cancel")}
            </button>
          </div>
        </form>
      ) : (
        <div className="row">
          <button type="button" className="button secondary" onClick={() => setCorrecting(true)}>
            {t("customer.correctDate")}
          </button>
          <Link to={`/products/${product.id}`}>{t("customer.openProduct")}</Link>
          <Link to={`/products/${product.id}/repair`}>{t("customer.askRepair")}</Link>
        </div>
      )}
    </section>
  );
}

/** The staff's notes on a customer, newest first, and a form for one more. */
function StaffNotes({
  ownerId,
  notes,
  onAdded,
}: {
  ownerId: string;
  notes: readonly StaffNote[];
  onAdded: (note: StaffNote) => void;
}) {
  const { t, locale } = useI18n();
  const [error, setError] = useState<string | null>(null);

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const text = String(new FormData(form).get("text") ?? "").trim();
    if (!text) return;
    try {
      onAdded(
        await api<StaffNote>("POST", `/api/v1/staff/customers/${encodeURIComponent(ownerId)}/notes`, {
          text,
        }),
      );
      form.reset();
      setError(null);
    } catch (e) {
      setError(problemMessage(t, locale, e));
    }
  }

  return (
    <section className="stack" aria-labelledby="customer-notes">
      <h2 id="customer-notes">{t("customer.notes")}</h2>
      <p className="muted">{t("customer.notesLead")}</p>
      {error && <Alert kind="error">{error}</Alert>}
      <form className="stack" onSubmit={(e) => void add(e)}>
        <div className="field">
          <label htmlFor="staff-note">{t("customer.noteText")}</label>
          <textarea id="staff-note" name="text" rows={3} maxLength={STAFF_NOTE_MAX} required />
        </div>
        <button type="submit" className="button secondary">
          {t("customer.addNote")}
        </button>
      </form>
      {notes.length === 0 ? (
        <p>{t("customer.noNotes")}</p>
      ) : (
        <ul className="plain stack">
          {notes.map((note) => (
            <li key={note.id} className="card">
              <p className="muted">
                {t("customer.noteBy", { number: note.staff.number })} ·{" "}
                <time dateTime={note.at}>{formatDate(locale, note.at)}</time>
              </p>
              <p className="note-text">{note.text}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
