package dev.dfs.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IpRangeTest {
  @Test
  void ipv4Blocks() {
    assertThat(IpRange.parse("127.0.0.0/8").contains("127.0.0.1")).isTrue();
    assertThat(IpRange.parse("192.0.2.0/24").contains("192.0.3.1")).isFalse();
    assertThat(IpRange.parse("10.1.2.3").contains("10.1.2.3")).isTrue();
    assertThat(IpRange.parse("10.1.2.3/32").contains("10.1.2.4")).isFalse();
    assertThat(IpRange.parse("0.0.0.0/0").contains("8.8.8.8")).isTrue();
    assertThat(IpRange.parse("192.168.0.0/20").contains("192.168.15.255")).isTrue();
    assertThat(IpRange.parse("192.168.0.0/20").contains("192.168.16.0")).isFalse();
  }

  @Test
  void ipv6Blocks() {
    assertThat(IpRange.parse("2001:db8::/32").contains("2001:db8:1::5")).isTrue();
    assertThat(IpRange.parse("2001:db8::/32").contains("2001:db9::1")).isFalse();
    assertThat(IpRange.parse("::1/128").contains("::1")).isTrue();
    assertThat(IpRange.parse("::1").contains("[::1]")).isTrue();
    assertThat(IpRange.parse("2001:DB8::/33").contains("2001:db8:8000::1")).isFalse();
    // families do not mix, except an IPv4-mapped IPv6 address against an IPv4 block
    assertThat(IpRange.parse("2001:db8::/32").contains("127.0.0.1")).isFalse();
    assertThat(IpRange.parse("127.0.0.0/8").contains("::1")).isFalse();
    assertThat(IpRange.parse("127.0.0.0/8").contains("::ffff:127.0.0.1")).isTrue();
  }

  @Test
  void onlyLiteralsAreAccepted() {
    assertThatThrownBy(() -> IpRange.parse("example.com"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> IpRange.parse("10.0.0.0/33"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> IpRange.parse("10.0.0/8"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> IpRange.parse("::1/129")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> IpRange.parse("10.0.0.0/x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(IpRange.parse("10.0.0.0/8").contains("localhost")).isFalse();
    assertThat(IpRange.parse("10.0.0.0/8").contains("")).isFalse();
  }
}
