import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import { describe, expect, test } from 'vitest'
import { qrPng, renderCertificatePdf, type CertificatePdf } from '~/certificates/pdf.server.ts'

const base: CertificatePdf = {
	locale: 'kk',
	title: 'Курсты аяқтағаны туралы сертификат',
	subject: '«Зорлық-зомбылықты тану» курсын аяқтағаны туралы сертификат',
	author: 'Qorgau',
	intro: 'Осы арқылы куәландырылады:',
	holderName: 'Әсел Қанатқызы Нұрғалиева',
	completed: 'курсты аяқтады',
	courseTitle: 'Зорлық-зомбылықты тану',
	issued: 'Берілген күні: 25 қараша 2026',
	expires: null,
	codeLabel: 'Сертификат коды',
	code: 'ABCD-EFGH-JKMN-PQRS-TVWX',
	verifyUrl: 'https://qorgau.example.org/verify/ABCD-EFGH-JKMN-PQRS-TVWX',
	verifyText: 'Сертификатты тексеру: https://qorgau.example.org/verify/ABCD-EFGH-JKMN-PQRS-TVWX',
}

async function pdfText(bytes: Uint8Array): Promise<string> {
	const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs')
	const document = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise
	const page = await document.getPage(1)
	const content = await page.getTextContent()
	return content.items.map((item) => ('str' in item ? item.str : '')).join(' ')
}

describe('the certificate PDF', () => {
	test('is a PDF whose text holds the Kazakh name, the course and the code', async () => {
		const bytes = await renderCertificatePdf(base)
		expect(Buffer.from(bytes.slice(0, 5)).toString()).toBe('%PDF-')
		const text = await pdfText(bytes)
		expect(text).toContain('Әсел Қанатқызы Нұрғалиева')
		expect(text).toContain('Зорлық-зомбылықты тану')
		expect(text).toContain('ABCD-EFGH-JKMN-PQRS-TVWX')
	})

	test.each([
		['a very long name', 'Аружан '.repeat(40).trim()],
		['one unbroken very long word', 'Қ'.repeat(300)],
		['mixed scripts', 'Aigerim Әсел Наталья O’Neil'],
		['emoji and characters the font lacks', 'Dana 😀🌷 中文 ℵ'],
	])('survives %s', async (_name, holderName) => {
		const bytes = await renderCertificatePdf({ ...base, holderName })
		const text = await pdfText(bytes)
		expect(text).toContain('ABCD-EFGH-JKMN-PQRS-TVWX')
		if (holderName.includes('😀')) expect(text).toContain('\uFFFD')
	})
})

test('the QR code holds the verification URL', async () => {
	const png = PNG.sync.read(await qrPng(base.verifyUrl))
	const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)
	expect(decoded?.data).toBe(base.verifyUrl)
})
