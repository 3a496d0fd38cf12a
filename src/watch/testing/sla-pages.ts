/** The fixture vendor's SLA text, and the same text with weaker commitments (written for these tests). */
export const SLA_V1 = `Acme Voice API Service Level Agreement

1. Availability. Acme will make the Service available at least 99.95% of the time in each calendar month.

2. Service Credits. If monthly availability is below 99.95%, Customer receives a service credit of 10% of the monthly fee. Customer must submit a claim for Service Credits within 60 days after the end of the month.

3. Support. P1 (critical) incidents: response within 15 minutes, 24x7. P2 incidents: response within 4 hours.

4. Exclusions. This SLA does not apply to outages caused by force majeure.`;

/** Availability 99.95 → 99.9, claim window 60 → 30 days. */
export const SLA_V2 = SLA_V1.replace("99.95% of the time", "99.9% of the time")
  .replace("below 99.95%", "below 99.9%")
  .replace("within 60 days", "within 30 days");

/** The SLA inside a page with site chrome and a cookie banner (removed by the declaration). */
export function slaHtml(text: string, opts: { layout?: "v1" | "v2"; banner?: string } = {}): string {
  const paragraphs = text
    .split("\n\n")
    .map((p) => `<p>${p.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</p>`)
    .join("\n");
  const banner = `<div class="cookie">${opts.banner ?? "We use cookies."}</div>`;
  const main =
    opts.layout === "v2"
      ? `<div id="content-2024"><section class="terms">${paragraphs}</section></div>`
      : `<main><article class="sla">${banner}${paragraphs}</article></main>`;
  return `<!doctype html><html><head><title>SLA</title></head><body><nav>Home | Pricing</nav>${main}<footer>© Acme</footer></body></html>`;
}
