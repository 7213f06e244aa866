#!/usr/bin/env bash
# Local lab Kubernetes control plane, built only from package registries.
#
#   lab/scripts/kube.sh install   build binaries into $LAB_DIR/bin (cached; a no-op when the
#                                 stamps match); kubectl must exist (lab/scripts/install.sh
#                                 installs Debian's kubernetes-client when it does not)
#   lab/scripts/kube.sh start     PKI (once), etcd, kube-apiserver, kubeconfig,
#                                 kube-controller-manager, kube-scheduler, kwok, node
#                                 lab-node-1, metrics-server (idempotent)
#   lab/scripts/kube.sh stop      stop what start started (pid files; idempotent)
#   lab/scripts/kube.sh status    one line per component; exit 0 only when all are up
#   lab/scripts/kube.sh restart   stop + start
#   lab/scripts/kube.sh env       print `export KUBECONFIG=...` (eval "$(kube.sh env)")
# Needs go (1.26), openssl, curl. KUBE_LAB_BUILD_KUBECTL=1 also builds kubectl v1.36.x.
#
# LAB_DIR defaults to <repo>/.lab (git-ignored). See lab/kube/README.md.
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
LAB_DIR=${LAB_DIR:-$REPO_ROOT/.lab}
case $LAB_DIR in /*) ;; *) LAB_DIR=$PWD/$LAB_DIR ;; esac
SRC=$REPO_ROOT/lab/kube
BIN=$LAB_DIR/bin
KDIR=$LAB_DIR/kube
PKI=$KDIR/pki
LOGS=$LAB_DIR/logs
RUN=$LAB_DIR/run
KUBECONFIG_OUT=$LAB_DIR/kubeconfig

# Versions: Kubernetes and etcd are pinned by the go.mod files under lab/kube; kwok here.
K8S_VERSION=$(awk '$1=="require" && $2=="k8s.io/kubernetes" {print $3}' "$SRC/apiserver/go.mod")
ETCD_VERSION=$(awk '$1=="require" && $2=="go.etcd.io/etcd/server/v3" {print $3}' "$SRC/etcd/go.mod")
KWOK_VERSION=v0.8.0
METRICS_SERVER_VERSION=v0.9.0

# Ports (all on 127.0.0.1).
ETCD_PORT=52379
ETCD_PEER_PORT=52380
APISERVER_PORT=56443
KCM_PORT=50257
SCHEDULER_PORT=50259
KWOK_PORT=10247
METRICS_SERVER_PORT=50443

NODE_NAME=lab-node-1
COMPONENTS=(etcd kube-apiserver kube-controller-manager kube-scheduler kwok metrics-server)

log() { printf '[kube.sh] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# ---------------------------------------------------------------- install

go_env() {
	# Go 1.26 builds everything pinned here; never let go.mod pick another toolchain.
	export GOTOOLCHAIN=${GOTOOLCHAIN:-local}
	export GOFLAGS="${GOFLAGS:-} -buildvcs=false"
}

# stamp <name> <text...>: what a cached binary was built from.
stamp_ok() { [[ -x $BIN/$1 && -f $BIN/.$1.stamp && "$(cat "$BIN/.$1.stamp")" == "$2" ]]; }
stamp_write() { printf '%s' "$2" >"$BIN/.$1.stamp"; }
files_hash() { cat "$@" | sha256sum | cut -c1-16; }

install_k8s() {
	local dir=$SRC/apiserver
	local minor=${K8S_VERSION#v1.}; minor=${minor%%.*}
	local ld="-s -w"
	local pkg
	for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
		ld+=" -X $pkg.gitVersion=$K8S_VERSION -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor -X $pkg.gitTreeState=clean -X $pkg.gitCommit="
	done
	# the stamp covers the pinned module graph and the build recipe (ldflags)
	local want="$K8S_VERSION $(files_hash "$dir/go.mod" "$dir/go.sum") $(printf '%s' "$ld" | sha256sum | cut -c1-8)"
	local cmds=(kube-apiserver kube-controller-manager kube-scheduler)
	# kubectl is only built on request (KUBE_LAB_BUILD_KUBECTL=1); see README.
	[[ ${KUBE_LAB_BUILD_KUBECTL:-0} == 1 ]] && cmds+=(kubectl)
	local c
	for c in "${cmds[@]}"; do
		if stamp_ok "$c" "$want"; then
			log "$c $K8S_VERSION: cached"
			continue
		fi
		log "building $c $K8S_VERSION (nice -n 19; the first build takes a while)"
		(cd "$dir" && nice -n 19 go build -trimpath -ldflags "$ld" -o "$BIN/$c.tmp" "k8s.io/kubernetes/cmd/$c")
		mv -f "$BIN/$c.tmp" "$BIN/$c"
		stamp_write "$c" "$want"
	done
}

install_etcd() {
	local dir=$SRC/etcd
	local want="$ETCD_VERSION $(files_hash "$dir/go.mod" "$dir/go.sum" "$dir/main.go")"
	if stamp_ok etcd "$want"; then
		log "etcd $ETCD_VERSION: cached"
		return
	fi
	log "building etcd $ETCD_VERSION"
	(cd "$dir" && nice -n 19 go build -trimpath -ldflags "-s -w" -o "$BIN/etcd.tmp" .)
	mv -f "$BIN/etcd.tmp" "$BIN/etcd"
	stamp_write etcd "$want"
}

install_kwok() {
	local want="$KWOK_VERSION"
	if stamp_ok kwok "$want"; then
		log "kwok $KWOK_VERSION: cached"
		return
	fi
	log "building kwok $KWOK_VERSION"
	# kwok's module has no replace directives, so `go install pkg@version` works.
	GOBIN=$BIN nice -n 19 go install -trimpath -ldflags "-s -w" "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION"
	stamp_write kwok "$want"
}

install_metrics_server() {
	local want="$METRICS_SERVER_VERSION"
	if stamp_ok metrics-server "$want"; then
		log "metrics-server $METRICS_SERVER_VERSION: cached"
		return
	fi
	log "building metrics-server $METRICS_SERVER_VERSION"
	# no replace directives either; v0.9.0 builds against k8s.io/* v0.36 with Go 1.26
	GOBIN=$BIN nice -n 19 go install -trimpath -ldflags "-s -w" "sigs.k8s.io/metrics-server/cmd/metrics-server@$METRICS_SERVER_VERSION"
	stamp_write metrics-server "$want"
}

install_kubectl() {
	if command -v kubectl >/dev/null 2>&1 || [[ -x $BIN/kubectl ]]; then
		log "kubectl: present ($(command -v kubectl || echo "$BIN/kubectl"))"
		return
	fi
	# Debian's kubernetes-client comes with the lab's other packages, in lab/scripts/install.sh's
	# single apt-get run (apt runs of their own collided on dpkg's lock).
	die "kubectl missing: run npm run lab -- install (or KUBE_LAB_BUILD_KUBECTL=1 $0 install)"
}

cmd_install() {
	command -v go >/dev/null || die "go is required"
	command -v openssl >/dev/null || die "openssl is required"
	go_env
	mkdir -p "$BIN"
	# keep the lab dir out of git without touching the repo .gitignore (same as lab/scripts/common.sh)
	[[ -f $LAB_DIR/.gitignore ]] || printf '*\n' >"$LAB_DIR/.gitignore"
	local t0=$SECONDS
	install_etcd
	install_kwok
	install_k8s
	install_metrics_server
	install_kubectl
	log "install done in $((SECONDS - t0))s: $(cd "$BIN" && ls | tr '\n' ' ')"
}

# ---------------------------------------------------------------- PKI

# cert <name> <subject> <extensions> [ca-prefix]
cert() {
	local name=$1 subj=$2 ext=$3 ca=${4:-ca}
	[[ -f $PKI/$name.crt && -f $PKI/$name.key ]] && return
	openssl genrsa -out "$PKI/$name.key" 2048 2>/dev/null
	openssl req -new -key "$PKI/$name.key" -subj "$subj" -out "$PKI/$name.csr"
	printf '%b\n' "$ext" >"$PKI/$name.ext"
	openssl x509 -req -in "$PKI/$name.csr" -CA "$PKI/$ca.crt" -CAkey "$PKI/$ca.key" \
		-CAcreateserial -days 3650 -sha256 -extfile "$PKI/$name.ext" -out "$PKI/$name.crt" 2>/dev/null
	rm -f "$PKI/$name.csr" "$PKI/$name.ext"
}

ca() {
	local name=$1 cn=$2
	[[ -f $PKI/$name.crt && -f $PKI/$name.key ]] && return
	openssl genrsa -out "$PKI/$name.key" 2048 2>/dev/null
	openssl req -x509 -new -key "$PKI/$name.key" -subj "/CN=$cn" -days 3650 -sha256 \
		-addext "basicConstraints=critical,CA:TRUE" \
		-addext "keyUsage=critical,digitalSignature,keyEncipherment,keyCertSign,cRLSign" \
		-out "$PKI/$name.crt"
}

ensure_pki() {
	mkdir -p "$PKI"
	chmod 700 "$PKI"
	local client="basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth"
	ca ca lab-kubernetes-ca
	ca front-proxy-ca lab-front-proxy-ca
	cert apiserver /CN=kube-apiserver \
		"basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost,IP:10.96.0.1,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local"
	cert admin "/O=system:masters/CN=admin" "$client"
	cert apiserver-kubelet-client "/O=system:masters/CN=kube-apiserver-kubelet-client" "$client"
	cert kube-controller-manager /CN=system:kube-controller-manager "$client"
	cert kube-scheduler /CN=system:kube-scheduler "$client"
	cert kwok "/O=system:masters/CN=kwok-controller" "$client"
	cert metrics-server "/O=system:masters/CN=metrics-server" "$client"
	cert front-proxy-client /CN=front-proxy-client "$client" front-proxy-ca
	if [[ ! -f $PKI/sa.key ]]; then
		openssl genrsa -out "$PKI/sa.key" 2048 2>/dev/null
		openssl rsa -in "$PKI/sa.key" -pubout -out "$PKI/sa.pub" 2>/dev/null
	fi
	chmod 600 "$PKI"/*.key
}

# kubeconfig <file> <user-cert-name> <user-name>: self-contained (embedded base64 data).
write_kubeconfig() {
	local file=$1 certname=$2 user=$3
	local tmp=$file.tmp
	umask 077
	cat >"$tmp" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: lab
  cluster:
    server: https://127.0.0.1:$APISERVER_PORT
    certificate-authority-data: $(base64 -w0 <"$PKI/ca.crt")
users:
- name: $user
  user:
    client-certificate-data: $(base64 -w0 <"$PKI/$certname.crt")
    client-key-data: $(base64 -w0 <"$PKI/$certname.key")
contexts:
- name: lab
  context:
    cluster: lab
    user: $user
current-context: lab
EOF
	mv -f "$tmp" "$file"
}

# ---------------------------------------------------------------- processes

pid_of() {
	local f=$RUN/$1.pid pid
	[[ -f $f ]] || return 1
	pid=$(cat "$f")
	[[ $pid =~ ^[0-9]+$ ]] || return 1
	kill -0 "$pid" 2>/dev/null || return 1
	# guard against pid reuse: the process must be running our binary
	[[ "$(readlink "/proc/$pid/exe" 2>/dev/null)" == "$BIN/$1"* ]] || return 1
	echo "$pid"
}

running() { pid_of "$1" >/dev/null; }

launch() {
	local name=$1; shift
	if running "$name"; then
		log "$name: already running (pid $(pid_of "$name"))"
		return 0
	fi
	[[ -x $BIN/$name ]] || die "$BIN/$name missing: run '$0 install' first"
	mkdir -p "$LOGS" "$RUN"
	printf '\n==== %s starting %s\n' "$(date -u +%FT%TZ)" "$name" >>"$LOGS/$name.log"
	# setsid: own session, so the process outlives this shell and its terminal.
	setsid "$BIN/$name" "$@" >>"$LOGS/$name.log" 2>&1 </dev/null &
	local pid=$! i
	echo "$pid" >"$RUN/$name.pid"
	# until the forked shell has exec'd the binary, /proc/<pid>/exe still names bash
	for ((i = 0; i < 100; i++)); do
		[[ "$(readlink "/proc/$pid/exe" 2>/dev/null)" == "$BIN/$name" ]] && break
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	log "$name: started (pid $pid, log $LOGS/$name.log)"
}

# wait_for <name> <seconds> <probe command...>
wait_for() {
	local name=$1 timeout=$2; shift 2
	local deadline=$((SECONDS + timeout))
	until "$@" >/dev/null 2>&1; do
		if ! running "$name"; then
			tail -n 30 "$LOGS/$name.log" >&2 || true
			die "$name exited; see $LOGS/$name.log"
		fi
		if ((SECONDS >= deadline)); then
			tail -n 30 "$LOGS/$name.log" >&2 || true
			die "$name not healthy after ${timeout}s; see $LOGS/$name.log"
		fi
		sleep 0.5
	done
}

# Health probes (also used by status).
probe_etcd() { curl -sf --max-time 3 "http://127.0.0.1:$ETCD_PORT/health" | grep -q '"health":"true"'; }
probe_apiserver() {
	[[ "$(curl -s --max-time 5 --cacert "$PKI/ca.crt" --cert "$PKI/admin.crt" --key "$PKI/admin.key" \
		"https://127.0.0.1:$APISERVER_PORT/readyz")" == ok ]]
}
probe_kcm() { [[ "$(curl -sk --max-time 3 "https://127.0.0.1:$KCM_PORT/healthz")" == ok ]]; }
probe_scheduler() { [[ "$(curl -sk --max-time 3 "https://127.0.0.1:$SCHEDULER_PORT/healthz")" == ok ]]; }
probe_kwok() { [[ "$(curl -s --max-time 3 "http://127.0.0.1:$KWOK_PORT/healthz")" == ok ]]; }
# /livez, not /readyz: metrics-server is only "ready" after its first scrapes (~15-30 s),
# while it already serves the API (and the APIService turns Available) as soon as it is live.
probe_metrics_server() { [[ "$(curl -sk --max-time 3 "https://127.0.0.1:$METRICS_SERVER_PORT/livez")" == ok ]]; }

probe() {
	case $1 in
	etcd) probe_etcd ;;
	kube-apiserver) probe_apiserver ;;
	kube-controller-manager) probe_kcm ;;
	kube-scheduler) probe_scheduler ;;
	kwok) probe_kwok ;;
	metrics-server) probe_metrics_server ;;
	esac
}

kubectl_bin() {
	if [[ -x $BIN/kubectl ]]; then echo "$BIN/kubectl"; else command -v kubectl; fi
}
kc() { "$(kubectl_bin)" --kubeconfig "$KUBECONFIG_OUT" "$@"; }

start_etcd() {
	mkdir -p "$KDIR/etcd"
	chmod 700 "$KDIR/etcd"
	launch etcd \
		--name lab \
		--data-dir "$KDIR/etcd" \
		--listen-client-urls "http://127.0.0.1:$ETCD_PORT" \
		--advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
		--listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
		--initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
		--initial-cluster "lab=http://127.0.0.1:$ETCD_PEER_PORT" \
		--initial-cluster-state new \
		--quota-backend-bytes 2147483648 \
		--unsafe-no-fsync \
		--log-level warn
	wait_for etcd 60 probe_etcd
}

start_apiserver() {
	mkdir -p "$KDIR/apiserver"
	launch kube-apiserver \
		--etcd-servers "http://127.0.0.1:$ETCD_PORT" \
		--bind-address 127.0.0.1 \
		--advertise-address 127.0.0.1 \
		--secure-port "$APISERVER_PORT" \
		--cert-dir "$KDIR/apiserver" \
		--tls-cert-file "$PKI/apiserver.crt" \
		--tls-private-key-file "$PKI/apiserver.key" \
		--client-ca-file "$PKI/ca.crt" \
		--authorization-mode Node,RBAC \
		--allow-privileged=true \
		--service-cluster-ip-range 10.96.0.0/16 \
		--service-account-issuer https://kubernetes.default.svc.cluster.local \
		--service-account-key-file "$PKI/sa.pub" \
		--service-account-signing-key-file "$PKI/sa.key" \
		--kubelet-client-certificate "$PKI/apiserver-kubelet-client.crt" \
		--kubelet-client-key "$PKI/apiserver-kubelet-client.key" \
		--kubelet-preferred-address-types InternalIP,Hostname \
		--requestheader-client-ca-file "$PKI/front-proxy-ca.crt" \
		--requestheader-allowed-names front-proxy-client \
		--requestheader-username-headers X-Remote-User \
		--requestheader-group-headers X-Remote-Group \
		--requestheader-extra-headers-prefix X-Remote-Extra- \
		--proxy-client-cert-file "$PKI/front-proxy-client.crt" \
		--proxy-client-key-file "$PKI/front-proxy-client.key" \
		--event-ttl 2h \
		--profiling=false
	wait_for kube-apiserver 120 probe_apiserver
}

start_controller_manager() {
	mkdir -p "$KDIR/kube-controller-manager"
	launch kube-controller-manager \
		--kubeconfig "$KDIR/kube-controller-manager.kubeconfig" \
		--authentication-kubeconfig "$KDIR/kube-controller-manager.kubeconfig" \
		--authorization-kubeconfig "$KDIR/kube-controller-manager.kubeconfig" \
		--bind-address 127.0.0.1 \
		--secure-port "$KCM_PORT" \
		--cert-dir "$KDIR/kube-controller-manager" \
		--leader-elect=false \
		--cluster-name lab \
		--use-service-account-credentials=true \
		--service-account-private-key-file "$PKI/sa.key" \
		--root-ca-file "$PKI/ca.crt" \
		--cluster-signing-cert-file "$PKI/ca.crt" \
		--cluster-signing-key-file "$PKI/ca.key" \
		--profiling=false
	wait_for kube-controller-manager 60 probe_kcm
}

start_scheduler() {
	mkdir -p "$KDIR/kube-scheduler"
	launch kube-scheduler \
		--kubeconfig "$KDIR/kube-scheduler.kubeconfig" \
		--authentication-kubeconfig "$KDIR/kube-scheduler.kubeconfig" \
		--authorization-kubeconfig "$KDIR/kube-scheduler.kubeconfig" \
		--bind-address 127.0.0.1 \
		--secure-port "$SCHEDULER_PORT" \
		--cert-dir "$KDIR/kube-scheduler" \
		--leader-elect=false \
		--profiling=false
	wait_for kube-scheduler 60 probe_scheduler
}

start_kwok() {
	mkdir -p "$KDIR/kwok/logs"
	sed "s|@LAB_DIR@|$LAB_DIR|g" "$SRC/kwok/kwok.yaml" >"$KDIR/kwok/kwok.yaml"
	local f now
	now=$(date -u +%Y-%m-%dT%H:%M:%S.000000000Z)
	for f in default default-previous; do
		[[ -s $KDIR/kwok/logs/$f.log ]] && continue
		{
			printf '%s stdout F {"level":"info","msg":"lab: fake container log served by kwok (%s.log)"}\n' "$now" "$f"
			printf '%s stdout F {"level":"info","msg":"append CRI-format lines to %s to simulate output"}\n' "$now" "$KDIR/kwok/logs/$f.log"
		} >"$KDIR/kwok/logs/$f.log"
	done
	launch kwok \
		--config "$KDIR/kwok/kwok.yaml" \
		--kubeconfig "$KDIR/kwok.kubeconfig" \
		--manage-all-nodes=false \
		--manage-nodes-with-annotation-selector kwok.x-k8s.io/node=fake \
		--node-ip 127.0.0.1 \
		--node-port "$KWOK_PORT" \
		--server-address "127.0.0.1:$KWOK_PORT" \
		--cidr 10.244.0.0/16 \
		--node-lease-duration-seconds 40
	wait_for kwok 60 probe_kwok
}

start_metrics_server() {
	mkdir -p "$KDIR/metrics-server"
	launch metrics-server \
		--kubeconfig "$KDIR/metrics-server.kubeconfig" \
		--authentication-kubeconfig "$KDIR/metrics-server.kubeconfig" \
		--authorization-kubeconfig "$KDIR/metrics-server.kubeconfig" \
		--bind-address 127.0.0.1 \
		--secure-port "$METRICS_SERVER_PORT" \
		--cert-dir "$KDIR/metrics-server" \
		--kubelet-insecure-tls \
		--kubelet-use-node-status-port \
		--kubelet-preferred-address-types InternalIP \
		--metric-resolution 15s
	wait_for metrics-server 60 probe_metrics_server
	kc apply -f "$SRC/metrics-server.yaml" >/dev/null
	local deadline=$((SECONDS + 30))
	until [[ "$(kc get apiservice v1beta1.metrics.k8s.io -o 'jsonpath={.status.conditions[?(@.type=="Available")].status}' 2>/dev/null)" == True ]]; do
		if ((SECONDS >= deadline)); then
			log "warning: APIService v1beta1.metrics.k8s.io not Available after 30s"
			return 0
		fi
		sleep 1
	done
}

ensure_node() {
	if ! kc get node "$NODE_NAME" >/dev/null 2>&1; then
		kc create -f "$SRC/kwok/node.yaml" >/dev/null
		log "node $NODE_NAME created"
	fi
	local deadline=$((SECONDS + 60))
	until [[ "$(kc get node "$NODE_NAME" -o 'jsonpath={.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null)" == True ]]; do
		((SECONDS < deadline)) || die "node $NODE_NAME not Ready after 60s; see $LOGS/kwok.log"
		sleep 1
	done
}

cmd_start() {
	command -v curl >/dev/null || die "curl is required"
	local c
	for c in "${COMPONENTS[@]}"; do
		[[ -x $BIN/$c ]] || die "$BIN/$c missing: run '$0 install' first"
	done
	[[ -n "$(kubectl_bin)" ]] || die "kubectl missing: run '$0 install' first"
	mkdir -p "$LOGS" "$RUN" "$KDIR"
	ensure_pki
	write_kubeconfig "$KUBECONFIG_OUT" admin admin
	write_kubeconfig "$KDIR/kube-controller-manager.kubeconfig" kube-controller-manager system:kube-controller-manager
	write_kubeconfig "$KDIR/kube-scheduler.kubeconfig" kube-scheduler system:kube-scheduler
	write_kubeconfig "$KDIR/kwok.kubeconfig" kwok kwok-controller
	write_kubeconfig "$KDIR/metrics-server.kubeconfig" metrics-server metrics-server
	start_etcd
	start_apiserver
	start_controller_manager
	start_scheduler
	start_kwok
	ensure_node
	start_metrics_server
	log "ready: export KUBECONFIG=$KUBECONFIG_OUT"
}

# stop_group <seconds> <name...>: TERM all of them at once, wait, then KILL stragglers.
stop_group() {
	local timeout=$1 name pid i alive
	shift
	local -A pids=()
	for name in "$@"; do
		if pid=$(pid_of "$name"); then
			kill -TERM "$pid" 2>/dev/null || true
			pids[$name]=$pid
		else
			rm -f "$RUN/$name.pid"
		fi
	done
	for ((i = 0; i < timeout * 4; i++)); do
		alive=0
		for name in "${!pids[@]}"; do
			kill -0 "${pids[$name]}" 2>/dev/null && alive=1
		done
		((alive)) || break
		sleep 0.25
	done
	for name in "${!pids[@]}"; do
		if kill -0 "${pids[$name]}" 2>/dev/null; then
			log "$name: still alive after ${timeout}s, sending KILL"
			kill -KILL "${pids[$name]}" 2>/dev/null || true
		fi
		rm -f "$RUN/$name.pid"
		log "$name: stopped (pid ${pids[$name]})"
	done
}

cmd_stop() {
	# clients of the API first (in parallel), then the apiserver, then etcd
	stop_group 15 metrics-server kwok kube-scheduler kube-controller-manager
	# kube-apiserver's graceful shutdown waits up to 60 s for open watches of clients it
	# did not start (e.g. another kwok pointed at this cluster); its state is all in
	# etcd, so it gets 5 s and then KILL.
	stop_group 5 kube-apiserver
	stop_group 15 etcd
}

cmd_status() {
	local c pid bad=0
	for c in "${COMPONENTS[@]}"; do
		if pid=$(pid_of "$c"); then
			if probe "$c"; then
				printf '%-24s up        pid %s\n' "$c" "$pid"
			else
				printf '%-24s unhealthy pid %s (log %s)\n' "$c" "$pid" "$LOGS/$c.log"
				bad=1
			fi
		else
			printf '%-24s down\n' "$c"
			bad=1
		fi
	done
	return $bad
}

case ${1:-} in
install) cmd_install ;;
start) cmd_start ;;
stop) cmd_stop ;;
status) cmd_status ;;
restart) cmd_stop; cmd_start ;;
env) echo "export KUBECONFIG=$KUBECONFIG_OUT" ;;
*)
	echo "usage: $0 install|start|stop|status|restart|env" >&2
	exit 2
	;;
esac
