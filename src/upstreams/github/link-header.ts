/** The `page` of GitHub's `rel="next"` link, or null on the last page (GitHub omits it then). */
export function nextPageFromLink(link: string | null): number | null {
  if (!link) return null
  for (const part of link.split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="next"/.exec(part)
    if (!match?.[1]) continue
    const page = Number(/[?&]page=(\d+)/.exec(match[1])?.[1])
    return Number.isInteger(page) && page > 0 ? page : null
  }
  return null
}
