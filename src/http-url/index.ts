import { z } from "zod";

/**
 * A web address a user gives (a vendor's website, an alert webhook): http or https only, so a
 * stored `javascript:` or `data:` link can never run when a page renders it as a link.
 */
export const HttpUrl = z.url({
  protocol: /^https?$/,
  error: "expected an http(s) address such as https://example.com",
});
