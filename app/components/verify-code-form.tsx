import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

/** Checking one code: a plain GET form, so it works without JavaScript. */
export function VerifyCodeForm({ defaultValue }: { defaultValue?: string }) {
	const { t } = useTranslation()
	return (
		<Form method="get" action="/verify" className="filters">
			<div className="field">
				<label htmlFor="code">{t('verify.codeLabel')}</label>
				<input id="code" name="code" type="text" autoComplete="off" autoCapitalize="characters" maxLength={40} required defaultValue={defaultValue} />
			</div>
			<button type="submit" className="button">
				{t('verify.check')}
			</button>
		</Form>
	)
}
