// Command helm-template renders a Helm chart as `helm template` does, for the chart's test in CI, where Helm itself
// cannot be had: Debian bookworm does not package it, the npm packages that carry it download it at install time, and
// the Go module proxy is out of reach. It is built from Debian's packages (golang-go, golang-github-masterminds-sprig-dev,
// golang-k8s-sigs-yaml-dev, golang-github-xeipuuv-gojsonschema-dev) on the engine Helm 3 builds on:
//
//   - Go's text/template with missingkey=zero and "<no value>" removed, Sprig v3's functions less env and expandenv,
//     and Helm's own: include, tpl, required, toYaml, fromYaml, fromYamlArray, toJson, fromJson and lookup (which, as
//     in `helm template`, finds nothing);
//   - values read with sigs.k8s.io/yaml (so numbers are float64, as in Helm), files merged in order, then coalesced
//     with the chart's values.yaml (a null removes a default), then checked against values.schema.json with
//     gojsonschema, the validator Helm 3 uses, with Helm's error text;
//   - .Release, .Chart (from Chart.yaml), .Capabilities (KubeVersion, APIVersions.Has) and .Template.
//
// Left out because the chart does not use them: subcharts, .Files, `--set`, the install-order sort of the output
// (files come in name order). Usage:
//
//	helm-template [--name N] [--namespace NS] [--kube-version v1.27.1] [--api-versions G/V]... [-f values.yaml]... CHART_DIR
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"text/template"

	"github.com/Masterminds/semver"
	"github.com/Masterminds/sprig"
	"github.com/xeipuuv/gojsonschema"
	"sigs.k8s.io/yaml"
)

// Metadata is Chart.yaml, with the field names templates use (.Chart.Name, .Chart.AppVersion).
type Metadata struct {
	Name         string            `json:"name"`
	Home         string            `json:"home,omitempty"`
	Sources      []string          `json:"sources,omitempty"`
	Version      string            `json:"version"`
	Description  string            `json:"description,omitempty"`
	Keywords     []string          `json:"keywords,omitempty"`
	Maintainers  []map[string]any  `json:"maintainers,omitempty"`
	Icon         string            `json:"icon,omitempty"`
	APIVersion   string            `json:"apiVersion"`
	AppVersion   string            `json:"appVersion,omitempty"`
	KubeVersion  string            `json:"kubeVersion,omitempty"`
	Type         string            `json:"type,omitempty"`
	Annotations  map[string]string `json:"annotations,omitempty"`
	Deprecated   bool              `json:"deprecated,omitempty"`
	Dependencies []map[string]any  `json:"dependencies,omitempty"`
}

// VersionSet is .Capabilities.APIVersions.
type VersionSet []string

// Has is `.Capabilities.APIVersions.Has "monitoring.coreos.com/v1"`.
func (v VersionSet) Has(apiVersion string) bool {
	for _, x := range v {
		if x == apiVersion {
			return true
		}
	}
	return false
}

// KubeVersion is .Capabilities.KubeVersion.
type KubeVersion struct {
	Version    string
	Major      string
	Minor      string
	GitVersion string
}

func (k KubeVersion) String() string { return k.Version }

type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

// builtinAPIVersions are the group/versions a 1.27 API server serves that a coordinator chart could ask about.
var builtinAPIVersions = []string{"v1", "apps/v1", "batch/v1", "policy/v1", "networking.k8s.io/v1", "autoscaling/v2", "rbac.authorization.k8s.io/v1"}

func main() {
	name := flag.String("name", "release-name", "release name")
	namespace := flag.String("namespace", "default", "release namespace")
	kube := flag.String("kube-version", "v1.27.1", "Kubernetes version for .Capabilities and Chart.yaml's kubeVersion")
	var valueFiles, apiVersions multiFlag
	flag.Var(&valueFiles, "f", "values file (repeatable; later files win)")
	flag.Var(&apiVersions, "api-versions", "extra group/version for .Capabilities.APIVersions (repeatable)")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: helm-template [flags] CHART_DIR")
		os.Exit(2)
	}
	out, err := render(flag.Arg(0), *name, *namespace, *kube, valueFiles, append(VersionSet(builtinAPIVersions), apiVersions...))
	if err != nil {
		fmt.Fprintln(os.Stderr, "Error:", err)
		os.Exit(1)
	}
	fmt.Print(out)
}

func render(chartDir, name, namespace, kube string, valueFiles []string, apiVersions VersionSet) (string, error) {
	var meta Metadata
	if err := readYAML(filepath.Join(chartDir, "Chart.yaml"), &meta); err != nil {
		return "", err
	}
	if meta.APIVersion != "v2" || meta.Name == "" || meta.Version == "" {
		return "", fmt.Errorf("Chart.yaml: apiVersion v2, name and version are required")
	}
	kubeVersion, err := semver.NewVersion(kube)
	if err != nil {
		return "", fmt.Errorf("--kube-version %q: %w", kube, err)
	}
	if meta.KubeVersion != "" {
		constraint, err := semver.NewConstraint(meta.KubeVersion)
		if err != nil {
			return "", fmt.Errorf("Chart.yaml kubeVersion %q: %w", meta.KubeVersion, err)
		}
		if !constraint.Check(kubeVersion) {
			return "", fmt.Errorf("chart requires kubeVersion: %s which is incompatible with Kubernetes %s", meta.KubeVersion, kube)
		}
	}

	defaults := map[string]any{}
	if err := readYAML(filepath.Join(chartDir, "values.yaml"), &defaults); err != nil && !errors.Is(err, os.ErrNotExist) {
		return "", err
	}
	supplied := map[string]any{}
	for _, file := range valueFiles {
		next := map[string]any{}
		if err := readYAML(file, &next); err != nil {
			return "", err
		}
		supplied = mergeMaps(supplied, next)
	}
	values := coalesce(supplied, defaults)
	if err := validateValues(chartDir, meta.Name, values); err != nil {
		return "", err
	}

	top := map[string]any{
		"Values":  values,
		"Chart":   &meta,
		"Release": map[string]any{"Name": name, "Namespace": namespace, "IsInstall": true, "IsUpgrade": false, "Revision": 1, "Service": "Helm"},
		"Capabilities": map[string]any{
			"KubeVersion": KubeVersion{Version: "v" + kubeVersion.String(), Major: fmt.Sprint(kubeVersion.Major()), Minor: fmt.Sprint(kubeVersion.Minor()), GitVersion: "v" + kubeVersion.String()},
			"APIVersions": apiVersions,
		},
	}
	templates, err := readTemplates(chartDir, meta.Name)
	if err != nil {
		return "", err
	}
	rendered, err := execute(templates, top, meta.Name)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for _, file := range sortedKeys(rendered) {
		body := rendered[file]
		// Partials and NOTES.txt render (so their errors show) but are not manifests, as in `helm template`.
		if strings.HasPrefix(path.Base(file), "_") || path.Base(file) == "NOTES.txt" || strings.TrimSpace(body) == "" {
			continue
		}
		fmt.Fprintf(&b, "---\n# Source: %s\n%s\n", file, strings.TrimSpace(body))
	}
	return b.String(), nil
}

func readYAML(file string, into any) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	if err := yaml.Unmarshal(data, into); err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	return nil
}

func readTemplates(chartDir, chartName string) (map[string]string, error) {
	templates := map[string]string{}
	root := filepath.Join(chartDir, "templates")
	err := filepath.WalkDir(root, func(file string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(file)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(chartDir, file)
		templates[path.Join(chartName, filepath.ToSlash(rel))] = string(data)
		return nil
	})
	return templates, err
}

// mergeMaps is how Helm merges several -f files: later keys win, maps merge key by key.
func mergeMaps(a, b map[string]any) map[string]any {
	out := make(map[string]any, len(a))
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		if bm, ok := v.(map[string]any); ok {
			if am, ok := out[k].(map[string]any); ok {
				out[k] = mergeMaps(am, bm)
				continue
			}
		}
		out[k] = v
	}
	return out
}

// coalesce is Helm's CoalesceValues for a chart without dependencies: supplied values win, a default fills what is
// absent, an explicit null removes the default, and maps coalesce key by key.
func coalesce(supplied, defaults map[string]any) map[string]any {
	out := make(map[string]any, len(defaults))
	for k, v := range supplied {
		out[k] = v
	}
	for k, def := range defaults {
		v, present := out[k]
		if !present {
			out[k] = def
			continue
		}
		vm, vIsMap := v.(map[string]any)
		dm, dIsMap := def.(map[string]any)
		if vIsMap && dIsMap {
			out[k] = coalesce(vm, dm)
		}
	}
	// A null, supplied over a default or not, leaves no key.
	for k, v := range out {
		if v == nil {
			delete(out, k)
		}
	}
	return out
}

// validateValues checks values against values.schema.json as Helm 3 does, with Helm's message.
func validateValues(chartDir, chartName string, values map[string]any) error {
	schema, err := os.ReadFile(filepath.Join(chartDir, "values.schema.json"))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	} else if err != nil {
		return err
	}
	result, err := gojsonschema.Validate(gojsonschema.NewBytesLoader(schema), gojsonschema.NewGoLoader(values))
	if err != nil {
		return fmt.Errorf("values.schema.json: %w", err)
	}
	if result.Valid() {
		return nil
	}
	var b strings.Builder
	for _, e := range result.Errors() {
		fmt.Fprintf(&b, "- %s\n", e)
	}
	return fmt.Errorf("values don't meet the specifications of the schema(s) in the following chart(s):\n%s:\n%s", chartName, b.String())
}

var requiredMessage = regexp.MustCompile(`HELM_ERR_START(.*)HELM_ERR_END`)

func execute(templates map[string]string, top map[string]any, chartName string) (map[string]string, error) {
	t := template.New("gotpl").Option("missingkey=zero")
	funcs := sprig.TxtFuncMap()
	delete(funcs, "env")
	delete(funcs, "expandenv")
	funcs["toYaml"] = func(v any) string {
		data, err := yaml.Marshal(v)
		if err != nil {
			return ""
		}
		return strings.TrimSuffix(string(data), "\n")
	}
	funcs["fromYaml"] = func(s string) map[string]any {
		m := map[string]any{}
		if err := yaml.Unmarshal([]byte(s), &m); err != nil {
			m["Error"] = err.Error()
		}
		return m
	}
	funcs["fromYamlArray"] = func(s string) []any {
		a := []any{}
		if err := yaml.Unmarshal([]byte(s), &a); err != nil {
			a = []any{err.Error()}
		}
		return a
	}
	funcs["toJson"] = func(v any) string {
		data, err := json.Marshal(v)
		if err != nil {
			return ""
		}
		return string(data)
	}
	funcs["fromJson"] = func(s string) map[string]any {
		m := map[string]any{}
		if err := json.Unmarshal([]byte(s), &m); err != nil {
			m["Error"] = err.Error()
		}
		return m
	}
	funcs["lookup"] = func(string, string, string, string) (map[string]any, error) { return map[string]any{}, nil }
	funcs["include"] = func(name string, data any) (string, error) {
		var buf strings.Builder
		err := t.ExecuteTemplate(&buf, name, data)
		return buf.String(), err
	}
	funcs["tpl"] = func(text string, data any) (string, error) {
		inner, err := t.Clone()
		if err != nil {
			return "", err
		}
		if _, err := inner.New("tpl").Parse(text); err != nil {
			return "", err
		}
		var buf strings.Builder
		err = inner.ExecuteTemplate(&buf, "tpl", data)
		return strings.ReplaceAll(buf.String(), "<no value>", ""), err
	}
	funcs["required"] = func(warn string, v any) (any, error) {
		if s, isString := v.(string); v == nil || (isString && s == "") {
			return v, fmt.Errorf("HELM_ERR_START%sHELM_ERR_END", warn)
		}
		return v, nil
	}
	t.Funcs(funcs)

	names := sortedKeys(templates)
	for _, name := range names {
		if _, err := t.New(name).Parse(templates[name]); err != nil {
			return nil, fmt.Errorf("parse error in %s: %w", name, err)
		}
	}
	rendered := map[string]string{}
	for _, name := range names {
		vals := make(map[string]any, len(top)+1)
		for k, v := range top {
			vals[k] = v
		}
		vals["Template"] = map[string]any{"Name": name, "BasePath": path.Join(chartName, "templates")}
		var buf strings.Builder
		if err := t.ExecuteTemplate(&buf, name, vals); err != nil {
			// Helm's cleanupExecError: "template: FILE:LINE:COL: executing …: MESSAGE" becomes the location and
			// required's message; any other error (fail's included) is reported whole, as Helm does.
			tokens := strings.SplitN(err.Error(), ": ", 3)
			if m := requiredMessage.FindStringSubmatch(err.Error()); m != nil && len(tokens) == 3 {
				return nil, fmt.Errorf("execution error at (%s): %s", tokens[1], m[1])
			}
			return nil, err
		}
		rendered[name] = strings.ReplaceAll(buf.String(), "<no value>", "")
	}
	return rendered, nil
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
