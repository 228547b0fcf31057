import { type FormEvent, useState } from 'react';
import { ApiError, api } from '../api.ts';
import { ErrorBanner, Loaded, WarnBanner, when } from '../components/ui.tsx';
import type { Campaign, Reviewer } from '../types.ts';
import { useLoad } from '../use-load.ts';
import { BreakerBanner } from './BreakerBanner.tsx';
import { ConnectionProblems } from './ConnectionProblems.tsx';

interface AvailabilityStatus {
  source: string | null;
  fetchedAt: string | null;
  stale: boolean;
  lastError: string | null;
  lastErrorAt: string | null;
  nextSlots: { start: string; end: string }[];
}

const REVIEWER_FORMS: [Reviewer['kind'], RegExp][] = [
  ['email', /^[^@\s]+@[^@\s]+\.[^@\s]+$/],
  ['slack_member', /^[UW][A-Z0-9]{2,}$/],
  ['slack_channel', /^(#[a-z0-9][a-z0-9._-]*|[CG][A-Z0-9]{2,})$/],
];

function parseReviewers(text: string): { reviewers: Reviewer[]; bad: string[] } {
  const reviewers: Reviewer[] = [];
  const bad: string[] = [];
  for (const line of text
    .split(/[\n,]/)
    .map((l) => l.trim())
    .filter(Boolean)) {
    const kind = REVIEWER_FORMS.find(([, re]) => re.test(line))?.[0];
    if (kind) reviewers.push({ kind, target: line });
    else bad.push(line);
  }
  return { reviewers, bad };
}

/** Campaign settings → Booking: how replies of this campaign are answered and booked. */
export function BookingTab({
  workspaceId,
  campaignId,
  canEdit,
}: {
  workspaceId: string;
  campaignId: string;
  canEdit: boolean;
}) {
  const w = `/workspaces/${workspaceId}`;
  const [data, reload] = useLoad(async () => {
    const [campaign, availability, status] = await Promise.all([
      api.get<Campaign>(`${w}/campaigns/${campaignId}`),
      api
        .get<{ source: string; config: Record<string, unknown> } | null>(`${w}/availability`)
        .catch(() => null),
      api.get<AvailabilityStatus>(`${w}/availability/status`),
    ]);
    return { campaign, availability, status };
  }, [workspaceId, campaignId]);
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const save = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const s = (k: string) => String(f.get(k) ?? '').trim();
    const { reviewers, bad } = parseReviewers(s('reviewers'));
    setSaved(false);
    if (bad.length) {
      setError(
        new ApiError(
          400,
          'validation_failed',
          `not a reviewer (email, U… member id, #channel or C… id): ${bad.join(', ')}`,
        ),
      );
      return;
    }
    const body = {
      responseMode: s('responseMode'),
      confidenceGate: Number(s('confidenceGate')),
      sendDelayMinSeconds: Math.round(Number(s('delayMin')) * 60),
      sendDelayMaxSeconds: Math.round(Number(s('delayMax')) * 60),
      dailyAutoSendCap: s('dailyCap') === '' ? null : Number(s('dailyCap')),
      sendingHours: s('sendingHours') || null,
      reviewers,
      bookingLink: s('bookingLink') || null,
      knowledge: String(f.get('knowledge') ?? ''),
    };
    setBusy(true);
    setError(undefined);
    try {
      await api.patch(`${w}/campaigns/${campaignId}`, body);
      setSaved(true);
      reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Loaded load={data} what="the campaign">
      {({ campaign: c, availability, status }) => (
        <section aria-labelledby="booking-title" className="stack">
          <div className="page-head">
            <h1 id="booking-title">{c.name}</h1>
          </div>
          <nav aria-label="Campaign settings" className="tabs">
            <a href={location.pathname} aria-current="page" className="tab-active">
              Booking
            </a>
          </nav>
          <BreakerBanner
            workspaceId={workspaceId}
            campaign={c}
            breaker={c.breaker}
            isAdmin={canEdit}
            onClosed={reload}
          />
          {status.lastError && (
            <ErrorBanner
              title="The availability source is failing"
              error={`${status.lastError} (last failure ${when(status.lastErrorAt)}): replies offer ${status.nextSlots.length ? 'cached' : 'no'} slots`}
            />
          )}
          <ConnectionProblems workspaceId={workspaceId} isAdmin={canEdit} />
          {!canEdit && (
            <WarnBanner>You are a reviewer here: only admins change settings.</WarnBanner>
          )}
          <form className="card settings" onSubmit={save} aria-label="Booking settings">
            <fieldset disabled={!canEdit || busy}>
              <legend>Response mode</legend>
              <label className="inline">
                <input
                  type="radio"
                  name="responseMode"
                  value="MANUAL"
                  defaultChecked={c.responseMode === 'MANUAL'}
                />{' '}
                Manual — every draft waits for a reviewer
              </label>
              <label className="inline">
                <input
                  type="radio"
                  name="responseMode"
                  value="AI_AUTO_SEND"
                  defaultChecked={c.responseMode === 'AI_AUTO_SEND'}
                />{' '}
                AI auto-send — sent when confidence reaches the gate
              </label>
            </fieldset>
            <fieldset disabled={!canEdit || busy} className="grid-2">
              <label>
                Confidence gate (%)
                <input
                  name="confidenceGate"
                  type="number"
                  min={0}
                  max={100}
                  step={1}
                  defaultValue={c.confidenceGate}
                  required
                />
              </label>
              <label>
                Daily auto-send cap (empty: none)
                <input
                  name="dailyCap"
                  type="number"
                  min={0}
                  defaultValue={c.dailyAutoSendCap ?? ''}
                />
              </label>
              <label>
                Send delay from (minutes)
                <input
                  name="delayMin"
                  type="number"
                  min={0}
                  max={1440}
                  step="any"
                  defaultValue={c.sendDelayMinSeconds / 60}
                  required
                />
              </label>
              <label>
                Send delay to (minutes)
                <input
                  name="delayMax"
                  type="number"
                  min={0}
                  max={1440}
                  step="any"
                  defaultValue={c.sendDelayMaxSeconds / 60}
                  required
                />
              </label>
              <label>
                Sending hours, lead's time (HH:MM-HH:MM, empty: any time)
                <input
                  name="sendingHours"
                  defaultValue={c.sendingHours ?? ''}
                  placeholder="09:00-17:00"
                />
              </label>
              <label>
                Booking link
                <input
                  name="bookingLink"
                  type="url"
                  defaultValue={c.bookingLink ?? ''}
                  placeholder="https://cal.example.com/you"
                />
              </label>
            </fieldset>
            <fieldset disabled={!canEdit || busy}>
              <label>
                Reviewers (one per line: email, Slack member id U…, #channel or channel id C…)
                <textarea
                  name="reviewers"
                  rows={3}
                  defaultValue={c.reviewers.map((r) => r.target).join('\n')}
                />
              </label>
              <label>
                Knowledge (facts the drafts may use)
                <textarea name="knowledge" rows={5} defaultValue={c.knowledge} />
              </label>
            </fieldset>
            {error !== undefined && <ErrorBanner error={error} title="Not saved" />}
            {error instanceof ApiError && error.fields && (
              <ul className="field-errors">
                {Object.entries(error.fields).map(([k, v]) => (
                  <li key={k}>
                    {k}: {v}
                  </li>
                ))}
              </ul>
            )}
            {saved && (
              <p className="ok" role="status">
                Saved.
              </p>
            )}
            {canEdit && (
              <button type="submit" className="primary" disabled={busy}>
                {busy ? 'Saving…' : 'Save booking settings'}
              </button>
            )}
          </form>
          <section className="card" aria-labelledby="avail-title">
            <h2 id="avail-title">Availability</h2>
            <p>
              Source: <strong>{availability?.source ?? 'not set (weekly hours defaults)'}</strong>
              {' · '}last refresh {status.fetchedAt ? when(status.fetchedAt) : 'never'}
              {status.stale && <span className="tag warn">stale</span>}
            </p>
            {status.nextSlots.length === 0 ? (
              <p className="muted">
                No cached slots yet: the next reply that needs slots fetches them.
              </p>
            ) : (
              <>
                <h3>Next slots a reply would be offered from</h3>
                <ul className="slots">
                  {status.nextSlots.map((s) => (
                    <li key={s.start}>{when(s.start)}</li>
                  ))}
                </ul>
              </>
            )}
          </section>
        </section>
      )}
    </Loaded>
  );
}
