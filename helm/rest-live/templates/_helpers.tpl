{{/* Names, labels and the pieces both components share. */}}

{{- define "rest-live.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* "<release>-<chart>", or the release name when it already contains the chart name; at most 40
characters so that "<fullname>-processor-headless" and pod names stay under the DNS label limit. */}}
{{- define "rest-live.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 40 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 40 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "rest-live.processor.fullname" -}}
{{- printf "%s-processor" (include "rest-live.fullname" .) }}
{{- end }}

{{- define "rest-live.processor.headless" -}}
{{- printf "%s-processor-headless" (include "rest-live.fullname" .) }}
{{- end }}

{{- define "rest-live.edge.fullname" -}}
{{- printf "%s-edge" (include "rest-live.fullname" .) }}
{{- end }}

{{- define "rest-live.views.name" -}}
{{- printf "%s-views" (include "rest-live.fullname" .) }}
{{- end }}

{{/* Labels of every resource. */}}
{{- define "rest-live.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/name: {{ include "rest-live.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: rest-live
{{- end }}

{{/* Selector labels of one component: include with (dict "ctx" $ "component" "processor"). */}}
{{- define "rest-live.selectorLabels" -}}
app.kubernetes.io/name: {{ include "rest-live.name" .ctx }}
app.kubernetes.io/instance: {{ .ctx.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "rest-live.componentLabels" -}}
{{ include "rest-live.labels" .ctx }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* The image of a component: include with (dict "ctx" $ "image" .Values.processor.image). */}}
{{- define "rest-live.image" -}}
{{- $repository := .image.repository }}
{{- if .ctx.Values.imageRegistry }}
{{- $repository = printf "%s/%s" (trimSuffix "/" .ctx.Values.imageRegistry) .image.repository }}
{{- end }}
{{- printf "%s:%s" $repository (default .ctx.Chart.AppVersion .image.tag) }}
{{- end }}

{{/* The views file: the value, or the todolist example's. */}}
{{- define "rest-live.views" -}}
{{- if .Values.views }}{{ .Values.views }}{{ else }}{{ .Files.Get "files/views.yaml" }}{{ end }}
{{- end }}

{{/* Pod annotations that roll both workloads when the views change. */}}
{{- define "rest-live.checksumAnnotations" -}}
checksum/views: {{ include "rest-live.views" . | sha256sum }}
{{- end }}

{{- define "rest-live.jwt.secretName" -}}
{{- default (printf "%s-jwt" (include "rest-live.fullname" .)) .Values.jwt.existingSecret }}
{{- end }}

{{- define "rest-live.jwt.secretKey" -}}
{{- if .Values.jwt.existingSecret }}{{ .Values.jwt.existingSecretKey }}{{ else }}jwt-secret{{ end }}
{{- end }}

{{/* Whether the edges get REST_LIVE_JWT_SECRET. */}}
{{- define "rest-live.jwt.hasSecret" -}}
{{- if or .Values.jwt.existingSecret .Values.jwt.secret }}true{{ end }}
{{- end }}

{{- define "rest-live.internalSecret.name" -}}
{{- default (printf "%s-internal" (include "rest-live.fullname" .)) .Values.internalSecret.existingSecret }}
{{- end }}

{{- define "rest-live.internalSecret.key" -}}
{{- if .Values.internalSecret.existingSecret }}{{ .Values.internalSecret.existingSecretKey }}{{ else }}internal-secret{{ end }}
{{- end }}

{{- define "rest-live.bootstrapServers" -}}
{{- required "kafka.bootstrapServers is required: the Kafka cluster rest-live uses (this chart installs no Kafka; see the chart's README)" .Values.kafka.bootstrapServers }}
{{- end }}

{{/* Environment both components share. */}}
{{- define "rest-live.commonEnv" -}}
- name: REST_LIVE_BOOTSTRAP_SERVERS
  value: {{ include "rest-live.bootstrapServers" . | quote }}
- name: REST_LIVE_VIEWS
  value: /etc/rest-live/views.yaml
- name: REST_LIVE_TOPIC_PREFIX
  value: {{ .Values.kafka.topicPrefix | quote }}
- name: REST_LIVE_PARTITIONS
  value: {{ .Values.kafka.partitions | quote }}
- name: REST_LIVE_BROADCAST_PARTITIONS
  value: {{ .Values.kafka.broadcastPartitions | quote }}
- name: REST_LIVE_REPLICATION
  value: {{ .Values.kafka.replication | quote }}
- name: REST_LIVE_INTERNAL_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ include "rest-live.internalSecret.name" . }}
      key: {{ include "rest-live.internalSecret.key" . }}
- name: MANAGEMENT_SERVER_PORT
  value: {{ .Values.management.port | quote }}
- name: MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE
  value: health,info,metrics,prometheus
{{- end }}

{{/* Probes on the management port: liveness (restart me) and readiness (send me traffic) apart. */}}
{{- define "rest-live.probes" -}}
startupProbe:
  httpGet:
    path: /actuator/health/liveness
    port: management
  periodSeconds: 5
  failureThreshold: 60
livenessProbe:
  httpGet:
    path: /actuator/health/liveness
    port: management
  periodSeconds: 10
  timeoutSeconds: 3
  failureThreshold: 3
readinessProbe:
  httpGet:
    path: /actuator/health/readiness
    port: management
  periodSeconds: 5
  timeoutSeconds: 3
  failureThreshold: 3
{{- end }}

{{/* Volumes both components mount: the views and a writable /tmp under a read-only root filesystem. */}}
{{- define "rest-live.commonVolumes" -}}
- name: views
  configMap:
    name: {{ include "rest-live.views.name" . }}
- name: tmp
  emptyDir: {}
{{- end }}

{{- define "rest-live.commonVolumeMounts" -}}
- name: views
  mountPath: /etc/rest-live
  readOnly: true
- name: tmp
  mountPath: /tmp
{{- end }}
