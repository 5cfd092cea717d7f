package dev.dfs.auth;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Shared test data: the AWS example credentials, clocks, a request builder. */
final class Fixtures {
  static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
  static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  static final String USER = "example-user";
  static final String API_KEY = "dfs_apikey_123";
  static final String API_USER = "api-user";

  /** 20130524T000000Z, the time of the S3 documentation examples. */
  static final Instant EXAMPLE_TIME = Instant.parse("2013-05-24T00:00:00Z");

  private Fixtures() {}

  static CredentialStore store() {
    return new CredentialStore() {
      @Override
      public Optional<Credential> byAccessKey(String accessKey) {
        return ACCESS_KEY.equals(accessKey)
            ? Optional.of(new Credential(USER, ACCESS_KEY, SECRET_KEY))
            : Optional.empty();
      }

      @Override
      public Optional<String> userForApiKey(String apiKey) {
        return API_KEY.equals(apiKey) ? Optional.of(API_USER) : Optional.empty();
      }
    };
  }

  static Clock clockAt(Instant instant) {
    return Clock.fixed(instant, ZoneOffset.UTC);
  }

  static SigV4Authenticator authenticator(Instant now, boolean allowAnonymous) {
    return new SigV4Authenticator(store(), clockAt(now), allowAnonymous);
  }

  /** An authenticator with Signature Version 2 turned off (DFS_SIGV2=false). */
  static SigV4Authenticator withoutSigV2(Instant now) {
    return new SigV4Authenticator(store(), clockAt(now), false, false);
  }

  static InputStream bytes(byte[] b) {
    return new ByteArrayInputStream(b);
  }

  static InputStream empty() {
    return new ByteArrayInputStream(new byte[0]);
  }

  static byte[] repeat(char c, int n) {
    byte[] b = new byte[n];
    java.util.Arrays.fill(b, (byte) c);
    return b;
  }

  static Request request(String method, String rawPath) {
    return new Request(method, rawPath);
  }

  /** Builds a {@link SignedRequest}; header names are lower-cased like the server does. */
  static final class Request {
    private final String method;
    private final String rawPath;
    private String rawQuery = "";
    private String virtualHostBucket;
    private final Map<String, List<String>> headers = new LinkedHashMap<>();

    Request(String method, String rawPath) {
      this.method = method;
      this.rawPath = rawPath;
    }

    Request query(String rawQuery) {
      this.rawQuery = rawQuery;
      return this;
    }

    /** The bucket the Host header names (virtual-host style). */
    Request virtualHost(String bucket) {
      this.virtualHostBucket = bucket;
      return this;
    }

    Request header(String name, String value) {
      headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(value);
      return this;
    }

    Request without(String name) {
      headers.remove(name.toLowerCase(Locale.ROOT));
      return this;
    }

    SignedRequest build() {
      return new SignedRequest(method, rawPath, rawQuery, headers, "127.0.0.1", virtualHostBucket);
    }
  }
}
