package dev.dfs.fuzz;

import static dev.dfs.fuzz.HostileValues.pick;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.SplittableRandom;

/**
 * Draws malformed and hostile requests from a seeded generator: one family per request (method,
 * path, query, headers, Content-Length lies, chunked and aws-chunked framing, XML bodies, wire
 * garbage), most of them validly signed so that they get past authentication. Confined to one
 * thread; the same seed gives the same sequence of requests.
 */
final class HostileRequests {
  static final String BUCKET = "fuzz";
  private static final String[] METHODS = {
    "GET",
    "PUT",
    "POST",
    "DELETE",
    "HEAD",
    "OPTIONS",
    "PATCH",
    "TRACE",
    "PROPFIND",
    "get",
    "G\u00e9T",
    "M".repeat(300),
  };
  private static final String[] XML_TARGETS = {
    "/fuzz?delete",
    "/fuzz/mp?uploadId=%s",
    "/fuzz?tagging",
    "/fuzz/a?tagging",
    "/fuzz?acl",
    "/fuzz/a?acl",
    "/fuzz?cors",
    "/fuzz?lifecycle",
    "/fuzz?versioning",
    "/fuzz?object-lock",
    "/fuzz?encryption",
    "/fuzz?publicAccessBlock",
    "/fuzz?ownershipControls",
    "/fuzz-new-%d",
    "/fuzz/a?retention",
    "/fuzz/a?legal-hold",
    "/fuzz/a?restore",
    "/fuzz/a?select&select-type=2",
    "/fuzz?notification",
    "/fuzz?policy",
  };

  private final SplittableRandom rng;
  private final TestSigner signer;
  private final String host;
  private final String uploadId;
  private long counter;

  HostileRequests(SplittableRandom rng, TestSigner signer, String host, String uploadId) {
    this.rng = rng;
    this.signer = signer;
    this.host = host;
    this.uploadId = uploadId;
  }

  FuzzRequest next() {
    counter++;
    int f = rng.nextInt(100);
    if (f < 8) return method();
    if (f < 22) return path();
    if (f < 36) return query();
    if (f < 56) return headers();
    if (f < 63) return contentLengthLie();
    if (f < 70) return chunked();
    if (f < 77) return awsChunked();
    if (f < 88) return xml();
    if (f < 93) return form();
    if (f < 96) return admin();
    return garbage();
  }

  private boolean signed() {
    return rng.nextInt(10) < 8;
  }

  private String key() {
    if (rng.nextInt(20) == 0) return "k".repeat(1024 + rng.nextInt(3)); // 1,024 bytes is the limit
    if (rng.nextInt(20) == 0) return "%C3%A9".repeat(512) + "x"; // 1,025 bytes of UTF-8
    String k = pick(rng, HostileValues.KEYS);
    return rng.nextInt(4) == 0 ? k + "/" + pick(rng, HostileValues.KEYS) : k;
  }

  private String target() {
    return switch (rng.nextInt(8)) {
      case 0 -> "/" + BUCKET;
      case 1 -> "/";
      case 2 ->
          "/"
              + pick(
                  rng,
                  new String[] {
                    "api/v1/buckets/%2e%2e",
                    "metrics",
                    "api/v1/health",
                    "console/../../etc/passwd",
                    "api/v1/users/%00",
                    "api/v1/docs/..%2F..%2Fpom.xml",
                    "Fuzz",
                    "a..b",
                    "xn--" + "b".repeat(70)
                  });
      default -> "/" + BUCKET + "/" + key();
    };
  }

  private FuzzRequest finish(FuzzRequest r) {
    if (signed())
      r.sign(
          signer,
          host,
          r.body.length > 0 && rng.nextBoolean() ? sha256Hex(r.body) : "UNSIGNED-PAYLOAD");
    return r;
  }

  private FuzzRequest method() {
    FuzzRequest r = new FuzzRequest("method", pick(rng, METHODS), target());
    if (rng.nextBoolean()) r.body("body");
    return finish(r);
  }

  private FuzzRequest path() {
    String m = pick(rng, new String[] {"GET", "PUT", "HEAD", "DELETE", "POST", "GET", "PUT"});
    FuzzRequest r = new FuzzRequest("path", m, target());
    if (m.equals("PUT")) r.body("x".repeat(rng.nextInt(100)));
    if (m.equals("POST")) r.target = r.target + "?uploads";
    return finish(r);
  }

  private FuzzRequest query() {
    String m = pick(rng, new String[] {"GET", "PUT", "HEAD", "DELETE", "POST"});
    String base =
        rng.nextBoolean()
            ? "/" + BUCKET
            : "/" + BUCKET + "/" + pick(rng, new String[] {"a", "mp", "dir/b", "none"});
    String q =
        pick(rng, HostileValues.QUERIES)
            .replace("uploadId=bogus", "uploadId=" + (rng.nextBoolean() ? uploadId : "bogus"));
    FuzzRequest r = new FuzzRequest("query", m, base + "?" + q);
    if (m.equals("PUT") || m.equals("POST")) r.body(rng.nextBoolean() ? "" : "<x/>");
    return finish(r);
  }

  private FuzzRequest headers() {
    String m = pick(rng, new String[] {"GET", "PUT", "HEAD", "PUT", "POST", "DELETE", "OPTIONS"});
    String t =
        rng.nextInt(3) == 0
            ? "/" + BUCKET
            : "/" + BUCKET + "/" + pick(rng, new String[] {"a", "dir/b", "c" + counter % 50});
    FuzzRequest r = new FuzzRequest("headers", m, t);
    if (m.equals("PUT")) r.body("payload-" + counter);
    int n = 1 + rng.nextInt(4);
    for (int i = 0; i < n; i++) addHostileHeader(r);
    if (rng.nextInt(10) == 0) r.header("Authorization", pick(rng, HostileValues.AUTHORIZATIONS));
    else finish(r);
    return r;
  }

  private void addHostileHeader(FuzzRequest r) {
    switch (rng.nextInt(12)) {
      case 0 -> r.header("Range", pick(rng, HostileValues.RANGES));
      case 1 ->
          r.header(
              pick(rng, new String[] {"If-Match", "If-None-Match"}),
              pick(rng, HostileValues.ETAGS));
      case 2 ->
          r.header(
              pick(rng, new String[] {"If-Modified-Since", "If-Unmodified-Since"}),
              pick(rng, HostileValues.DATES));
      case 3 -> r.header("x-amz-meta-huge", "h".repeat(20_000 + rng.nextInt(50_000)));
      case 4 -> { // duplicated headers with conflicting values
        String[] h = HostileValues.HEADERS[rng.nextInt(HostileValues.HEADERS.length)];
        r.header(h[0], h[1]).header(h[0], "other");
      }
      case 5 -> { // very many headers
        for (int i = 0; i < 300; i++) r.header("x-amz-meta-n" + i, "v" + i);
      }
      case 6 -> r.header("x-amz-meta-bin", "\u00c3(\u00a0\u00a1\u00e2\u0082\u00f0\u0090\u0080");
      default -> {
        String[] h = HostileValues.HEADERS[rng.nextInt(HostileValues.HEADERS.length)];
        r.header(h[0], h[1]);
      }
    }
  }

  private FuzzRequest contentLengthLie() {
    FuzzRequest r =
        new FuzzRequest(
            "content-length",
            pick(rng, new String[] {"PUT", "POST", "PUT"}),
            "/"
                + BUCKET
                + "/"
                + pick(rng, new String[] {"cl", "a", "mp?uploadId=" + uploadId + "&partNumber=1"}));
    byte[] body = new byte[rng.nextInt(2000)];
    rng.nextBytes(body);
    r.body(body);
    r.contentLength = false;
    r.endOutput = true;
    String cl =
        switch (rng.nextInt(7)) {
          case 0 ->
              Integer.toString(body.length + 1 + rng.nextInt(1000)); // promises more than comes
          case 1 ->
              Integer.toString(
                  Math.max(0, body.length - 1 - rng.nextInt(Math.max(1, body.length)))); // less
          case 2 -> "-1";
          case 3 -> "abc";
          case 4 -> "99999999999999999999";
          case 5 -> body.length + ", " + (body.length + 1);
          default -> " " + body.length + " ";
        };
    r.header("Content-Length", cl);
    if (rng.nextInt(4) == 0) r.header("Transfer-Encoding", "chunked");
    if (rng.nextInt(4) == 0) r.header("Content-Length", Integer.toString(body.length));
    return finish(r);
  }

  private FuzzRequest chunked() {
    FuzzRequest r = new FuzzRequest("chunked", "PUT", "/" + BUCKET + "/chunked-" + counter % 20);
    r.contentLength = false;
    r.endOutput = true;
    r.header(
        "Transfer-Encoding",
        pick(
            rng,
            new String[] {
              "chunked", "chunked", "gzip, chunked", "chunked, chunked", "Chunked", "identity"
            }));
    r.body(
        pick(
            rng,
            new String[] {
              "zz\r\nabc\r\n0\r\n\r\n",
              "5\r\nabc\r\n0\r\n\r\n",
              "3\r\nabc\r\n",
              "ffffffffffffffffff\r\nabc\r\n0\r\n\r\n",
              "3\r\nabcdef\r\n0\r\n\r\n",
              "3;" + "e".repeat(10_000) + "\r\nabc\r\n0\r\n\r\n",
              "3\r\nabc0\r\n\r\n",
              "-3\r\nabc\r\n0\r\n\r\n",
              "3\r\nabc\r\n0\r\nX-Trailer: \u0000\r\n\r\n",
              "3\nabc\n0\n\n",
              "0\r\n",
              "",
              "3\r\nabc\r\n0\r\n" + "T: x\r\n".repeat(2000) + "\r\n",
              "0x3\r\nabc\r\n0\r\n\r\n",
              "3 \r\nabc\r\n0\r\n\r\n",
            }));
    return finish(r);
  }

  private FuzzRequest awsChunked() {
    FuzzRequest r =
        new FuzzRequest("aws-chunked", "PUT", "/" + BUCKET + "/aws-chunked-" + counter % 20);
    r.header("Content-Encoding", "aws-chunked");
    r.header(
        "x-amz-decoded-content-length",
        pick(rng, new String[] {"3", "4", "0", "-1", "x", "99999999999999"}));
    if (rng.nextBoolean())
      r.header(
          "x-amz-trailer",
          pick(rng, new String[] {"x-amz-checksum-crc32", "x-amz-checksum-bogus", ""}));
    r.endOutput = rng.nextBoolean();
    r.body(
        pick(
            rng,
            new String[] {
              "3\r\nabc\r\n0\r\n\r\n",
              "3\r\nabc\r\n0\r\nx-amz-checksum-crc32:NSRBwg==\r\n\r\n",
              "3\r\nabc\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n",
              "3\r\nabc\r\n0\r\nx-amz-checksum-crc32:!!\r\n\r\n",
              "zz\r\nabc\r\n0\r\n\r\n",
              "3;chunk-signature=" + "0".repeat(64) + "\r\nabc\r\n0;chunk-signature=00\r\n\r\n",
              "3\r\nab",
              "4\r\nabc\r\n0\r\n\r\n",
              "3\r\nabc\r\n",
              "fffffffffffffff\r\nabc\r\n0\r\n\r\n",
              "3\r\nabcXX0\r\n\r\n",
              "3\r\nabc\r\n0\r\n" + "x-amz-checksum-crc32:" + "A".repeat(9000) + "\r\n\r\n",
              "",
            }));
    String hash =
        pick(
            rng,
            new String[] {
              "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
              "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
              "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER",
              "STREAMING-BOGUS",
              "UNSIGNED-PAYLOAD"
            });
    return rng.nextInt(10) == 0 ? r : r.sign(signer, host, hash);
  }

  private FuzzRequest xml() {
    String t = pick(rng, XML_TARGETS);
    t =
        t.contains("%s")
            ? String.format(t, uploadId)
            : t.contains("%d") ? String.format(t, counter % 7) : t;
    FuzzRequest r =
        new FuzzRequest(
            "xml",
            t.contains("?delete")
                    || t.contains("uploadId")
                    || t.contains("restore")
                    || t.contains("select")
                ? "POST"
                : "PUT",
            t);
    String body = xmlBody();
    r.bomb = body.contains("<!ENTITY");
    r.body(body);
    if (rng.nextBoolean()) r.header("Content-MD5", Base64.getEncoder().encodeToString(md5(r.body)));
    if (!signed()) return r;
    return r.sign(signer, host, rng.nextBoolean() ? sha256Hex(r.body) : "UNSIGNED-PAYLOAD");
  }

  private String xmlBody() {
    return switch (rng.nextInt(14)) {
      case 0 ->
          "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
              + "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
              + "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">"
              + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">"
              + "<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">"
              + "<!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">"
              + "<!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">"
              + "<!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">"
              + "<!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">"
              + "<!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">]>"
              + "<Delete><Object><Key>&lol9;</Key></Object></Delete>";
      case 1 ->
          "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
              + "<Tagging><TagSet><Tag><Key>&xxe;</Key><Value>v</Value></Tag></TagSet></Tagging>";
      case 2 ->
          "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY % p SYSTEM \"http://127.0.0.1:1/x.dtd\"> %p;]><x/>";
      case 3 ->
          "<!DOCTYPE Delete SYSTEM \"file:///etc/passwd\"><Delete><Object><Key>a</Key></Object></Delete>";
      case 4 -> "<Delete><Object><Key>a</Key>";
      case 5 -> "<<<>>>" + "\u0000".repeat(rng.nextInt(5));
      case 6 -> "<a>".repeat(20_000 + rng.nextInt(20_000));
      case 7 ->
          rng.nextInt(5) > 0
              ? "<Delete><Object><Key>a</Key></Object></Delete>"
              : "<Tagging><TagSet>"
                  + "<Tag><Key>k</Key><Value>v</Value></Tag>".repeat(60_000)
                  + "</TagSet></Tagging>"; // > 2 MiB
      case 8 -> "<?xml version=\"1.0\" encoding=\"EBCDIC-XX\"?><Delete/>";
      case 9 ->
          "<Delete>" + "<Object><Key>k</Key></Object>".repeat(1001 + rng.nextInt(10)) + "</Delete>";
      case 10 ->
          "<CompleteMultipartUpload><Part><PartNumber>-1</PartNumber><ETag>\"x\"</ETag></Part>"
              + "<Part><PartNumber>99999999999</PartNumber></Part></CompleteMultipartUpload>";
      case 11 -> "<x a=\"" + "v".repeat(100_000) + "\"/>";
      case 12 ->
          "\uFEFF<?xml version=\"1.0\"?><?pi data?><![CDATA[x]]><VersioningConfiguration><Status>&amp;&#0;</Status></VersioningConfiguration>";
      default ->
          "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:Nope\""
              + ",".repeat(rng.nextInt(3));
    };
  }

  /** POST Object: browser form uploads, validly signed policies with hostile fields and framing. */
  private FuzzRequest form() {
    String boundary = pick(rng, new String[] {"b0undary", "x".repeat(200), "a b", "--", "\"q\""});
    FuzzRequest r =
        new FuzzRequest(
            "form", "POST", pick(rng, new String[] {"/fuzz", "/fuzz/", "/nope", "/fuzz?uploads"}));
    r.header(
        "Content-Type",
        pick(
            rng,
            new String[] {
              "multipart/form-data; boundary=" + boundary,
              "multipart/form-data",
              "multipart/form-data; boundary=",
              "multipart/form-data; boundary=\"" + boundary + "\"",
              "multipart/mixed; boundary=" + boundary,
              "text/plain"
            }));
    String policy =
        java.util.Base64.getEncoder()
            .encodeToString(
                pick(
                        rng,
                        new String[] {
                          "{\"expiration\":\"2099-01-01T00:00:00Z\",\"conditions\":[{\"bucket\":\"fuzz\"},[\"starts-with\",\"$key\",\"\"]]}",
                          "{\"expiration\":\"yesterday\",\"conditions\":[]}",
                          "{\"conditions\":[[\"content-length-range\",-5,\"x\"]]}",
                          "{\"expiration\":\"2099-01-01T00:00:00Z\",\"conditions\":[[\"eq\"],[\"starts-with\",1,2],{\"a\":{}}]}",
                          "not json",
                          "{\"expiration\":\"2099-01-01T00:00:00Z\",\"conditions\":"
                              + "[".repeat(5000)
                              + "]".repeat(5000)
                              + "}"
                        })
                    .getBytes(StandardCharsets.UTF_8));
    StringBuilder b = new StringBuilder();
    java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
    fields.put(
        "key",
        rng.nextBoolean()
            ? "up/${filename}"
            : pick(
                rng,
                new String[] {"../../" + HostileValues.MARKER, "a\u0000b", "", "k".repeat(1025)}));
    if (rng.nextInt(5) > 0) {
      fields.put("policy", rng.nextInt(8) == 0 ? "!!notbase64" : policy);
      fields.putAll(signer.signPolicy(policy));
    }
    if (rng.nextBoolean())
      fields.put(
          pick(
              rng,
              new String[] {
                "acl",
                "x-amz-meta-m",
                "Content-Type",
                "success_action_status",
                "success_action_redirect",
                "tagging"
              }),
          pick(rng, new String[] {"bogus", "999", "javascript:x", "<Tagging>", "\u00ff"}));
    if (rng.nextInt(10) == 0) for (int i = 0; i < 150; i++) fields.put("x-amz-meta-f" + i, "v");
    if (rng.nextInt(10) == 0) fields.put("x-amz-meta-big", "B".repeat(30_000));
    fields.forEach(
        (n, v) ->
            b.append("--")
                .append(boundary)
                .append("\r\nContent-Disposition: form-data; name=\"")
                .append(n)
                .append("\"\r\n\r\n")
                .append(v)
                .append("\r\n"));
    switch (rng.nextInt(6)) {
      case 0 ->
          b.append("--")
              .append(boundary)
              .append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"../../")
              .append(HostileValues.MARKER)
              .append("\"\r\n\r\ncontent\r\n--")
              .append(boundary)
              .append("--\r\n");
      case 1 ->
          b.append("--")
              .append(boundary)
              .append(
                  "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f\"\r\n\r\nno end");
      case 2 ->
          b.append("--")
              .append(boundary)
              .append("\r\nContent-Disposition: form-data; name=\"file\r\n\r\nx\r\n--")
              .append(boundary)
              .append("--");
      case 3 ->
          b.append("--")
              .append(boundary)
              .append("\r\nX: y\r\n\r\nheaderless\r\n--")
              .append(boundary)
              .append("--\r\n");
      case 4 ->
          b.append("--")
              .append(boundary)
              .append(
                  "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\"\r\n\r\n1\r\n--")
              .append(boundary)
              .append(
                  "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"b\"\r\n\r\n2\r\n--")
              .append(boundary)
              .append("--\r\n");
      default ->
          b.append("--")
              .append(boundary)
              .append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f.txt\"\r\n")
              .append("Content-Type: text/plain\r\n\r\nform file body\r\n--")
              .append(boundary)
              .append("--\r\n");
    }
    return r.body(b.toString());
  }

  /** The management API with a valid API key: hostile path parameters and JSON bodies. */
  private FuzzRequest admin() {
    String id =
        pick(
            rng,
            new String[] {
              "fuzzuser", "%00", "..", "%2e%2e%2f", "u".repeat(300), "%ED%A0%80", "a%2Fb", "nobody"
            });
    String[][] routes = {
      {"GET", "/api/v1/buckets/" + id},
      {"DELETE", "/api/v1/buckets/" + id + "?force=maybe"},
      {"POST", "/api/v1/users"},
      {"GET", "/api/v1/users/" + id},
      {"PATCH", "/api/v1/users/" + id},
      {"DELETE", "/api/v1/users/" + id},
      {"PUT", "/api/v1/users/" + id + "/policy"},
      {"POST", "/api/v1/users/" + id + "/keys"},
      {"POST", "/api/v1/users/" + id + "/api-keys"},
      {"PATCH", "/api/v1/keys/" + id},
      {"DELETE", "/api/v1/api-keys/" + id},
      {"GET", "/api/v1/docs/" + id},
      {"GET", "/api/v1/metrics/dashboard?window=-1"},
      {"GET", "/api/v1/buckets?limit=abc"},
      {"GET", "/metrics?name[]=%00"},
      {"OPTIONS", "/api/v1/users"},
      {"GET", "/console/" + id},
      {"GET", "/api/v1/info"},
    };
    String[] route = routes[rng.nextInt(routes.length)];
    FuzzRequest r = new FuzzRequest("admin", route[0], route[1]);
    if (rng.nextInt(6) > 0) r.header("X-Api-Key", "dfs-test-api-key");
    if (rng.nextInt(4) == 0)
      r.header("Origin", pick(rng, new String[] {"null", "http://evil", "\u00ff"}));
    if (!route[0].equals("GET") && !route[0].equals("DELETE")) {
      r.header(
          "Content-Type",
          pick(
              rng,
              new String[] {"application/json", "text/xml", "application/json; charset=EBCDIC"}));
      r.body(
          pick(
              rng,
              new String[] {
                "{\"id\":\"" + id + "\",\"policy\":{\"Statement\":\"x\"}}",
                "{",
                "[]",
                "null",
                "{\"id\":1e999999}",
                "{\"id\":{\"$ref\":1}}",
                "[".repeat(100_000),
                "{\"enabled\":\"maybe\",\"admin\":[]}",
                "{\"id\":\"fuzzuser\"}",
                "\u0000\u00ff",
                "{\"a\":\"" + "z".repeat(3_000_000) + "\"}",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":"
                    + "[".repeat(3000)
                    + "]}]}"
              }));
    }
    return r;
  }

  private FuzzRequest garbage() {
    FuzzRequest r = new FuzzRequest("garbage", "GET", "/");
    r.endOutput = true;
    String s =
        switch (rng.nextInt(14)) {
          case 0 -> null;
          case 1 -> "GET /\r\n\r\n";
          case 2 -> "GET / HTTP/9.9\r\nHost: x\r\n\r\n";
          case 3 -> "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";
          case 4 -> "GET http://evil.example/fuzz/a HTTP/1.1\r\nHost: evil\r\n\r\n";
          case 5 -> "CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: x\r\n\r\n";
          case 6 -> "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n";
          case 7 -> "GET /" + "a".repeat(100_000) + " HTTP/1.1\r\nHost: x\r\n\r\n";
          case 8 -> "GET /fuzz/a b c HTTP/1.1\r\nHost: x\r\n\r\n";
          case 9 -> "GET\t/fuzz/a\tHTTP/1.1\nHost: x\n\n";
          case 10 -> "GET /fuzz/a HTTP/1.1\r\nHost: x\r\nNoColonHere\r\n X-Folded: y\r\n\r\n";
          case 11 -> "GET /fuzz/a HTTP/1.1\r\nHost: x\r\nX-Nul: a\u0000b\r\n\r\n";
          case 12 ->
              "GET /fuzz/a HTTP/1.1\r\nHost: x\r\nHost: y\r\nContent-Length: 0\r\nContent-Length: 5\r\n\r\n";
          default ->
              "GET /fuzz/a HTTP/1.1\r\nHost: x\r\n" + "X: " + "y".repeat(200_000) + "\r\n\r\n";
        };
    if (s == null) {
      byte[] b = new byte[1 + rng.nextInt(600)];
      rng.nextBytes(b);
      r.raw = b;
    } else {
      r.raw = s.getBytes(StandardCharsets.ISO_8859_1);
    }
    return r;
  }

  static String sha256Hex(byte[] b) {
    return TestSigner.sha256Hex(b);
  }

  private static byte[] md5(byte[] b) {
    try {
      return MessageDigest.getInstance("MD5").digest(b);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
