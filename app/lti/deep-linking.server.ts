// The LtiDeepLinkingResponse (Deep Linking 2.0 §4.2): the courses and lessons an instructor picked,
// signed by the tool, for the platform to turn into links in its course.
import { randomBytes } from 'node:crypto'
import { CLAIM, LTI_VERSION } from '~/lti/claims.ts'
import { signAsTool } from '~/lti/keys.server.ts'

export type PickedItem = { title: string; url: string; resourceId: string; scoreMaximum: number | null }

export async function deepLinkingResponse(input: { clientId: string; issuer: string; deploymentId: string; data: string | null; items: PickedItem[] }): Promise<string> {
	return signAsTool(
		{
			iss: input.clientId,
			aud: input.issuer,
			nonce: randomBytes(16).toString('base64url'),
			[CLAIM.messageType]: 'LtiDeepLinkingResponse',
			[CLAIM.version]: LTI_VERSION,
			[CLAIM.deploymentId]: input.deploymentId,
			[CLAIM.contentItems]: input.items.map((item) => ({
				type: 'ltiResourceLink',
				title: item.title,
				url: item.url,
				// A course with a quiz gets a gradebook column its scores go to.
				...(item.scoreMaximum ? { lineItem: { scoreMaximum: item.scoreMaximum, label: item.title, resourceId: item.resourceId } } : {}),
			})),
			...(input.data ? { [CLAIM.deepLinkingData]: input.data } : {}),
		},
		5 * 60,
	)
}
