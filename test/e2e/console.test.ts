import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DEMO_SITES, writeSiteImages } from '../../cli/demo/synthetic-lesions.js';
import { decodeTensors, encodeTensors } from '../../common/tensor-codec.js';
import { ImageFolderSource } from '../../site-agent/data/image-folder.source.js';
import { LabelVocabulary } from '../../site-agent/data/label-vocabulary.js';
import { profileDataset } from '../../site-agent/profile/data-profile.js';
import { guardProfile } from '../../site-agent/profile/privacy-guard.js';
import { postJson, type TestCoordinator, testCoordinator, type TestRole, tinySpec, waitFor } from '../support/coordinator.js';
import { connectSite, fetchModel, submit, updateHeader } from '../support/grpc-site.js';

// Debian's Chromium (`.ci/run` installs it with apt); playwright-core drives it and never downloads a browser.
const CHROMIUM = process.env['CONSILIUM_CHROMIUM'] ?? '/usr/bin/chromium';
const SCREENSHOTS = path.resolve('test-output/console');
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

type Operation = { responses: Record<string, { content?: { 'application/json'?: { schema: object } } }> };

/**
 * Every JSON answer the pages receive is checked against the coordinator's own OpenAPI document: the operation is
 * found by method and path template, its schema for the status code compiled once.
 */
class ResponseValidator {
  private readonly ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
  private readonly compiled = new Map<string, ValidateFunction>();
  readonly failures: string[] = [];
  readonly checked = new Set<string>();

  constructor(private readonly document: { paths: Record<string, Record<string, Operation>>; components: object }) {
    this.ajv.addSchema({ $id: 'openapi', components: document.components } as object);
  }

  check(method: string, pathname: string, status: number, body: unknown): void {
    const entry = Object.entries(this.document.paths).find(([template]) => new RegExp(`^${template.replace(/\{\w+\}/g, '[^/]+')}$`).test(pathname));
    const operation = entry?.[1][method.toLowerCase()];
    if (!entry || !operation) {
      this.failures.push(`${method} ${pathname}: not in the OpenAPI document`);
      return;
    }
    const schema = operation.responses[String(status)]?.content?.['application/json']?.schema;
    if (!schema) {
      this.failures.push(`${method} ${pathname}: status ${status} is not documented`);
      return;
    }
    const key = `${method} ${entry[0]} ${status}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      // The error schema is a $ref into components: resolve it against the document registered above.
      validate = this.ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi#/components/')));
      this.compiled.set(key, validate);
    }
    if (!validate(body)) this.failures.push(`${key}: ${this.ajv.errorsText(validate.errors)}`);
    this.checked.add(key);
  }
}

describe.skipIf(!existsSync(CHROMIUM) && !process.env['CI'])('the web console in Chromium', () => {
  let coordinator: TestCoordinator;
  let browser: Browser;
  let validator: ResponseValidator;
  let origin: string;
  const offOrigin: string[] = [];
  const sites: Awaited<ReturnType<typeof connectSite>>[] = [];
  const pages: Page[] = [];

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    coordinator = await testCoordinator();
    origin = new URL(coordinator.httpUrl).origin;
    validator = new ResponseValidator((await (await fetch(`${origin}/api/openapi.json`)).json()) as any);
    // Running as root (CI) needs --no-sandbox; nothing but this test's own pages is loaded.
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    // Each hand-driven site reports the guarded profile of real generated images from its own scanner, so the data-quality
    // section has divergences and histograms to show.
    const root = mkdtempSync(path.join(tmpdir(), 'consilium-console-'));
    for (const [i, site] of DEMO_SITES.slice(0, 2).entries()) {
      const folder = path.join(root, site.id);
      await writeSiteImages(folder, 30, site.signature, 20 + i);
      const source = new ImageFolderSource(folder);
      const profile = await profileDataset(source, await source.scan(), new LabelVocabulary({ benign: 'benign', malignant: 'malignant' }));
      sites.push(await connectSite(coordinator, site.id, JSON.stringify(guardProfile(profile, { minCellSize: 5 }))));
    }
  }, 60_000);

  afterAll(async () => {
    for (const page of pages) await page.context().close();
    await browser?.close();
    for (const site of sites) site.connect.cancel();
    await coordinator?.close();
  });

  /** A fresh browser context signed in with the role's token, watching every request and JSON answer it makes. */
  async function signIn(role: TestRole): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 860 }, acceptDownloads: true });
    const page = await context.newPage();
    pages.push(page);
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.origin !== origin && url.protocol !== 'data:' && url.protocol !== 'blob:') offOrigin.push(request.url());
    });
    page.on('response', async (response) => {
      const url = new URL(response.url());
      if (!url.pathname.startsWith('/api/') || !(response.headers()['content-type'] ?? '').includes('application/json')) return;
      // A download's body is the browser's, not the page's: there is nothing to read, so nothing to check.
      const body: unknown = await response.json().catch(() => undefined);
      if (body !== undefined) validator.check(response.request().method(), url.pathname, response.status(), body);
    });
    await page.goto(`${origin}/`);
    // By keyboard: the label names the field, Enter submits.
    await page.getByLabel('API token').fill(coordinator.tokens[role]);
    await page.getByLabel('API token').press('Enter');
    await page.getByText(`(${role})`).waitFor();
    expect(page.url()).not.toContain(coordinator.tokens[role]);
    return page;
  }

  async function menu(page: Page): Promise<string[]> {
    return page.getByRole('navigation', { name: 'Pages' }).getByRole('link').allTextContents();
  }

  /**
   * Every form control has a label and every button a name (what a screen reader user needs to act), and axe-core
   * (injected from node_modules, so nothing is fetched) finds no WCAG 2.1 A/AA violation: contrast, names, roles.
   */
  async function expectLabelled(page: Page): Promise<void> {
    await page.addScriptTag({ content: AXE_SOURCE });
    const violations = (await page.evaluate(
      `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }).then((r) => r.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')))`,
    )) as string[];
    expect(violations).toEqual([]);
    // A string, so this file needs no DOM types: it runs in the page.
    const unlabelled = await page.evaluate(`[
      ...[...document.querySelectorAll('input, select')].filter((e) => e.labels.length === 0).map((e) => e.outerHTML),
      ...[...document.querySelectorAll('button')].filter((b) => !b.textContent.trim() && !b.getAttribute('aria-label')).map((b) => b.outerHTML),
      ...[...document.querySelectorAll('svg[role=img]')].filter((s) => !s.getAttribute('aria-label')).map((s) => s.outerHTML.slice(0, 80)),
    ]`);
    expect(unlabelled).toEqual([]);
  }

  /** Answers each site's task of the open training round with an update whose metrics rise with the round. */
  async function trainRound(round: number): Promise<void> {
    for (const [i, site] of sites.entries()) {
      const task = await waitFor(async () => site.tasks.find((t) => t.round === round && !t.evaluateOnly));
      const global = decodeTensors(await fetchModel(site.client, site.metadata, task.modelVersionId, 0));
      const container = encodeTensors(global.map((t) => ({ ...t, values: new Float32Array(t.values.length).fill(0.01 * round) })));
      const metrics = { val_accuracy: 0.5 + 0.1 * round + 0.02 * i, val_loss: 1 / round, train_loss: 0.9 / round };
      expect((await submit(site.client, site.metadata, updateHeader(task, container, { metrics }), container)).accepted).toBe(true);
    }
  }

  it('shows a researcher the runs, and a live run advancing round by round with curves per site', async () => {
    const runId = (await postJson(`${origin}/api/runs`, { ...tinySpec(['hospital-a', 'hospital-b']), name: 'console study', rounds: 3 })).body.id as string;
    const page = await signIn('researcher');
    expect(await menu(page)).toEqual(['Runs']);
    // A page of another role is not offered: the researcher lands on the runs.
    await page.goto(`${origin}/#/audit`);
    await page.getByRole('heading', { name: 'Runs' }).waitFor();
    await expectLabelled(page);
    await page.getByRole('link', { name: 'console study' }).click();
    const status = page.getByTestId('run-status');
    await expect.poll(() => status.textContent(), { timeout: 20_000 }).toMatch(/^running · 0 of 3 rounds completed · round 1 collecting/);
    await trainRound(1);
    await expect.poll(() => status.textContent(), { timeout: 20_000 }).toMatch(/1 of 3 rounds completed · round 2 collecting/);
    await page.getByRole('figure').filter({ hasText: 'Validation accuracy' }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'researcher-run-round-1.png'), fullPage: true });
    await trainRound(2);
    await trainRound(3);
    for (const site of sites) {
      const task = await waitFor(async () => site.tasks.find((t) => t.evaluateOnly));
      site.connect.write({ evaluation: { taskId: task.taskId, sampleCount: 20, metrics: { val_accuracy: 0.85, val_loss: 0.4 } } });
    }
    await expect.poll(() => status.textContent(), { timeout: 20_000 }).toMatch(/^completed · 3 of 3 rounds completed/);
    const accuracy = page.getByRole('figure').filter({ hasText: 'Validation accuracy' });
    expect(await accuracy.getByRole('listitem').allTextContents()).toEqual(['hospital-a', 'hospital-b', 'global model']);
    // The numbers behind the curve: each site's figure per round, and the global model's after round 3.
    await accuracy.getByText('Numbers').click();
    expect(await accuracy.locator('tbody tr').allTextContents()).toEqual(['10.60000.6200–', '20.70000.7200–', '30.80000.82000.8500']);
    await page.getByRole('heading', { name: 'Data quality across sites' }).waitFor();
    // hospital-b's scanner differs from hospital-a's: both differ from the pooled intensities, and each has a histogram.
    const heat = page.getByRole('table', { name: /^Divergence from the pooled data/ });
    expect(await heat.locator('thead th').allTextContents()).toEqual(['site', 'labels', 'intensity image-folder']);
    expect(await heat.locator('tbody th').allTextContents()).toEqual(['hospital-a', 'hospital-b']);
    await page.getByRole('figure').filter({ hasText: 'hospital-b: intensity histogram (image-folder)' }).waitFor();
    // Neither hospital shares its local terms: the mapping matrix says so per class.
    const mappings = page.getByRole('table', { name: /^Local terms each site merged into each class/ });
    await mappings.waitFor();
    expect(await mappings.locator('tbody tr').allTextContents()).toEqual(['nonot sharednot shared', 'yesnot sharednot shared']);
    const versions = page.locator('table').filter({ hasText: 'Validation accuracy' }).locator('tbody tr');
    expect(await versions.count()).toBe(4);
    const download = page.waitForEvent('download');
    await versions.last().getByRole('button', { name: 'model.json' }).click();
    expect((await download).suggestedFilename()).toBe('model-round-3.json');
    await expectLabelled(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'researcher-run-completed.png'), fullPage: true });
    expect(runId).toMatch(/^[0-9a-f-]{36}$/);
  }, 120_000);

  it('lets an auditor browse and filter the trail, verify the chain, and open a model lineage as a graph', async () => {
    const page = await signIn('auditor');
    expect(await menu(page)).toEqual(['Audit trail', 'Model lineage']);
    const rows = page.locator('tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(25);
    await page.getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => rows.first().locator('th').textContent()).toBe('26');
    await page.getByRole('button', { name: 'Previous' }).click();
    await expect.poll(() => rows.first().locator('th').textContent()).toBe('1');
    await page.getByLabel('Action (e.g. update.accepted)').fill('model.created');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect.poll(() => rows.count()).toBe(4);
    expect(new Set(await rows.locator('td:nth-child(4)').allTextContents())).toEqual(new Set(['model.created']));
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await expect.poll(() => page.getByTestId('verdict').textContent()).toMatch(/^Chain verified: \d+ events, \d+ signed checkpoints\.$/);
    await expectLabelled(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'auditor-trail.png'), fullPage: true });
    // The last model.created event's version: four versions in its ancestry, two sites with one dataset each, two updates in each of rounds 1–3.
    await rows.last().getByRole('link').click();
    const graph = page.getByRole('img', { name: /^Lineage graph with \d+ nodes/ });
    await graph.waitFor();
    expect(await page.getByRole('figure').locator('figcaption').textContent()).toBe('Lineage of round 3 of run console study: 14 nodes, 17 edges');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export W3C PROV-JSON' }).click();
    expect((await download).suggestedFilename()).toMatch(/^lineage-.+\.prov\.json$/);
    await expectLabelled(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'auditor-lineage.png'), fullPage: true });
  }, 60_000);

  it('shows an admin the sites with their state, and makes enrolment and API tokens', async () => {
    const page = await signIn('admin');
    expect(await menu(page)).toEqual(['Sites', 'API tokens']);
    const row = page.locator('tbody tr').filter({ hasText: 'hospital-a' });
    await row.waitFor();
    expect(await row.locator('td').allTextContents()).toEqual([
      'online',
      expect.any(String),
      expect.stringMatching(/^until \d{4}-\d\d-\d\d \(\d+ days left\)$/),
      'test',
      'cpu on test',
      'csv 10 train / 2 validation; no, yes',
      'Enrolment token Revoke',
    ]);
    await page.getByLabel('New site id').fill('hospital-new');
    await page.getByRole('button', { name: 'Register site' }).click();
    await page.locator('tbody tr').filter({ hasText: 'hospital-new' }).getByRole('button', { name: 'Enrolment token' }).click();
    await expect.poll(() => page.getByTestId('site-message').textContent()).toMatch(/^Enrolment token for hospital-new \(shown once, valid until .+\): cet1\./);
    await expectLabelled(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-sites.png'), fullPage: true });
    await page.getByRole('link', { name: 'API tokens' }).click();
    await page.getByLabel('Name').fill('grafana');
    await page.getByLabel('Role').selectOption('monitor');
    await page.getByRole('button', { name: 'Create token' }).click();
    await expect.poll(() => page.getByTestId('token-message').textContent()).toMatch(/^Token "grafana" \(monitor\), shown once: csk_/);
    const grafana = page.locator('tbody tr').filter({ hasText: 'grafana' });
    await grafana.getByRole('button', { name: 'Revoke' }).click();
    await expect.poll(() => grafana.locator('td').nth(3).textContent()).toMatch(/^revoked /);
    await expectLabelled(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-tokens.png'), fullPage: true });
  }, 60_000);

  it('offers a monitor token no pages, and never asks another origin for anything', async () => {
    const page = await signIn('monitor');
    expect(await menu(page)).toEqual([]);
    await page.getByText('The monitor role has no pages here; it reads /metrics.').waitFor();
    expect(offOrigin).toEqual([]);
  });

  it('got answers that each validate against the OpenAPI document', () => {
    expect(validator.failures).toEqual([]);
    expect([...validator.checked].sort()).toEqual([
      'DELETE /api/tokens/{id} 200',
      'GET /api/audit 200',
      'GET /api/audit/verify 200',
      'GET /api/models/{id}/lineage 200',
      'GET /api/runs 200',
      'GET /api/runs/{id} 200',
      'GET /api/runs/{id}/data-quality 200',
      'GET /api/runs/{id}/label-mappings 200',
      'GET /api/session 200',
      'GET /api/sites 200',
      'GET /api/sites/{id}/profiles 200',
      'GET /api/tokens 200',
      'POST /api/sites 201',
      'POST /api/sites/{id}/enrolment-tokens 201',
      'POST /api/tokens 201',
    ]);
  });
});
