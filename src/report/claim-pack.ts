import { strToU8, zipSync } from "fflate";
import { type Claim, renderClaim } from "../availability/index.js";
import { markdownPdf } from "./markdown-pdf.js";

/** The claim letter alone as a PDF: the same letter as its Markdown and HTML forms. */
export function claimLetterPdf(claim: Claim, lang: "zh" | "en"): Promise<Uint8Array> {
  const title = `${claim.contract.vendor ?? claim.contract.name} ${claim.report.period.label}`;
  return markdownPdf(renderClaim(claim, { lang, format: "md" }), { title, lang });
}

/**
 * What a buyer sends with a service-credit claim, as one zip: the letter as PDF (and Markdown),
 * the evidence minute by minute (every down slot of the vendor's formula) as CSV, and the
 * contract clauses the claim rests on, quoted.
 */
export async function claimPack(claim: Claim, lang: "zh" | "en"): Promise<Uint8Array> {
  const md = renderClaim(claim, { lang, format: "md" });
  const pdf = await claimLetterPdf(claim, lang);
  const header = ["start", "end", "minutes", "requests", "failures", "success_percent", "regions", "sources"];
  const rows = claim.report.down_slots.map((s) =>
    [
      s.start,
      s.end,
      s.minutes,
      s.requests,
      s.failures,
      s.success_percent,
      s.regions.join(" "),
      s.sources.join(" "),
    ].join(","),
  );
  const evidence = `\uFEFF${[header.join(","), ...rows].join("\r\n")}\r\n`;
  const clauses = claim.clauses.length
    ? claim.clauses.map((c, i) => `[${i + 1}] ${c}`).join("\n\n")
    : lang === "zh"
      ? "合同条款中没有可引用的可用性或赔偿原文。"
      : "The terms hold no availability or credit wording to quote.";
  return zipSync({
    "claim-letter.pdf": pdf,
    "claim-letter.md": strToU8(md),
    "evidence-down-minutes.csv": strToU8(evidence),
    "quoted-clauses.txt": strToU8(`${clauses}\n`),
  });
}
