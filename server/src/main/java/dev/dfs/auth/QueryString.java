package dev.dfs.auth;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A raw query string split into parameters, for signing: lookup of the presign parameters and the
 * SigV4 canonical query string. Immutable, thread-safe.
 */
final class QueryString {
  /** One parameter: raw name and value as sent (value "" when there was no {@code =}). */
  record Param(String rawName, String rawValue) {
    String name() {
      return new String(UriEncoding.decode(rawName, false), StandardCharsets.UTF_8);
    }

    String value() {
      return new String(UriEncoding.decode(rawValue, false), StandardCharsets.UTF_8);
    }
  }

  private final String raw;
  private final List<Param> params;

  private QueryString(String raw, List<Param> params) {
    this.raw = raw;
    this.params = params;
  }

  static QueryString parse(String rawQuery) {
    List<Param> params = new ArrayList<>();
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (String part : rawQuery.split("&", -1)) {
        if (part.isEmpty()) continue;
        int eq = part.indexOf('=');
        params.add(
            eq < 0
                ? new Param(part, "")
                : new Param(part.substring(0, eq), part.substring(eq + 1)));
      }
    }
    return new QueryString(rawQuery == null ? "" : rawQuery, List.copyOf(params));
  }

  /** The parameters in the order sent. */
  List<Param> params() {
    return params;
  }

  boolean containsPlus() {
    return raw.indexOf('+') >= 0;
  }

  /** The decoded value of the first parameter named exactly {@code name}, or null. */
  @Nullable String get(String name) {
    for (Param p : params) {
      if (p.name().equals(name)) return p.value();
    }
    return null;
  }

  boolean has(String name) {
    return get(name) != null;
  }

  /**
   * The canonical query string: names and values decoded once then {@code UriEncode}d, sorted by
   * name then value, joined with {@code &}.
   *
   * @param exclude a parameter name left out (X-Amz-Signature of a presigned URL), or null
   * @param plusIsSpace whether {@code '+'} in the raw query means a space (form encoding)
   */
  String canonical(@Nullable String exclude, boolean plusIsSpace) {
    List<String[]> encoded = new ArrayList<>(params.size());
    for (Param p : params) {
      byte[] name = UriEncoding.decode(p.rawName(), plusIsSpace);
      if (exclude != null && exclude.equals(new String(name, StandardCharsets.UTF_8))) continue;
      StringBuilder n = new StringBuilder();
      UriEncoding.encode(name, false, n);
      StringBuilder v = new StringBuilder();
      UriEncoding.encode(UriEncoding.decode(p.rawValue(), plusIsSpace), false, v);
      encoded.add(new String[] {n.toString(), v.toString()});
    }
    encoded.sort(Comparator.<String[], String>comparing(e -> e[0]).thenComparing(e -> e[1]));
    StringBuilder out = new StringBuilder(raw.length() + 16);
    for (String[] e : encoded) {
      if (!out.isEmpty()) out.append('&');
      out.append(e[0]).append('=').append(e[1]);
    }
    return out.toString();
  }
}
