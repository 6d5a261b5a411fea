import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildDeployed } from './build.js'
import { measureStartup } from './startup.js'
const work = mkdtempSync(join(tmpdir(), 'su-'))
const build = await buildDeployed(work)
console.log('gzip', build.gzipBytes / 1024)
const s = await measureStartup(build, work, Number(process.argv[2] ?? 5))
console.log(JSON.stringify(s.activeMs))
for (const c of s.contributors.slice(0, 14)) console.log(c.ms.toFixed(2).padStart(7), c.name)
for (const c of s.functions.slice(0, 14)) console.log(c.ms.toFixed(2).padStart(7), c.name)
