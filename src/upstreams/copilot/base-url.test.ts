import { describe, expect, it } from 'vitest'
import { copilotBaseUrl, DEFAULT_COPILOT_API_URL } from './base-url.js'

describe('copilotBaseUrl', () => {
  it("uses the token's endpoints.api when it is https on githubcopilot.com", () => {
    expect(copilotBaseUrl({ tokenApiEndpoint: 'https://api.business.githubcopilot.com' })).toBe('https://api.business.githubcopilot.com')
    expect(copilotBaseUrl({ tokenApiEndpoint: 'https://api.githubcopilot.com/' })).toBe('https://api.githubcopilot.com')
    expect(copilotBaseUrl({ tokenApiEndpoint: 'https://githubcopilot.com' })).toBe('https://githubcopilot.com')
  })

  it('prefers the token over the caller', () => {
    expect(copilotBaseUrl({ tokenApiEndpoint: 'https://api.enterprise.githubcopilot.com', accountType: 'business' })).toBe('https://api.enterprise.githubcopilot.com')
  })

  it.each([
    'https://api.evil.com',
    'https://githubcopilot.com.evil.com',
    'https://evilgithubcopilot.com',
    'http://api.githubcopilot.com',
    'https://user:pass@api.business.githubcopilot.com',
    'https://user@api.business.githubcopilot.com',
    'https://api.githubcopilot.com@evil.com',
    'https://evil.com#.githubcopilot.com',
    'https://evil.com?.githubcopilot.com',
    'https://api.business.githubcopilot.com:8443',
    'https://api.business.githubcopilot.com/v1',
    'https://api.githubcopilot.com.',
    'not a url',
    '',
  ])('ignores a token endpoint naming another place: %s', (tokenApiEndpoint) => {
    expect(copilotBaseUrl({ tokenApiEndpoint })).toBe(DEFAULT_COPILOT_API_URL)
  })

  it('turns a DNS-label account type into its Copilot subdomain', () => {
    expect(copilotBaseUrl({ accountType: 'business' })).toBe('https://api.business.githubcopilot.com')
    expect(copilotBaseUrl({ accountType: 'a1-b2' })).toBe('https://api.a1-b2.githubcopilot.com')
    expect(copilotBaseUrl({ tokenApiEndpoint: 'https://evil.com', accountType: 'enterprise' })).toBe('https://api.enterprise.githubcopilot.com')
  })

  it.each([
    'evil.com#',
    'x.evil.com',
    '../',
    'http://evil.com',
    'user@evil.com',
    'evil.com/',
    'Business',
    '-',
    '--',
    '-business',
    'business-',
    'busi ness',
    'business%2eevil',
    'a'.repeat(64),
    '',
  ])('ignores an account type that is not one lower-case DNS label: %s', (accountType) => {
    expect(copilotBaseUrl({ accountType })).toBe(DEFAULT_COPILOT_API_URL)
  })

  it('accepts a label of 63 characters, the most DNS allows', () => {
    expect(copilotBaseUrl({ accountType: 'a'.repeat(63) })).toBe(`https://api.${'a'.repeat(63)}.githubcopilot.com`)
  })

  it('lets the base URL setting override everything', () => {
    expect(copilotBaseUrl({ configured: 'http://127.0.0.1:9000/', tokenApiEndpoint: 'https://api.githubcopilot.com', accountType: 'business' })).toBe('http://127.0.0.1:9000')
  })

  it('falls back to the public Copilot API', () => {
    expect(copilotBaseUrl({})).toBe('https://api.githubcopilot.com')
    expect(copilotBaseUrl({ accountType: null })).toBe('https://api.githubcopilot.com')
  })
})
