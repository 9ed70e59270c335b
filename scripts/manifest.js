// Writes oclif.manifest.json (what `oclif manifest` does, without the heavy `oclif` dev CLI,
// whose current major needs Node >= 22). Run after `tsc`.
import {Plugin} from '@oclif/core'
import {writeFileSync} from 'node:fs'

const plugin = new Plugin({
  root: process.cwd(),
  type: 'core',
  isRoot: true,
  ignoreManifest: true,
  errorOnManifestCreate: true,
})
await plugin.load()
const {manifest} = plugin
writeFileSync('oclif.manifest.json', JSON.stringify(manifest, null, 2) + '\n')
console.log(
  `wrote oclif.manifest.json (version ${manifest.version}, ${Object.keys(manifest.commands).length} commands)`,
)
