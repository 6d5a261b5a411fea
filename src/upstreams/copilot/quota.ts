import * as z from 'zod'
import { getFromGitHub } from './github-api.js'
import type { CopilotDeps } from './settings.js'

const snapshot = z.object({
  entitlement: z.number().optional(),
  remaining: z.number().optional(),
  unlimited: z.boolean().optional(),
})

const chatAndCompletions = z.object({ chat: z.number().optional(), completions: z.number().optional() })

const userAnswer = z.object({
  copilot_plan: z.string().optional(),
  access_type_sku: z.string().optional(),
  quota_reset_date: z.string().optional(),
  quota_snapshots: z.object({ chat: snapshot.optional(), completions: snapshot.optional(), premium_interactions: snapshot.optional() }).optional(),
  // Copilot Free's older shape: the month's allowance and what is left of it.
  monthly_quotas: chatAndCompletions.nullish(),
  limited_user_quotas: chatAndCompletions.nullish(),
  limited_user_reset_date: z.union([z.string(), z.number()]).nullish(),
})

export interface QuotaBucket {
  /** Null when the bucket is unlimited. */
  used: number | null
  remaining: number
  entitlement: number
  unlimited: boolean
}

/** An account's Copilot quota: its premium requests above all, which paid models spend. */
export interface CopilotQuota {
  plan: string | null
  reset_date: string | null
  premium: QuotaBucket | null
  chat: QuotaBucket | null
  completions: QuotaBucket | null
}

function fromSnapshot(value: z.infer<typeof snapshot> | undefined): QuotaBucket | null {
  if (!value) return null
  const unlimited = value.unlimited === true
  const entitlement = value.entitlement ?? 0
  const remaining = value.remaining ?? 0
  return { used: unlimited ? null : Math.max(0, entitlement - remaining), remaining, entitlement, unlimited }
}

function fromAllowance(entitlement: number | undefined, remaining: number | undefined): QuotaBucket | null {
  if (entitlement === undefined) return null
  return fromSnapshot({ entitlement, remaining: remaining ?? 0, unlimited: false })
}

/** Copilot's `/copilot_internal/user` answer as relaykit's quota, from either of its shapes. */
export function toQuota(answer: z.infer<typeof userAnswer>): CopilotQuota {
  const snapshots = answer.quota_snapshots
  const resetDate = answer.quota_reset_date ?? answer.limited_user_reset_date
  return {
    plan: answer.copilot_plan ?? answer.access_type_sku ?? null,
    reset_date: resetDate === undefined || resetDate === null ? null : String(resetDate),
    premium: fromSnapshot(snapshots?.premium_interactions),
    chat: fromSnapshot(snapshots?.chat) ?? fromAllowance(answer.monthly_quotas?.chat, answer.limited_user_quotas?.chat),
    completions: fromSnapshot(snapshots?.completions) ?? fromAllowance(answer.monthly_quotas?.completions, answer.limited_user_quotas?.completions),
  }
}

/** The account's quota, asked of GitHub with its GitHub token. */
export async function fetchCopilotQuota(deps: CopilotDeps, githubToken: string, setupPageUrl: string): Promise<CopilotQuota> {
  return toQuota(await getFromGitHub(deps, '/copilot_internal/user', githubToken, setupPageUrl, userAnswer, 'the Copilot quota'))
}
