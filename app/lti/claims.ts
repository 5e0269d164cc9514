// The names LTI 1.3 gives its claims and scopes (IMS LTI Core 1.3, Deep Linking 2.0, Assignment and
// Grade Services 2.0), and what Qorgau reads from them.
import type { OrgRole } from '~/orgs/roles.ts'

const LTI = 'https://purl.imsglobal.org/spec/lti/claim/'
export const CLAIM = {
	messageType: `${LTI}message_type`,
	version: `${LTI}version`,
	deploymentId: `${LTI}deployment_id`,
	targetLinkUri: `${LTI}target_link_uri`,
	resourceLink: `${LTI}resource_link`,
	roles: `${LTI}roles`,
	context: `${LTI}context`,
	custom: `${LTI}custom`,
	deepLinkingSettings: 'https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings',
	contentItems: 'https://purl.imsglobal.org/spec/lti-dl/claim/content_items',
	deepLinkingData: 'https://purl.imsglobal.org/spec/lti-dl/claim/data',
	agsEndpoint: 'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint',
} as const

export const LTI_VERSION = '1.3.0'
export const MESSAGE_TYPES = ['LtiResourceLinkRequest', 'LtiDeepLinkingRequest'] as const
export type MessageType = (typeof MESSAGE_TYPES)[number]

export const SCORE_SCOPE = 'https://purl.imsglobal.org/spec/lti-ags/scope/score'

// Context roles are "…/membership#Instructor"; LTI 1.3 also allows the short "Instructor" form.
const STAFF_ROLES = ['Instructor', 'ContentDeveloper', 'Administrator', 'TeachingAssistant', 'Mentor']

/**
 * The organisation role a launch's roles give: teaching roles in the LMS course make an
 * administrator (a school's teacher), anything else a learner. Never an owner or a report viewer:
 * those are made in Qorgau (decision 020).
 */
export function orgRoleFor(roles: readonly string[]): Extract<OrgRole, 'admin' | 'learner'> {
	const contextRoles = roles
		.filter((role) => !role.includes('/institution/') && !role.includes('/system/'))
		.map((role) => role.replace(/^http:\/\/purl\.imsglobal\.org\/vocab\/lis\/v2\/membership(\/\w+)?#/, ''))
	return contextRoles.some((role) => STAFF_ROLES.includes(role)) ? 'admin' : 'learner'
}
