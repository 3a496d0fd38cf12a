/**
 * Statuspage v2 public API responses in the documented shape (page, incidents with
 * incident_updates and components, scheduled_maintenances with scheduled_for/until), written
 * for these tests with made-up content.
 */
const page = {
  id: "pg1",
  name: "Acme Status",
  url: "https://status.acme.test",
  time_zone: "Etc/UTC",
  updated_at: "2026-03-02T11:00:00Z",
};
const voice = {
  id: "cmp1",
  name: "Voice API",
  status: "operational",
  created_at: "2025-01-01T00:00:00Z",
  updated_at: "2026-03-02T11:00:00Z",
  position: 1,
  description: null,
  showcase: true,
  start_date: null,
  group_id: null,
  page_id: "pg1",
  group: false,
  only_show_if_degraded: false,
};

export function incidentsJson(resolved: boolean): string {
  const updates = [
    {
      id: "u1",
      status: "investigating",
      body: "We are investigating elevated error rates on the Voice API.",
      incident_id: "inc1",
      created_at: "2026-03-02T10:10:00Z",
      updated_at: "2026-03-02T10:10:00Z",
      display_at: "2026-03-02T10:10:00Z",
      affected_components: [
        { code: "cmp1", name: "Voice API", old_status: "operational", new_status: "major_outage" },
      ],
      deliver_notifications: true,
      custom_tweet: null,
      tweet_id: null,
    },
  ];
  if (resolved)
    updates.unshift({
      ...updates[0],
      id: "u2",
      status: "resolved",
      body: "This incident has been resolved.",
      created_at: "2026-03-02T11:00:00Z",
      updated_at: "2026-03-02T11:00:00Z",
      display_at: "2026-03-02T11:00:00Z",
    });
  return JSON.stringify({
    page,
    incidents: [
      {
        id: "inc1",
        name: "Elevated errors on Voice API",
        status: resolved ? "resolved" : "investigating",
        created_at: "2026-03-02T10:10:00Z",
        updated_at: resolved ? "2026-03-02T11:00:00Z" : "2026-03-02T10:10:00Z",
        monitoring_at: null,
        resolved_at: resolved ? "2026-03-02T11:00:00Z" : null,
        impact: "major",
        shortlink: "https://stspg.io/x",
        started_at: "2026-03-02T10:10:00Z",
        page_id: "pg1",
        incident_updates: updates,
        components: [voice],
      },
    ],
  });
}

export const maintenancesJson = JSON.stringify({
  page,
  scheduled_maintenances: [
    {
      id: "mnt1",
      name: "Database upgrade",
      status: "completed",
      created_at: "2026-03-01T00:00:00Z",
      updated_at: "2026-03-02T02:00:00Z",
      monitoring_at: null,
      resolved_at: "2026-03-02T02:00:00Z",
      impact: "maintenance",
      shortlink: "https://stspg.io/y",
      started_at: "2026-03-02T00:00:00Z",
      page_id: "pg1",
      incident_updates: [
        {
          id: "mu1",
          status: "scheduled",
          body: "We will upgrade the database. Calls may fail briefly.",
          incident_id: "mnt1",
          created_at: "2026-03-01T00:00:00Z",
          updated_at: "2026-03-01T00:00:00Z",
          display_at: "2026-03-01T00:00:00Z",
          affected_components: [],
          deliver_notifications: true,
          custom_tweet: null,
          tweet_id: null,
        },
      ],
      components: [voice],
      scheduled_for: "2026-03-02T00:00:00Z",
      scheduled_until: "2026-03-02T02:00:00Z",
    },
  ],
});

/** An RSS 2.0 status feed (the shape Statuspage and others publish at /history.rss), with markup to escape. */
export const statusRss = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Acme Status - Incident History</title><link>https://status.acme.test</link>
<item><title>Elevated errors on Voice API &amp; SDK</title>
<description>&lt;p&gt;&lt;strong&gt;Resolved&lt;/strong&gt; - This incident has been resolved.&lt;/p&gt;</description>
<pubDate>Mon, 02 Mar 2026 10:10:00 +0000</pubDate><link>https://status.acme.test/incidents/inc1</link><guid>https://status.acme.test/incidents/inc1</guid></item>
<item><title>Scheduled maintenance: database upgrade</title><description>Calls may fail briefly.</description>
<pubDate>Sun, 01 Mar 2026 00:00:00 +0000</pubDate><link>https://status.acme.test/incidents/mnt1</link><guid>https://status.acme.test/incidents/mnt1</guid></item>
</channel></rss>`;

/** An Atom status feed (the shape of incident.io's and others' feed). */
export const statusAtom = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Acme status</title><id>urn:acme</id><updated>2026-03-02T11:00:00Z</updated>
<entry><id>urn:acme:inc2</id><title>Degraded transcription latency</title><updated>2026-03-02T09:00:00Z</updated>
<link href="https://status.acme.test/inc2"/><content type="html">&lt;p&gt;Investigating slow transcription.&lt;/p&gt;</content></entry>
</feed>`;
