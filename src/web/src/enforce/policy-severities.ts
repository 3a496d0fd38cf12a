/** The severities an SLA policy defines (`sla_policy.severities` of a contract's terms), in their order. */
export function policySeverities(terms: unknown): string[] {
  if (typeof terms !== "object" || terms === null) return [];
  const policy = (terms as { sla_policy?: unknown }).sla_policy;
  if (typeof policy !== "object" || policy === null) return [];
  const severities = (policy as { severities?: unknown }).severities;
  if (typeof severities !== "object" || severities === null || Array.isArray(severities)) return [];
  return Object.keys(severities);
}
