import * as Dialog from "@radix-ui/react-dialog";
import { useI18n } from "../i18n/i18n";
import { CopyButton } from "../review/copy-button";

/** A secret (API token, agent token, invitation link) shown once in a dialog, with a copy button. */
export function ShownOnce({
  title,
  secret,
  onClose,
}: {
  title: string;
  secret: string | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  return (
    <Dialog.Root open={secret !== null} onOpenChange={(open) => !open && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog">
          <Dialog.Title>{title}</Dialog.Title>
          <Dialog.Description>{t("settings.shownOnce")}</Dialog.Description>
          <code className="secret" data-testid="shown-once">
            {secret}
          </code>
          <div className="row">
            {secret && <CopyButton text={secret} label={t("common.copy")} />}
            <Dialog.Close asChild>
              <button type="button" className="primary">
                {t("common.done")}
              </button>
            </Dialog.Close>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
