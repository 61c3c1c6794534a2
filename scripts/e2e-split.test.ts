import { describe, expect, it } from 'vitest';
import { SOLO, split } from './e2e-split.mjs';

describe('e2e-split', () => {
  it('balances the files by weight, longest first onto the least loaded run', () => {
    const groups = split(
      ['a.spec.ts', 'b.spec.ts', 'c.spec.ts', 'd.spec.ts'],
      { 'a.spec.ts': 50, 'b.spec.ts': 30, 'c.spec.ts': 25, 'd.spec.ts': 5 },
      2,
    );
    expect(groups).toEqual([
      { files: ['a.spec.ts', 'd.spec.ts'], seconds: 55 },
      { files: ['b.spec.ts', 'c.spec.ts'], seconds: 55 },
    ]);
  });

  it('leaves the SOLO files out of every run: they run alone afterwards', () => {
    const groups = split([...SOLO, 'a.spec.ts'], {}, 2);
    expect(groups.flatMap((g) => g.files)).toEqual(['a.spec.ts']);
    expect(SOLO).toContain('conference.spec.ts');
  });
});
