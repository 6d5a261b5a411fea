/** Users remembered per isolate; the oldest answer is forgotten first beyond this. */
const MAX_USERS = 10_000

/**
 * Each user's entitlement answer, reused for a short time so a conversation does not ask Kinde
 * on every message. Per isolate: a cache, not an authority; at worst a user is checked again.
 */
export class EntitlementCache {
  private readonly answers = new Map<string, { entitled: boolean; until: number }>()

  get(user: string): boolean | undefined {
    const answer = this.answers.get(user)
    if (!answer) return undefined
    if (answer.until <= Date.now()) {
      this.answers.delete(user)
      return undefined
    }
    return answer.entitled
  }

  set(user: string, entitled: boolean, seconds: number) {
    if (seconds <= 0) return
    this.answers.delete(user)
    const oldest = this.answers.keys().next()
    if (this.answers.size >= MAX_USERS && !oldest.done) this.answers.delete(oldest.value)
    this.answers.set(user, { entitled, until: Date.now() + seconds * 1000 })
  }
}
