// The published package: `npm pack`, install the tarball into a throwaway prefix the way a user
// would (`npm install -g`), and run the installed `qtab`, from outside the repository.
import {execFile} from 'node:child_process'
import {copyFileSync, mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {promisify} from 'node:util'
import {expect} from 'chai'
import {repoRoot} from './helpers/cli.js'

const run = promisify(execFile)
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const {version} = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {version: string}

/** What may ship: the entry point, the bundles, the Lua scripts, the manifest (no tests, sources, maps). */
const ALLOWED = [
  /^README\.md$/,
  /^package\.json$/,
  /^bin\/run\.js$/,
  /^oclif\.manifest\.json$/,
  /^dist\/cli\.js$/,
  /^dist\/commands\/[a-z]+\.js$/,
  /^dist\/chunks\/[\w-]+\.js$/,
  /^dist\/scripts\/[\w-]+\.lua$/,
]

describe('npm package (pack, install -g into a temp prefix, run)', function () {
  this.timeout(90_000)
  let dir: string
  let files: string[]
  let qtabBin: string

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'qtab-pack-'))
    // `npm test` has just built dist/; --ignore-scripts skips the prepack rebuild to keep this fast.
    const {stdout} = await run(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], {cwd: repoRoot})
    const [pack] = JSON.parse(stdout) as {filename: string; files: {path: string}[]}[]
    if (!pack) throw new Error('npm pack printed no package')
    files = pack.files.map((f) => f.path).sort()
    const prefix = join(dir, 'prefix')
    const install = ['install', '-g', join(dir, pack.filename), '--prefix', prefix, '--no-audit', '--no-fund']
    // Dependencies come from the npm cache (`npm ci` filled it); only a cache miss goes online.
    await run(npm, [...install, '--offline']).catch(() => run(npm, [...install, '--prefer-offline']))
    qtabBin = join(prefix, 'bin', 'qtab')
    copyFileSync(join(repoRoot, 'test/fixtures/valid.qtab'), join(dir, 'Qtabfile'))
  })
  after(() => rmSync(dir, {recursive: true, force: true}))

  /** Runs the installed binary in the temp dir (away from the repo and its node_modules). */
  async function installed(args: string[]): Promise<{code: number; stdout: string; stderr: string}> {
    const env: NodeJS.ProcessEnv = {...process.env, NO_COLOR: '1'}
    delete env.QTAB_FILE
    return run(qtabBin, args, {cwd: dir, env}).then(
      ({stdout, stderr}) => ({code: 0, stdout, stderr}),
      (e: {code: number; stdout: string; stderr: string}) => ({code: e.code, stdout: e.stdout, stderr: e.stderr}),
    )
  }

  it('ships bin, the bundle, the Lua scripts and the manifest, nothing else', () => {
    expect(files.filter((f) => !ALLOWED.some((re) => re.test(f)))).to.deep.equal([])
    for (const f of ['bin/run.js', 'oclif.manifest.json', 'dist/cli.js']) expect(files).to.include(f)
    for (const command of ['lint', 'next', 'run', 'status', 'trigger'])
      expect(files).to.include(`dist/commands/${command}.js`)
    expect(files.filter((f) => f.endsWith('.lua'))).to.not.be.empty
  })

  it('qtab --version', async () => {
    expect(await installed(['--version'])).to.deep.equal({
      code: 0,
      stdout: `qtab/${version} ${process.platform}-${process.arch} node-${process.version}\n`,
      stderr: '',
    })
  })

  it('qtab lint reads ./Qtabfile', async () => {
    expect(await installed(['lint'])).to.deep.equal({code: 0, stdout: 'no problems in 1 file\n', stderr: ''})
  })

  it('qtab help status shows the examples', async () => {
    const r = await installed(['help', 'status'])
    expect(r.code).to.equal(0)
    expect(r.stdout).to.include('EXAMPLES\n  $ qtab status\n')
    expect(r.stdout).to.include('  $ qtab status --check --any-host\n')
  })
})
