import { z } from "zod";
import { type AlertMessage, messageAsText } from "../alert-message.js";
import type { AlertChannel } from "./channel.js";

export const EmailConfig = z.object({
  host: z.string().min(1),
  port: z.number().int().positive().default(587),
  /** TLS from the start (port 465); otherwise STARTTLS when the server offers it. */
  secure: z.boolean().default(false),
  user: z.string().nullable().default(null),
  pass: z.string().nullable().default(null),
  from: z.string().min(3),
  to: z.array(z.string().min(3)).min(1),
});
export type EmailConfig = z.infer<typeof EmailConfig>;

const esc = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function html(m: AlertMessage): string {
  const rows = m.fields
    .map(([k, v]) => `<tr><th align="left">${esc(k)}</th><td>${esc(v)}</td></tr>`)
    .join("");
  const link = m.url ? `<p><a href="${esc(m.url)}">${esc(m.url)}</a></p>` : "";
  return `<h2>${esc(m.title)}</h2><p>${esc(m.text)}</p><table>${rows}</table>${link}<p><small>${esc(m.at)} · ${esc(m.key)}</small></p>`;
}

/** Email over SMTP (sent with nodemailer). */
export const email: AlertChannel<EmailConfig> = {
  name: "email",
  configSchema: EmailConfig,
  build(m, config) {
    const tag =
      m.status === "report"
        ? "[REPORT]"
        : m.status === "resolved"
          ? "[RESOLVED]"
          : m.severity === "page"
            ? "[ALERT]"
            : "[WARN]";
    return {
      kind: "email",
      mail: {
        from: config.from,
        to: config.to,
        subject: `${tag} ${m.title}`,
        text: messageAsText(m),
        html: html(m),
      },
    };
  },
};
