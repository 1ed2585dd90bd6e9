import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { ConsiliumError, describeError } from '../../../../common/errors.js';
import { replaceFile, TEMPORARY_FILE } from '../../../../common/replace-file.js';
import { deidentify } from './deidentify.js';
import type { RetainOption } from './profile-row.js';

const SECRET_FILE = 'uid-secret';

/**
 * De-identified copies of a site's DICOM files, one per original file's
 * SHA-256, made once at scan: training and the profile's pixel statistics
 * read only these, so nothing identifying in a header reaches them. The
 * copies' UIDs are derived from a secret kept in the cache folder (readable
 * by the agent only), so one study's files still share one new Study
 * Instance UID. A copy is written whole or not at all (replaceFile).
 */
export class DeidentifiedCache {
  private constructor(
    readonly dir: string,
    private readonly retain: ReadonlySet<RetainOption>,
    private readonly secret: Uint8Array,
  ) {}

  static async open(dir: string, retain: readonly RetainOption[]): Promise<DeidentifiedCache> {
    try {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      // A copy cut short by a crash stays a temporary file; it is made again when its original is next scanned.
      for (const name of await readdir(dir)) if (TEMPORARY_FILE.test(name)) await unlink(path.join(dir, name));
      const file = path.join(dir, SECRET_FILE);
      let secret: Uint8Array;
      try {
        secret = await readFile(file);
      } catch {
        secret = randomBytes(32);
        await writeFile(file, secret, { mode: 0o600, flag: 'wx' }).catch(async () => (secret = await readFile(file)));
      }
      return new DeidentifiedCache(dir, new Set(retain), secret);
    } catch (error) {
      throw new ConsiliumError('INVALID_ARGUMENT', `the de-identified cache ${dir} cannot be used: ${describeError(error)}`);
    }
  }

  /** Where the de-identified copy of the file with this SHA-256 lives. */
  pathOf(sha256: string): string {
    return path.join(this.dir, `${sha256}.dcm`);
  }

  /** Makes the de-identified copy of `bytes` unless it is there; throws NotDeidentifiable for a file dcmjs cannot rewrite. */
  async store(sha256: string, bytes: Uint8Array): Promise<string> {
    const target = this.pathOf(sha256);
    if (
      await stat(target).then(
        () => true,
        () => false,
      )
    )
      return target;
    await replaceFile(target, deidentify(bytes, { retain: this.retain, uidSecret: this.secret }), 0o600);
    return target;
  }
}
