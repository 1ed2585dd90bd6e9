{{/* The chart's name, for labels. */}}
{{- define "consilium-coordinator.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The release's full name: object names start with it (63 characters at most, the DNS label limit). */}}
{{- define "consilium-coordinator.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* Service names are suffixed, so the base leaves room for "-grpc" and "-https" within 63 characters. */}}
{{- define "consilium-coordinator.serviceName" -}}
{{- printf "%s-%s" (include "consilium-coordinator.fullname" .root | trunc 57 | trimSuffix "-") .suffix }}
{{- end }}

{{- define "consilium-coordinator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "consilium-coordinator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "consilium-coordinator.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "consilium-coordinator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/part-of: consilium
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "consilium-coordinator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "consilium-coordinator.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "consilium-coordinator.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/*
Settings the chart derives and the coordinator must not be given twice: the fix for each names the value to set.
*/}}
{{- define "consilium-coordinator.checks" -}}
{{- $_ := required "database.existingSecret: name the Secret holding the PostgreSQL URL every replica shares (kubectl create secret generic consilium-database --from-literal=url=postgres://USER:PASSWORD@HOST:5432/DB)" .Values.database.existingSecret }}
{{- $_ := required "objectStore.bucket: name the S3 bucket the replicas share (replicas cannot share a filesystem blob store on Kubernetes)" .Values.objectStore.bucket }}
{{- $_ := required "pki.existingSecret: name the Secret with ca.cert.pem, ca.key.pem and audit-signing-key.pem made by `consilium coordinator init` (see the chart's README)" .Values.pki.existingSecret }}
{{- if and .Values.https.existingSecret (not .Values.https.enabled) }}
{{- fail "https.existingSecret is set but https.enabled is false: enable HTTPS to serve that certificate, or clear existingSecret" }}
{{- end }}
{{- range $key, $value := dict "host" "listens on every interface" "httpPort" "is the container's 8080" "grpcPort" "is the container's 50051" "stateDir" "is the pod's state volume" "databaseUrl" "comes from database.existingSecret" "blobStore" "comes from objectStore" "cluster" "comes from cluster" "https" "comes from https.enabled" "httpsCertFile" "comes from https.existingSecret" "httpsKeyFile" "comes from https.existingSecret" "serverNames" "comes from serverNames" }}
{{- if hasKey $.Values.config $key }}
{{- fail (printf "config.%s: the chart sets it (it %s); remove it from config" $key $value) }}
{{- end }}
{{- end }}
{{- end }}

{{/* Names in the gRPC and HTTPS server certificate: the in-cluster Services, then the names sites dial. */}}
{{- define "consilium-coordinator.serverNames" -}}
{{- $names := list }}
{{- range $suffix := list "grpc" "https" }}
{{- $service := include "consilium-coordinator.serviceName" (dict "root" $ "suffix" $suffix) }}
{{- $names = append $names $service }}
{{- $names = append $names (printf "%s.%s" $service $.Release.Namespace) }}
{{- $names = append $names (printf "%s.%s.svc" $service $.Release.Namespace) }}
{{- end }}
{{- toYaml (concat $names .Values.serverNames | uniq) }}
{{- end }}

{{/* coordinator.yaml: what the chart derives, over config's further settings. */}}
{{- define "consilium-coordinator.config" -}}
{{- $blobStore := dict "kind" "s3" "bucket" .Values.objectStore.bucket "region" .Values.objectStore.region "forcePathStyle" .Values.objectStore.forcePathStyle "prefix" .Values.objectStore.prefix "cacheBytes" .Values.objectStore.cacheBytes }}
{{- if .Values.objectStore.endpoint }}
{{- $_ := set $blobStore "endpoint" .Values.objectStore.endpoint }}
{{- end }}
{{- $derived := dict "host" "0.0.0.0" "httpPort" 8080 "grpcPort" 50051 "stateDir" "/var/lib/consilium/coordinator" "blobStore" $blobStore "https" .Values.https.enabled }}
{{- $_ := set $derived "cluster" (dict "kind" "postgres" "leaseSeconds" .Values.cluster.leaseSeconds "channel" .Values.cluster.channel) }}
{{- $_ := set $derived "serverNames" (include "consilium-coordinator.serverNames" . | fromYamlArray) }}
{{- if .Values.https.existingSecret }}
{{- $_ := set $derived "httpsCertFile" "/etc/consilium/https/tls.crt" }}
{{- $_ := set $derived "httpsKeyFile" "/etc/consilium/https/tls.key" }}
{{- end }}
{{- toYaml (merge $derived (deepCopy .Values.config)) }}
{{- end }}

{{/* HTTPS or HTTP, as the probes name it; lower-cased for URLs and appProtocol. */}}
{{- define "consilium-coordinator.scheme" -}}
{{- ternary "HTTPS" "HTTP" .Values.https.enabled }}
{{- end }}
