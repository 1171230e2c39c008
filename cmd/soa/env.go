package main

import (
	"os"
	"strconv"
	"time"
)

// The dates of a run, read once from the environment: SOURCE_DATE_EPOCH, when set, fixes both
// today (what dates are judged against) and the date the outputs carry, so that builds are
// reproducible. Nothing below cmd/soa reads the environment.

// dates returns today and the output date, both at 00:00 UTC. Without SOURCE_DATE_EPOCH,
// today is the current UTC date and the output date is zero: package soa then takes it from
// the document.
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
	// Dates are days: the time of day must not decide whether next_review "today" is due.
	t := time.Unix(n, 0).UTC()
	if t.Year() > 9999 {
		return time.Time{}, time.Time{}, usage("SOURCE_DATE_EPOCH=%s is after the year 9999, which dates in the outputs cannot hold; give a time before 253402300800", s)
	}
	t = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return t, t, nil
}

// today is the date of [dates].
func today() (time.Time, error) {
	t, _, err := dates()
	return t, err
}
