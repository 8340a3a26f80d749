import { Injectable } from '@nestjs/common';
import { Env } from '@puente/platform';
import { ProviderError } from './background-check-provider';

export interface CheckrCandidate {
  id: string;
  object: 'candidate';
}

export interface CheckrInvitation {
  id: string;
  object: 'invitation';
  status: 'pending' | 'completed' | 'expired' | string;
  invitation_url: string;
  candidate_id: string;
  report_id?: string | null;
}

export interface CheckrReport {
  id: string;
  object: 'report';
  status: 'pending' | 'complete' | 'suspended' | 'dispute' | 'canceled' | string;
  result: 'clear' | 'consider' | null;
  candidate_id: string;
}

/**
 * A small client for the part of Checkr's REST API Puente uses: candidates, invitations (the
 * hosted consent and data-collection flow) and reports. Basic auth with the API key as the
 * user name, as Checkr expects. Errors never carry Checkr's message (it may echo personal data).
 */
@Injectable()
export class CheckrClient {
  constructor(private readonly env: Env) {}

  createCandidate(input: {
    email: string;
    firstName: string;
    lastName: string;
    customId: string;
  }): Promise<CheckrCandidate> {
    return this.request('POST', '/v1/candidates', {
      email: input.email,
      first_name: input.firstName,
      last_name: input.lastName,
      custom_id: input.customId,
    });
  }

  createInvitation(input: { candidateId: string; package: string }): Promise<CheckrInvitation> {
    return this.request('POST', '/v1/invitations', {
      candidate_id: input.candidateId,
      package: input.package,
      work_locations: [{ country: 'US' }],
    });
  }

  getInvitation(id: string): Promise<CheckrInvitation> {
    return this.request('GET', `/v1/invitations/${encodeURIComponent(id)}`);
  }

  getReport(id: string): Promise<CheckrReport> {
    return this.request('GET', `/v1/reports/${encodeURIComponent(id)}`);
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const key = this.env.CHECKR_API_KEY;
    if (!key) throw new ProviderError('CHECKR_API_KEY is not set', false);
    const url = `${this.env.CHECKR_API_URL.replace(/\/+$/, '')}${path}`;
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers: {
          authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}`,
          accept: 'application/json',
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(15_000),
      });
    } catch (err) {
      throw new ProviderError(`checkr unreachable (${(err as Error).name})`, true);
    }
    if (!res.ok) {
      await res.arrayBuffer().catch(() => undefined);
      // 429 and 5xx are worth retrying; other 4xx mean our request or our key is wrong.
      throw new ProviderError(
        `checkr answered ${res.status} to ${method} ${path.split('/').slice(0, 3).join('/')}`,
        res.status === 429 || res.status >= 500,
      );
    }
    try {
      return (await res.json()) as T;
    } catch {
      throw new ProviderError('checkr answered something that is not JSON', true);
    }
  }
}
