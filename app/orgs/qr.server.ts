// QR codes as one SVG path, rendered inline by React (no image request, no innerHTML, prints
// sharply at any size).
import QRCode from 'qrcode'

export type QrPath = { size: number; path: string }

export function qrPath(text: string): QrPath {
	const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' })
	const margin = 2
	let path = ''
	for (let y = 0; y < modules.size; y++) {
		for (let x = 0; x < modules.size; x++) {
			// One unit square per dark module; runs on a row are merged to keep the path short.
			if (!modules.get(y, x)) continue
			let run = 1
			while (x + run < modules.size && modules.get(y, x + run)) run++
			path += `M${x + margin} ${y + margin}h${run}v1h-${run}z`
			x += run - 1
		}
	}
	return { size: modules.size + margin * 2, path }
}
