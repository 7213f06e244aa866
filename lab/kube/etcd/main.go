// Command etcd is the etcd server, built from the published go.etcd.io/etcd/server/v3
// module. etcd's own server/main.go does exactly this; it cannot be `go install`ed because
// the etcd server module carries replace directives (etcd-io/etcd#18501).
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() {
	etcdmain.Main(os.Args)
}
