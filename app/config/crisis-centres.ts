// Crisis centres shown on /help, by region. Like the helplines, this is the one place they live
// and a deployment elsewhere changes this file. The rule (issue 21): an organisation, a city or a
// way to reach it appears only when it was read in a source (../shared/sources/FACTS.md, [V]
// entries), and `verifiedIn` names where. No phone number here has been verified yet, so none
// is listed: the page sends people to the 111 contact centre for current contact details.
// Never fill a field from memory.
import type { Locale } from '~/config/i18n.ts'

type CentreRegion = 'national' | 'astana' | 'karaganda'
/** What a centre offers, as keys of `crisisCentres.offers.*` in the locale files. */
type CentreOffer = 'network' | 'crisisHelp'

type CrisisCentre = {
	id: string
	region: CentreRegion
	name: Record<Locale, string>
	/** Where it works; empty for a network across the country. */
	cities: Record<Locale, string>[]
	offers: CentreOffer[]
	/** Verified ways to reach it; none yet (see above). */
	contact: { phone?: string }
	/** Where each fact above was read. */
	verifiedIn: string
}

export const CENTRE_REGIONS: readonly CentreRegion[] = ['national', 'astana', 'karaganda']

export const CRISIS_CENTRES: readonly CrisisCentre[] = [
	{
		id: 'union-of-crisis-centres',
		region: 'national',
		name: { kk: 'Дағдарыс орталықтары одағы', ru: 'Союз кризисных центров', en: 'Union of Crisis Centres' },
		cities: [],
		offers: ['network'],
		contact: {},
		verifiedIn: 'FACTS.md §3 [V]: a network of 19 organisations in 12 regions',
	},
	{
		id: 'korgau-astana',
		region: 'astana',
		name: { kk: '«Қорғау» дағдарыс орталығы', ru: 'Кризисный центр «Коргау»', en: 'Korgau crisis centre' },
		cities: [{ kk: 'Астана', ru: 'Астана', en: 'Astana' }],
		offers: ['crisisHelp'],
		contact: {},
		verifiedIn: 'FACTS.md §3 [V]: Korgau crisis centre (Astana, Temirtau)',
	},
	{
		id: 'korgau-temirtau',
		region: 'karaganda',
		name: { kk: '«Қорғау» дағдарыс орталығы', ru: 'Кризисный центр «Коргау»', en: 'Korgau crisis centre' },
		cities: [{ kk: 'Теміртау', ru: 'Темиртау', en: 'Temirtau' }],
		offers: ['crisisHelp'],
		contact: {},
		verifiedIn: 'FACTS.md §3 [V]: Korgau crisis centre (Astana, Temirtau)',
	},
]
