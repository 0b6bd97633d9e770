import { type FormEvent, useEffect, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import type { z } from "zod";
import type { productPageSchema } from "../../features/registration/schemas.ts";
import type { Repair, RepairOptions } from "../../features/repairs/schemas.ts";
import type { MessageKey } from "../../messages/catalog.ts";
import { api } from "../api.ts";
import { Alert, Field } from "../components/form.tsx";
import { usePageTitle } from "../components/page-title.tsx";
import { ReasonForm, reasonRequiredFor } from "../customer-service/reason-form.tsx";
import { useI18n } from "../i18n.tsx";
import { problemMessage } from "../problem-message.ts";

type Product = z.infer<typeof productPageSchema>;

const PHOTO_TYPES = ".jpg,.jpeg,.png,.heic,.heif,.webp,image/jpeg,image/png,image/heic,image/webp";
const MAX_PHOTOS = 5;
const TIME_WINDOWS = ["morning", "afternoon", "evening", "any"] as const;

/** Get support: the owner describes the fault and chooses how the product gets to a service centre. */
export function RepairRequestPage() {
  const { id = "" } = useParams();
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const [product, setProduct] = useState<Product | null>(null);
  const [options, setOptions] = useState<RepairOptions | null>(null);
  const [failure, setFailure] = useState<{ failure: unknown } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [postcode, setPostcode] = useState("");
  const [channel, setChannel] = useState<string>("");
  const [busy, setBusy] = useState(false);
  // Loaded again once staff say why they open a customer's records.
  const [opened, setOpened] = useState(0);
  const name = product ? (product.nickname ?? product.model.names[locale]) : "";
  usePageTitle(product ? t("repair.request.title", { product: name }) : t("common.loading"));

  // biome-ignore lint/correctness/useExhaustiveDependencies: `opened` loads the page again after a reason.
  useEffect(() => {
    const path = `/api/v1/registrations/${encodeURIComponent(id)}`;
    Promise.all([api<Product>("GET", path), api<RepairOptions>("GET", `${path}/repair-options`)]).then(
      ([p, o]) => {
        setProduct(p);
        setOptions(o);
        setPostcode(o.contact.postalCode ?? "");
      },
      (e) => setFailure({ failure: e }),
    );
  }, [id, opened]);

  // A new postcode may change which ways of repair a centre offers there.
  useEffect(() => {
    if (!/^\d{4}$/.test(postcode) || !options || options.postcode === postcode) return;
    api<RepairOptions>(
      "GET",
      `/api/v1/registrations/${encodeURIComponent(id)}/repair-options?postcode=${postcode}`,
    ).then(
      (o) => setOptions(o),
      () => {},
    );
  }, [postcode, options, id]);

  useEffect(() => {
    if (options && !options.available.includes(channel as never)) setChannel(options.available[0] ?? "");
  }, [options, channel]);

  const reasonOwner = failure ? reasonRequiredFor(failure.failure) : null;
  if (reasonOwner) {
    return (
      <ReasonForm
        ownerId={reasonOwner}
        onGiven={() => {
          setFailure(null);
          setOpened((n) => n + 1);
        }}
      />
    );
  }
  if (failure) {
    return (
      <section>
        <h1>{problemMessage(t, locale, failure.failure)}</h1>
        <p>{t("repair.request.notRepairable")}</p>
        <Link to={`/products/${id}`}>{t("repair.back")}</Link>
      </section>
    );
  }
  if (!product || !options) return <p>{t("common.loading")}</p>;

  if (options.openRepairId) {
    return (
      <section>
        <h1>{t("repair.request.title", { product: name })}</h1>
        <Alert kind="info">{t("repair.request.openExists")}</Alert>
        <Link className="button" to={`/repairs/${options.openRepairId}`}>
          {t("repair.request.openRepair")}
        </Link>
      </section>
    );
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const photos = form.getAll("photos").filter((f): f is File => f instanceof File && f.size > 0);
    const text = (key: string) => String(form.get(key) ?? "").trim();
    setBusy(true);
    setError(null);
    try {
      const repair = await api<Repair>("POST", `/api/v1/registrations/${encodeURIComponent(id)}/repairs`, {
        faultCode: text("faultCode"),
        faultText: text("faultText"),
        ...(text("faultStartedOn") ? { faultStartedOn: text("faultStartedOn") } : {}),
        channel,
        ...(form.get("timeWindow") ? { timeWindow: text("timeWindow") } : {}),
        contact: {
          phone: text("phone"),
          addressLine: text("addressLine"),
          postalCode: postcode,
          city: text("city"),
        },
        saveContact: form.get("saveContact") === "on",
        conditions: form.getAll("conditions").map(String),
      });
      let photosFailed = false;
      for (const photo of photos.slice(0, MAX_PHOTOS)) {
        const body = new FormData();
        body.append("photo", photo, photo.name);
        await api("POST", `/api/v1/repairs/${repair.id}/photos`, body).catch(() => {
          photosFailed = true;
        });
      }
      navigate(`/repairs/${repair.id}`, {
        state: photosFailed ? { notice: t("repair.request.photosFailed"), kind: "error" } : undefined,
      });
    } catch (e) {
      setError(problemMessage(t, locale, e));
    } finally {
      setBusy(false);
    }
  }

  const needsWindow = channel === "pickup" || channel === "technician";
  return (
    <section className="repair-request">
      <p>
        {options.forOwner ? (
          <Link to="/staff/repairs">{t("staffRepairs.back")}</Link>
        ) : (
          <Link to={`/products/${id}`}>{t("repair.back")}</Link>
        )}
      </p>
      <h1>{t("repair.request.title", { product: name })}</h1>
      {options.forOwner ? (
        <Alert kind="info">
          {t(
            options.conditions.length > 0 ? "repair.request.forOwnerConditions" : "repair.request.forOwner",
            {
              owner: options.forOwner,
            },
          )}
        </Alert>
      ) : (
        <p className="lead">{t("repair.request.lead")}</p>
      )}
      {error && <Alert kind="error">{error}</Alert>}
      <form className="stack" onSubmit={(e) => void submit(e)}>
        <fieldset className="card stack">
          <legend>{t("repair.request.fault")}</legend>
          <div className="field">
            <label htmlFor="faultCode">{t("repair.request.fault")}</label>
            <select id="faultCode" name="faultCode" required defaultValue="">
              <option value="" disabled>
                {t("repair.request.chooseFault")}
              </option>
              {options.faults.map((f) => (
                <option key={f.code} value={f.code}>
                  {f[locale]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="faultText">{t("repair.request.faultText")}</label>
            <p id="faultText-hint" className="hint">
              {t("repair.request.faultTextHint")}
            </p>
            <textarea
              id="faultText"
              name="faultText"
              rows={4}
              required
              maxLength={2000}
              aria-describedby="faultText-hint"
            />
          </div>
          <Field
            label={t("repair.request.startedOn")}
            name="faultStartedOn"
            type="date"
            max={new Date().toISOString().slice(0, 10)}
          />
          <Field
            label={t("repair.request.photos")}
            hint={t("repair.request.photosHint")}
            name="photos"
            type="file"
            accept={PHOTO_TYPES}
            multiple
          />
        </fieldset>

        <fieldset className="card stack">
          <legend>{t("repair.request.verdictTitle")}</legend>
          <p>
            <strong>{t(`repair.verdict.${options.verdict}` as MessageKey)}</strong>
          </p>
          <p className="muted">{t("repair.verdictProvisional")}</p>
        </fieldset>

        <fieldset className="card stack">
          <legend>{t("repair.request.contact")}</legend>
          <Field
            label={t("repair.request.phone")}
            name="phone"
            type="tel"
            autoComplete="tel"
            required
            maxLength={30}
            defaultValue={options.contact.phone ?? ""}
          />
          <Field
            label={t("repair.request.address")}
            name="addressLine"
            autoComplete="street-address"
            required
            maxLength={200}
            defaultValue={options.contact.addressLine ?? ""}
          />
          <div className="row">
            <Field
              label={t("repair.request.postalCode")}
              name="postalCode"
              autoComplete="postal-code"
              inputMode="numeric"
              pattern="\d{4}"
              required
              value={postcode}
              onChange={(e) => setPostcode(e.currentTarget.value.trim())}
            />
            <Field
              label={t("repair.request.city")}
              name="city"
              autoComplete="address-level2"
              required
              maxLength={100}
              defaultValue={options.contact.city ?? ""}
            />
          </div>
          {!options.forOwner && (
            <label className="check">
              <input type="checkbox" name="saveContact" /> {t("repair.request.saveContact")}
            </label>
          )}
        </fieldset>

        <fieldset className="card stack">
          <legend>{t("repair.request.how")}</legend>
          {options.available.length === 0 ? (
            <Alert kind="info">{t("repair.request.noChannels", { postcode: postcode || "–" })}</Alert>
          ) : (
            options.available.map((c) => (
              <label key={c} className="check">
                <input
                  type="radio"
                  name="channel"
                  value={c}
                  checked={channel === c}
                  onChange={() => setChannel(c)}
                />{" "}
                {t(`repair.channel.${c}` as MessageKey)}
              </label>
            ))
          )}
          {needsWindow && (
            <div className="field">
              <label htmlFor="timeWindow">{t("repair.request.timeWindow")}</label>
              <select id="timeWindow" name="timeWindow" required defaultValue="any">
                {TIME_WINDOWS.map((w) => (
                  <option key={w} value={w}>
                    {t(`repair.timeWindow.${w}` as MessageKey)}
                  </option>
                ))}
              </select>
            </div>
          )}
        </fieldset>

        {options.conditions.length > 0 && (
          <fieldset className="card stack">
            <legend>{t("repair.request.conditions")}</legend>
            {options.conditions.map((c) => (
              <label key={c.code} className="check">
                <input type="checkbox" name="conditions" value={c.code} required /> {c[locale]}
              </label>
            ))}
          </fieldset>
        )}

        <button type="submit" className="button" disabled={busy || options.available.length === 0}>
          {t("repair.request.submit")}
        </button>
      </form>
    </section>
  );
}
