/** Patches for key issues and governance documents. */
import type { TrustEventOf } from '../../events/payloads';
import { KEY_ISSUES, type KeyIssue } from '../../vocabulary';
import type { KeyIssueRecord, TrustRecord } from './types';

type Patch = Partial<TrustRecord>;

function withIssue(record: TrustRecord, issue: keyof TrustRecord['keyIssues'], next: KeyIssueRecord): Patch {
  return { keyIssues: { ...record.keyIssues, [issue]: next } };
}

/** The key issues not yet agreed, in the statutory order: what stands between the trust and inauguration. */
export function openKeyIssues(record: Pick<TrustRecord, 'keyIssues'>): KeyIssue[] {
  return KEY_ISSUES.filter((k) => record.keyIssues[k].status !== 'agreed');
}
export function keyIssueProposed(record: TrustRecord, { data }: TrustEventOf<'KeyIssueProposed'>): Patch {
  const issue = record.keyIssues[data.keyIssue];
  return withIssue(record, data.keyIssue, {
    ...issue,
    status: 'proposed',
    proposal: data.proposal,
    proposedOn: data.occurredAt,
  });
}

export function keyIssueAgreed(record: TrustRecord, { data }: TrustEventOf<'KeyIssueAgreed'>): Patch {
  const issue = record.keyIssues[data.keyIssue];
  return withIssue(record, data.keyIssue, {
    ...issue,
    status: 'agreed',
    agreedOn: data.occurredAt,
    summary: data.summary ?? issue.proposal,
  });
}

export function keyIssueReopened(record: TrustRecord, { data }: TrustEventOf<'KeyIssueReopened'>): Patch {
  const issue = record.keyIssues[data.keyIssue];
  return withIssue(record, data.keyIssue, {
    ...issue,
    status: 'open',
    agreedOn: null,
    reopenedOn: data.occurredAt,
    reopenReason: data.reason,
  });
}

export function documentAdopted(
  record: TrustRecord,
  { data }: TrustEventOf<'GovernanceDocumentAdopted'>,
): Patch {
  return {
    governanceDocuments: {
      ...record.governanceDocuments,
      [data.documentId]: {
        documentId: data.documentId,
        kind: data.kind,
        title: data.title,
        version: data.version,
        adoptedOn: data.occurredAt,
        signatures: {},
      },
    },
  };
}

export function documentSigned(
  record: TrustRecord,
  { data }: TrustEventOf<'GovernanceDocumentSigned'>,
): Patch {
  const document = record.governanceDocuments[data.documentId];
  if (!document) return {};
  const signature = { organisation: data.organisation, signedBy: data.signedBy, signedOn: data.occurredAt };
  return {
    governanceDocuments: {
      ...record.governanceDocuments,
      [data.documentId]: {
        ...document,
        signatures: { ...document.signatures, [data.organisation]: signature },
      },
    },
  };
}
