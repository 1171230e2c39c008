package main

import (
	"os"
	"strconv"
	"time"
)

// The dates of a run, read once from the environment: SOURCE_DATE_EPOCH, when set, fixes both
// today (what dates are judged against) and the date the outputs carry, so that builds are
// reproducible. Nothing below cmd/soa reads the environment.

// dates returns today and the output date. Without SOURCE_DATE_EPOCH, today is the current
// UTC date and the output date is zero: package soa then takes it from the document.
func dates() (today, output time.Time, err error) {
	s := os.Getenv("SOURCE_DATE_EPOCH")
	if s == "" {
		now := time.Now().UTC()
		return time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC), time.Time{}, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return time.Time{}, time.Time{}, usage("SOURCE_DATE_EPOCH=%q is not a number of seconds since 1970; unset it or give e.g. SOURCE_DATE_EPOCH=$(date +%%s)", s)
	}
	t := time.Unix(n, 0).UTC()
	return t, t, nil
}

// today is the date of [dates].
func today() (time.Time, error) {
	t, _, err := dates()
	return t, err
}
