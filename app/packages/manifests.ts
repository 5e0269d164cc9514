// The files an LMS reads to import a Qorgau course (decision 022): imsmanifest.xml for SCORM 1.2
// (one SCO: the launch page) and cmi5.xml for cmi5 (one AU). Both describe the course only; no
// question and no answer is in the package.

export type PackageCourse = {
	/** Identifies the course in this organisation's export, e.g. the course's activity id. */
	id: string
	slug: string
	title: string
	description: string
	/** The pass mark, in percent. */
	passMark: number
	/** The language of the title and description (BCP 47). */
	lang: string
}

const xml = (text: string) => text.replace(/[<>&'"]/g, (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[char]!)

export const LAUNCH_FILE = 'index.html'

export function scormManifest(course: PackageCourse): string {
	const id = `qorgau-${course.slug}`
	return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${xml(id)}" version="1.0"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="${xml(id)}-org">
    <organization identifier="${xml(id)}-org">
      <title>${xml(course.title)}</title>
      <item identifier="${xml(id)}-item" identifierref="${xml(id)}-sco" isvisible="true">
        <title>${xml(course.title)}</title>
        <adlcp:masteryscore>${course.passMark}</adlcp:masteryscore>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="${xml(id)}-sco" type="webcontent" adlcp:scormtype="sco" href="${LAUNCH_FILE}">
      <file href="${LAUNCH_FILE}"/>
    </resource>
  </resources>
</manifest>
`
}

export function cmi5CourseStructure(course: PackageCourse): string {
	const text = (value: string) => `<langstring lang="${xml(course.lang)}">${xml(value)}</langstring>`
	return `<?xml version="1.0" encoding="UTF-8"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="${xml(course.id)}">
    <title>${text(course.title)}</title>
    <description>${text(course.description)}</description>
  </course>
  <au id="${xml(`${course.id}/au`)}" moveOn="CompletedAndPassed" masteryScore="${(course.passMark / 100).toFixed(2)}" launchMethod="OwnWindow">
    <title>${text(course.title)}</title>
    <description>${text(course.description)}</description>
    <url>${LAUNCH_FILE}</url>
  </au>
</courseStructure>
`
}
