/**
 * What `autosend start` prints once it listens: where the review page is,
 * how to get in (until the dashboard has sign-in, a reviewer token), and how
 * to stop.
 */
export function startBanner(url: string): string {
  return (
    `\nAutosend is running: review page and API at ${url}\n` +
    'The review page asks for an API token. Create a reviewer token (in another terminal):\n' +
    '  npm run autosend -- token create --name reviewer --role reviewer\n' +
    `Readiness: ${url}/readyz  ·  Ctrl-C (or SIGTERM) to stop\n\n`
  );
}
