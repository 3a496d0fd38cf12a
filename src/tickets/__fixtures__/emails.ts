/** A minimal RFC 822 message. */
export function eml(opts: {
  id: string;
  from: string;
  date: string;
  subject: string;
  inReplyTo?: string;
  references?: string[];
  body?: string;
}): Uint8Array {
  const lines = [
    `Message-ID: <${opts.id}>`,
    `From: ${opts.from}`,
    "To: support@vendor-a.test",
    `Date: ${opts.date}`,
    `Subject: ${opts.subject}`,
    ...(opts.inReplyTo ? [`In-Reply-To: <${opts.inReplyTo}>`] : []),
    ...(opts.references?.length ? [`References: ${opts.references.map((r) => `<${r}>`).join(" ")}`] : []),
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "",
    opts.body ?? "hello",
    "",
  ];
  return new TextEncoder().encode(lines.join("\r\n"));
}
