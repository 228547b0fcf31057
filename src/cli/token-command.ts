import type { Command } from 'commander';
import { collect, runAdminCommand } from '../admin/run-admin-command.ts';
import { createToken, listTokens, revokeToken, type TokenView } from '../admin/tokens.ts';

const scope = (t: TokenView) =>
  t.workspaceIds.length ? t.workspaceIds.join(',') : 'all workspaces';

/** `autosend token create|list|revoke`. */
export function registerTokenCommand(program: Command): void {
  const token = program
    .command('token')
    .description('API tokens (Authorization: Bearer) for scripts and the dashboard');

  token
    .command('create')
    .description('Create a token; it is shown once and stored hashed')
    .requiredOption('--name <name>', 'what the token is for')
    .requiredOption('--role <role>', 'admin (change settings) or reviewer (read, act on reviews)')
    .option('--workspace <id>', 'limit to a workspace; repeat for several (default: all)', collect)
    .option('--json', 'print one JSON document')
    .action((o: { name: string; role: string; workspace?: string[]; json?: boolean }) =>
      runAdminCommand(
        o,
        ({ db, actor }) =>
          createToken(db, actor, {
            name: o.name,
            role: o.role as 'admin',
            workspaceIds: o.workspace ?? [],
          }),
        (t) =>
          `created ${t.role} token ${t.name} (${t.id}) for ${scope(t)}\n\n  ${t.token}\n\nIt is shown only now.\n`,
      ),
    );

  token
    .command('list')
    .description('List tokens (never the tokens themselves)')
    .option('--json', 'print one JSON document')
    .action((o: { json?: boolean }) =>
      runAdminCommand(
        o,
        async ({ db }) => ({ items: await listTokens(db) }),
        ({ items }) =>
          items
            .map(
              (t) =>
                `${t.id}  ${t.prefix}…  ${t.name}  ${t.role}  ${scope(t)}` +
                `${t.revokedAt ? `  REVOKED ${t.revokedAt}` : ''}  last used ${t.lastUsedAt ?? 'never'}\n`,
            )
            .join('') || 'no tokens\n',
      ),
    );

  token
    .command('revoke')
    .description('Revoke a token: requests with it get 401 from now on')
    .argument('<id>')
    .option('--json', 'print one JSON document')
    .action((id: string, o: { json?: boolean }) =>
      runAdminCommand(
        o,
        ({ db, actor }) => revokeToken(db, actor, id),
        (t) => `revoked ${t.name} (${t.id})\n`,
      ),
    );
}
