// The small pictures on course cards (issue 21), named in a course's course.yaml as `icon:`.
// Shared by the course checker (which names the allowed values) and the card that draws them.
export const COURSE_ICONS = ['eye', 'people', 'shield', 'heart', 'home', 'lifebuoy', 'speech', 'briefcase', 'book'] as const
export type CourseIconName = (typeof COURSE_ICONS)[number]
/** For a course that names none. */
export const DEFAULT_COURSE_ICON: CourseIconName = 'book'
