/** A bucket a request from one client address draws on, and how many single addresses' limits it holds. */
export interface AddressBucket {
  key: string
  shares: number
}

/**
 * How many /64s' worth of requests one IPv6 /48 may make together. A /48 is what a whole site
 * (an office, a campus, a hosting customer) is assigned, while a home usually gets a /56 or a /64:
 * sixteen /64s' worth leaves a busy office under one /48 unhindered, yet one holder rotating
 * through the 65,536 /64s of its /48 gets sixteen buckets' worth instead of 65,536.
 */
export const IPV6_48_SHARES = 16

function ipv6Groups(ip: string): string[] {
  const [head = '', tail = ''] = ip.toLowerCase().split('::')
  const headGroups = head ? head.split(':') : []
  const tailGroups = ip.includes('::') ? (tail ? tail.split(':') : []) : []
  const missing = 8 - headGroups.length - tailGroups.length
  return [...headGroups, ...Array<string>(Math.max(0, missing)).fill('0'), ...tailGroups].map((group) => group.replace(/^0+(?=.)/, ''))
}

/**
 * The buckets for a client address: an IPv4 address as is; an IPv6 address by its /64, because
 * one IPv6 client usually holds a whole /64 and could otherwise rotate through it, and by its /48
 * as well, with IPV6_48_SHARES times the limit, because whoever holds a /48 holds 65,536 /64s.
 * Cloudflare sets CF-Connecting-IP on every request; without it (local tools) all share `unknown`.
 */
export function addressBuckets(connectingIp: string | undefined): AddressBucket[] {
  const ip = connectingIp?.trim()
  if (!ip) return [{ key: 'unknown', shares: 1 }]
  if (!ip.includes(':')) return [{ key: ip, shares: 1 }]
  const groups = ipv6Groups(ip)
  return [
    { key: `${groups.slice(0, 4).join(':')}::/64`, shares: 1 },
    { key: `${groups.slice(0, 3).join(':')}::/48`, shares: IPV6_48_SHARES },
  ]
}
