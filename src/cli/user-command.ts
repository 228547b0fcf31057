import type { Command } from 'commander';
import { sql } from 'drizzle-orm';
import { publicUrlOf, runAdminCommand } from '../admin/run-admin-command.ts';
import { signOutEverywhere } from '../auth/manage-sessions.ts';
import { createUser } from '../auth/manage-users.ts';
import { createSetupLink } from '../auth/setup-links.ts';
import { users } from '../db/schema.ts';
import { AutosendError } from '../errors.ts';

/** `autosend user create|sign-out`: dashboard users. */
export function registerUserCommand(program: Command): void {
  const user = program.command('user').description('Dashboard users (email + password sign-in)');

  user
    .command('create')
    .description(
      'Give a user (created if new) a role in a workspace; prints a one-time link to set the password',
    )
    .requiredOption('--email <email>', "the user's email address")
    .requiredOption('--workspace <id-or-name>', 'workspace id or exact name')
    .option('--role <role>', 'admin (settings) or reviewer (reviews)', 'reviewer')
    .option('--json', 'print one JSON document')
    .action((o: { email: string; workspace: string; role: string; json?: boolean }) =>
      runAdminCommand(
        o,
        async ({ db, actor, config }) => {
          const created = await createUser(db, actor, {
            email: o.email,
            workspace: o.workspace,
            role: o.role as 'admin',
          });
          const token = await createSetupLink(db, { userId: created.userId, now: new Date() });
          const base = publicUrlOf(config).replace(/\/$/, '');
          return { ...created, passwordLink: `${base}/setup#${token}` };
        },
        (r) =>
          `${r.email} is ${r.role} of workspace ${r.workspaceId}\n` +
          `${r.needsPassword ? 'Send them this one-time link to set a password' : 'They can sign in; this one-time link resets the password'} (valid 24 h):\n\n  ${r.passwordLink}\n`,
      ),
    );

  user
    .command('sign-out')
    .description('End every dashboard session of a user, on every device')
    .requiredOption('--email <email>', "the user's email address")
    .option('--json', 'print one JSON document')
    .action((o: { email: string; json?: boolean }) =>
      runAdminCommand(
        o,
        async ({ db }) => {
          const email = o.email.trim().toLowerCase();
          const [row] = await db.select().from(users).where(sql`lower(${users.email}) = ${email}`);
          if (!row) throw new AutosendError('not_found', `no user ${o.email}`);
          return { email: row.email, ended: await signOutEverywhere(db, row.id, new Date()) };
        },
        (r) => `ended ${r.ended} session(s) of ${r.email}\n`,
      ),
    );
}
