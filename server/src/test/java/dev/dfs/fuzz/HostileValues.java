package dev.dfs.fuzz;

import java.util.SplittableRandom;

/** The hostile strings the fuzzer draws from: keys, query parameters, header values. */
final class HostileValues {
  private HostileValues() {}

  /** Marker in every path-traversal key: a file by this name anywhere means a key became a path. */
  static final String MARKER = "fuzzpwn";

  /** Object keys, already percent-encoded for the request-target. */
  static final String[] KEYS = {
    "a", "dir/b", "../../" + MARKER, "..%2F..%2F" + MARKER, "%2E%2E%2F%2E%2E%2F" + MARKER, "..", ".", "%2e%2e",
    "a/../../../" + MARKER, "a%00b", "%00", MARKER + "%00.txt", "%C0%AE%C0%AE%2F" + MARKER, "%C0%80", "%C1%BF",
    "%E0%80%AF", "%ED%A0%80", "%ED%BF%BF", "%ED%A0%BD%ED%B8%80", "%F4%90%80%80", "%F8%88%80%80%80", "%FF%FE",
    "%E2%82", "%", "%zz", "%%", "a%", "%0D%0AX-Injected:%201", "..%5C..%5C" + MARKER, "%5C" + MARKER,
    "a//b", "//", "~", "%F0%9F%98%80", "e%CC%81", "%EF%BB%BF", "%7F", "%01%02%03", "a%20b", "a+b", "a;b",
    "%3Fx%3Dy", "%23frag", "%2F", "%2F%2F" + MARKER, "CON", "aux.txt", "a:b", "%E2%80%AE", "%C3%A9",
  };

  /** Sub-resources and listing parameters with bad values (the query without the leading ?). */
  static final String[] QUERIES = {
    "acl=bogus", "tagging=%00", "uploads&max-uploads=-1", "uploads&max-uploads=99999999999999999999",
    "uploads&key-marker=%FF&upload-id-marker=zzz", "uploadId=bogus&partNumber=0", "uploadId=bogus&partNumber=10001",
    "uploadId=bogus&partNumber=abc", "uploadId=&partNumber=1", "uploadId=bogus&max-parts=0&part-number-marker=-1",
    "partNumber=-1", "partNumber=1", "partNumber=99999999999", "list-type=3", "list-type=2&max-keys=-5",
    "list-type=2&max-keys=99999999999999999999", "list-type=2&max-keys=abc", "list-type=2&continuation-token=!!!",
    "list-type=2&continuation-token=AAAAAAAAAAAAAAAAAAAAAAAA", "list-type=2&continuation-token=%FF%FE",
    "list-type=2&start-after=%C0%80", "list-type=2&fetch-owner=maybe", "list-type=2&encoding-type=bogus",
    "list-type=2&delimiter=%00&prefix=%ED%A0%80", "list-type=2&max-keys=1&max-keys=2", "marker=%00&max-keys=0",
    "versions&key-marker=..&version-id-marker=x", "versions&version-id-marker=zzz", "versions&max-keys=-1",
    "versionId=bogus", "versionId=", "versionId=null", "versionId=%00", "response-content-type=%0D%0AX:%201",
    "response-expires=bad", "response-content-disposition=%FF", "response-cache-control=" + "x".repeat(9000),
    "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=bad&X-Amz-Date=x&X-Amz-Expires=-1&X-Amz-SignedHeaders=host&X-Amz-Signature=00",
    "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=99999999999", "X-Amz-Algorithm=HMAC-MD5",
    "AWSAccessKeyId=x&Signature=y&Expires=z", "attributes", "select&select-type=9", "restore", "torrent",
    "legal-hold", "retention", "object-lock", "x-id=Bogus", "policy", "policyStatus", "cors", "lifecycle",
    "versioning", "encryption", "publicAccessBlock", "ownershipControls", "location", "logging", "website",
    "replication", "notification", "accelerate", "requestPayment", "analytics&id=%00", "inventory&id=",
    "metrics&id=x", "intelligent-tiering", "renameObject", "session", "metadataTable", "delete",
    "uploads&prefix=..&delimiter=", "tagging&versionId=%FF", "acl&versionId=bogus", "=", "&&&", "a=b=c",
    "%", "%zz=1", "list-type=2&prefix=" + "p".repeat(2000), "max-keys=%2B1", "partNumber=1&uploadId=x&versionId=y",
  };

  static final String[] RANGES = {
    "bytes=5-1", "bytes=-0", "bytes=abc", "bytes=0-0,1-1", "bytes=99999999999999999999-", "items=0-1", "bytes=",
    "bytes=--1", "bytes=0-", "bytes=-99999999999999999999", "bytes= 0 - 1 ", "bytes=1-2-3", "bytes=0-1,", ",",
    "bytes=-", "BYTES=0-1", "bytes=0x10-0x20", "bytes=1e3-2e3",
  };

  static final String[] DATES = {
    "Thu, 31 Feb 2024 25:61:61 GMT", "0", "-1", "9999999999", "garbage", "", "Mon, 01 Jan 0000 00:00:00 GMT",
    "Fri, 31 Dec 99999 23:59:59 GMT", "2024-01-01T00:00:00Z", "Sunday, 06-Nov-94 08:49:37 GMT",
    "Sun Nov  6 08:49:37 1994", "Tue, 01 Jan 2030 00:00:00 XYZ",
  };

  static final String[] ETAGS = {"", "*", "\"unterminated", "\"abc\", W/\"x\"", "W/", "\"\"", "*, \"x\"", "\u00ff\u00fe"};

  /** Names and bad values of the x-amz-* (and a few standard) headers the handlers read. */
  static final String[][] HEADERS = {
    {"x-amz-copy-source", "/fuzz/a?versionId=bad"}, {"x-amz-copy-source", "fuzz"}, {"x-amz-copy-source", "%"},
    {"x-amz-copy-source", "/"}, {"x-amz-copy-source", "/fuzz/../../etc/passwd"}, {"x-amz-copy-source", "/nope/a"},
    {"x-amz-copy-source", "/fuzz/%ED%A0%80"}, {"x-amz-copy-source-range", "bytes=9-1"},
    {"x-amz-copy-source-if-match", "\"x"}, {"x-amz-copy-source-if-modified-since", "never"},
    {"x-amz-metadata-directive", "BOGUS"}, {"x-amz-tagging-directive", "x"}, {"x-amz-tagging", "a=b&a=c"},
    {"x-amz-tagging", "%%%"}, {"x-amz-tagging", "k1=1&k2=2&k3=3&k4=4&k5=5&k6=6&k7=7&k8=8&k9=9&k10=10&k11=11"},
    {"x-amz-acl", "bogus"}, {"x-amz-grant-read", "id="}, {"x-amz-grant-full-control", "emailAddress=x, uri=y"},
    {"x-amz-server-side-encryption", "AES512"}, {"x-amz-server-side-encryption", "aws:kms"},
    {"x-amz-server-side-encryption-aws-kms-key-id", "alias/none"},
    {"x-amz-server-side-encryption-context", "%%%"},
    {"x-amz-server-side-encryption-bucket-key-enabled", "maybe"},
    {"x-amz-server-side-encryption-customer-algorithm", "AES256"},
    {"x-amz-server-side-encryption-customer-key", "not base64!"},
    {"x-amz-server-side-encryption-customer-key-MD5", "AAAA"}, {"x-amz-storage-class", "GLACIER_X"},
    {"x-amz-object-lock-mode", "BOGUS"}, {"x-amz-object-lock-retain-until-date", "yesterday"},
    {"x-amz-object-lock-legal-hold", "MAYBE"}, {"x-amz-bypass-governance-retention", "yes"},
    {"x-amz-checksum-crc32", "not-base64!"}, {"x-amz-checksum-crc32c", "AAAAAAAAAAAA"},
    {"x-amz-checksum-sha256", "AAAA"}, {"x-amz-checksum-sha1", "===="}, {"x-amz-checksum-crc64nvme", "x"},
    {"x-amz-sdk-checksum-algorithm", "MD6"}, {"x-amz-checksum-algorithm", "CRC99"},
    {"x-amz-decoded-content-length", "-1"}, {"x-amz-decoded-content-length", "abc"},
    {"x-amz-trailer", "x-amz-checksum-bogus"}, {"Content-MD5", "zzz"}, {"Content-MD5", "1B2M2Y8AsgTpgAmY7PhCfg=="},
    {"Content-Type", "x".repeat(5000)}, {"Content-Type", "multipart/form-data; boundary="},
    {"Content-Encoding", "gzip, aws-chunked, br"}, {"Expect", "200-ok"}, {"x-amz-date", "garbage"},
    {"Date", "Thu, 31 Feb 2024 25:61:61 GMT"}, {"x-amz-meta-\u00e9", "v"}, {"x-amz-meta-a", "\u00ff\u00fe\u0080"},
    {"x-amz-meta-big", "m".repeat(3000)}, {"x-amz-write-offset-bytes", "-1"}, {"x-amz-if-match-size", "x"},
    {"x-amz-expected-bucket-owner", "notanaccount"}, {"x-amz-mfa", "1 2 3"},
    {"x-amz-website-redirect-location", "javascript:alert(1)"}, {"x-amz-request-payer", "someone"},
    {"x-amz-object-attributes", "ETag,Bogus"}, {"x-amz-max-parts", "-3"}, {"x-amz-part-number-marker", "q"},
    {"x-amz-confirm-remove-self-bucket-access", "x"}, {"x-amz-object-ownership", "Mine"},
    {"x-amz-bucket-object-lock-enabled", "perhaps"}, {"Cache-Control", "\u0000"}, {"Origin", "null"},
    {"Access-Control-Request-Method", "FROB"}, {"x-amz-content-sha256", "zzz"}, {"X-Api-Key", "wrong"},
  };

  static final String[] AUTHORIZATIONS = {
    "AWS4-HMAC-SHA256", "AWS4-HMAC-SHA256 Credential=", "AWS abc:def", "Bearer x", "AWS4-HMAC-SHA256 Credential=DFSTESTACCESSKEY/20991301/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=zz",
    "AWS4-HMAC-SHA256 Credential=a/b/c/d/e/f/g, SignedHeaders=;;;, Signature=", "AWS4-HMAC-SHA256 ,,,,,=,=,=",
    "AWS4-HMAC-SHA256 Credential=DFSTESTACCESSKEY/20240101/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + "0".repeat(64),
    "\u00ff\u00fe", "AWS4-HMAC-SHA256 Credential=" + "A".repeat(10000),
  };

  static String pick(SplittableRandom rng, String[] values) {
    return values[rng.nextInt(values.length)];
  }
}
