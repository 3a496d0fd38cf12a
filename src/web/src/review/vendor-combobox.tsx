import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Command } from "cmdk";
import { useState } from "react";
import { errorText, get, post } from "../api/client";
import type { Page, Vendor } from "../api/types";
import { useI18n } from "../i18n/i18n";
import { useToast } from "../shell/toasts";

interface Props {
  ws: string;
  value: Vendor | null;
  onChange: (vendor: Vendor | null) => void;
  /** The text typed but not picked (the upload refuses it rather than guessing). */
  onTyped?: (text: string) => void;
  onError: (message: string) => void;
}

/**
 * The vendor of an upload: typeahead over the workspace's vendors (cmdk), or an explicit
 * "Create vendor" choice; typing alone never creates one, so a typo leaves no orphan vendor.
 */
export default function VendorCombobox({ ws, value, onChange, onTyped, onError }: Props) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const { toast } = useToast();
  const vendors = useQuery({
    queryKey: ["vendors", ws],
    queryFn: () => get<Page<Vendor>>(`/workspaces/${ws}/vendors?limit=500`),
  });
  const [query, setQuery] = useState(value?.name ?? "");
  const [open, setOpen] = useState(false);
  const trimmed = query.trim();
  const items = vendors.data?.items ?? [];
  const exact = items.some((v) => v.name.toLowerCase() === trimmed.toLowerCase());

  function pick(vendor: Vendor | null) {
    onChange(vendor);
    setQuery(vendor?.name ?? "");
    onTyped?.("");
    setOpen(false);
  }
  async function create() {
    try {
      const vendor = await post<Vendor>(`/workspaces/${ws}/vendors`, { name: trimmed });
      await qc.invalidateQueries({ queryKey: ["vendors", ws] });
      toast(t("review.vendorCreated", { name: vendor.name }));
      pick(vendor);
    } catch (err) {
      onError(errorText(err));
    }
  }
  return (
    <Command className="vendor-combo" label={t("review.vendor")} loop>
      <Command.Input
        value={query}
        placeholder={t("review.vendorSearch")}
        onValueChange={(q) => {
          setQuery(q);
          setOpen(true);
          if (value && q !== value.name) onChange(null);
          onTyped?.(q.trim());
        }}
        onFocus={() => setOpen(true)}
        // an item's click lands before the list closes
        onBlur={() => setTimeout(() => setOpen(false), 200)}
        onKeyDown={(e) => {
          if (e.key === "Escape") setOpen(false);
        }}
      />
      <Command.List className="vendor-combo-pop" hidden={!open}>
        <Command.Empty>{t("review.vendorNoMatch")}</Command.Empty>
        <Command.Item value="__none__" forceMount onSelect={() => pick(null)}>
          {t("review.vendorNone")}
        </Command.Item>
        {items.length > 0 && (
          <Command.Group heading={t("review.vendorExisting")}>
            {items.map((v) => (
              <Command.Item key={v.id} value={`${v.name} ${v.id}`} onSelect={() => pick(v)}>
                {v.name}
              </Command.Item>
            ))}
          </Command.Group>
        )}
        {trimmed && !exact && (
          <Command.Item value={`__create__ ${trimmed}`} forceMount onSelect={() => void create()}>
            {t("review.vendorCreate", { name: trimmed })}
          </Command.Item>
        )}
      </Command.List>
    </Command>
  );
}
