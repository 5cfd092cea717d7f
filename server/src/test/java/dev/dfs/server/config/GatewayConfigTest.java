package dev.dfs.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gateway's upstream settings (STORAGE_ENV=aws). */
class GatewayConfigTest {
  private static DfsConfig from(Map<String, String> env) {
    return DfsConfig.from(new ConfigSources(Map.of(), env, Map.of()));
  }

  @Test
  void defaultsUseTheSdkChainAndAwsS3() {
    DfsConfig.Upstream u = from(Map.of()).upstream();
    assertThat(u.accessKey()).isNull();
    assertThat(u.endpoint()).isNull();
    assertThat(u.region()).isEqualTo("us-east-1");
    assertThat(u.pathStyle()).isFalse();
    assertThat(u.bucketPrefix()).isEmpty();
  }

  @Test
  void endpointImpliesPathStyleUnlessSaidOtherwise() {
    DfsConfig c =
        from(
            Map.of(
                "STORAGE_ENV",
                "aws",
                "AWS_ENDPOINT_URL",
                "http://127.0.0.1:9000",
                "AWS_ACCESS_KEY",
                "UPKEY",
                "AWS_SECRET_KEY",
                "upstream-secret",
                "AWS_REGION",
                "eu-west-1",
                "DFS_GATEWAY_BUCKET_PREFIX",
                "prod-"));
    assertThat(c.upstream().endpoint()).isEqualTo(URI.create("http://127.0.0.1:9000"));
    assertThat(c.upstream().pathStyle()).isTrue();
    assertThat(c.upstream().bucketPrefix()).isEqualTo("prod-");
    assertThat(c.toString())
        .contains("UPKEY", "http://127.0.0.1:9000")
        .doesNotContain("upstream-secret");
    assertThat(
            from(Map.of(
                    "AWS_ENDPOINT_URL",
                    "https://s3.example.com",
                    "DFS_GATEWAY_PATH_STYLE",
                    "false"))
                .upstream()
                .pathStyle())
        .isFalse();
  }

  @Test
  void badUpstreamSettingsFailWithOneLine() {
    assertThatThrownBy(() -> from(Map.of("AWS_ACCESS_KEY", "UPKEY")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("AWS_SECRET_KEY");
    assertThatThrownBy(() -> from(Map.of("AWS_ENDPOINT_URL", "ftp://x")))
        .hasMessageContaining("AWS_ENDPOINT_URL")
        .hasMessageContaining("http");
    assertThatThrownBy(() -> from(Map.of("DFS_GATEWAY_BUCKET_PREFIX", "Upper_")))
        .hasMessageContaining("DFS_GATEWAY_BUCKET_PREFIX");
    assertThatThrownBy(() -> from(Map.of("DFS_GATEWAY_PATH_STYLE", "yes")))
        .hasMessageContaining("'true' or 'false'");
    assertThatThrownBy(() -> from(Map.of("AWS_SESSION_TOKEN", "tok")))
        .hasMessageContaining("AWS_SESSION_TOKEN");
  }
}
