// QR codes for pages (posters, login cards) as inline SVG: sharp at any print size, no request.
import QRCode from 'qrcode'

/** An SVG QR code of `url`, sized by CSS; the caller labels it (the link is printed beside it). */
export async function qrSvg(url: string): Promise<string> {
	return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 })
}
