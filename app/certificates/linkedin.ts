// LinkedIn's "add a certification" link: the profile form opens filled in (decision 017).
export function linkedInAddUrl(input: { name: string; organizationName: string; issuedAt: Date; expiresAt: Date | null; certUrl: string; certId: string }): string {
	const params = new URLSearchParams({
		startTask: 'CERTIFICATION_NAME',
		name: input.name,
		organizationName: input.organizationName,
		issueYear: String(input.issuedAt.getUTCFullYear()),
		issueMonth: String(input.issuedAt.getUTCMonth() + 1),
		...(input.expiresAt ? { expirationYear: String(input.expiresAt.getUTCFullYear()), expirationMonth: String(input.expiresAt.getUTCMonth() + 1) } : {}),
		certUrl: input.certUrl,
		certId: input.certId,
	})
	return `https://www.linkedin.com/profile/add?${params}`
}
