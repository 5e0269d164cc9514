/** The translation key naming a staff role: workplaces call their teachers managers. */
export function roleLabelKey(kind: string, role: string): string {
	return `members.role.${kind === 'workplace' && role === 'teacher' ? 'manager' : role}`
}
