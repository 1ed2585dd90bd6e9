import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';

import { canonicalJson, sha256Hex } from '../../common/hashing.js';
import { parseRunSpec } from '../../common/run-spec.parse.js';
import { editDistance, normaliseTerm, suggestMappings } from '../../site-agent/data/label-suggestions.js';
import { siteSuggestLabels } from '../../site-agent/main.js';
import { RunConsents } from '../../site-agent/policy/run-consents.js';

const classInfo = {
  malignant: { synonyms: ['恶性', 'bösartig', 'M'], codes: [{ system: 'SNOMED CT', code: '86049000' }] },
  benign: { synonyms: ['良性', 'gutartig', 'B'] },
};

describe('one vocabulary across hospitals', () => {
  it('normalises terms and measures edit distance by code point', () => {
    expect(normaliseTerm('  Bösartig (Tumor)! ')).toBe('bosartig tumor');
    expect(normaliseTerm('ＭＡＬＩＧＮＡＮＴ')).toBe('malignant');
    expect(editDistance('malignent', 'malignant')).toBe(1);
    expect(editDistance('恶性', '良性')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it("suggests each unmapped local label's class by name, synonym, code or spelling, and leaves the doubtful to the site", () => {
    const unmapped = new Map([
      ['Malignant ', 3],
      ['malignent', 2],
      ['BÖSARTIG', 1],
      ['恶性', 5],
      ['86049000', 2],
      ['M', 4],
      ['unsure', 2],
      ['benignant', 1],
    ]);
    expect(suggestMappings(unmapped, ['benign', 'malignant'], classInfo)).toEqual([
      { local: '86049000', samples: 2, suggested: 'malignant', why: 'equals SNOMED CT code 86049000' },
      { local: 'benignant', samples: 1, suggested: null, why: 'no class name, synonym or code is close: map it by hand' },
      { local: 'BÖSARTIG', samples: 1, suggested: 'malignant', why: 'equals synonym "bösartig"' },
      { local: 'M', samples: 4, suggested: 'malignant', why: 'equals synonym "M"' },
      { local: 'Malignant ', samples: 3, suggested: 'malignant', why: 'equals the class name' },
      { local: 'malignent', samples: 2, suggested: 'malignant', why: '1 edit from the class name' },
      { local: 'unsure', samples: 2, suggested: null, why: 'no class name, synonym or code is close: map it by hand' },
      { local: '恶性', samples: 5, suggested: 'malignant', why: 'equals synonym "恶性"' },
    ]);
  });

  it('reads the offered spec the agent stored and the local labels, and prints a labelMap snippet without writing it', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'consilium-vocab-'));
    writeFileSync(path.join(root, 'table.csv'), 'f1,f2,label\n1,2,恶性\n2,3,恶性\n3,4,B\n4,5,benign\n5,6,huh\n');
    const configFile = path.join(root, 'site.yaml');
    writeFileSync(
      configFile,
      stringify({ siteId: 's', coordinator: '127.0.0.1:1', stateDir: './state', data: { kind: 'csv', path: './table.csv', labelColumn: 'label' } }),
    );
    const spec = parseRunSpec({
      name: 'vocab',
      classes: ['benign', 'malignant'],
      classInfo,
      rounds: 1,
      model: { class_name: 'Sequential', config: { layers: [{ class_name: 'Dense', config: { input_shape: [2], units: 2, activation: 'softmax' } }] } },
    });
    await new RunConsents(path.join(root, 'state')).recordOffer(
      {
        runId: 'run-1',
        name: 'vocab',
        specSha256: sha256Hex(canonicalJson(spec)),
        specJson: JSON.stringify(spec),
        status: 'pending',
        createdAt: '2026-11-30T00:00:00Z',
      },
      new Date('2026-11-30T00:00:00Z'),
    );
    const { text } = await siteSuggestLabels(configFile, 'run-1');
    expect(text.split('\n')).toEqual([
      '3 local labels are not mapped to a class of run run-1 (benign, malignant):',
      '"B" (1 samples): benign, equals synonym "B"',
      '"huh" (1 samples): no suggestion, no class name, synonym or code is close: map it by hand',
      '"恶性" (2 samples): malignant, equals synonym "恶性"',
      '',
      'after checking each, add to labelMap in the site config:',
      'labelMap:',
      '  "B": benign',
      '  "恶性": malignant',
    ]);
    await expect(siteSuggestLabels(configFile, 'run-2')).rejects.toThrow(/^run run-2 has not been offered to this site/);
  });
});
