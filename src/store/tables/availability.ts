/** Filled by its owner: the Kysely table interfaces of this area. */
// biome-ignore lint/suspicious/noEmptyInterface: placeholder until the owner adds tables
export interface AvailabilityTables {}
