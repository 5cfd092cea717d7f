package dev.dfs.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.jspecify.annotations.Nullable;

/**
 * An IPv4 or IPv6 CIDR block ({@code 192.0.2.0/24}, {@code 2001:db8::/32}; a bare address is a
 * block of one). Parsing never resolves names: only IP literals are accepted. Immutable.
 *
 * @param network the address bytes (4 or 16)
 * @param prefix the prefix length
 */
public record IpRange(byte[] network, int prefix) {

  /**
   * @throws IllegalArgumentException for anything but an IP literal with an optional valid prefix
   *     length
   */
  public static IpRange parse(String cidr) {
    String s = cidr.strip();
    int slash = s.indexOf('/');
    String addr = slash < 0 ? s : s.substring(0, slash);
    byte[] bytes = literal(addr);
    if (bytes == null) throw new IllegalArgumentException("not an IP address: " + cidr);
    int max = bytes.length * 8;
    int prefix = max;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(s.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad prefix length: " + cidr);
      }
      if (prefix < 0 || prefix > max)
        throw new IllegalArgumentException("bad prefix length: " + cidr);
    }
    return new IpRange(bytes, prefix);
  }

  /** Whether {@code address} (an IP literal) lies in this block; false for anything else. */
  public boolean contains(String address) {
    byte[] a = literal(address);
    if (a == null) return false;
    if (a.length != network.length) {
      // An IPv4-mapped IPv6 address (::ffff:a.b.c.d) compared with an IPv4 block.
      if (a.length == 16 && network.length == 4 && isMapped(a)) {
        a = java.util.Arrays.copyOfRange(a, 12, 16);
      } else {
        return false;
      }
    }
    int full = prefix / 8;
    for (int i = 0; i < full; i++) {
      if (a[i] != network[i]) return false;
    }
    int rest = prefix % 8;
    if (rest == 0) return true;
    int mask = (0xFF << (8 - rest)) & 0xFF;
    return (a[full] & mask) == (network[full] & mask);
  }

  private static boolean isMapped(byte[] a) {
    for (int i = 0; i < 10; i++) if (a[i] != 0) return false;
    return a[10] == (byte) 0xFF && a[11] == (byte) 0xFF;
  }

  /** The address bytes of an IP literal, or null (never a DNS lookup). */
  static byte @Nullable [] literal(@Nullable String s) {
    if (s == null || s.isEmpty() || s.length() > 45) return null;
    String t = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
    boolean colon = t.indexOf(':') >= 0;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      boolean ok =
          c == '.'
              || c == ':'
              || (c >= '0' && c <= '9')
              || (colon && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
      if (!ok) return null;
    }
    if (!colon && !t.matches("\\d{1,3}(\\.\\d{1,3}){3}")) return null;
    try {
      return InetAddress.getByName(t).getAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IpRange r
        && r.prefix == prefix
        && java.util.Arrays.equals(r.network, network);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(network) * 31 + prefix;
  }

  @Override
  public String toString() {
    try {
      return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
    } catch (UnknownHostException e) {
      return "?/" + prefix;
    }
  }
}
