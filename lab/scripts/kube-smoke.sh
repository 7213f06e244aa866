#!/usr/bin/env bash
# Smoke test of the lab Kubernetes control plane (lab/scripts/kube.sh).
#   lab/scripts/kube-smoke.sh                           restart the lab, then check it
#   KUBE_SMOKE_NO_RESTART=1 lab/scripts/kube-smoke.sh   only check the running lab
#
# 1. namespace data-processing + Deployment normalization-service (label
#    app=normalization-service) -> `kubectl get pods -l app=normalization-service` lists a
#    pod that kwok marks Running. The console's own lab (lab/cluster, Helm-labelled) deploys
#    a Deployment of the same name: one that this script did not create (no label
#    lab.kube-smoke/owned=true) is left alone and only its pods are checked.
# 2. Deployment kube-smoke in namespace lab-smoke, pinned to lab-node-1: `kubectl logs`
#    (kwok ClusterLogs) and `kubectl top` (metrics-server) on its pod.
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
LAB_DIR=${LAB_DIR:-$REPO_ROOT/.lab}
export LAB_DIR
KUBE_SH=$REPO_ROOT/lab/scripts/kube.sh
NS=data-processing
APP=normalization-service
OWNED=lab.kube-smoke/owned

if [[ -x $LAB_DIR/bin/kubectl ]]; then KUBECTL=$LAB_DIR/bin/kubectl; else KUBECTL=$(command -v kubectl); fi
k() { "$KUBECTL" --kubeconfig "$LAB_DIR/kubeconfig" "$@"; }
step() { printf '\n== %s\n' "$*"; }
fail() { echo "FAIL: $*" >&2; exit 1; }

# deployment <namespace> <name> <app-label>: manifest of a smoke-owned Deployment on lab-node-1
deployment() {
	cat <<EOF
apiVersion: apps/v1
kind: Deployment
metadata:
  name: $2
  namespace: $1
  labels:
    app: $3
    $OWNED: "true"
spec:
  replicas: 1
  selector:
    matchLabels:
      app: $3
  template:
    metadata:
      labels:
        app: $3
    spec:
      nodeSelector:
        kubernetes.io/hostname: lab-node-1
      containers:
      - name: $3
        image: registry.local/data/$3:1.0.0
        resources:
          requests:
            cpu: 100m
            memory: 128Mi
EOF
}

# wait_running <namespace> <app-label> <seconds>
wait_running() {
	local deadline=$((SECONDS + $3))
	until [[ "$(k get pods -n "$1" -l "app=$2" -o 'jsonpath={.items[*].status.phase}')" == *Running* ]]; do
		if ((SECONDS >= deadline)); then
			k get deploy,rs,pods -n "$1" -o wide || true
			k get events -n "$1" --sort-by=.lastTimestamp | tail -20 || true
			fail "no Running pod for app=$2 in $1 after $3s"
		fi
		sleep 1
	done
}

ensure_namespace() {
	k get namespace "$1" >/dev/null 2>&1 || k create namespace "$1"
}

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

step "namespace $NS, deployment $APP"
ensure_namespace "$NS"
owner=$(k get deployment -n "$NS" "$APP" -o "jsonpath={.metadata.labels.lab\.kube-smoke/owned}" 2>/dev/null || echo absent)
case $owner in
true)
	echo "smoke-owned deployment exists: delete and recreate it, so the whole chain runs"
	k delete deployment -n "$NS" "$APP" --wait=true
	deadline=$((SECONDS + 60))
	while [[ -n "$(k get pods -n "$NS" -l "app=$APP" -o name)" ]]; do
		((SECONDS < deadline)) || fail "old pods not gone after 60s"
		sleep 1
	done
	deployment "$NS" "$APP" "$APP" | k create -f -
	;;
absent)
	deployment "$NS" "$APP" "$APP" | k create -f -
	;;
*)
	echo "deployment $NS/$APP exists and was not created by this script" \
		"(managed-by: $(k get deployment -n "$NS" "$APP" -o 'jsonpath={.metadata.labels.app\.kubernetes\.io/managed-by}')): left alone, checking its pods"
	;;
esac

step "wait for a Running pod (controller-manager -> ReplicaSet -> Pod, scheduler -> node, kwok -> Running)"
wait_running "$NS" "$APP" 90

step "kubectl get pods -n $NS -l app=$APP"
k get pods -n "$NS" -l "app=$APP" -o wide
k get deploy,rs -n "$NS" -l "app=$APP"

step "namespace lab-smoke, deployment kube-smoke on lab-node-1 (for logs and top)"
ensure_namespace lab-smoke
deployment lab-smoke kube-smoke kube-smoke | k apply -f -
wait_running lab-smoke kube-smoke 90
pod=$(k get pods -n lab-smoke -l app=kube-smoke --field-selector status.phase=Running -o 'jsonpath={.items[0].metadata.name}')
k get pods -n lab-smoke -o wide

step "kubectl logs (served by kwok's ClusterLogs through the apiserver)"
k logs -n lab-smoke "$pod" --tail 5

step "kubectl top (metrics-server <- kwok resource metrics; first numbers need two scrapes, ~15-30s)"
deadline=$((SECONDS + 120))
until k top pods -n lab-smoke 2>/dev/null | grep -q "$pod"; do
	if ((SECONDS >= deadline)); then
		k get apiservice v1beta1.metrics.k8s.io || true
		fail "kubectl top pods returned nothing for $pod after 120s"
	fi
	sleep 3
done
k top pods -n lab-smoke
k top node lab-node-1

echo
echo "SMOKE OK"
