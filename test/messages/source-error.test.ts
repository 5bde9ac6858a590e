// A file that cannot be read is worded in the reader's language when the system says why with an
// error code the catalogue knows (a folder where a file was named, a permission refused), and with
// the system's own text otherwise.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readProblem, sourceErrorArgs } from '../../src/data/load.js';
import { describeProblem } from '../../src/problems.js';

const folder = mkdtempSync(join(tmpdir(), 'impact-source-error-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function systemError(read: () => unknown): unknown {
  try {
    read();
  } catch (error) {
    return error;
  }
  throw new Error('expected the read to fail');
}

describe('a file that cannot be read', () => {
  it('is worded from the catalogue when the system gives a known code', () => {
    const error = systemError(() => readFileSync(folder));
    expect(sourceErrorArgs(error)).toMatchObject({ errno: 'EISDIR' });
    const problem = readProblem(error, 'beneficiaries', 'data/folder.csv');
    expect(describeProblem(problem, 'en')).toBe('cannot read the file: it is a folder, not a file');
    expect(describeProblem(problem, 'fr')).toBe('fichier illisible\u00a0: c’est un dossier, pas un fichier');
    const missing = readProblem(
      systemError(() => readFileSync(join(folder, 'absent.csv'))),
      'beneficiaries',
      'data/absent.csv',
    );
    expect(describeProblem(missing, 'fr')).toBe('fichier illisible\u00a0: fichier introuvable');
  });

  it('keeps the system’s text when there is no code, or one the catalogue does not know', () => {
    const plain = readProblem(new Error('the disk went away'), 'beneficiaries', 'data/b.csv');
    expect(sourceErrorArgs(new Error('the disk went away'))).toEqual({ reason: 'the disk went away' });
    expect(describeProblem(plain, 'fr')).toBe('fichier illisible\u00a0: the disk went away');
    const odd = Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    expect(describeProblem(readProblem(odd, 'beneficiaries', 'data/b.csv'), 'en')).toBe(
      'cannot read the file: ENOSPC: no space left on device',
    );
  });
});
