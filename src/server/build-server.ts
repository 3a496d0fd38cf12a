import cookie from "@fastify/cookie";
import multipart from "@fastify/multipart";
import rateLimit from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance } from "fastify";
import { DEFAULT_PROBE_POLICY, type ProbePolicy, SecretBox } from "../probes/index.js";
import { holdSharedSandbox } from "../sandbox/index.js";
import type { Store } from "../store/index.js";
import { AuthCache, DEFAULT_AUTH_CACHE_MS } from "./auth/auth-cache.js";
import { authenticate } from "./auth/authenticate.js";
import { DEFAULT_LOGIN_LIMITS, type LoginLimits, LoginThrottle } from "./auth/login-throttle.js";
import {
  DEFAULT_SESSION_HOURS,
  DEFAULT_SESSION_IDLE_MINUTES,
  type SecureCookies,
  type SessionLifetime,
} from "./auth/sessions.js";
import { DEFAULT_SERVER_REGION } from "./jobs/server-probes.js";
import { handleError, handleNotFound, PROBLEM_SCHEMA } from "./problem.js";
import { DEFAULT_BODY_LIMIT, guardBeforeBody, registerJsonParser } from "./request-guards.js";
import { routeModules } from "./routes/index.js";
import { setSecurityHeaders, swaggerCsp } from "./security-headers.js";
import { defaultWebRoot, registerWebRoot } from "./web-root.js";
import "./principal.js";

export interface BuildServerOptions {
  store: Store;
  logger?: boolean;
  /**
   * Folder of the built web UI, read on each request (a rebuild needs no restart; a small page at `/`
   * while it has no index.html); undefined = `dist/web`; null = none (only the small page).
   */
  webRoot?: string | null;
  now?: () => Date;
  /** Upload limit for multipart files (default 50 MB). */
  maxUploadBytes?: number;
  /** Login attempts per IP + email per minute (default 10). */
  loginRateLimit?: number;
  /** Failed logins per IP (all emails) and per email (all IPs) before backoff (auth/login-throttle.ts). */
  loginLimits?: Partial<LoginLimits>;
  /** Absolute session lifetime (default 12 h; `serve --session-hours`). */
  sessionHours?: number;
  /** A session ends after this long without a request (default 120 min; `serve --session-idle-minutes`). */
  sessionIdleMinutes?: number;
  /**
   * Fastify's trustProxy (default false): true, a hop count, or addresses/CIDRs of the proxies whose
   * X-Forwarded-For/-Proto are believed. It decides `request.ip` (login limits) and `request.protocol`.
   */
  trustProxy?: boolean | number | string | string[];
  /** The session cookie's Secure flag: true, false, or "auto" (default: when the request is https). */
  secureCookies?: SecureCookies;
  /** How long credentials and memberships are cached (default 2 s; 0 = not cached). */
  authCacheMs?: number;
  /** The server's own probe region (`serve --region`): "run now" samples carry it (default "server"). */
  probeRegion?: string;
  /** What stored probes may use: allowed `${env:NAME}` variables, body ceiling (default: none, 4 MiB). */
  probePolicy?: ProbePolicy;
  /** The 32-byte key sealing workspace secrets (`loadSecretKey`); null or absent = workspace secrets off. */
  secretKey?: Buffer | null;
}

export const DEFAULT_MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

/** The HTTP API (`/api/v1/…`, OpenAPI at `/api/openapi.json`, docs at `/api/docs`) and the web UI. */
export async function buildServer(opts: BuildServerOptions): Promise<FastifyInstance> {
  const maxUploadBytes = opts.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
  const app = Fastify({
    logger: opts.logger ?? false,
    // Routes that take files or imports raise it for themselves; JSON bodies stay small.
    bodyLimit: DEFAULT_BODY_LIMIT,
    // Route plugins import the review, ingest and clock modules on first load; on a busy machine
    // that can pass fastify's 10 s default and fail the start.
    pluginTimeout: 60_000,
    trustProxy: trustProxyOption(opts.trustProxy),
    ajv: { customOptions: { strict: false } },
  });
  // Uploads are parsed and reviewed on the shared sandbox's worker threads: closed with the server
  const sandbox = holdSharedSandbox();
  app.addHook("onClose", () => sandbox.release());
  app.decorate("store", opts.store);
  app.decorate("now", opts.now ?? (() => new Date()));
  app.decorate("authCache", new AuthCache(opts.authCacheMs ?? DEFAULT_AUTH_CACHE_MS));
  app.decorate("loginRateLimit", opts.loginRateLimit ?? 10);
  app.decorate("loginThrottle", new LoginThrottle({ ...DEFAULT_LOGIN_LIMITS, ...opts.loginLimits }));
  const sessionLifetime: SessionLifetime = {
    absoluteMs: (opts.sessionHours ?? DEFAULT_SESSION_HOURS) * 3_600_000,
    idleMs: (opts.sessionIdleMinutes ?? DEFAULT_SESSION_IDLE_MINUTES) * 60_000,
  };
  app.decorate("sessionLifetime", sessionLifetime);
  app.decorate<SecureCookies>("secureCookies", opts.secureCookies ?? "auto");
  app.decorate("maxUploadBytes", maxUploadBytes);
  app.decorate("probeRegion", opts.probeRegion ?? DEFAULT_SERVER_REGION);
  app.decorate("probePolicy", opts.probePolicy ?? DEFAULT_PROBE_POLICY);
  app.decorate("secretBox", opts.secretKey ? new SecretBox(opts.secretKey) : null);
  app.decorateRequest("principal", null);
  app.decorateRequest("authProblem", null);
  app.decorateRequest("sessionCsrf", null);
  // Route schemas document the API; handlers validate with zod (parseBody/parseQuery), and replies are plain JSON.
  app.setValidatorCompiler(() => () => true);
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  app.setErrorHandler(handleError);
  registerJsonParser(app);

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: maxUploadBytes, files: 10, fields: 50 } });
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Termsight API",
        version: "1.0.0",
        description:
          "Read, decide and enforce AI / real-time API support and SLA terms. Errors are RFC 9457 problem+json (schema Problem: a stable `code`, and `errors` with line/column/path for input errors).",
      },
      components: {
        // a plain JSON schema; the swagger types want their own SchemaObject type
        schemas: { Problem: PROBLEM_SCHEMA as never },
        securitySchemes: {
          session: { type: "apiKey", in: "cookie", name: "ts_session" },
          bearer: { type: "http", scheme: "bearer", description: "API token `ts_…`" },
        },
      },
    },
  });
  await app.register(swaggerUi, {
    routePrefix: "/api/docs",
    staticCSP: true,
    transformStaticCSP: swaggerCsp,
  });
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  app.addHook("onRequest", authenticate);
  app.addHook("onRequest", guardBeforeBody);
  app.addHook("onSend", setSecurityHeaders);
  await app.register(
    async (api) => {
      for (const entry of routeModules) await api.register((await entry.load()).routes);
    },
    { prefix: "/api/v1" },
  );
  const webRoot = opts.webRoot === undefined ? defaultWebRoot() : opts.webRoot;
  await registerWebRoot(app, webRoot, handleNotFound);
  return app;
}

/** A hop count becomes fastify's function form (its types take true, addresses or a function). */
function trustProxyOption(
  value: BuildServerOptions["trustProxy"],
): boolean | string | string[] | ((address: string, hop: number) => boolean) {
  if (typeof value === "number") return (_address, hop) => hop < value;
  return value ?? false;
}

declare module "fastify" {
  interface FastifyInstance {
    loginRateLimit: number;
    loginThrottle: LoginThrottle;
    sessionLifetime: SessionLifetime;
    secureCookies: SecureCookies;
    maxUploadBytes: number;
    probeRegion: string;
    probePolicy: ProbePolicy;
    secretBox: SecretBox | null;
  }
}
