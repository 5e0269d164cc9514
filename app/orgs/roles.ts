// The roles a person can have in an organisation, and the words for them.
export const ORG_ROLES = ['owner', 'teacher', 'learner'] as const
export type OrgRole = (typeof ORG_ROLES)[number]

/** The roles an owner may invite someone to (the browser's form and the server check the same list). */
export const INVITE_ROLES = ['teacher', 'owner'] as const
export type InviteRole = (typeof INVITE_ROLES)[number]

/** The translation key naming a staff role: workplaces call their teachers managers. */
export function roleLabelKey(kind: string, role: string): string {
	return `members.role.${kind === 'workplace' && role === 'teacher' ? 'manager' : role}`
}
