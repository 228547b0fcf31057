import { useState } from 'react';
import { ApiError, api } from '../api.ts';
import { ErrorBanner } from '../components/ui.tsx';
import type { BackfillDryRun, BackfillRun, Campaign } from '../types.ts';
import { BackfillSummary } from './BackfillSummary.tsx';

type Mode = 'dry_run' | 'shadow' | 'apply';

const MODES: { value: Mode; label: string; hint: string }[] = [
  { value: 'dry_run', label: 'Dry run', hint: 'counts what would be processed; changes nothing' },
  {
    value: 'shadow',
    label: 'Shadow',
    hint: 'drafts and scores with the model, sends nothing; shows what each gate would do',
  },
  {
    value: 'apply',
    label: 'Apply',
    hint: 'drafts, then sends or asks for review like live replies',
  },
];

/** Starts a backfill: mode, campaigns, limits. A dry run answers here; others become a run. */
export function BackfillStart({
  workspaceId,
  campaigns,
  onStarted,
}: {
  workspaceId: string;
  campaigns: Campaign[];
  onStarted: (run: BackfillRun) => void;
}) {
  const [mode, setMode] = useState<Mode>('dry_run');
  const [picked, setPicked] = useState<string[]>([]);
  const [missingOnly, setMissingOnly] = useState(false);
  const [limit, setLimit] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [dryRun, setDryRun] = useState<BackfillDryRun>();

  const start = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    setDryRun(undefined);
    try {
      const result = await api.post<BackfillDryRun | BackfillRun>(
        `/workspaces/${workspaceId}/backfills`,
        {
          mode,
          campaignIds: picked,
          missingOnly,
          limit: limit.trim() ? Number(limit) : null,
        },
      );
      if (result.mode === 'dry_run') setDryRun(result as BackfillDryRun);
      else onStarted(result as BackfillRun);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const fields = error instanceof ApiError ? error.fields : undefined;
  return (
    <section className="card stack" aria-labelledby="start-title">
      <h2 id="start-title">Start a backfill</h2>
      <form className="stack" aria-label="Start a backfill" onSubmit={start}>
        <fieldset>
          <legend>Mode</legend>
          {MODES.map((m) => (
            <label key={m.value} className="inline">
              <input
                type="radio"
                name="mode"
                value={m.value}
                checked={mode === m.value}
                onChange={() => {
                  setMode(m.value);
                  setConfirmed(false);
                }}
              />
              {m.label} <span className="muted">— {m.hint}</span>
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Campaigns (none ticked: every campaign)</legend>
          {campaigns.map((c) => (
            <label key={c.id} className="inline">
              <input
                type="checkbox"
                checked={picked.includes(c.id)}
                onChange={(e) =>
                  setPicked((p) => (e.target.checked ? [...p, c.id] : p.filter((x) => x !== c.id)))
                }
              />
              {c.name}
            </label>
          ))}
        </fieldset>
        <label className="inline">
          <input
            type="checkbox"
            checked={missingOnly}
            onChange={(e) => setMissingOnly(e.target.checked)}
          />
          Only replies that never got a draft
        </label>
        <label>
          Limit (replies; empty for all)
          <input
            type="number"
            min={1}
            value={limit}
            onChange={(e) => setLimit(e.target.value)}
            className="narrow"
            aria-invalid={fields?.limit ? true : undefined}
          />
        </label>
        {fields?.limit && <p className="bad">limit: {fields.limit}</p>}
        {mode === 'apply' && (
          <label className="inline">
            <input
              type="checkbox"
              checked={confirmed}
              onChange={(e) => setConfirmed(e.target.checked)}
            />
            I understand an apply run sends replies to real leads
          </label>
        )}
        <div className="actions">
          <button
            type="submit"
            className="primary"
            disabled={busy || (mode === 'apply' && !confirmed)}
          >
            {busy
              ? 'Starting…'
              : `Start ${MODES.find((m) => m.value === mode)!.label.toLowerCase()}`}
          </button>
        </div>
      </form>
      {error !== undefined && <ErrorBanner error={error} title="The backfill did not start" />}
      {dryRun && (
        <div className="stack" role="status">
          <p className="ok">
            Dry run done: nothing was changed. Log on the server: <code>{dryRun.logPath}</code>
          </p>
          <BackfillSummary rows={dryRun.summary} caption="What a run would process" />
        </div>
      )}
    </section>
  );
}
