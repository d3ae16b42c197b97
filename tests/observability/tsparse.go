// tsparse.go: parse timestamps as Alloy and Promtail do, with Go's own
// time.ParseInLocation, to check golayout.mjs against the real thing.
//
// Reads lines "LAYOUT<TAB>LOCATION<TAB>VALUE" and prints, for each,
// "MICROS OFFSET_MINUTES" or "error".
package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"time"
)

func main() {
	in := bufio.NewScanner(os.Stdin)
	for in.Scan() {
		parts := strings.SplitN(in.Text(), "\t", 3)
		if len(parts) != 3 {
			fmt.Println("error")
			continue
		}
		loc, err := time.LoadLocation(parts[1])
		if err != nil {
			fmt.Println("error")
			continue
		}
		t, err := time.ParseInLocation(parts[0], parts[2], loc)
		if err != nil || t.Nanosecond()%1000 != 0 {
			fmt.Println("error")
			continue
		}
		_, offset := t.Zone()
		fmt.Printf("%d %d\n", t.UnixMicro(), offset/60)
	}
}
