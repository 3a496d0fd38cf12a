import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from "react";
import { useI18n } from "../i18n/i18n";
import { Icon } from "./icons";

export type ToastKind = "ok" | "error" | "info";
interface Toast {
  id: number;
  kind: ToastKind;
  text: string;
}
interface Toaster {
  /** Shows a short message about background work (kept 6 s; errors until dismissed). */
  toast: (text: string, kind?: ToastKind) => void;
}

const ToastContext = createContext<Toaster>({ toast: () => undefined });

export function ToastProvider({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((x) => x.id !== id)), []);
  const toast = useCallback(
    (text: string, kind: ToastKind = "ok") => {
      const id = next.current++;
      setToasts((all) => [...all.slice(-3), { id, kind, text }]);
      if (kind !== "error") setTimeout(() => dismiss(id), 6000);
    },
    [dismiss],
  );
  const value = useMemo(() => ({ toast }), [toast]);
  return (
    <ToastContext.Provider value={value}>
      {children}
      <section className="toasts" aria-live="polite" aria-label={t("common.notifications")}>
        {toasts.map((x) => (
          <div key={x.id} className={`toast ${x.kind}`} role={x.kind === "error" ? "alert" : "status"}>
            <span>{x.text}</span>
            <button type="button" className="ghost small" onClick={() => dismiss(x.id)}>
              <Icon name="close" />
              <span className="sr-only">{t("common.dismiss")}</span>
            </button>
          </div>
        ))}
      </section>
    </ToastContext.Provider>
  );
}

export function useToast(): Toaster {
  return useContext(ToastContext);
}
