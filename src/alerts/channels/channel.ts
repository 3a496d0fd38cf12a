import type { z } from "zod";
import type { AlertMessage } from "../alert-message.js";

import type { ChannelName } from "./kinds.js";

export type { ChannelName };

/** An HTTP POST ready to send: the whole request is built by a pure function. */
export interface HttpDelivery {
  kind: "http";
  url: string;
  headers: Record<string, string>;
  body: string;
  /** How to tell success from the platform's answer (they answer 200 with an error code). */
  expect: "http_2xx" | "errcode_0" | "code_0" | "slack_ok";
}

export interface EmailDelivery {
  kind: "email";
  mail: { from: string; to: string[]; subject: string; text: string; html: string };
}

export type Delivery = HttpDelivery | EmailDelivery;

/** One alert channel: config schema and a pure message builder (the clock is passed in). */
export interface AlertChannel<C> {
  name: ChannelName;
  configSchema: z.ZodType<C>;
  build(message: AlertMessage, config: C, ctx: { now: Date }): Delivery;
}
