import { type DragEvent, type FormEvent, lazy, Suspense, useRef, useState } from "react";
import { errorText, post } from "../api/client";
import type { ScenarioId, Uploaded, Vendor } from "../api/types";
import { useI18n } from "../i18n/i18n";
import { ErrorNote } from "../shell/notes";

const ACCEPT = ".pdf,.docx,.html,.htm,.txt,.md,.eml";
// cmdk is fetched with the combobox, not with the first page
const VendorCombobox = lazy(() => import("./vendor-combobox"));

interface Props {
  ws: string;
  scenario: ScenarioId;
  onUploaded: (u: Uploaded) => void;
  onPasted: (text: string) => void;
}

/** Upload (file input or drag and drop) with an optional vendor name, or paste terms. */
export function UploadBox({ ws, scenario, onUploaded, onPasted }: Props) {
  const { t, lang } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [vendor, setVendor] = useState<Vendor | null>(null);
  const [typed, setTyped] = useState("");
  /** Bumped after an upload: the vendor field starts empty again (the next file may be another vendor's). */
  const [uploads, setUploads] = useState(0);
  const [pasted, setPasted] = useState("");
  const [busy, setBusy] = useState(false);
  const [over, setOver] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function upload(file: File) {
    setError(null);
    if (!vendor && typed) {
      // a name typed but neither picked nor created: say so rather than guess
      setError(t("review.vendorPickFirst", { name: typed }));
      if (input.current) input.current.value = "";
      return;
    }
    setBusy(true);
    try {
      const form = new FormData();
      if (vendor) form.append("vendor_id", vendor.id);
      form.append("scenario", scenario);
      form.append("lang", lang);
      form.append("file", file, file.name);
      onUploaded(await post<Uploaded>(`/workspaces/${ws}/documents`, form));
      setVendor(null);
      setTyped("");
      setUploads((n) => n + 1);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = "";
    }
  }
  function drop(e: DragEvent) {
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (file) void upload(file);
  }
  function submitPaste(e: FormEvent) {
    e.preventDefault();
    if (pasted.trim()) onPasted(pasted);
  }
  return (
    <section className="upload" aria-labelledby="upload-title">
      <h2 id="upload-title">{t("review.upload")}</h2>
      <fieldset
        className={`dropzone${over ? " over" : ""}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={drop}
        data-testid="dropzone"
      >
        <legend>{t("review.uploadHint")}</legend>
        <div className="row">
          <div className="field">
            {/* the combobox input is named by cmdk's own label (same words); this one is what sighted users read */}
            <span aria-hidden="true">{t("review.vendor")}</span>
            <Suspense fallback={<input aria-label={t("review.vendor")} disabled />}>
              <VendorCombobox
                key={uploads}
                ws={ws}
                value={vendor}
                onChange={setVendor}
                onTyped={setTyped}
                onError={setError}
              />
            </Suspense>
          </div>
          <div className="field">
            <label htmlFor="upload-file">{t("review.chooseFile")}</label>
            <input
              id="upload-file"
              ref={input}
              type="file"
              accept={ACCEPT}
              disabled={busy}
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file) void upload(file);
              }}
            />
          </div>
        </div>
        {busy && <p aria-live="polite">{t("review.uploading")}</p>}
        <ErrorNote error={error} />
      </fieldset>
      <details className="paste">
        <summary>{t("review.paste")}</summary>
        <form onSubmit={submitPaste}>
          <label htmlFor="paste-text">{t("review.pasteLabel")}</label>
          <textarea id="paste-text" rows={8} value={pasted} onChange={(e) => setPasted(e.target.value)} />
          <p className="hint">{t("review.notStored")}</p>
          <button type="submit" disabled={!pasted.trim()}>
            {t("review.pasteButton")}
          </button>
        </form>
      </details>
    </section>
  );
}
