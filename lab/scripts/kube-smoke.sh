#!/usr/bin/env bash
# Smoke test of the lab Kubernetes control plane (lab/scripts/kube.sh).
#   lab/scripts/kube-smoke.sh            restart the lab, then check it
#   KUBE_SMOKE_NO_RESTART=1 lab/scripts/kube-smoke.sh   only check the running lab
# Creates namespace data-processing and Deployment normalization-service
# (label app=normalization-service) and waits until kwok reports its pod Running.
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
LAB_DIR=${LAB_DIR:-$REPO_ROOT/.lab}
export LAB_DIR
KUBE_SH=$REPO_ROOT/lab/scripts/kube.sh
NS=data-processing
APP=normalization-service

if [[ -x $LAB_DIR/bin/kubectl ]]; then KUBECTL=$LAB_DIR/bin/kubectl; else KUBECTL=$(command -v kubectl); fi
k() { "$KUBECTL" --kubeconfig "$LAB_DIR/kubeconfig" "$@"; }
step() { printf '\n== %s\n' "$*"; }

if [[ ${KUBE_SMOKE_NO_RESTART:-0} != 1 ]]; then
	step "kube.sh stop; kube.sh start"
	"$KUBE_SH" stop
	"$KUBE_SH" start
fi

step "kube.sh status"
"$KUBE_SH" status

step "kubectl get --raw /readyz"
k get --raw /readyz
echo

step "kubectl version / nodes"
k version 2>/dev/null || true
k get nodes -o wide

step "namespace $NS"
k create namespace "$NS" --dry-run=client -o yaml | k apply -f -

step "deployment $APP (deleted first if present, so the whole chain runs every time)"
if k get deployment -n "$NS" "$APP" >/dev/null 2>&1; then
	k delete deployment -n "$NS" "$APP" --wait=true
	deadline=$((SECONDS + 60))
	while [[ -n "$(k get pods -n "$NS" -l app=$APP -o name)" ]]; do
		((SECONDS < deadline)) || { echo "FAIL: old pods not gone after 60s" >&2; exit 1; }
		sleep 1
	done
fi
k apply -n "$NS" -f - <<EOF
apiVersion: apps/v1
kind: Deployment
metadata:
  name: $APP
  labels:
    app: $APP
spec:
  replicas: 1
  selector:
    matchLabels:
      app: $APP
  template:
    metadata:
      labels:
        app: $APP
    spec:
      containers:
      - name: $APP
        image: registry.local/data/$APP:1.0.0
        resources:
          requests:
            cpu: 100m
            memory: 128Mi
EOF

step "wait for a Running pod (kube-controller-manager -> ReplicaSet -> Pod, kube-scheduler -> lab-node-1, kwok -> Running)"
deadline=$((SECONDS + 90))
until [[ "$(k get pods -n "$NS" -l app=$APP -o 'jsonpath={.items[*].status.phase}')" == *Running* ]]; do
	if ((SECONDS >= deadline)); then
		k get deploy,rs,pods -n "$NS" -o wide || true
		k get events -n "$NS" --sort-by=.lastTimestamp | tail -20 || true
		echo "FAIL: no Running pod for app=$APP after 90s" >&2
		exit 1
	fi
	sleep 1
done

step "kubectl get pods -n $NS -l app=$APP"
k get pods -n "$NS" -l app=$APP -o wide
k get deploy,rs -n "$NS"

step "kubectl logs (served by kwok's ClusterLogs through the apiserver)"
pod=$(k get pods -n "$NS" -l app=$APP -o 'jsonpath={.items[0].metadata.name}')
k logs -n "$NS" "$pod" --tail 5

step "kubectl top (metrics-server <- kwok resource metrics; first numbers need two scrapes, ~15-30s)"
deadline=$((SECONDS + 120))
until k top pods -n "$NS" -l app=$APP 2>/dev/null | grep -q "$APP"; do
	if ((SECONDS >= deadline)); then
		k get apiservice v1beta1.metrics.k8s.io || true
		echo "FAIL: kubectl top pods returned nothing after 120s" >&2
		exit 1
	fi
	sleep 3
done
k top pods -n "$NS" -l app=$APP
k top nodes

echo
echo "SMOKE OK"
