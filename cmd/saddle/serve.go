package main

import (
	"encoding/json"
	"fmt"
	"net"

	"github.com/saddle-dev/saddle/serve"
)

func init() {
	register(&command{
		name:    "serve",
		summary: "the interactive loss-surface explorer in the browser",
		usage:   "saddle serve [--addr 127.0.0.1:8080]",
		example: "saddle serve --addr 127.0.0.1:8080",
		run:     runServe,
	})
}

func runServe(e *env, args []string) error {
	c := commands["serve"]
	fs := newFlags(c)
	addr := fs.String("addr", "127.0.0.1:8080", "the address to listen on (HOST:PORT; loopback by default, port 0 picks a free one)")
	jsonOut := fs.Bool("json", false, "print the address as one JSON line ({\"url\": …}) instead of a sentence")
	if _, err := parseFlags(e, c, fs, args, false); err != nil {
		return err
	}
	if _, _, err := net.SplitHostPort(*addr); err != nil {
		return usagef("--addr %q: %v (give HOST:PORT, e.g. 127.0.0.1:8080)", *addr, err)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("--addr %s: %v", *addr, err)
	}
	url := "http://" + ln.Addr().String() + "/"
	if *jsonOut {
		if err := json.NewEncoder(e.stdout).Encode(map[string]string{"url": url}); err != nil {
			ln.Close()
			return fmt.Errorf("cannot write the address: %v", err)
		}
	} else if _, err := fmt.Fprintf(e.stdout, "saddle explorer at %s (Ctrl-C stops it)\n", url); err != nil {
		ln.Close()
		return fmt.Errorf("cannot write the address: %v", err)
	}
	return serve.Serve(ln, serve.Options{Context: e.ctx})
}
