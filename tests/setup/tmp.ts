// The running project's scratch folder (set up by global-setup.ts), for code inside tests.
import { inject } from 'vitest'
import { baseDbIn } from './paths.ts'

export const TMP_DIR = inject('tmpDir')
export const BASE_DB = baseDbIn(TMP_DIR)
