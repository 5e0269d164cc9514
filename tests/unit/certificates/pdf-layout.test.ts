// The certificate's layout, read back from the PDF with pdfjs (issue 21): with the longest names
// the form allows (60 characters) and the longest course titles, in each language, no line of
// text overlaps another, the border or the QR code, and the document names its language, title,
// subject and author.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { parse } from 'yaml'
import { renderCertificatePdf } from '~/certificates/pdf.server.ts'
import { LOCALES, type Locale } from '~/config/i18n.ts'
import { ROOT } from '../../setup/paths.ts'

// DejaVu Sans (public/fonts): ascender 1901 and descender 483 of 2048 units per em.
const ASCENT = 1901 / 2048
const DESCENT = 483 / 2048
const PAGE = { width: 841.89, height: 595.28 }
const BORDER = 20 + 3
const QR = { x: PAGE.width - 60 - 130, y: 60, size: 130 }

// 60 characters each: the most a name may have (app/utils/account-fields.ts).
const LONGEST_NAMES: Record<Locale, string> = {
	kk: 'Әйгерім-Гүлнұр Қанатқызы Нұрмұхамбетова-Сәрсенбаева Жұмабек',
	ru: 'Александра-Екатерина Константиновна Преображенская-Иванова',
	en: 'Maximiliana-Josephine Alexandra Montgomery-Worthington Smyth',
}

const strings = (locale: Locale) => JSON.parse(readFileSync(path.join(ROOT, `app/locales/${locale}/common.json`), 'utf8')) as { certificate: Record<string, string> }
const longestCourseTitle = (locale: Locale) =>
	readdirSync(path.join(ROOT, 'courses'), { withFileTypes: true })
		.filter((entry) => entry.isDirectory())
		.map((entry) => (parse(readFileSync(path.join(ROOT, 'courses', entry.name, 'course.yaml'), 'utf8')) as { title: Record<Locale, string> }).title[locale])
		.sort((a, b) => b.length - a.length)[0]!

type Box = { text: string; left: number; right: number; bottom: number; top: number }

async function read(bytes: Uint8Array) {
	const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs')
	const document = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise
	const page = await document.getPage(1)
	const content = await page.getTextContent()
	const boxes: Box[] = content.items.flatMap((item) => {
		if (!('str' in item) || item.str.trim() === '') return []
		const [, , , size, x, baseline] = item.transform as number[]
		return [{ text: item.str, left: x!, right: x! + item.width, bottom: baseline! - DESCENT * size!, top: baseline! + ASCENT * size! }]
	})
	const info = (await document.getMetadata()).info as Record<string, unknown>
	return { boxes, info }
}

const overlap = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.bottom < b.top && b.bottom < a.top

describe.each(LOCALES)('the certificate in %s with the longest name and course title', (locale) => {
	const t = strings(locale).certificate
	const courseTitle = longestCourseTitle(locale)
	const render = (expires: boolean) =>
		renderCertificatePdf({
			locale,
			title: t.title!,
			subject: `${t.title} ${courseTitle}`,
			author: 'Qorgau',
			intro: t.intro!,
			holderName: LONGEST_NAMES[locale],
			completed: t.completed!,
			courseTitle,
			issued: t.issued!.replace('{{date}}', '25.11.2026'),
			expires: expires ? t.expires!.replace('{{date}}', '25.11.2027') : null,
			codeLabel: t.code!,
			code: 'ABCD-EFGH-JKMN-PQRS-TVWX',
			verifyUrl: 'https://qorgau.example.org/verify/ABCD-EFGH-JKMN-PQRS-TVWX',
			verifyText: t.verifyAt!.replace('{{url}}', 'https://qorgau.example.org/verify/ABCD-EFGH-JKMN-PQRS-TVWX'),
		})

	test.each([false, true])('no line overlaps another, the border or the QR code (expiry line: %s)', async (expires) => {
		const { boxes } = await read(await render(expires))
		const text = boxes.map((box) => box.text).join(' ')
		// The name is all there, wrapped onto two lines at most.
		const nameLines = boxes.filter((box) => LONGEST_NAMES[locale].includes(box.text.trim()))
		expect(nameLines.map((box) => box.text.trim()).join(' ')).toBe(LONGEST_NAMES[locale])
		expect(nameLines.length).toBeLessThanOrEqual(2)
		expect(text).toContain(t.intro)
		for (const [index, box] of boxes.entries()) {
			for (const other of boxes.slice(index + 1)) expect(overlap(box, other), `${box.text} / ${other.text}`).toBe(false)
			expect(box.left).toBeGreaterThan(BORDER)
			expect(box.right).toBeLessThan(PAGE.width - BORDER)
			expect(box.bottom).toBeGreaterThan(BORDER)
			expect(box.top).toBeLessThan(PAGE.height - BORDER)
			expect(overlap(box, { text: 'QR', left: QR.x, right: QR.x + QR.size, bottom: QR.y, top: QR.y + QR.size }), box.text).toBe(false)
		}
		// Air under the title: the intro starts well below it.
		const title = boxes.find((box) => t.title!.startsWith(box.text.trim()))!
		const intro = boxes.find((box) => box.text === t.intro)!
		expect(title.bottom - intro.top).toBeGreaterThanOrEqual(12)
	})

	test('the document names its language, title, subject and author', async () => {
		const { info } = await read(await render(false))
		expect(info).toMatchObject({ Title: t.title, Subject: `${t.title} ${courseTitle}`, Author: 'Qorgau', Language: locale })
	})
})
