#!/usr/bin/env python3
"""Image repositories for bench/e2e.sh, in a docker-registry of the bench's own (no auth).

  registry.py fill SOURCE_URL USER PWD TARGET PREFIX COUNT
      copies busybox:1.2.3_def from the shared registry SOURCE_URL into TARGET (host:port) once,
      then gives each of COUNT repositories bench/<PREFIX><i> (i = 0000, 0002, ...: the apps on a
      range) the tags 1.2.3_def and 1.2.4_0a1b2c3 by cross-repository mount and manifest PUT.
  registry.py push TARGET REPOSITORY TAG
      puts the repository's manifest under a new tag; prints the time just before the PUT
      (nanoseconds since the epoch).
"""
import base64
import http.client
import json
import sys
import time
import urllib.parse

MANIFEST = "application/vnd.docker.distribution.manifest.v2+json"


def connection(url):
    parsed = urllib.parse.urlparse(url if "://" in url else "http://" + url)
    return http.client.HTTPConnection(parsed.hostname, parsed.port or 80, timeout=30)


def call(conn, method, path, body=None, headers=None, expect=(200,)):
    conn.request(method, path, body=body, headers=headers or {})
    response = conn.getresponse()
    data = response.read()
    if response.status not in expect:
        sys.exit(f"{method} {path}: HTTP {response.status} {data[:300]!r}")
    return response, data


def fill(source_url, user, pwd, target, prefix, count):
    auth = {"Authorization": "Basic " + base64.b64encode(f"{user}:{pwd}".encode()).decode()}
    src = connection(source_url)
    _, manifest = call(src, "GET", "/v2/busybox/manifests/1.2.3_def", headers={**auth, "Accept": MANIFEST})
    document = json.loads(manifest)
    blobs = [document["config"]["digest"]] + [layer["digest"] for layer in document["layers"]]
    dst = connection(target)
    for blob in blobs:
        _, content = call(src, "GET", f"/v2/busybox/blobs/{blob}", headers=auth)
        started, _ = call(dst, "POST", "/v2/bench/seed/blobs/uploads/", expect=(202,))
        location = urllib.parse.urlparse(started.getheader("Location"))
        path = location.path + "?" + (location.query + "&" if location.query else "") + "digest=" + blob
        call(dst, "PUT", path, body=content, headers={"Content-Type": "application/octet-stream"}, expect=(201,))
    for i in range(0, 2 * count, 2):
        repository = f"bench/{prefix}{i:04d}"
        for blob in blobs:
            call(dst, "POST", f"/v2/{repository}/blobs/uploads/?mount={blob}&from=bench/seed", expect=(201,))
        for tag in ("1.2.3_def", "1.2.4_0a1b2c3"):
            call(dst, "PUT", f"/v2/{repository}/manifests/{tag}", body=manifest,
                 headers={"Content-Type": MANIFEST}, expect=(201,))


def push(target, repository, tag):
    dst = connection(target)
    _, manifest = call(dst, "GET", f"/v2/{repository}/manifests/1.2.4_0a1b2c3", headers={"Accept": MANIFEST})
    before = time.time_ns()
    call(dst, "PUT", f"/v2/{repository}/manifests/{tag}", body=manifest, headers={"Content-Type": MANIFEST},
         expect=(201,))
    print(before)


if __name__ == "__main__":
    if sys.argv[1] == "fill":
        fill(*sys.argv[2:7], int(sys.argv[7]))
    elif sys.argv[1] == "push":
        push(*sys.argv[2:5])
    else:
        sys.exit(__doc__)
