import type { EmailMessage } from "./email-message.js";

export type { EmailMessage };

/** `parseEmailMessage`, loading the MIME parser (mailparser) only when an email is read. */
export async function parseEmailMessage(bytes: Uint8Array, name: string): Promise<EmailMessage> {
  const { parseEmailMessage: parse } = await import("./email-message.js");
  return parse(bytes, name);
}
