import type {Diagnostic} from '../../qtabfile/types.js'

/** Escapes an annotation's message (GitHub's workflow-command data rules). */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

/** Escapes an annotation property value: as data, plus `:` and `,`, which delimit properties. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C')
}

/**
 * Formats diagnostics as GitHub Actions workflow annotations, one per line:
 * `::error file=F,line=L,col=C,title=qtab rule::message` (`::warning` for warnings).
 */
export function formatGithub(diagnostics: Diagnostic[]): string {
  return diagnostics
    .map((d) => {
      const props = [`file=${escapeProperty(d.file)}`, `line=${d.line}`, `col=${d.column}`]
      if (d.endColumn !== undefined) props.push(`endColumn=${d.endColumn}`)
      props.push(`title=${escapeProperty(`qtab ${d.rule}`)}`)
      return `::${d.severity} ${props.join(',')}::${escapeData(d.message)}\n`
    })
    .join('')
}
