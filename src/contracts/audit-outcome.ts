/** How an audited write ended: done, a dry run, refused by relaykit, or failed upstream. */
export const AUDIT_OUTCOMES = ['done', 'dry_run', 'refused', 'failed'] as const
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number]
