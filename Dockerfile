# syntax=docker/dockerfile:1
# soa in a container: the static binary on Alpine with git (for the git: sides of soa diff and
# build --since, and for soa release), running as a non-root user in /data.
#
#   docker build -t soa .
#   docker run --rm -v "$PWD:/data" soa check isms
#   docker run --rm -v "$PWD:/data" -u "$(id -u):$(id -g)" soa build isms -o out
#
# The build arguments VERSION, COMMIT and DATE are stamped into soa version, as release
# builds do: docker build --build-arg VERSION=v1.2.3 --build-arg COMMIT=$(git rev-parse HEAD) .

FROM golang:1.26-alpine AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=""
ARG COMMIT=""
ARG DATE=""
RUN CGO_ENABLED=0 go build -trimpath \
      -ldflags "-s -w -X main.stampedVersion=${VERSION} -X main.stampedCommit=${COMMIT} -X main.stampedDate=${DATE}" \
      -o /out/soa ./cmd/soa

FROM alpine:3.22
# The workspace in /data belongs to the host user, not to soa: git would refuse it as a
# repository of "dubious ownership" without safe.directory.
RUN apk add --no-cache git ca-certificates \
 && adduser -D -u 10001 -h /home/soa soa \
 && mkdir /data && chown soa:soa /data \
 && git config --system --add safe.directory '*'
COPY --from=build /out/soa /usr/local/bin/soa
COPY LICENSE /usr/share/doc/soa/LICENSE
USER soa
WORKDIR /data
ENTRYPOINT ["soa"]
CMD ["--help"]
