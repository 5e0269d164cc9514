// Who a course is written for. Shared by the course schema and the catalog filter (kept apart
// from the schema so the browser does not download zod for a list of three words).
export const AUDIENCES = ['public', 'school', 'workplace'] as const
export type Audience = (typeof AUDIENCES)[number]
