// UI strings come in bundles. `common` is on every page; organisation pages add `orgs` (and
// `pupils`, and `staff` for invitations), account pages `account`, the help and safety pages `info`, quiz, pre-test and
// certificate pages `assessment`, certificate and verification pages `credentials`, the review and
// offline pages `learning`, LMS packages and the LRS `packages`, LTI pages `lti`, pages that remind or show reminders `reminders`, the OneRoster import `oneroster`, so a learner's lesson
// page does not carry strings it never shows (the lesson page's JavaScript budget,
// docs/decisions/005-i18n.md). All bundles share the one i18next namespace, so keys read the
// same everywhere; the server always holds every bundle.
export const EXTRA_BUNDLES = ['orgs', 'pupils', 'account', 'info', 'assessment', 'credentials', 'learning', 'packages', 'lti', 'staff', 'reminders', 'oneroster'] as const
export type ExtraBundle = (typeof EXTRA_BUNDLES)[number]

/** What a route module declares to get a bundle: `export const handle = needsBundles('orgs')`. */
export function needsBundles(...bundles: ExtraBundle[]) {
	return { bundles }
}

/** The extra bundles a page's matched routes declared. */
export function bundlesOf(matches: { handle?: unknown }[]): ExtraBundle[] {
	const wanted = matches.flatMap((match) => {
		const handle = match.handle as { bundles?: unknown } | undefined
		return Array.isArray(handle?.bundles) ? (handle.bundles as unknown[]) : []
	})
	return EXTRA_BUNDLES.filter((bundle) => wanted.includes(bundle))
}
