package dev.dfs.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dfs.authz.acl.ObjectOwnership;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DFS_SIGV2 and DFS_DEFAULT_OBJECT_OWNERSHIP: defaults, accepted values, one-line errors. */
class SigV2AndOwnershipConfigTest {
  private static DfsConfig with(Map<String, String> env) {
    return DfsConfig.from(new ConfigSources(Map.of(), env, Map.of()));
  }

  @Test
  void defaultsAcceptSigV2AndHonourAclsOnNewBuckets() {
    DfsConfig c = with(Map.of());
    assertThat(c.sigV2()).isTrue();
    assertThat(c.defaultObjectOwnership()).isEqualTo(ObjectOwnership.OBJECT_WRITER);
    assertThat(c.summary())
        .containsEntry("DFS_SIGV2", "true")
        .containsEntry("DFS_DEFAULT_OBJECT_OWNERSHIP", "ObjectWriter");
    assertThat(ConfigKeys.ALL).contains(ConfigKeys.SIGV2, ConfigKeys.DEFAULT_OBJECT_OWNERSHIP);
  }

  @Test
  void valuesFromTheEnvironmentOrDotEnv() {
    DfsConfig c =
        with(Map.of("DFS_SIGV2", "false", "DFS_DEFAULT_OBJECT_OWNERSHIP", "BucketOwnerEnforced"));
    assertThat(c.sigV2()).isFalse();
    assertThat(c.defaultObjectOwnership()).isEqualTo(ObjectOwnership.BUCKET_OWNER_ENFORCED);
    DfsConfig dotEnv =
        DfsConfig.from(
            new ConfigSources(
                Map.of(),
                Map.of(),
                Map.of("DFS_DEFAULT_OBJECT_OWNERSHIP", "BucketOwnerPreferred")));
    assertThat(dotEnv.defaultObjectOwnership()).isEqualTo(ObjectOwnership.BUCKET_OWNER_PREFERRED);
  }

  @Test
  void badValuesFailWithOneLineNamingTheSetting() {
    assertThatThrownBy(() -> with(Map.of("DFS_SIGV2", "maybe")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("DFS_SIGV2")
        .hasMessageContaining("expected 'true' or 'false'");
    assertThatThrownBy(() -> with(Map.of("DFS_DEFAULT_OBJECT_OWNERSHIP", "objectwriter")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("DFS_DEFAULT_OBJECT_OWNERSHIP")
        .hasMessageContaining("BucketOwnerEnforced, BucketOwnerPreferred or ObjectWriter");
  }
}
