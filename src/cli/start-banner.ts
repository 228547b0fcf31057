/**
 * What `autosend start` prints once it listens: where the dashboard is, how to
 * get in (the one-time first-admin link while no one can sign in, else how to
 * add users), how scripts get an API token, and how to stop.
 */
export function startBanner(url: string, setupUrl?: string): string {
  const signIn = setupUrl
    ? `No one can sign in yet. Create the first admin (one-time link):\n  ${setupUrl}\n`
    : 'Sign in with your dashboard account; add people (in another terminal):\n' +
      '  npm run autosend -- user create --email EMAIL --workspace ID --role reviewer\n';
  return (
    `\nAutosend is running: dashboard and API at ${url}\n` +
    signIn +
    'Scripts and integrations use an API token (in another terminal):\n' +
    '  npm run autosend -- token create --name reviewer --role reviewer\n' +
    `Readiness: ${url}/readyz  ·  Ctrl-C (or SIGTERM) to stop\n\n`
  );
}
