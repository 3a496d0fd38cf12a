import { en, type MessageKey } from "../i18n/messages-en";
import type { CommitmentRow, CommitmentValue } from "./commitment-rows";

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** A catalogue key when the catalogue has it (an enum name the UI does not know yet shows as given). */
function known(key: string): MessageKey | null {
  return key in en ? (key as MessageKey) : null;
}

/** A commitment value worded in the page's language. */
export function valueText(v: CommitmentValue, t: T): string {
  switch (v.kind) {
    case "percent":
      return t("value.percent", { n: v.value });
    case "minutes":
      return v.value >= 60 && v.value % 60 === 0
        ? t("value.hoursMinutes", { n: v.value / 60 })
        : t("value.minutes", { n: v.value });
    case "hours":
      return t("value.hours", { n: v.value });
    case "days":
      return t("value.days", { n: v.value });
    case "businessDays":
      return t("value.businessDays", { n: v.value });
    case "number":
      return String(v.value);
    case "flag":
      return t(v.value ? "value.yes" : "value.no");
    case "text":
      return v.value;
    case "enum": {
      const key = known(`enum.${v.list}.${v.value}`);
      return key ? t(key) : v.value;
    }
    case "enums":
      return v.values.map((value) => valueText({ kind: "enum", list: v.list, value }, t)).join(" · ");
    case "tier":
      return t("value.tier", { below: v.below, credit: v.credit });
    case "support": {
      const none = t("review.notStated");
      return t("value.support", {
        response: v.response ? valueText(v.response, t) : none,
        resolution: v.resolution ? valueText(v.resolution, t) : none,
      });
    }
  }
}

/** The row's label: `commit.<field>`, with the tier's name. */
export function rowLabel(row: CommitmentRow, t: T): string {
  if (row.field === "support.tier" && row.name === undefined) return t("commit.support.tierNone");
  const key = known(`commit.${row.field}`);
  return key ? t(key, { name: row.name ?? "" }) : row.field;
}
