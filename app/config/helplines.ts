// The one list of help numbers. Lessons, the help page and the footer read it; nothing else
// types a number. A deployment elsewhere changes this file. Sources: ../shared/sources/FACTS.md §3
// (egov.kz for 112/102/103; Marriage and Family Code Art. 67-1 and zakon.kz for 111). Only
// numbers confirmed to answer: 150 (the children's line) is left out while nobody could confirm it
// still works — a crisis page must not offer a number that may ring out (issue 21).
export type HelplineId = 'emergency' | 'police' | 'ambulance' | 'family'

export type Helpline = {
	id: HelplineId
	number: string
	/** Shown in the short card that lessons and the footer use. */
	primary: boolean
}

export const HELPLINES: readonly Helpline[] = [
	{ id: 'emergency', number: '112', primary: true },
	{ id: 'police', number: '102', primary: true },
	{ id: 'family', number: '111', primary: true },
	{ id: 'ambulance', number: '103', primary: false },
]

export const HELPLINE_IDS = HELPLINES.map((helpline) => helpline.id)

export function helpline(id: HelplineId): Helpline {
	const found = HELPLINES.find((entry) => entry.id === id)
	if (!found) throw new Error(`Unknown helpline ${id}`)
	return found
}
