// Runs the compiled CLI (npm test builds first) as a user would, and captures everything.
import {execFile} from 'node:child_process'
import {fileURLToPath} from 'node:url'

export const bin = fileURLToPath(new URL('../../bin/run.js', import.meta.url))
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url))

export interface CliResult {
  code: number
  stdout: string
  stderr: string
}

/** Runs `qtab ARGS` in the repo root with NO_COLOR unless `env` says otherwise. */
export function qtab(args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const childEnv: NodeJS.ProcessEnv = {...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...env}
    for (const [k, v] of Object.entries(childEnv)) if (v === undefined) delete childEnv[k]
    execFile(process.execPath, [bin, ...args], {cwd: repoRoot, env: childEnv}, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
      resolve({code, stdout, stderr})
    })
  })
}
