import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contractCalendar } from "../../availability/index.js";
import { buildTestApp, type TestApp } from "../testing.js";

describe("workspace settings: time zone, language, default calendar", () => {
  let t: TestApp;
  const url = () => `/api/v1/workspaces/${t.ws}`;
  beforeAll(async () => {
    t = await buildTestApp();
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it("a new workspace is in China Standard Time, Chinese, with China's working days", async () => {
    const res = await t.as(t.users.viewer, { method: "GET", url: url() });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      timezone: "Asia/Shanghai",
      language: "zh-CN",
      business_calendar: "cn_workdays",
    });
  });

  it("an admin changes them with one audit row; the alert language follows the workspace", async () => {
    const res = await t.as(t.users.admin, {
      method: "PATCH",
      url: url(),
      payload: { timezone: "Europe/Berlin", language: "en", business_calendar: "always" },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      timezone: "Europe/Berlin",
      language: "en",
      business_calendar: "always",
    });
    const audit = await t.store.db
      .selectFrom("audit_log")
      .select(["action", "details"])
      .where("workspace_id", "=", t.ws)
      .where("entity", "=", "workspace")
      .where("action", "=", "update")
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].details).toMatchObject({ timezone: "Europe/Berlin", language: "en" });

    const alerts = await t.as(t.users.viewer, { method: "GET", url: `${url()}/alert-settings` });
    expect(alerts.json().lang).toBe("en");
    await t.as(t.users.admin, { method: "PATCH", url: url(), payload: { language: "zh-CN" } });
    expect((await t.as(t.users.viewer, { method: "GET", url: `${url()}/alert-settings` })).json().lang).toBe(
      "zh",
    );
    // A language set on the alert settings themselves wins over the workspace's.
    const put = await t.as(t.users.admin, {
      method: "PUT",
      url: `${url()}/alert-settings`,
      payload: { lang: "en" },
    });
    expect(put.statusCode).toBe(200);
    expect((await t.as(t.users.viewer, { method: "GET", url: `${url()}/alert-settings` })).json().lang).toBe(
      "en",
    );
  });

  it("an unknown zone is a 400 with a one-line problem naming the field", async () => {
    for (const zone of ["Mars/Olympus_Mons", "+08:00"]) {
      const res = await t.as(t.users.admin, { method: "PATCH", url: url(), payload: { timezone: zone } });
      expect(res.statusCode).toBe(400);
      const problem = res.json();
      expect(problem.code).toBe("input.unknown_zone");
      expect(problem.detail).toContain("timezone");
      expect(problem.detail).toContain(zone);
      expect(problem.detail).not.toContain("\n");
    }
    const lang = await t.as(t.users.admin, { method: "PATCH", url: url(), payload: { language: "fr" } });
    expect(lang.statusCode).toBe(400);
    expect(lang.json().detail).toContain("language");
  });

  it("editors and viewers cannot change the settings", async () => {
    for (const user of [t.users.editor, t.users.viewer]) {
      const res = await t.as(user, { method: "PATCH", url: url(), payload: { timezone: "UTC" } });
      expect(res.statusCode).toBe(403);
    }
  });

  it("the default calendar decides business hours of contracts that name none", () => {
    const saturdayNoon = new Date("2026-12-05T04:00:00Z"); // 12:00 in Shanghai
    const settings = { calendar: null, timezone: "Asia/Shanghai" };
    expect(contractCalendar(settings, null, "cn_workdays").isOpen(saturdayNoon)).toBe(false);
    expect(contractCalendar(settings, null, "always").isOpen(saturdayNoon)).toBe(true);
    // 1 Oct 2026 is a Thursday and China's National Day: closed only with China's holidays.
    const nationalDay = new Date("2026-10-01T04:00:00Z");
    expect(contractCalendar(settings, null, "cn_workdays").isOpen(nationalDay)).toBe(false);
    expect(contractCalendar(settings, null, "weekdays").isOpen(nationalDay)).toBe(true);
  });
});
