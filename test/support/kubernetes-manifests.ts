import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

import ts from 'typescript';
import { parseAllDocuments } from 'yaml';

const repo = path.resolve(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);

export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}

/** The Go packages scripts/helm-template is built from (Debian's golang-go and its -dev packages; .ci/run installs them). */
const GO_SOURCES = ['github.com/Masterminds/sprig', 'sigs.k8s.io/yaml', 'github.com/xeipuuv/gojsonschema'];
export const helmTemplateBuildable = spawnSync('go', ['version']).status === 0 && GO_SOURCES.every((p) => existsSync(path.join('/usr/share/gocode/src', p)));

/** Builds scripts/helm-template (Helm's template engine from Debian's Go packages) into a temporary folder. */
export function buildHelmTemplate(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'helm-template-'));
  const binary = path.join(dir, 'helm-template');
  execFileSync('go', ['build', '-o', binary, '.'], {
    cwd: path.join(repo, 'scripts', 'helm-template'),
    env: { ...process.env, GO111MODULE: 'off', GOPATH: '/usr/share/gocode', GOCACHE: path.join(dir, 'cache'), GOFLAGS: '' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return binary;
}

/** `helm template`'s output as manifests, or the error it printed. */
export function helmTemplate(
  binary: string,
  chartDir: string,
  options: { name: string; namespace: string; valuesFiles: string[] },
): { manifests: Manifest[]; error: string } {
  const args = ['--name', options.name, '--namespace', options.namespace, ...options.valuesFiles.flatMap((f) => ['-f', f]), chartDir];
  const result = spawnSync(binary, args, { encoding: 'utf8' });
  if (result.status !== 0) return { manifests: [], error: result.stderr.trim() };
  // Kubernetes reads manifests as YAML 1.1 (sigs.k8s.io/yaml on go-yaml v2): 0440 is octal there, yes is true.
  const documents = parseAllDocuments(result.stdout, { version: '1.1' });
  const errors = documents.flatMap((d) => d.errors.map((e) => e.message));
  if (errors.length > 0) return { manifests: [], error: `rendered YAML does not parse: ${errors.join('; ')}` };
  return { manifests: documents.map((d) => d.toJS() as Manifest).filter((m) => m !== null), error: '' };
}

/** Where kubernetes-models keeps an API group/version's models: the core group, named groups, the Prometheus Operator's. */
function modelModule(apiVersion: string): string {
  if (apiVersion.startsWith('monitoring.coreos.com/')) return `@kubernetes-models/prometheus-operator/${apiVersion}`;
  return `kubernetes-models/${apiVersion}`;
}

/**
 * Checks a manifest against the JSON schema of its kind compiled from Kubernetes 1.27's OpenAPI document (and the
 * Prometheus Operator's CRDs): types, enums, required fields and formats. Returns the problems, none when valid.
 */
export function schemaProblems(manifest: Manifest): string[] {
  const models = require(`${modelModule(manifest.apiVersion)}/${manifest.kind}`) as Record<string, new (data: unknown) => { validate(): void }>;
  const Model = models[manifest.kind];
  if (!Model) return [`no schema for ${manifest.apiVersion} ${manifest.kind}`];
  try {
    new Model(manifest).validate();
    return [];
  } catch (error) {
    return [(error as Error).message];
  }
}

/**
 * The JSON schemas let unknown fields through (Kubernetes' OpenAPI document does not close its objects), so a
 * misspelt field would pass them and be dropped by the API server. This types every manifest as an object literal
 * of its kind's TypeScript interface, generated from the same document: an unknown field anywhere is then an excess
 * property error. Returns TypeScript's messages, none when every field is known and well typed.
 */
export function unknownFieldProblems(manifests: Manifest[]): string[] {
  const file = path.join(repo, 'test', '__rendered-manifests__.ts');
  const source = manifests
    .map((m, i) => {
      const module = `${modelModule(m.apiVersion)}/${m.kind}`;
      return `import type { I${m.kind} as T${i} } from '${module}';\nexport const m${i}: T${i} = ${JSON.stringify(m, null, 1)};\n`;
    })
    .join('\n');
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    types: [],
    skipLibCheck: true,
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.fileExists = (f) => f === file || ts.sys.fileExists(f);
  host.readFile = (f) => (f === file ? source : readFile(f));
  host.getSourceFile = (f, language) => (f === file ? ts.createSourceFile(f, source, language) : getSourceFile(f, language));
  const program = ts.createProgram([file], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}
