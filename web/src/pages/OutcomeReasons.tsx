import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { api } from '../api.ts';
import { Empty, Loaded } from '../components/ui.tsx';
import type { OutcomeReasons, ReasonsPerDay } from '../types.ts';
import { useLoad } from '../use-load.ts';

const COLOURS = [
  '#dc2626',
  '#d97706',
  '#2563eb',
  '#7c3aed',
  '#0891b2',
  '#16a34a',
  '#db2777',
  '#64748b',
  '#ca8a04',
  '#4f46e5',
];

const label = (reason: string) => reason.replaceAll('_', ' ');

function ReasonChart({ title, id, data }: { title: string; id: string; data: ReasonsPerDay }) {
  const rows = data.days.map((d) => ({ day: d.day.slice(5), ...d.byReason }));
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {data.total === 0 ? (
        <Empty title="None in this period" />
      ) : (
        <>
          <div className="chart" role="img" aria-label={`${title} per day, stacked by reason`}>
            <ResponsiveContainer width="100%" height={240}>
              <BarChart data={rows}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="day" />
                <YAxis allowDecimals={false} />
                <Tooltip />
                <Legend />
                {data.reasons.map((r, i) => (
                  <Bar
                    key={r}
                    dataKey={r}
                    name={label(r)}
                    stackId="reasons"
                    fill={COLOURS[i % COLOURS.length]}
                  />
                ))}
              </BarChart>
            </ResponsiveContainer>
          </div>
          <table>
            <caption className="sr-only">{title}: totals by reason</caption>
            <thead>
              <tr>
                <th scope="col">Reason</th>
                <th scope="col">Count</th>
              </tr>
            </thead>
            <tbody>
              {data.reasons.map((r) => (
                <tr key={r}>
                  <td>{label(r)}</td>
                  <td>{data.totals[r]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

/** Why replies were skipped and why drafts were held, per day (GET …/activity/reasons). */
export function OutcomeReasonsSection({
  workspaceId,
  days,
}: {
  workspaceId: string;
  days: number;
}) {
  const [reasons] = useLoad(
    () => api.get<OutcomeReasons>(`/workspaces/${workspaceId}/activity/reasons?days=${days}`),
    [workspaceId, days],
  );
  return (
    <Loaded load={reasons} what="skip and hold reasons">
      {(r) => (
        <>
          <ReasonChart title="Skipped, by reason" id="skips-title" data={r.skips} />
          <ReasonChart title="Held for review, by reason" id="holds-title" data={r.holds} />
        </>
      )}
    </Loaded>
  );
}
