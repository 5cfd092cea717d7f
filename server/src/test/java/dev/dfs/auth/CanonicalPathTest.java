package dev.dfs.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CanonicalPathTest {
  @Test
  void escapedSlashIsTriedBothWays() {
    assertThat(UriEncoding.canonicalPathCandidates("/b/a/%2Fb"))
        .containsExactly("/b/a/%2Fb", "/b/a//b");
    assertThat(UriEncoding.canonicalPathCandidates("/b/a%20b")).containsExactly("/b/a%20b");
    assertThat(UriEncoding.canonicalPathCandidates("/b/a//b")).containsExactly("/b/a//b");
  }
}
