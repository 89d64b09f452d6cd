// search, report, export and prune are in --help, have their own help, and are
// in the README; .ci/run installs chromium and runs the README's test command.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli } from './support/look-db.js';

describe('help and README', () => {
  it('--help lists the commands with their flags; each has its own help', async () => {
    const help = await cli('--help');
    for (const [cmd, flags] of Object.entries({
      search: ['--parliament', '--wp', '--ministry', '--from', '--to', '--limit', '--json', '--all-versions'],
      report: ['<dir>'],
      export: ['--format', '--csv-dialect', '--all-versions', '--out', '--metadata'],
      prune: ['--missing', '--failed', '--dry-run'],
    })) {
      expect(help.out).toContain(`drucksachen ${cmd} `);
      const own = await cli(cmd, '--help');
      expect(own.code).toBe(0);
      for (const f of flags) expect([cmd, own.out.includes(f)]).toEqual([cmd, true]);
    }
  });

  it('the README shows each command and the test command .ci/run runs; it does not send readers outside the repo for columns', () => {
    const readme = readFileSync('README.md', 'utf8');
    for (const cmd of ['search', 'report', 'export', 'prune']) expect(readme).toContain(`drucksachen ${cmd} `);
    expect(readme).toContain('docs/schema.md');
    expect(readme).not.toMatch(/shared folder|\.\.\/shared/);
    expect(readme).toContain('npm ci');
    expect(readme).toContain('npm test');
    const ci = readFileSync('.ci/run', 'utf8');
    expect(ci).toMatch(/apt-get install -y chromium/);
    expect(ci.trim().split('\n').pop()).toBe('npm ci && npm test');
  });
});
