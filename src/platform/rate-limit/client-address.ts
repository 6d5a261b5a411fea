/**
 * The bucket key for a client address: an IPv4 address as is, an IPv6 address by its /64 prefix,
 * because one IPv6 client usually holds a whole /64 and could otherwise rotate through it.
 * Cloudflare sets CF-Connecting-IP on every request; without it (local tools) all share `unknown`.
 */
export function clientAddressKey(connectingIp: string | undefined): string {
  const ip = connectingIp?.trim()
  if (!ip) return 'unknown'
  if (!ip.includes(':')) return ip
  const [head = '', tail = ''] = ip.toLowerCase().split('::')
  const headGroups = head ? head.split(':') : []
  const tailGroups = ip.includes('::') ? (tail ? tail.split(':') : []) : []
  const missing = 8 - headGroups.length - tailGroups.length
  const groups = [...headGroups, ...Array<string>(Math.max(0, missing)).fill('0'), ...tailGroups]
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`
}
