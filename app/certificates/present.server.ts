// Certificate texts in the reader's language, for the holder's page and the PDF.
import type { TFunction } from 'i18next'
import type { Locale } from '~/config/i18n.ts'
import { findCourse } from '~/courses/catalog.server.ts'
import { courseTitle } from '~/courses/present.server.ts'
import { DATE_LOCALE_TAGS } from '~/utils/dates.ts'

export function courseTitleFor(courseSlug: string, locale: Locale): string {
	const course = findCourse(courseSlug)
	return course ? courseTitle(course, locale) : courseSlug
}

/** Dates as the reader writes them (25.11.2026 / 25 November 2026), always in UTC. */
export function formatDate(date: Date, locale: Locale): string {
	return new Intl.DateTimeFormat(DATE_LOCALE_TAGS[locale], { dateStyle: 'long', timeZone: 'UTC' }).format(date)
}

export function certificateTexts(
	certificate: { code: string; holderName: string; courseSlug: string; issuedAt: Date; expiresAt: Date | null },
	locale: Locale,
	t: TFunction,
	origin: string,
) {
	const courseTitle = courseTitleFor(certificate.courseSlug, locale)
	return {
		locale,
		title: t('certificate.title'),
		subject: t('certificate.pdfSubject', { course: courseTitle }),
		author: t('appName'),
		intro: t('certificate.intro'),
		holderName: certificate.holderName,
		completed: t('certificate.completed'),
		courseTitle,
		issued: t('certificate.issued', { date: formatDate(certificate.issuedAt, locale) }),
		expires: certificate.expiresAt ? t('certificate.expires', { date: formatDate(certificate.expiresAt, locale) }) : null,
		codeLabel: t('certificate.code'),
		code: certificate.code,
		verifyUrl: `${origin}/verify/${certificate.code}`,
		verifyText: t('certificate.verifyAt', { url: `${origin}/verify/${certificate.code}` }),
	}
}
