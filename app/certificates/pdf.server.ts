// The certificate as a PDF (pdf-lib, DejaVu Sans from public/fonts, a QR code to the verification
// page). Long names shrink, then wrap; characters the font lacks become a visible replacement
// character instead of breaking the document.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import fontkit from '@pdf-lib/fontkit'
import { PDFDocument, rgb, type PDFFont } from 'pdf-lib'
import QRCode from 'qrcode'

export type CertificatePdf = {
	/** The document's language (BCP 47), for screen readers and search. */
	locale: string
	title: string
	/** Document properties: what the file is about and who issued it. */
	subject: string
	author: string
	intro: string
	holderName: string
	completed: string
	courseTitle: string
	issued: string
	expires: string | null
	codeLabel: string
	code: string
	verifyUrl: string
	verifyText: string
}

const FONT_DIR = path.resolve('public/fonts')
let fonts: { regular: Buffer; bold: Buffer } | undefined
function fontFiles() {
	fonts ??= { regular: readFileSync(path.join(FONT_DIR, 'DejaVuSans.ttf')), bold: readFileSync(path.join(FONT_DIR, 'DejaVuSans-Bold.ttf')) }
	return fonts
}

const REPLACEMENT = '\uFFFD'
// DejaVu Sans's extent (hhea: ascender 1901, descender 483 of 2048 units per em): marks such as
// Й's breve and the tails of Қ and Ң reach that far, so lines are spaced by it, not by the size.
const ASCENT = 1901 / 2048
const DESCENT = 483 / 2048
/** Air between two lines, as a share of the size. */
const LEADING = 0.15

/** The text with every character the font cannot draw replaced by U+FFFD (which DejaVu has). */
function drawable(font: PDFFont, text: string): string {
	const supported = new Set(font.getCharacterSet())
	return [...text.normalize('NFC')].map((character) => (supported.has(character.codePointAt(0)!) ? character : REPLACEMENT)).join('')
}

/** Splits text into at most `maxLines` lines that fit `width` at `size`, or null if it cannot. */
function wrap(font: PDFFont, text: string, size: number, width: number, maxLines: number): string[] | null {
	const lines: string[] = []
	let line = ''
	for (const word of text.split(/\s+/)) {
		const candidate = line ? `${line} ${word}` : word
		if (font.widthOfTextAtSize(candidate, size) <= width) line = candidate
		else {
			if (!line || font.widthOfTextAtSize(word, size) > width) return null
			lines.push(line)
			line = word
		}
	}
	lines.push(line)
	return lines.length <= maxLines ? lines : null
}

/** The largest size (down to a floor) at which the text fits in the lines given; hard-cuts as a last resort. */
function fitText(font: PDFFont, text: string, width: number, { max, min, maxLines }: { max: number; min: number; maxLines: number }) {
	for (let size = max; size >= min; size -= 1) {
		const lines = wrap(font, text, size, width, maxLines)
		if (lines) return { size, lines }
	}
	// An unbroken string too long even at the smallest size: cut it into lines by width.
	const lines: string[] = []
	let line = ''
	for (const character of text) {
		if (font.widthOfTextAtSize(line + character, min) > width) {
			lines.push(line)
			line = ''
		}
		line += character
	}
	lines.push(line)
	return { size: min, lines: lines.slice(0, maxLines) }
}

export async function qrPng(url: string): Promise<Buffer> {
	return QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 1, width: 300 })
}

export async function renderCertificatePdf(certificate: CertificatePdf): Promise<Uint8Array> {
	const document = await PDFDocument.create()
	document.registerFontkit(fontkit)
	document.setTitle(certificate.title, { showInWindowTitleBar: true })
	document.setSubject(certificate.subject)
	document.setAuthor(certificate.author)
	document.setLanguage(certificate.locale)
	document.setCreator('Qorgau')
	const regular = await document.embedFont(fontFiles().regular, { subset: true })
	const bold = await document.embedFont(fontFiles().bold, { subset: true })
	// A4 landscape.
	const page = document.addPage([841.89, 595.28])
	const { width, height } = page.getSize()
	const margin = 60
	const textWidth = width - 2 * margin - 150
	const ink = rgb(0.11, 0.13, 0.15)
	const accent = rgb(0.12, 0.37, 0.55)
	page.drawRectangle({ x: 20, y: 20, width: width - 40, height: height - 40, borderColor: accent, borderWidth: 3 })

	// Each line moves down by its own ascent before it is drawn and by its descent after, so a
	// bigger line (a name wrapping onto two) never climbs into the one above it (issue 21).
	let y = height - margin
	const line = (text: string, font: PDFFont, size: number, color = ink) => {
		y -= ASCENT * size
		page.drawText(drawable(font, text), { x: margin, y, size, font, color })
		y -= (DESCENT + LEADING) * size
	}
	const block = (text: string, font: PDFFont, options: { max: number; min: number; maxLines: number }, color = ink) => {
		const { size, lines } = fitText(font, drawable(font, text), textWidth, options)
		for (const part of lines) line(part, font, size, color)
	}
	const space = (points: number) => (y -= points)

	line('Qorgau', bold, 16, accent)
	space(8)
	block(certificate.title, bold, { max: 32, min: 20, maxLines: 2 })
	space(18)
	line(certificate.intro, regular, 14)
	space(6)
	block(certificate.holderName, bold, { max: 30, min: 14, maxLines: 2 }, accent)
	space(6)
	line(certificate.completed, regular, 14)
	space(6)
	block(certificate.courseTitle, bold, { max: 22, min: 12, maxLines: 2 })
	space(14)
	line(certificate.issued, regular, 12)
	if (certificate.expires) line(certificate.expires, regular, 12)
	space(6)
	line(`${certificate.codeLabel}: ${certificate.code}`, bold, 14)
	block(certificate.verifyText, regular, { max: 10, min: 7, maxLines: 2 })

	const qr = await document.embedPng(await qrPng(certificate.verifyUrl))
	page.drawImage(qr, { x: width - margin - 130, y: margin, width: 130, height: 130 })
	return document.save()
}
